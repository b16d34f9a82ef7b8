import ConvoBase
import ConvoModel
import Foundation

/// Which intent a simulated conversation really is: what clustering is scored against.
/// Off-topic conversations have neither intent nor kind.
public struct GroundTruth: Sendable, Hashable {
    public var conversation: String
    public var intent: String?
    public var kind: SimulatedIntent.Kind?

    public init(conversation: String, intent: String?, kind: SimulatedIntent.Kind?) {
        self.conversation = conversation
        self.intent = intent
        self.kind = kind
    }
}

/// A whole simulated period in memory: fine for the demo's thousands of conversations; use
/// `Simulator.stream` or `Simulator.write` for hundreds of thousands.
public struct SimulatedDataset: Sendable {
    /// Sorted by start time, then id.
    public var conversations: [Conversation]
    /// The accounts that appear in `conversations`, sorted by id, with churn dates known by the last day.
    public var accounts: [Account]
    /// One per conversation, in the same order.
    public var truth: [GroundTruth]

    public init(conversations: [Conversation], accounts: [Account], truth: [GroundTruth]) {
        self.conversations = conversations
        self.accounts = accounts
        self.truth = truth
    }

    /// The conversations that started from `first` through `last`, with the accounts they
    /// mention as billing would know them at the end of `last` (later churn not yet known).
    /// The demo simulates two weeks at once and ingests them one week at a time this way.
    public func slice(from first: Day, through last: Day) -> SimulatedDataset {
        var conversations: [Conversation] = []
        var truth: [GroundTruth] = []
        var accountIDs = Set<String>()
        for (conversation, label) in zip(self.conversations, self.truth) {
            guard let day = conversation.startedAt?.day, day >= first, day <= last else { continue }
            conversations.append(conversation)
            truth.append(label)
            if let account = conversation.user.account { accountIDs.insert(account) }
        }
        let accounts = self.accounts.filter { accountIDs.contains($0.id) }.map { account in
            var known = account
            if let churn = known.churnDate, churn > last { known.churnDate = nil }
            return known
        }
        return SimulatedDataset(conversations: conversations, accounts: accounts, truth: truth)
    }
}

/// Generates the worked example's support traffic, deterministically for a seed.
///
/// ```swift
/// let simulator = try Simulator(SimulationConfiguration(seed: 7, conversations: 3200))
/// let dataset = simulator.generate()
/// ```
public struct Simulator: Sendable {
    public let configuration: SimulationConfiguration

    public init(_ configuration: SimulationConfiguration) throws(SimulatorError) {
        try configuration.validate()
        self.configuration = configuration
    }

    /// Everything in memory.
    public func generate(progress: any ProgressObserver = SilentProgress()) -> SimulatedDataset {
        var conversations: [Conversation] = []
        var truth: [GroundTruth] = []
        conversations.reserveCapacity(configuration.conversations)
        truth.reserveCapacity(configuration.conversations)
        let accounts = stream(progress: progress) { conversation, label in
            conversations.append(conversation)
            truth.append(label)
        }
        return SimulatedDataset(conversations: conversations, accounts: accounts, truth: truth)
    }

    /// Hands each conversation to `body` in output order (start time, then id), holding only
    /// one conversation's text at a time. Returns the accounts that appeared, sorted by id.
    public func stream(progress: any ProgressObserver = SilentProgress(),
                       _ body: (Conversation, GroundTruth) throws -> Void) rethrows -> [Account] {
        let schedule = Schedule.make(configuration)
        let composer = ConversationComposer(configuration: configuration)
        let phase = "simulating conversations"
        let total = schedule.conversations.count
        for (position, scheduled) in schedule.conversations.enumerated() {
            let conversation = composer.compose(scheduled, book: schedule.accounts)
            let intent = scheduled.intent.map { IntentCatalogue.compiled[$0].spec.intent }
            try body(conversation, GroundTruth(conversation: scheduled.id, intent: intent?.id, kind: intent?.kind))
            if position % 2000 == 0 { progress.update(phase, completed: position, total: total, unit: "conversations") }
        }
        progress.finish(phase)
        return schedule.accounts.accounts(knownBy: configuration.end)
    }

    /// Writes `conversations.jsonl`, `accounts.jsonl` and `truth.jsonl` into `directory`
    /// (created if missing), streaming, and returns what was written.
    public func write(to directory: URL, progress: any ProgressObserver = SilentProgress()) throws -> SimulationSummary {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SimulatorOutputError(path: directory.path, reason: error.localizedDescription)
        }
        let conversationsFile = try LineFile(directory.appendingPathComponent(SimulatorOutput.conversationsFile))
        let truthFile = try LineFile(directory.appendingPathComponent(SimulatorOutput.truthFile))
        var summary = SummaryBuilder(configuration: configuration)
        let accounts = try stream(progress: progress) { conversation, label in
            try conversationsFile.append(ConversationJSON.encode(conversation))
            try truthFile.append(SimulatorOutput.truthLine(label))
            summary.add(conversation, label)
        }
        try conversationsFile.close()
        try truthFile.close()
        let accountsFile = try LineFile(directory.appendingPathComponent(SimulatorOutput.accountsFile))
        for account in accounts { try accountsFile.append(SimulatorOutput.accountLine(account)) }
        try accountsFile.close()
        return summary.finish(accounts: accounts)
    }
}

/// The simulator's file formats, for callers that write the files themselves.
public enum SimulatorOutput {
    public static let conversationsFile = "conversations.jsonl"
    public static let accountsFile = "accounts.jsonl"
    public static let truthFile = "truth.jsonl"

    /// `{"id","plan","mrr","signup_date","churn_date"}`, as `convo ingest --accounts` reads them.
    public static func accountLine(_ account: Account) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("id"); w.string(account.id)
        w.key("plan"); if let plan = account.plan { w.string(plan) } else { w.null() }
        w.key("mrr"); if let mrr = account.mrr { w.double(mrr) } else { w.null() }
        w.key("signup_date"); if let day = account.signupDate { w.string(day.iso8601) } else { w.null() }
        w.key("churn_date"); if let day = account.churnDate { w.string(day.iso8601) } else { w.null() }
        w.endObject()
        return w.string
    }

    /// `{"conversation","intent","kind"}`, with nulls for off-topic conversations.
    public static func truthLine(_ truth: GroundTruth) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("conversation"); w.string(truth.conversation)
        w.key("intent"); if let intent = truth.intent { w.string(intent) } else { w.null() }
        w.key("kind"); if let kind = truth.kind { w.string(kind.rawValue) } else { w.null() }
        w.endObject()
        return w.string
    }
}

/// The output directory or a file in it could not be written.
public struct SimulatorOutputError: UserFacingError {
    public var path: String
    public var reason: String
    public var location: SourceLocation? { SourceLocation(file: path) }
    public var message: String { "cannot write: \(reason)" }
    public var hints: [String] { ["check that the directory is writable and the disk has space, or pass another --out"] }
}

/// Buffered line output: one `write` per megabyte, not per line.
final class LineFile {
    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []

    init(_ url: URL) throws(SimulatorOutputError) {
        path = url.path
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: url.path)
        else { throw SimulatorOutputError(path: url.path, reason: "the file could not be created") }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    func append(_ line: String) throws(SimulatorOutputError) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func close() throws(SimulatorOutputError) {
        try flush()
        do { try handle.close() } catch { throw SimulatorOutputError(path: path, reason: error.localizedDescription) }
    }

    private func flush() throws(SimulatorOutputError) {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { throw SimulatorOutputError(path: path, reason: error.localizedDescription) }
        buffer.removeAll(keepingCapacity: true)
    }
}
