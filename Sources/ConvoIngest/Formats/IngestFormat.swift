import ConvoBase
import ConvoModel
import ConvoStore

/// One input format `convo ingest` reads. A format recognises its records by content (the first
/// records of each file are shown to every registered format) and makes a reader per file.
public protocol IngestFormat: Sendable {
    /// The `--format` name (`convo`, `openai`, …).
    var name: String { get }
    /// One line for help texts and "unknown format" hints.
    var summary: String { get }
    /// Whether a parsed record looks like this format.
    func recognizes(_ record: JSONValue) -> Bool
    /// A reader for one input; `source` names it in derived ids and messages.
    func makeReader(source: String) -> any RecordReader
}

/// Turns one input's records into conversation parts. Formats that must see the whole input
/// before they know a conversation (grouped runs, traces, spans) hold records back and return
/// the conversations from `finish()`.
public protocol RecordReader: AnyObject {
    /// Reads one parsed record that starts on `line`.
    func read(_ record: JSONValue, line: Int) throws(RecordError) -> [ConversationPart]

    /// Reads one record from its bytes. The default parses them with `JSONParser` and calls
    /// `read(_:line:)`; a format may parse its hot path straight from the bytes.
    func read(bytes: UnsafeRawBufferPointer, line: Int, maxDepth: Int) throws(RecordError) -> [ConversationPart]

    /// The input ended.
    func finish() -> [ReaderOutput]
}

extension RecordReader {
    public func read(bytes: UnsafeRawBufferPointer, line: Int, maxDepth: Int) throws(RecordError) -> [ConversationPart] {
        try read(RecordParsing.parse(bytes, maxDepth: maxDepth), line: line)
    }

    public func finish() -> [ReaderOutput] { [] }
}

/// What a reader hands back at the end of its input.
public enum ReaderOutput: Sendable {
    case part(ConversationPart)
    /// A held-back record (or group of records) that turned out unusable, and the line it started on.
    case rejected(line: Int, RecordError)
}

/// The formats `convo ingest` knows, in detection order: more specific shapes first.
public struct FormatRegistry: Sendable {
    public private(set) var formats: [any IngestFormat]

    public init(formats: [any IngestFormat]) {
        self.formats = formats
    }

    /// Every format `convo ingest` reads.
    public static let builtIn = FormatRegistry(formats: [
        ConvoJSONLFormat(),
        AgnostPayloadFormat(),
        LangSmithRunsFormat(),
        LangfuseExportFormat(),
        OTLPExportFormat(),
        AnthropicMessagesFormat(),
        OpenAIChatFormat(),
    ])

    /// The registry with one more format, tried before the built-in ones it would shadow.
    public func adding(_ format: any IngestFormat, first: Bool = true) -> FormatRegistry {
        var copy = self
        copy.formats.removeAll { $0.name == format.name }
        if first { copy.formats.insert(format, at: 0) } else { copy.formats.append(format) }
        return copy
    }

    public func format(named name: String) -> (any IngestFormat)? {
        formats.first { $0.name == name.lowercased() }
    }

    public var names: [String] { formats.map(\.name) }

    /// The first format that recognises any of the sample records.
    public func detect(_ samples: [JSONValue]) -> (any IngestFormat)? {
        for sample in samples {
            if let format = formats.first(where: { $0.recognizes(sample) }) { return format }
        }
        return nil
    }
}

/// JSON parsing of untrusted record bytes, with errors a user can act on.
public enum RecordParsing {
    public static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = JSONParser.defaultMaxDepth) throws(RecordError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes, maxDepth: maxDepth)
        } catch {
            throw RecordError("not valid JSON: \(error.message) (column \(error.column))", lineOffset: error.line - 1)
        }
    }
}
