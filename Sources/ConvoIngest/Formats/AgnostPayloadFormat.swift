import ConvoAgnost
import ConvoBase
import ConvoStore

/// Dumps of Agnost SDK payloads: capture-session and capture-event JSON objects, one per line,
/// in the order they were sent, mapped exactly as `convo serve` maps them (`AgnostPayload`).
/// Dumps carry no receive time, so the events of a session land in file order.
public struct AgnostPayloadFormat: IngestFormat {
    public init() {}

    public var name: String { "agnost" }
    public var summary: String { "Agnost SDK payload dumps: capture-session / capture-event objects per line" }

    public func recognizes(_ record: JSONValue) -> Bool {
        AgnostPayload.kind(of: record) != nil
    }

    public func makeReader(source: String) -> any RecordReader { Reader() }

    final class Reader: RecordReader {
        func read(_ record: JSONValue, line: Int) throws(RecordError) -> [ConversationPart] {
            do {
                return [try AgnostPayload.part(record)]
            } catch {
                throw RecordError(field: error.field.isEmpty ? nil : error.field, error.message)
            }
        }
    }
}
