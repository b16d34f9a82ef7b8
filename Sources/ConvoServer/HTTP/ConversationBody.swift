import ConvoBase
import ConvoModel
import ConvoStore

/// `POST /v1/conversations` bodies: one convo conversation object, an array of them, or NDJSON
/// (one per line). Bad lines are reported by number and the rest is kept.
enum ConversationBody {
    struct Problem: CustomStringConvertible {
        var line: Int
        var message: String
        var record: String
        var description: String { "line \(line): \(message)" }
    }

    static func parse(_ body: [UInt8], ndjson: Bool) -> (conversations: [Conversation], errors: [Problem]) {
        var conversations: [Conversation] = []
        var errors: [Problem] = []
        func decode(_ value: JSONValue, line: Int, text: String) {
            do {
                conversations.append(try ConversationJSON.decode(value))
            } catch {
                errors.append(Problem(line: line, message: error.description, record: text))
            }
        }
        if !ndjson {
            do {
                let value = try JSONParser.parse(body)
                if case .array(let items) = value {
                    for (index, item) in items.enumerated() {
                        decode(item, line: index + 1, text: item.jsonText)
                    }
                } else {
                    decode(value, line: 1, text: String(decoding: body.prefix(16_384), as: UTF8.self))
                }
            } catch {
                errors.append(Problem(line: error.line, message: "not valid JSON: \(error)", record: String(decoding: body.prefix(16_384), as: UTF8.self)))
            }
            return (conversations, errors)
        }
        var lineNumber = 0
        var start = body.startIndex
        while start < body.endIndex {
            lineNumber += 1
            let end = body[start...].firstIndex(of: 0x0A) ?? body.endIndex
            let line = body[start..<end]
            start = end < body.endIndex ? end + 1 : end
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let text = String(decoding: line.prefix(16_384), as: UTF8.self)
            do {
                decode(try JSONParser.parse(Array(line)), line: lineNumber, text: text)
            } catch {
                errors.append(Problem(line: lineNumber, message: "not valid JSON: \(error)", record: text))
            }
        }
        return (conversations, errors)
    }

    /// `{"ingested": …, "merged": …, "unchanged": …, "rejected": N, "errors": [{"line", "message"}]}`
    static func report(summary: MergeSummary?, errors: [Problem], message: String?) -> JSONValue {
        var object: [String: JSONValue] = [
            "rejected": .int(Int64(errors.count)),
            "errors": .array(errors.prefix(100).map { .object(["line": .int(Int64($0.line)), "message": .string($0.message)]) }),
        ]
        if let summary {
            object["ingested"] = .int(Int64(summary.ingested))
            object["merged"] = .int(Int64(summary.merged))
            object["unchanged"] = .int(Int64(summary.unchanged))
        }
        if let message { object["error"] = .object(["message": .string(message)]) }
        return .object(object)
    }
}
