import ConvoBase
import ConvoStore

/// Dumps of Agnost SDK payloads: capture-session and capture-event JSON objects, one per line,
/// in the order they were sent. Events of a session land in file order.
public struct AgnostPayloadFormat: IngestFormat {
    public init() {}

    public var name: String { "agnost" }
    public var summary: String { "Agnost SDK payload dumps: capture-session / capture-event objects per line" }

    public func recognizes(_ record: JSONValue) -> Bool {
        AgnostPayloadMapper.kind(of: record) != nil
    }

    public func makeReader(source: String) -> any RecordReader { Reader() }

    final class Reader: RecordReader {
        func read(_ record: JSONValue, line: Int) throws(RecordError) -> [ConversationPart] {
            [try AgnostPayloadMapper.part(record)]
        }
    }
}

/// OTLP JSON export files (collector file exporter, `resourceSpans` / `resourceLogs`) are
/// recognised so they get a clear message; reading them needs ConvoOTLP's assembler, which
/// replaces this entry in `FormatRegistry.builtIn` when it lands.
public struct OTLPExportPlaceholderFormat: IngestFormat {
    public init() {}

    public var name: String { "otlp" }
    public var summary: String { "OTLP JSON export files (resourceSpans / resourceLogs)" }
    public var unavailableReason: String? { "reading OTLP JSON export files needs the OTLP assembler, which this build does not include yet" }

    public func recognizes(_ record: JSONValue) -> Bool {
        guard case .object(let object) = record else { return false }
        return object["resourceSpans"] != nil || object["resourceLogs"] != nil || object["resource_spans"] != nil
    }

    public func makeReader(source: String) -> any RecordReader { Reader() }

    final class Reader: RecordReader {
        func read(_ record: JSONValue, line: Int) throws(RecordError) -> [ConversationPart] {
            throw RecordError("OTLP JSON is not readable by this build")
        }
    }
}

