import ConvoBase
import ConvoModel
import ConvoStore

/// convo's own format (DESIGN.md "Capture"): one conversation object per line, with an id and turns.
public struct ConvoJSONLFormat: IngestFormat {
    public init() {}

    public var name: String { "convo" }
    public var summary: String { "convo's own JSONL: {\"id\", \"turns\": [...]} per line" }

    public func recognizes(_ record: JSONValue) -> Bool {
        guard case .object(let object) = record, case .array? = object["turns"] else { return false }
        return true
    }

    public func makeReader(source: String) -> any RecordReader { Reader() }

    final class Reader: RecordReader {
        func read(bytes: UnsafeRawBufferPointer, line: Int, maxDepth: Int) throws(RecordError) -> [ConversationPart] {
            if let conversation = ConvoJSONFastDecoder.decode(bytes, maxDepth: maxDepth) {
                return [ConversationPart(conversation)]
            }
            return try read(RecordParsing.parse(bytes, maxDepth: maxDepth), line: line)
        }

        func read(_ record: JSONValue, line: Int) throws(RecordError) -> [ConversationPart] {
            do {
                return [ConversationPart(try ConversationJSON.decode(record))]
            } catch {
                throw RecordError(error)
            }
        }
    }
}
