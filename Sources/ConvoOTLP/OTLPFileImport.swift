import ConvoBase
import ConvoModel
import ConvoStore

/// A record of an OTLP JSON export file that could not be used, located by line.
public struct OTLPFileRecordError: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line of the file where the document holding the record starts.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

public struct OTLPFileImportResult: Sendable {
    /// One per conversation, in the order first seen.
    public var conversations: [Conversation]
    /// Records rejected inside otherwise readable documents, by line.
    public var errors: [OTLPFileRecordError]
}

/// OTLP JSON export files, read one document at a time: the collector's file exporter writes
/// one `ExportTraceServiceRequest` or `ExportLogsServiceRequest` JSON object per line; a
/// hand-made export may be one document. The caller frames and parses the documents
/// (`convo ingest` does, with its bounded-memory framer) and hands each one here with its line.
///
/// A document may hold `resourceSpans`, `resourceLogs`, or both; metrics and profiles are
/// skipped. Assembly runs over the whole file (nothing expires), so the order of documents does
/// not matter: log events before their spans, children before the span naming the conversation.
/// Fragments of one conversation are combined, so each conversation comes out once.
public final class OTLPFileImport {
    private let assembler = GenAIAssembler(limits: .init(maxPending: .max, maxKnownSpans: .max, pendingTTLMilliseconds: .max))
    private var conversations: [String: Conversation] = [:]
    private var order: [String] = []
    private var errors: [OTLPFileRecordError] = []
    /// The line each span (or the first log record naming it) came from, to locate rejections
    /// assembly makes later, when the span is finally placed.
    private var spanLines: [SpanKey: Int] = [:]
    private var lastLine = 1

    public init() {}

    /// Adds one document starting on `line`. Records rejected inside it (or, because of it,
    /// in earlier documents) are kept for `finish()`.
    /// - Throws: when the document as a whole is not an OTLP export request.
    public func add(_ document: JSONValue, line: Int) throws(OTLPDecodingError) {
        guard case .object(let object) = document else {
            throw OTLPDecodingError("expected an OTLP ExportTraceServiceRequest or ExportLogsServiceRequest JSON object, found \(document.typeName)")
        }
        lastLine = line
        var batch = TelemetryBatch()
        if object["resourceSpans"] != nil {
            batch = try OTLPJSONDecoder.traces(document)
        }
        if object["resourceLogs"] != nil {
            let logs = try OTLPJSONDecoder.logs(document)
            batch.logRecords = logs.logRecords
            batch.rejected += logs.rejected
        }
        if object["resourceSpans"] == nil && object["resourceLogs"] == nil {
            if object["resource_spans"] != nil || object["resource_logs"] != nil {
                throw OTLPDecodingError("the keys are protobuf field names (resource_spans); OTLP/JSON uses lowerCamelCase (resourceSpans, resourceLogs)",
                                        hints: ["export with the collector's file exporter or an OTLP/JSON encoder"])
            }
            if object["resourceMetrics"] != nil || object["resourceProfiles"] != nil { return }
            throw OTLPDecodingError("not an OTLP export request: no resourceSpans or resourceLogs")
        }
        for span in batch.spans where spanLines[span.key] == nil { spanLines[span.key] = line }
        for record in batch.logRecords {
            if let key = record.span, spanLines[key] == nil { spanLines[key] = line }
        }
        collect(assembler.add(batch, now: Timestamp(millisecondsSinceEpoch: 0)), line: line)
    }

    /// Places what still waits (with fallback ids) and returns the file's conversations and
    /// rejected records. The importer is spent afterwards.
    public func finish() -> OTLPFileImportResult {
        collect(assembler.flush().build(), line: lastLine)
        let located = errors.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        return OTLPFileImportResult(conversations: order.compactMap { conversations[$0] }, errors: located)
    }

    private func collect(_ result: AssemblyResult, line: Int) {
        for fragment in result.conversations {
            if let existing = conversations[fragment.id] {
                conversations[fragment.id] = Self.combine(existing, fragment)
            } else {
                order.append(fragment.id)
                conversations[fragment.id] = fragment
            }
        }
        for rejected in result.rejected {
            errors.append(OTLPFileRecordError(line: rejected.span.flatMap { spanLines[$0] } ?? line, message: rejected.description))
        }
    }

    /// Two fragments of one conversation from the same file, combined by the store's rules for
    /// facts and the assembler's for repeated chat history.
    static func combine(_ a: Conversation, _ b: Conversation) -> Conversation {
        var merged = ConversationFacts.merge(stored: a, incoming: b)
        merged.turns = TranscriptMerge.merge(a.turns, b.turns)
        return merged
    }
}
