import ConvoEncoder
import Testing

/// The encoder against sentence-transformers' own output for all-MiniLM-L6-v2.
@Suite(.enabled(if: MiniLMModel.shouldRun, MiniLMModel.skipReason))
struct ReferenceTests {
    @Test func tokenIDsMatchTheReferenceForEveryText() throws {
        let encoder = try MiniLMModel.load()
        let examples = try ReferenceExample.load()
        #expect(examples.count == 160)
        var mismatches = 0
        for example in examples {
            let ids = encoder.tokenize(example.text)
            if ids != example.inputIDs {
                mismatches += 1
                Issue.record("token ids differ for \(example.text.prefix(60).debugDescription): got \(ids.prefix(20)), expected \(example.inputIDs.prefix(20))")
            }
        }
        #expect(mismatches == 0)
    }

    @Test func embeddingsMatchTheReferenceForEveryText() async throws {
        let encoder = try MiniLMModel.load()
        let examples = try ReferenceExample.load()
        let vectors = try await encoder.embed(examples.map(\.text))
        #expect(vectors.count == examples.count)
        var worst = 1.0
        for (example, vector) in zip(examples, vectors) {
            #expect(vector.count == 384)
            let similarity = cosine(vector, example.embedding)
            worst = min(worst, similarity)
            #expect(similarity >= 0.9999, "cosine \(similarity) for \(example.text.prefix(60).debugDescription)")
        }
        print("MiniLM reference: lowest cosine over \(examples.count) texts = \(worst)")
    }
}
