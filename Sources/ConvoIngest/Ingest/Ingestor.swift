import ConvoBase
import ConvoModel
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

    public init() {}
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
public final class Ingestor {
    private let store: any ConversationStore
    private let registry: FormatRegistry
    private let options: IngestOptions
    private let rejectedWriter: RejectedRecordWriter?
    private let progress: any ProgressObserver
    private let report: (Diagnostic) -> Void

    private var pending: [ConversationPart] = []
    private var result = IngestReport()

    /// - Parameters:
    ///   - rejected: where rejected records go; nil to keep none.
    ///   - report: receives each problem (rejected records, unusable inputs, warnings) as it is found.
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
        for path in paths {
            try ingest(path: path)
        }
        try flush()
        return result
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

    private func ingest(path: String) throws {
        let name = path == "-" ? "<stdin>" : path
        let source: ByteSource
        do {
            source = try ByteSource(path: path)
        } catch {
            unusable(error)
            return
        }
        var state = InputState(name: name)
        if let forced = options.format {
            state.format = registry.format(named: forced)
        }
        var framer = RecordFramer(maxRecordBytes: options.maxRecordBytes)
        let showProgress = (source.size ?? 0) > options.progressThresholdBytes
        let phase = "ingesting \(name)"
        var first = true
        do {
            while let chunk = try source.next() {
                if first {
                    first = false
                    if let problem = binaryProblem(chunk) {
                        unusable(IngestInputError(problem.message, source: name, hints: problem.hints))
                        return
                    }
                }
                try framer.feed(chunk) { event in try handle(event, state: &state) }
                if state.failed != nil { break }
                if showProgress { progress.update(phase, completed: source.consumed, total: source.size, unit: "bytes") }
            }
            if state.failed == nil {
                try framer.finish { event in try handle(event, state: &state) }
            }
        } catch let error as IngestInputError {
            // Broken compressed data: what was read before it stays ingested.
            try endInput(&state)
            if showProgress { progress.finish(phase) }
            unusable(error)
            return
        }
        if showProgress { progress.finish(phase) }
        if let failed = state.failed {
            unusable(failed)
            return
        }
        try endInput(&state)
    }

    private func handle(_ event: FramerEvent, state: inout InputState) throws {
        guard state.failed == nil else { return }
        switch event {
        case .record(let bytes, let line):
            state.records += 1
            result.records += 1
            if let reader = state.reader {
                let parts: [ConversationPart]
                do {
                    parts = try reader.read(bytes: bytes, line: line, maxDepth: options.maxDepth)
                } catch {
                    try reject(RecordRejection(location: SourceLocation(file: state.name, line: line + error.lineOffset),
                                               error: error, raw: Array(bytes)), state: &state)
                    return
                }
                try enqueue(parts)
                return
            }
            // Still detecting the format: parse and keep the record until the format is known.
            do {
                let value = try RecordParsing.parse(bytes, maxDepth: options.maxDepth)
                state.samples.append((value, line, Array(bytes)))
            } catch {
                try reject(RecordRejection(location: SourceLocation(file: state.name, line: line + error.lineOffset),
                                           error: error, raw: Array(bytes)), state: &state)
            }
            try decideFormat(&state, final: false)
        case .oversize(let line, let count):
            try reject(RecordRejection(location: SourceLocation(file: state.name, line: line), error: RecordError(
                "record is \(count) bytes, over the limit of \(options.maxRecordBytes) bytes; it was skipped (raise --max-record-bytes to accept it)")),
                       state: &state)
        case .malformed(let line, let message, let raw):
            try reject(RecordRejection(location: SourceLocation(file: state.name, line: line), error: RecordError(message), raw: raw),
                       state: &state)
        }
    }

    /// Picks the format once a sample record identifies it (or a forced format is confirmed),
    /// then replays the samples through the reader.
    private func decideFormat(_ state: inout InputState, final: Bool) throws {
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
            let parts: [ConversationPart]
            do {
                parts = try reader.read(sample.value, line: sample.line)
            } catch {
                try reject(RecordRejection(location: SourceLocation(file: state.name, line: sample.line + error.lineOffset),
                                           error: error, raw: sample.raw), state: &state)
                continue
            }
            try enqueue(parts)
        }
    }

    private func endInput(_ state: inout InputState) throws {
        if state.reader == nil {
            if state.samples.isEmpty {
                if state.records == 0 && state.rejectedHere == 0 {
                    report(Diagnostic(.warning, at: SourceLocation(file: state.name), "no records (the input is empty)"))
                }
                return
            }
            try decideFormat(&state, final: true)
            if let failed = state.failed {
                unusable(failed)
                return
            }
        }
        guard let reader = state.reader else { return }
        for output in reader.finish() {
            switch output {
            case .part(let part):
                try enqueue([part])
            case .rejected(let line, let error):
                try reject(RecordRejection(location: SourceLocation(file: state.name, line: line), error: error), state: &state)
            }
        }
        if state.rejectedHere > options.reportedRejectionsPerInput {
            let more = state.rejectedHere - options.reportedRejectionsPerInput
            report(Diagnostic(.note, at: SourceLocation(file: state.name),
                              "\(more) more rejected record(s) not shown" + (rejectedWriter.map { "; all are in \($0.url.path)" } ?? "")))
        }
    }

    // MARK: Outcomes

    private func enqueue(_ parts: [ConversationPart]) throws {
        pending.append(contentsOf: parts)
        if pending.count >= options.batchSize { try flush() }
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        result.merge += try store.merge(parts: batch)
    }

    private func reject(_ rejection: RecordRejection, state: inout InputState) throws {
        result.rejected += 1
        state.rejectedHere += 1
        if state.rejectedHere <= options.reportedRejectionsPerInput {
            report(rejection.diagnostic)
        }
        do {
            try rejectedWriter?.append(rejection)
        } catch {
            throw ConvoError("cannot write the rejected record to \(rejectedWriter?.url.path ?? "?"): \(error.localizedDescription)")
        }
    }

    private func unusable(_ error: IngestInputError) {
        result.unusableInputs += 1
        report(Diagnostic(error: error))
    }

    /// Inputs that are plainly not JSON text: NUL bytes, or UTF-16/UTF-32 text.
    private func binaryProblem(_ chunk: [UInt8]) -> (message: String, hints: [String])? {
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
