import ConvoBase
@testable import ConvoEncoder
import ConvoTestSupport
import Foundation
import Testing

/// Loading, tokenising and encoding with a small generated model: behaviour that does not need
/// the real weights.
@Suite struct TinyModelTests {
    func load(_ model: TinyModel = TinyModel(), options: LocalEncoder.Options = LocalEncoder.Options(),
              in scratch: ScratchDirectory, name: String = "tiny") throws -> LocalEncoder {
        try LocalEncoder(modelDirectory: model.write(to: scratch.file(name)), options: options)
    }

    func pieces(_ encoder: LocalEncoder, _ text: String) -> [String] {
        encoder.tokenize(text).map { TinyModel.vocabulary[Int($0)] }
    }

    @Test func tokenizesWithBertRules() throws {
        let scratch = try ScratchDirectory()
        let encoder = try load(in: scratch)
        #expect(pieces(encoder, "The card has not ARRIVED!") == ["[CLS]", "the", "card", "has", "not", "arrive", "##d", "!", "[SEP]"])
        #expect(pieces(encoder, "unbelievable, cards?") == ["[CLS]", "un", "##believ", "##able", ",", "card", "##s", "?", "[SEP]"])
        // Accents stripped after NFD; CJK ideographs split into characters.
        #expect(pieces(encoder, "Café 日本") == ["[CLS]", "cafe", "日", "本", "[SEP]"])
        // Control characters removed, every kind of whitespace separates words.
        #expect(pieces(encoder, "hel\u{0}lo\u{7}\t\u{3000}world\u{2028}x") == ["[CLS]", "hello", "world", "x", "[SEP]"])
        // Greedy longest match: "abc" then "##b"; a word with an unmatched rest is one [UNK].
        #expect(pieces(encoder, "abcb") == ["[CLS]", "abc", "##b", "[SEP]"])
        #expect(pieces(encoder, "abz card") == ["[CLS]", "[UNK]", "card", "[SEP]"])
        // Words over 100 characters are [UNK] even when they could be split.
        #expect(pieces(encoder, String(repeating: "a", count: 100) + "b")  == ["[CLS]", "[UNK]", "[SEP]"])
        #expect(pieces(encoder, "") == ["[CLS]", "[SEP]"])
    }

    @Test func truncatesToTheMaximumSequenceLength() throws {
        let scratch = try ScratchDirectory()
        let encoder = try load(in: scratch)
        #expect(encoder.model.maxSequenceLength == 12)  // sentence_bert_config.json
        let ids = encoder.tokenize(String(repeating: "card ", count: 50))
        #expect(ids.count == 12)
        #expect(ids.first == 2 && ids.last == 3)
        #expect(ids.dropFirst().dropLast().allSatisfy { $0 == 6 })

        let shorter = try load(options: LocalEncoder.Options(maxSequenceLength: 5), in: scratch, name: "short/tiny")
        #expect(shorter.tokenize("the card has not arrived") == [2, 5, 6, 11, 3])
        #expect(shorter.identifier == encoder.identifier + "/max5")
        let longer = try load(options: LocalEncoder.Options(maxSequenceLength: 100), in: scratch, name: "long/tiny")
        #expect(longer.tokenize(String(repeating: "card ", count: 50)).count == 12)
        #expect(longer.identifier == encoder.identifier)
    }

    @Test func packedBatchesGiveTheSameVectorsAsOneTextAtATime() throws {
        let scratch = try ScratchDirectory()
        let texts = ["the card", "my card has not arrived!", "", "hello world, hello world, hello world, hello",
                     "x", "unbelievable", "日本", "the card"]
        let batched = try load(options: LocalEncoder.Options(threads: 3, maxBatchTokens: 9), in: scratch).encode(texts)
        let single = try load(options: LocalEncoder.Options(threads: 1, maxBatchTokens: 1), in: scratch, name: "again")
        #expect(batched.count == texts.count)
        for (text, vector) in zip(texts, batched) {
            let alone = single.encode([text])[0]
            #expect(vector.count == TinyModel.hidden)
            #expect(zip(vector, alone).allSatisfy { abs($0 - $1) < 1e-5 }, "vector of \(text.debugDescription) depends on its batch")
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-5)
        }
        #expect(batched[0] == batched[7])
        #expect(batched[0] != batched[1])
    }

    @Test(arguments: ["F16", "BF16"])
    func halfPrecisionWeightsAreConverted(dtype: String) throws {
        let scratch = try ScratchDirectory()
        let texts = ["the card", "my card has not arrived!", "hello world"]
        let full = try load(in: scratch, name: "f32").encode(texts)
        let half = try load(TinyModel(dtype: dtype), in: scratch, name: dtype).encode(texts)
        for (a, b) in zip(full, half) {
            #expect(cosine(a, b) > 0.99)
        }
    }

    @Test func halfPrecisionConversionIsExact() {
        #expect(Float(halfBits: 0x3c00) == 1)
        #expect(Float(halfBits: 0xc000) == -2)
        #expect(Float(halfBits: 0x3555) == 0.333_251_95)
        #expect(Float(halfBits: 0x0001) == 0x1p-24)  // smallest subnormal
        #expect(Float(halfBits: 0x7c00) == .infinity)
        #expect(Float(halfBits: 0x7e00).isNaN)
    }

    @Test func identifierFollowsTheModelNotItsLocation() throws {
        let scratch = try ScratchDirectory()
        let first = try load(in: scratch, name: "a/tiny")
        let copy = try load(in: scratch, name: "b/tiny")
        #expect(first.identifier == copy.identifier)
        #expect(first.identifier.hasPrefix("local/tiny@"))
        var changed = TinyModel()
        changed.config["layer_norm_eps"] = .double(1e-6)
        let other = try load(changed, in: scratch, name: "c/tiny")
        #expect(other.identifier != first.identifier)
        #expect(first.dimension == TinyModel.hidden)
    }

    @Test func embedRunsOffTheCallersThreadAndKeepsOrder() async throws {
        let scratch = try ScratchDirectory()
        let encoder = try load(in: scratch)
        let texts = (0..<50).map { "card \($0 % 7) " + String(repeating: "x ", count: $0 % 5) }
        let vectors = try await encoder.embed(texts)
        #expect(vectors == encoder.encode(texts))
        #expect(try await encoder.embed([]).isEmpty)
    }
}
