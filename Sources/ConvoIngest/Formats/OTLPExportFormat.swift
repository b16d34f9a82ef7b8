import ConvoBase
import ConvoOTLP
import ConvoStore

/// OTLP JSON export files (the collector's file exporter: one `ExportTraceServiceRequest` or
/// `ExportLogsServiceRequest` per line, or one per file), assembled into conversations with the
/// same GenAI rules `convo serve` applies (`OTLPFileImport`). Every message form of the notes
/// is read: `gen_ai.input.messages`, log events, OpenLLMetry's flattened attributes.
///
/// A conversation is only known once the whole file has been read (its spans and events come in
/// any order), so the conversations are returned at the end of the file.
public struct OTLPExportFormat: IngestFormat {
    public init() {}

    public var name: String { "otlp" }
    public var summary: String { "OTLP JSON export files: {\"resourceSpans\"} / {\"resourceLogs\"} per line" }

    public func recognizes(_ record: JSONValue) -> Bool {
        guard case .object(let object) = record else { return false }
        return object["resourceSpans"] != nil || object["resourceLogs"] != nil
            || object["resource_spans"] != nil || object["resource_logs"] != nil
    }

    public func makeReader(source: String) -> any RecordReader { Reader() }

    final class Reader: RecordReader {
        private let file = OTLPFileImport()

        func read(_ record: JSONValue, line: Int) throws(RecordError) -> [ConversationPart] {
            do {
                try file.add(record, line: line)
            } catch {
                throw RecordError(error.message)
            }
            return []
        }

        func finish() -> [ReaderOutput] {
            let result = file.finish()
            return result.errors.map { .rejected(line: $0.line, RecordError($0.message)) }
                + result.conversations.map { .part(ConversationPart($0)) }
        }
    }
}
