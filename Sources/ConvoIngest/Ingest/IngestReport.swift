import ConvoBase
import ConvoStore

/// What an in-memory body held: its conversation parts, and what was wrong with the rest.
public struct BodyContents: Sendable {
    public var parts: [ConversationPart] = []
    /// Records that could not be read, located by line within the body.
    public var rejections: [RecordRejection] = []
    /// The body as a whole could not be read (wrong format, broken gzip, binary).
    public var unusable: IngestInputError?
    public var records = 0
}

/// What a run did, for the summary line and the exit status.
public struct IngestReport: Sendable, Hashable {
    public var merge = MergeSummary()
    public var records = 0
    public var rejected = 0
    /// Inputs that could not be read at all.
    public var unusableInputs = 0

    public init() {}

    /// The stable summary line: `ingested 3, merged 1, unchanged 0, rejected 2`.
    public var summaryLine: String {
        "ingested \(merge.ingested), merged \(merge.merged), unchanged \(merge.unchanged), rejected \(rejected)"
    }

    /// 2 when an input was unusable, 1 when a record was rejected, else 0.
    public var exitStatus: ExitStatus {
        if unusableInputs > 0 { return .usage }
        return rejected > 0 ? .finding : .success
    }
}
