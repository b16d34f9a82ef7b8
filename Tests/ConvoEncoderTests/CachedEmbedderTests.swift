import ConvoBase
import ConvoEmbeddingCache
import ConvoTestSupport
import Foundation
import Testing

/// An embedder that records which texts it was asked for. Vectors derive from the text's
/// SHA-256, so they are deterministic and differ between texts.
final class RecordingEmbedder: TextEmbedder, @unchecked Sendable {
    // `calls` is guarded by `lock`.
    private let lock = NSLock()
    private var recorded: [[String]] = []
    let identifier: String
    let dimension: Int

    init(identifier: String = "test/recording@1", dimension: Int = 6) {
        self.identifier = identifier
        self.dimension = dimension
    }

    var calls: [[String]] { lock.withLock { recorded } }
    var embeddedTexts: [String] { calls.flatMap { $0 } }

    func embed(_ texts: [String]) async throws -> [[Float]] {
        lock.withLock { recorded.append(texts) }
        return texts.map { text in
            SHA256.hash(text).prefix(dimension).map { Float(Int($0) - 128) / 64 }
        }
    }
}

@Suite struct CachedEmbedderTests {
    @Test func onlyNewTextsReachTheBaseEmbedder() async throws {
        let scratch = try ScratchDirectory()
        let cacheURL = scratch.file(".convo/cache/embeddings.sqlite")
        let base = RecordingEmbedder()
        let cached = try CachedEmbedder(base: base, cacheURL: cacheURL)
        let first = try await cached.embed(["a", "b", "a", "c"])
        #expect(base.embeddedTexts == ["a", "b", "c"])
        #expect(first[0] == first[2])
        #expect(first == (try await base.embed(["a", "b", "a", "c"])))

        let second = try await cached.embed(["c", "d", "a", "é"])
        #expect(base.embeddedTexts == ["a", "b", "c", "a", "b", "a", "c", "d", "é"])
        #expect(second[0] == first[3] && second[2] == first[0])

        // A new process (a new cache object on the same file) finds everything.
        let reopenedBase = RecordingEmbedder()
        let reopened = try CachedEmbedder(base: reopenedBase, cacheURL: cacheURL)
        #expect(try await reopened.embed(["é", "a", "b", "c", "d"]) == [second[3], first[0], first[1], first[3], second[1]])
        #expect(reopenedBase.calls.isEmpty)
        #expect(try reopened.cache.count(embedder: base.identifier) == 5)
    }

    @Test func anotherModelDoesNotReuseVectors() async throws {
        let scratch = try ScratchDirectory()
        let cacheURL = scratch.file("cache.sqlite")
        _ = try await CachedEmbedder(base: RecordingEmbedder(), cacheURL: cacheURL).embed(["a", "b"])
        let newModel = RecordingEmbedder(identifier: "test/recording@2")
        _ = try await CachedEmbedder(base: newModel, cacheURL: cacheURL).embed(["a", "b"])
        #expect(newModel.embeddedTexts == ["a", "b"])
        // Same identifier with another dimension: the old vectors are not returned.
        let wider = RecordingEmbedder(dimension: 8)
        let vectors = try await CachedEmbedder(base: wider, cacheURL: cacheURL).embed(["a"])
        #expect(wider.embeddedTexts == ["a"])
        #expect(vectors[0].count == 8)
    }

    @Test func largeRunsAreStoredChunkByChunk() async throws {
        let scratch = try ScratchDirectory()
        let base = RecordingEmbedder()
        let cached = try CachedEmbedder(base: base, cacheURL: scratch.file("cache.sqlite"), chunkSize: 2)
        let texts = (0..<5).map { "text \($0)" }
        let vectors = try await cached.embed(texts)
        #expect(base.calls.map(\.count) == [2, 2, 1])
        #expect(vectors == (try await base.embed(texts)))
        #expect(try cached.cache.count(embedder: base.identifier) == 5)
    }

    @Test func vectorsRoundTripExactly() async throws {
        let scratch = try ScratchDirectory()
        let cache = try EmbeddingCache(url: scratch.file("cache.sqlite"))
        let vector: [Float] = [0, -0.0, 1e-38, .pi, -123.456, .greatestFiniteMagnitude]
        try cache.store([(key: EmbeddingCache.key(for: "x"), vector: vector)], embedder: "e", dimension: 6)
        let read = try cache.vectors(forKeys: [EmbeddingCache.key(for: "x"), EmbeddingCache.key(for: "y")], embedder: "e", dimension: 6)
        #expect(read[0]?.map(\.bitPattern) == vector.map(\.bitPattern))
        #expect(read[1] == nil)
        #expect(try cache.vectors(forKeys: [EmbeddingCache.key(for: "x")], embedder: "other", dimension: 6) == [nil])
    }

    @Test func aCorruptCacheFileIsAnErrorNamingIt() async throws {
        let scratch = try ScratchDirectory()
        let url = try scratch.write("cache.sqlite", String(repeating: "not a database ", count: 300))
        do {
            _ = try await CachedEmbedder(base: RecordingEmbedder(), cacheURL: url).embed(["a"])
            Issue.record("a corrupt cache was used")
        } catch let error as EmbeddingCacheError {
            #expect(error.path == url.path)
            #expect(error.message.contains("not a database"))
            #expect(error.hints.contains { $0.contains("delete") })
        }
    }
}
