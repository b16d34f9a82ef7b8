import ConvoBase
import ConvoModel
import ConvoStore
import Foundation

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


/// Reads transcript files into the store: detects each input's format, frames and parses records
/// with bounded memory, rejects bad records (reported, written to `.convo/rejected/`, counted)
/// without stopping, and commits parts in batches.
///
/// Reading and parsing run on a second thread while the store writes on the calling one; the two
/// meet in a small bounded queue, so memory stays bounded and results arrive in input order.
public final class Ingestor {
    private let store: any ConversationStore
    private let registry: FormatRegistry
    private let options: IngestOptions
    private let rejectedWriter: RejectedRecordWriter?
    private let progress: any ProgressObserver
    private let report: (Diagnostic) -> Void

    private var pending: [ConversationPart] = []
    private var result = IngestReport()
    /// Where merged batches go to be freed: the reading thread, which allocated them. Freeing
    /// memory of another thread's malloc arena is slow, and the writer is the bottleneck.
    private var recycle: ((consuming [ConversationPart]) -> Void)?

    /// - Parameters:
    ///   - rejected: where rejected records go; nil to keep none.
    ///   - report: receives each problem (rejected records, unusable inputs, warnings) as it is found,
    ///     on the calling thread.
    public init(store: any ConversationStore, registry: FormatRegistry = .builtIn, options: IngestOptions = IngestOptions(),
                rejected: RejectedRecordWriter?, progress: any ProgressObserver = SilentProgress(),
                report: @escaping (Diagnostic) -> Void) {
        self.store = store
        self.registry = registry
        self.options = options
        self.rejectedWriter = rejected
        self.progress = progress
        self.report = report
    }

    /// Ingests each input in turn (`-` is standard input). Problems with one input never stop the
    /// others; only a store failure (disk full, store locked) is thrown, after which batches
    /// already committed stay committed.
    /// - Throws: `ConvoError.usage` for an unknown `--format`; store errors.
    public func ingest(paths: [String]) throws -> IngestReport {
        if let forced = options.format, registry.format(named: forced) == nil {
            throw ConvoError.usage("unknown format '\(forced)'",
                                   hints: ["formats: " + registry.names.joined(separator: ", ")]
                                       + Suggestions.closest(to: forced, in: registry.names, limit: 1).map { "did you mean '\($0)'?" })
        }
        result = IngestReport()
        let reader = InputReader(registry: registry, options: options, progress: progress)
        if options.pipelined {
            let queue = EventQueue(capacity: 16)
            let thread = Thread {
                reader.read(paths) { queue.push($0) }
                queue.close()
            }
            thread.stackSize = 16 << 20
            recycle = { queue.recycle($0) }
            defer { recycle = nil }
            thread.start()
            do {
                while let events = queue.pop() {
                    for event in events { try apply(event) }
                }
            } catch {
                queue.cancel()
                throw error
            }
        } else {
            var failure: (any Error)?
            reader.read(paths) { events in
                guard failure == nil else { return false }
                do {
                    for event in events { try self.apply(event) }
                } catch {
                    failure = error
                    return false
                }
                return true
            }
            if let failure { throw failure }
        }
        try flush()
        return result
    }

    /// Reads a body already in memory (an HTTP request) as records of one format, exactly as
    /// `ingest` reads a file of that format: one JSON object, a JSON array, or NDJSON; gzip is
    /// inflated. Nothing is stored; the caller merges `parts` and writes `rejections`.
    public static func read(body: [UInt8], as format: any IngestFormat, source: String = "request",
                            options: IngestOptions = IngestOptions()) -> BodyContents {
        var forced = options
        forced.format = format.name
        var contents = BodyContents()
        let registry = FormatRegistry.builtIn.adding(format)
        InputReader(registry: registry, options: forced, progress: SilentProgress())
            .read(ByteSource(bytes: body, name: source)) { events in
                for event in events {
                    switch event {
                    case .parts(let parts): contents.parts += parts
                    case .rejected(let rejection, _): contents.rejections.append(rejection)
                    case .unusable(let error): contents.unusable = error
                    case .records(let count): contents.records += count
                    case .diagnostic: break
                    }
                }
                return true
            }
        return contents
    }

