import ConvoBase
import ConvoModel
import ConvoStore
import Foundation

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
