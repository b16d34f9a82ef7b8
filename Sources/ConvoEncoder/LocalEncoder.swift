import ConvoBase
import Foundation

/// Sentence embeddings from a local BERT-family sentence-transformers model (all-MiniLM-L6-v2
/// and models of the same shape), computed in Swift with BLAS: no Python, no server, no network.
///
/// ```swift
/// let encoder = try LocalEncoder(modelDirectory: URL(fileURLWithPath: "path/to/model"))
/// let vectors = encoder.encode(["my card hasn't arrived", "my card was declined"])
/// ```
public struct LocalEncoder: TextEmbedder {
    public struct Options: Sendable, Hashable {
        /// Batches encoded at the same time, one per thread (default: one per core).
        public var threads: Int
        /// Threads each BLAS call may use. With one batch per core already, 1 is fastest.
        public var blasThreads: Int
        /// Tokens per batch. Batches are made of texts of similar length, so this also bounds
        /// the scratch memory per thread (about 15 KB per token for MiniLM).
        public var maxBatchTokens: Int
        /// Truncate texts to fewer tokens than the model allows (`[CLS]` and `[SEP]` included),
        /// trading the end of long texts for speed: cost grows with length. Nil keeps the model's
        /// limit (256 for all-MiniLM-L6-v2). A lower limit changes the identifier.
        public var maxSequenceLength: Int?

        public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, blasThreads: Int = 1,
                    maxBatchTokens: Int = 1024, maxSequenceLength: Int? = nil) {
            self.threads = max(1, threads)
            self.blasThreads = max(1, blasThreads)
            self.maxBatchTokens = max(1, maxBatchTokens)
            self.maxSequenceLength = maxSequenceLength.map { max(2, $0) }
        }
    }

    /// `local/NAME@FINGERPRINT`: changes when the model's configuration, vocabulary or weights
    /// header changes, so cached vectors of another model are never reused.
    public let identifier: String
    public let dimension: Int
    public let options: Options
    public let model: ModelDirectory
    private let network: BertModel
    private let tokenizer: WordPieceTokenizer

    /// Loads and checks the model directory. The file is memory-mapped: the word-embedding table
    /// (half of MiniLM) is used in place, so only the rows of tokens that occur are ever read.
    public init(modelDirectory: URL, options: Options = Options()) throws(ModelFileError) {
        let model = try ModelDirectory(url: modelDirectory)
        self.model = model
        self.options = options
        network = BertModel(configuration: model.configuration,
                            weights: try BertWeights(file: model.weights, configuration: model.configuration))
        dimension = model.configuration.hiddenSize
        tokenizer = model.tokenizer.truncating(to: options.maxSequenceLength ?? model.maxSequenceLength)
        var identifier = "local/\(LocalEncoder.displayName(of: modelDirectory))@\(model.fingerprint)"
        if tokenizer.maxLength < model.maxSequenceLength {
            identifier += "/max\(tokenizer.maxLength)"
        }
        self.identifier = identifier
    }

    /// The model's token ids for `text`, `[CLS]` and `[SEP]` included, truncated to the
    /// maximum sequence length.
    public func tokenize(_ text: String) -> [Int32] {
        tokenizer.tokenize(text)
    }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        await embed(texts, progress: SilentProgress())
    }

    /// `encode(_:progress:)` on a background thread, for async callers.
    public func embed(_ texts: [String], progress: any ProgressObserver) async -> [[Float]] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: encode(texts, progress: progress))
            }
        }
    }

    /// One L2-normalised vector per text, in order. Blocks the calling thread while all cores
    /// work; `embed(_:)` is the same off the caller's thread.
    public func encode(_ texts: [String], progress: any ProgressObserver = SilentProgress()) -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        let sequences = tokenizeAll(texts)
        let batches = LocalEncoder.batches(lengths: sequences.map(\.count), maxTokens: options.maxBatchTokens)
        let dimension = self.dimension
        let results = ResultSlots<[Float]>(count: batches.count)
        let queue = WorkQueue()
        let network = self.network
        BLAS.setThreadCount(options.blasThreads)
        DispatchQueue.concurrentPerform(iterations: min(options.threads, batches.count)) { _ in
            let scratch = BertModel.Scratch()
            while let batchIndex = queue.next(limit: batches.count) {
                let members = batches[batchIndex]
                var vectors = [Float](repeating: 0, count: members.count * dimension)
                vectors.withUnsafeMutableBufferPointer { buffer in
                    guard let base = buffer.baseAddress else { return }
                    network.encode(members.map { sequences[$0] }, into: base, scratch: scratch)
                }
                results.set(batchIndex, vectors)
                let completed = queue.finished(members.count)
                progress.update("embedding texts", completed: completed, total: texts.count, unit: "texts")
            }
        }
        progress.finish("embedding texts")
        var output = [[Float]](repeating: [], count: texts.count)
        for (batch, vectors) in zip(batches, results.values) {
            guard let vectors else { continue }
            for (position, textIndex) in batch.enumerated() {
                output[textIndex] = Array(vectors[(position * dimension)..<((position + 1) * dimension)])
            }
        }
        return output
    }

    /// Token ids for every text, computed on all cores.
    private func tokenizeAll(_ texts: [String]) -> [[Int32]] {
        let tokenizer = self.tokenizer
        let chunk = 256
        let chunks = (texts.count + chunk - 1) / chunk
        let results = ResultSlots<[[Int32]]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let range = (index * chunk)..<min(texts.count, (index + 1) * chunk)
            results.set(index, range.map { tokenizer.tokenize(texts[$0]) })
        }
        return results.values.flatMap { $0 ?? [] }
    }

    /// Groups of text indices: longest texts first, each group at most `maxTokens` tokens (or a
    /// single text), so texts in a batch have similar lengths and work items shrink toward the end.
    static func batches(lengths: [Int], maxTokens: Int) -> [[Int]] {
        let order = lengths.indices.sorted { lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1 }
        var batches: [[Int]] = []
        var current: [Int] = []
        var tokens = 0
        for index in order {
            if !current.isEmpty && tokens + lengths[index] > maxTokens {
                batches.append(current)
                current = []
                tokens = 0
            }
            current.append(index)
            tokens += lengths[index]
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    /// The directory's name; the pip package's generic `model` gets its parent's name in front.
    private static func displayName(of directory: URL) -> String {
        let name = directory.standardizedFileURL.lastPathComponent
        guard name == "model" else { return name }
        return directory.standardizedFileURL.deletingLastPathComponent().lastPathComponent + "/" + name
    }
}

/// Hands out batch indices to worker threads and counts finished texts.
private final class WorkQueue: @unchecked Sendable {
    // Every access goes through `lock`.
    private let lock = NSLock()
    private var nextIndex = 0
    private var completed = 0

    func next(limit: Int) -> Int? {
        lock.withLock {
            guard nextIndex < limit else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func finished(_ count: Int) -> Int {
        lock.withLock {
            completed += count
            return completed
        }
    }
}

/// One result per parallel work item, each written by one thread.
private final class ResultSlots<Value>: @unchecked Sendable {
    // Every access goes through `lock`.
    private let lock = NSLock()
    private var slots: [Value?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Value) {
        lock.withLock { slots[index] = value }
    }

    var values: [Value?] {
        lock.withLock { slots }
    }
}