    private func apply(_ event: IngestEvent) throws {
        switch event {
        case .parts(let parts):
            if pending.isEmpty { pending = parts } else { pending.append(contentsOf: parts) }
            if pending.count >= options.batchSize { try flush() }
        case .rejected(let rejection, let shown):
            result.rejected += 1
            if shown { report(rejection.diagnostic) }
            do {
                try rejectedWriter?.append(rejection)
            } catch {
                throw ConvoError("cannot write the rejected record to \(rejectedWriter?.url.path ?? "?"): \(error.localizedDescription)")
            }
        case .diagnostic(let diagnostic):
            report(diagnostic)
        case .unusable(let error):
            result.unusableInputs += 1
            report(Diagnostic(error: error))
        case .records(let count):
            result.records += count
        }
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending = []
        result.merge += try store.merge(parts: batch)
        if let recycle { recycle(consume batch) }
    }
}

/// What reading an input produced, in input order.
enum IngestEvent: Sendable {
    case parts([ConversationPart])
    /// A rejected record, and whether to print it (only the first few per input are).
    case rejected(RecordRejection, shown: Bool)
    case diagnostic(Diagnostic)
    case unusable(IngestInputError)
    case records(Int)
}

/// Hands batches of events from the reading thread to the writing one, blocking the reader when
/// the writer falls behind (bounded memory).
final class EventQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [[IngestEvent]] = []
    private let capacity: Int
    private var closed = false
    private var cancelled = false
    private var bin: [[ConversationPart]] = []

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// False once the consumer gave up: the reader should stop. Frees recycled batches on the
    /// calling (reading) thread.
    func push(_ events: [IngestEvent]) -> Bool {
        var garbage: [[ConversationPart]] = []
        defer { garbage.removeAll() }
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        swap(&garbage, &bin)
        if cancelled { return false }
        items.append(events)
        condition.broadcast()
        return true
    }

    /// Hands a merged batch back, to be freed by the reading thread.
    func recycle(_ batch: consuming [ConversationPart]) {
        condition.lock()
        bin.append(batch)
        condition.unlock()
    }

    func pop() -> [IngestEvent]? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        if items.isEmpty { return nil }
        let first = items.removeFirst()
        condition.broadcast()
        return first
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// The reading side of an ingest: inputs → bytes → records → format → parts, as events.
final class InputReader: @unchecked Sendable {
    private let registry: FormatRegistry
    private let options: IngestOptions
    private let progress: any ProgressObserver
    private var outbox: [IngestEvent] = []
    private var outboxParts: [ConversationPart] = []
    private var sink: ([IngestEvent]) -> Bool = { _ in true }
    private var stopped = false

    init(registry: FormatRegistry, options: IngestOptions, progress: any ProgressObserver) {
        self.registry = registry
        self.options = options
        self.progress = progress
    }

    /// Reads every input, sending events in batches; stops early when `send` returns false.
    func read(_ paths: [String], send: @escaping ([IngestEvent]) -> Bool) {
        sink = send
        for path in paths where !stopped {
            let source: ByteSource
            do {
                source = try ByteSource(path: path)
            } catch {
                emit(.unusable(error))
                continue
            }
            readInput(source)
        }
        deliver()
    }

    /// Reads one in-memory input.
    func read(_ source: ByteSource, send: @escaping ([IngestEvent]) -> Bool) {
        sink = send
        readInput(source)
        deliver()
    }

    // MARK: Events

