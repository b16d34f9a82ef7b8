import ConvoBase
import ConvoModel

/// One chat message as the GenAI conventions describe it, whatever shape it arrived in
/// (semconv ≥1.37 `parts`, OpenAI `content`/`tool_calls`, Anthropic blocks, ≤1.36 event bodies).
struct GenAIMessage: Sendable, Hashable {
    enum Part: Sendable, Hashable {
        case text(String)
        case toolCall(id: String?, name: String, arguments: JSONValue?)
        case toolResponse(id: String?, content: String)
    }

    /// The role as sent; `Role(normalizing:)` maps it when turns are built.
    var role: String
    var parts: [Part]
    var name: String?

    init(role: String, parts: [Part], name: String? = nil) {
        self.role = role
        self.parts = parts
        self.name = name
    }

    /// Reads a message object; `defaultRole` applies when it has no `role` (event bodies).
    static func parse(_ value: JSONValue, defaultRole: String) -> GenAIMessage? {
        guard case .object(let object) = value else {
            if case .string(let text) = value { return GenAIMessage(role: defaultRole, parts: [.text(text)]) }
            return nil
        }
        let role = object["role"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? defaultRole
        var parts: [Part] = []
        if let rawParts = object["parts"]?.arrayValue {
            parts = rawParts.compactMap(part)
        } else if let content = object["content"] {
            parts = contentParts(content)
        }
        if let calls = object["tool_calls"]?.arrayValue {
            parts += calls.compactMap(openAIToolCall)
        }
        let isTool = Role(normalizing: role) == .tool
        if isTool && !parts.contains(where: { if case .toolResponse = $0 { return true } else { return false } }) {
            // OpenAI-style tool message: the content is the tool's result.
            let id = object["tool_call_id"]?.stringValue ?? object["id"]?.stringValue
            let text = parts.compactMap { if case .text(let t) = $0 { return t } else { return nil } }.joined(separator: "\n")
            parts = [.toolResponse(id: id, content: text)]
        }
        return GenAIMessage(role: role, parts: parts, name: object["name"]?.stringValue)
    }

    /// A semconv part (`{"type": "text", "content": …}`), or an OpenAI/Anthropic content block.
    static func part(_ value: JSONValue) -> Part? {
        guard case .object(let p) = value else {
            if case .string(let s) = value { return .text(s) }
            return nil
        }
        let type = p["type"]?.stringValue ?? "text"
        switch type {
        case "text", "input_text", "output_text":
            guard let text = p["content"]?.stringValue ?? p["text"]?.stringValue else { return nil }
            return .text(text)
        case "tool_call", "tool_use", "function_call":
            let name = p["name"]?.stringValue ?? p["function"]?["name"]?.stringValue ?? ""
            let arguments = p["arguments"] ?? p["input"] ?? p["function"]?["arguments"]
            return .toolCall(id: p["id"]?.stringValue ?? p["call_id"]?.stringValue, name: name, arguments: arguments.map(decodedArguments))
        case "tool_call_response", "tool_result", "function_call_output":
            let response = p["response"] ?? p["result"] ?? p["content"] ?? p["output"] ?? .null
            return .toolResponse(id: p["id"]?.stringValue ?? p["tool_use_id"]?.stringValue ?? p["call_id"]?.stringValue,
                                 content: plainText(response))
        case "reasoning", "thinking", "redacted_thinking":
            // The model's private reasoning is not part of the transcript a reviewer reads.
            return nil
        default:
            // Media and unknown parts (schema allows any): keep a marker of what was there.
            let detail = p["uri"]?.stringValue ?? p["file_id"]?.stringValue ?? p["modality"]?.stringValue
            return .text(detail.map { "[\(type): \($0)]" } ?? "[\(type)]")
        }
    }

    /// OpenAI `content`: a string, null, or an array of content parts / Anthropic blocks.
    static func contentParts(_ content: JSONValue) -> [Part] {
        switch content {
        case .null: return []
        case .string(let s): return [.text(s)]
        case .array(let items): return items.compactMap(part)
        default: return [.text(content.jsonText)]
        }
    }

    /// `{id, type: "function", function: {name, arguments}}`, also the flattened-in `{id, name, arguments}`.
    static func openAIToolCall(_ value: JSONValue) -> Part? {
        guard case .object(let call) = value else { return nil }
        let function = call["function"]?.objectValue
        guard let name = function?["name"]?.stringValue ?? call["name"]?.stringValue else { return nil }
        let arguments = function?["arguments"] ?? call["arguments"]
        return .toolCall(id: call["id"]?.stringValue, name: name, arguments: arguments.map(decodedArguments))
    }

    /// Tool arguments "as provided by the model" are usually a JSON string: keep the JSON it holds.
    static func decodedArguments(_ value: JSONValue) -> JSONValue {
        if case .string(let text) = value, let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x0A }),
           first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
           let parsed = try? JSONParser.parse(text) {
            return parsed
        }
        return value
    }

    /// Tool results and other free values as readable text: strings as they are, else JSON.
    static func plainText(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .string(let s): return s
        case .array(let items) where items.allSatisfy({ $0["type"]?.stringValue == "text" }):
            return items.compactMap { $0["text"]?.stringValue ?? $0["content"]?.stringValue }.joined(separator: "\n")
        default: return value.jsonText
        }
    }

    /// A JSON array of messages (semconv or OpenAI shape); nil when the value is not one.
    static func parseList(_ value: JSONValue, defaultRole: String) -> [GenAIMessage]? {
        guard case .array(let items) = value else { return nil }
        return items.compactMap { parse($0, defaultRole: defaultRole) }
    }
}

/// Content attributes arrive as a JSON string or as structured AnyValue; both become JSON.
enum ContentValue {
    enum Problem: Error {
        case invalidJSON(String)
    }

    static func json(_ value: AnyValue) throws(Problem) -> JSONValue {
        switch value {
        case .string(let text):
            do {
                return try JSONParser.parse(text)
            } catch {
                throw .invalidJSON(error.description)
            }
        default:
            return value.json
        }
    }
}
