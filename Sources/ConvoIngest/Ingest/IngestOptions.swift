import ConvoBase
import ConvoStore

/// Settings of one `convo ingest` run.
public struct IngestOptions: Sendable {
    /// Read every input as this format instead of detecting it.
    public var format: String?
    /// Records longer than this are rejected (and never held in memory).
    public var maxRecordBytes = 16 * 1024 * 1024
    public var maxDepth = JSONParser.defaultMaxDepth
    /// Conversation parts per store transaction: what a crash can cost, and what a commit amortises.
    public var batchSize = 4_000
    /// How many records format detection may look at before giving up.
    public var detectionRecords = 64
    /// Rejections printed per input; the rest are only counted and written to `.convo/rejected/`.
    public var reportedRejectionsPerInput = 20
    /// Inputs larger than this report progress.
    public var progressThresholdBytes = 4 * 1024 * 1024
    /// Read and parse on a second thread while the store writes (same results, in the same order).
    public var pipelined = true

    public init() {}
}