    private func emit(_ event: IngestEvent) {
        if !outboxParts.isEmpty {
            outbox.append(.parts(outboxParts))
            outboxParts.removeAll(keepingCapacity: true)
        }
        outbox.append(event)
        if outbox.count >= 64 { deliver() }
    }

    private func emit(parts: [ConversationPart]) {
        outboxParts.append(contentsOf: parts)
        if outboxParts.count >= 512 { deliver() }
    }

    private func deliver() {
        if !outboxParts.isEmpty {
            outbox.append(.parts(outboxParts))
            outboxParts = []
        }
        guard !outbox.isEmpty, !stopped else { return }
        if !sink(outbox) { stopped = true }
        outbox = []
    }

    // MARK: One input

    /// Per-input state while records stream through.
    private struct InputState {
        var name: String
        var format: (any IngestFormat)?
        var reader: (any RecordReader)?
        var samples: [(value: JSONValue, line: Int, raw: [UInt8])] = []
        var rejectedHere = 0
        var records = 0
        var failed: IngestInputError?
    }

    private func readInput(_ source: ByteSource) {
        let name = source.name == "-" ? "<stdin>" : source.name
        var state = InputState(name: name)
        if let forced = options.format { state.format = registry.format(named: forced) }
        var framer = RecordFramer(maxRecordBytes: options.maxRecordBytes)
        let showProgress = (source.size ?? 0) > options.progressThresholdBytes
        let phase = "ingesting \(name)"
        defer { if showProgress { progress.finish(phase) } }
        var first = true
        do {
            while let chunk = try source.next() {
                if first {
                    first = false
                    if let problem = InputReader.binaryProblem(chunk) {
                        emit(.unusable(IngestInputError(problem.message, source: name, hints: problem.hints)))
                        return
                    }
                }
                framer.feed(chunk) { event in handle(event, state: &state) }
                if state.failed != nil || stopped { break }
                if showProgress { progress.update(phase, completed: source.consumed, total: source.size, unit: "bytes") }
            }
            if state.failed == nil && !stopped {
                framer.finish { event in handle(event, state: &state) }
            }
        } catch {
            // Broken compressed data: what was read before it stays ingested, and a record cut
            // off by the break is rejected like any other broken record.
            if state.failed == nil {
                framer.finish { event in handle(event, state: &state) }
            }
            endInput(&state, quietWhenEmpty: true)
            emit(.unusable(error))
            return
        }
        if let failed = state.failed {
            emit(.records(state.records))
            emit(.unusable(failed))
            return
        }
        endInput(&state)
    }

    private func handle(_ event: FramerEvent, state: inout InputState) {
        guard state.failed == nil, !stopped else { return }
        switch event {
        case .record(let bytes, let line):
            state.records += 1
            if let reader = state.reader {
                do {
                    emit(parts: try reader.read(bytes: bytes, line: line, maxDepth: options.maxDepth))
                } catch {
                    reject(RecordRejection(location: SourceLocation(file: state.name, line: line + error.lineOffset),
                                           error: error, raw: Array(bytes)), state: &state)
                }
                return
            }
            // Still detecting the format: parse and keep the record until the format is known.
            do {
                let value = try RecordParsing.parse(bytes, maxDepth: options.maxDepth)
                state.samples.append((value, line, Array(bytes)))
            } catch {
                reject(RecordRejection(location: SourceLocation(file: state.name, line: line + error.lineOffset),
                                       error: error, raw: Array(bytes)), state: &state)
            }
            decideFormat(&state, final: false)
        case .oversize(let line, let count):
            reject(RecordRejection(location: SourceLocation(file: state.name, line: line), error: RecordError(
                "record is \(count) bytes, over the limit of \(options.maxRecordBytes) bytes; it was skipped (raise --max-record-bytes to accept it)")),
                   state: &state)
        case .malformed(let line, let message, let raw):
            reject(RecordRejection(location: SourceLocation(file: state.name, line: line), error: RecordError(message), raw: raw),
                   state: &state)
        }
    }

