import ConvoBase
import ConvoModel

/// Builds a conversation's turns from chat messages, joining each tool call to its result so the
/// pair becomes one `tool` turn (name and arguments from the call, content from the result), at
/// the position of the call.
struct TranscriptBuilder {
    private(set) var turns: [Turn] = []
    /// Unanswered calls by id, and by name for formats whose results carry only the name.
    private var openCalls: [String: Int] = [:]
    private var openByName: [String: [Int]] = [:]

    /// A spoken turn; empty text adds nothing (an assistant message that only calls tools).
    mutating func say(_ role: Role, _ text: String, timestamp: Timestamp? = nil, latencyMs: Int? = nil) {
        guard !text.isEmpty else { return }
        turns.append(Turn(role: role, content: text, latencyMs: latencyMs, timestamp: timestamp))
    }

    mutating func call(id: String?, name: String, arguments: JSONValue?, timestamp: Timestamp? = nil) {
        let index = turns.count
        turns.append(Turn(role: .tool, content: "", name: name, arguments: arguments, toolCallID: id, timestamp: timestamp))
        if let id { openCalls[id] = index }
        openByName[name, default: []].append(index)
    }

    /// A tool's result: fills its call's turn, or stands alone when no call matches.
    mutating func result(id: String?, name: String?, content: String) {
        var index: Int?
        if let id, let open = openCalls.removeValue(forKey: id) {
            index = open
        } else if id == nil, let name, var candidates = openByName[name], !candidates.isEmpty {
            index = candidates.removeFirst()
            openByName[name] = candidates
        }
        if let index, turns[index].content.isEmpty {
            turns[index].content = content
            if let name = turns[index].name, var candidates = openByName[name] {
                candidates.removeAll { $0 == index }
                openByName[name] = candidates
            }
            return
        }
        turns.append(Turn(role: .tool, content: content, name: name, toolCallID: id))
    }
}

/// Tool arguments as the model gave them: a JSON string holding an object is decoded, anything
/// else is kept as it is.
func decodedArguments(_ value: JSONValue?) -> JSONValue? {
    guard let value, !value.isNull else { return nil }
    if case .string(let text) = value {
        if text.isEmpty { return nil }
        if let parsed = try? JSONParser.parse(text, maxDepth: 64) { return parsed }
    }
    return value
}
