import ConvoBase
import ConvoStore

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