    /// Picks the format once a sample record identifies it (or a forced format is confirmed),
    /// then replays the samples through the reader.
    private func decideFormat(_ state: inout InputState, final: Bool) {
        guard state.reader == nil, !state.samples.isEmpty else { return }
        let values = state.samples.map(\.value)
        if let forced = state.format {
            // A forced format must recognise at least one of the first records.
            guard values.contains(where: forced.recognizes) else {
                if final || state.samples.count >= options.detectionRecords {
                    let looksLike = registry.detect(values).map { " (it looks like '\($0.name)')" } ?? ""
                    state.failed = IngestInputError(
                        "the records are not '\(forced.name)' records\(looksLike)", source: state.name,
                        line: state.samples.first?.line,
                        hints: ["drop --format to detect the format, or pick the right one: " + registry.names.joined(separator: ", ")])
                }
                return
            }
        } else {
            guard let detected = registry.detect(values) else {
                if final || state.samples.count >= options.detectionRecords {
                    state.failed = IngestInputError(
                        "cannot tell the format from the first \(state.samples.count) record(s)", source: state.name,
                        line: state.samples.first?.line,
                        hints: ["known formats: " + registry.formats.map { "\($0.name) (\($0.summary))" }.joined(separator: "; "),
                                "force one with --format NAME"])
                }
                return
            }
            state.format = detected
        }
        guard let format = state.format else { return }
        if let reason = format.unavailableReason {
            state.failed = IngestInputError(reason, source: state.name, line: state.samples.first?.line)
            return
        }
        let reader = format.makeReader(source: state.name)
        state.reader = reader
        let samples = state.samples
        state.samples = []
        for sample in samples {
            do {
                emit(parts: try reader.read(sample.value, line: sample.line))
            } catch {
                reject(RecordRejection(location: SourceLocation(file: state.name, line: sample.line + error.lineOffset),
                                       error: error, raw: sample.raw), state: &state)
            }
        }
    }

    private func endInput(_ state: inout InputState, quietWhenEmpty: Bool = false) {
        emit(.records(state.records))
        if state.reader == nil {
            if state.samples.isEmpty {
                if state.records == 0 && state.rejectedHere == 0 && !quietWhenEmpty {
                    emit(.diagnostic(Diagnostic(.warning, at: SourceLocation(file: state.name), "no records (the input is empty)")))
                }
                return
            }
            decideFormat(&state, final: true)
            if let failed = state.failed {
                emit(.unusable(failed))
                return
            }
        }
        guard let reader = state.reader else { return }
        for output in reader.finish() {
            switch output {
            case .part(let part):
                emit(parts: [part])
            case .rejected(let line, let error):
                reject(RecordRejection(location: SourceLocation(file: state.name, line: line), error: error), state: &state)
            }
        }
        if state.rejectedHere > options.reportedRejectionsPerInput {
            let more = state.rejectedHere - options.reportedRejectionsPerInput
            emit(.diagnostic(Diagnostic(.note, at: SourceLocation(file: state.name),
                                        "\(more) more rejected record(s) not shown; all are in .convo/rejected/")))
        }
    }

    private func reject(_ rejection: RecordRejection, state: inout InputState) {
        state.rejectedHere += 1
        emit(.rejected(rejection, shown: state.rejectedHere <= options.reportedRejectionsPerInput))
    }

    /// Inputs that are plainly not JSON text: NUL bytes, or UTF-16/UTF-32 text.
    static func binaryProblem(_ chunk: [UInt8]) -> (message: String, hints: [String])? {
        let head = chunk.prefix(8192)
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            return ("the input is UTF-16 text; convo reads UTF-8", ["convert it first, e.g. `iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8`"])
        }
        if head.contains(0) {
            return ("the input is binary data, not JSON text", ["pass JSONL or JSON files (optionally gzip-compressed)"])
        }
        return nil
    }
}
