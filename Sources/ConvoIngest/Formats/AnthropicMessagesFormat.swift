import ConvoBase
import ConvoModel
import ConvoStore

/// Anthropic Messages transcripts, one conversation per line: a request body
/// `{"model", "system", "messages": [...]}`, or a logged call `{"request": {...}, "response": {...}}`.
///
/// `system` (a string or text blocks) becomes one system turn. `tool_use` blocks and the
/// `tool_result` blocks that answer them (which sit in user-role messages) become one `tool` turn
/// each, never a user turn. `thinking` blocks are dropped: they are the model's scratch work, not
/// what the user saw.
public struct AnthropicMessagesFormat: IngestFormat {
    public init() {}

    public var name: String { "anthropic" }
    public var summary: String { "Anthropic Messages JSONL: {\"system\", \"messages\": [...]} per line, or {request, response} logs" }

    /// Only with Anthropic-specific evidence: a plain user/assistant exchange reads the same as OpenAI.
    public func recognizes(_ record: JSONValue) -> Bool {
        guard let shape = ChatRecordShape(record), shape.looksLikeChat else { return false }
        if shape.request.has("system") { return true }
        if let model = shape.model, model.hasPrefix("claude") { return true }
        if let response = shape.response, response.has("stop_reason") || response["type"]?.stringValue == "message" {
            return true
        }
        let anthropicBlocks: Set<String> = ["tool_use", "tool_result", "thinking", "redacted_thinking", "server_tool_use"]
        for message in shape.messages {
            guard case .array(let blocks)? = message["content"] else { continue }
            for block in blocks {
                if let type = block["type"]?.stringValue, anthropicBlocks.contains(type) { return true }
                if block["source"] != nil { return true }
            }
        }
        return false
    }

    public func makeReader(source: String) -> any RecordReader { Reader() }

    final class Reader: RecordReader {
        func read(_ record: JSONValue, line: Int) throws(RecordError) -> [ConversationPart] {
            let root = try JSONObjectReader(record)
            let shape = try ChatRecordShape.locate(in: root)
            var builder = TranscriptBuilder()
            if let system = shape.request["system"] {
                builder.say(.system, try AnthropicMessages.text(of: system, path: shape.request.field("system")))
            }
            for (index, message) in shape.messages.enumerated() {
                try AnthropicMessages.append(message, path: "\(shape.messagesPath)[\(index)]", to: &builder)
            }
            if let response = shape.response, response.has("content") {
                var reply = response.values
                reply["role"] = reply["role"] ?? .string("assistant")
                try AnthropicMessages.append(.object(reply), path: response.path, to: &builder)
            }
            guard !builder.turns.isEmpty else {
                throw RecordError(field: shape.messagesPath, "no turns: the messages hold no text and no tool calls")
            }
            var conversation = Conversation(id: try shape.conversationID() ?? DerivedID.make("anthropic", from: record))
            conversation.turns = builder.turns
            var model = shape.model
            if model == nil { model = try shape.response?.string("model") }
            if let model { conversation.metadata["model"] = .string(model) }
            if let metadata = try shape.request.object("metadata") {
                var facts = metadata.values
                for key in ["conversation_id", "thread_id", "session_id"] { facts.removeValue(forKey: key) }
                UserFacts.apply(facts, to: &conversation)
            }
            return [ConversationPart(conversation)]
        }
    }
}

/// Anthropic messages and content blocks → turns.
enum AnthropicMessages {
    static func append(_ value: JSONValue, path: String, to builder: inout TranscriptBuilder) throws(RecordError) {
        let message = try JSONObjectReader(value, path: path)
        guard let roleName = try message.string("role") else {
            throw RecordError(field: message.field("role"), "missing; expected user or assistant")
        }
        guard let role = Role(normalizing: roleName), role == .user || role == .assistant || role == .system else {
            throw RecordError(field: message.field("role"), "unknown role '\(roleName)'; Anthropic messages are user or assistant")
        }
        guard let content = message["content"] else { return }
        let blocks: [JSONValue]
        switch content {
        case .string(let text):
            builder.say(role, text)
            return
        case .array(let items):
            blocks = items
        default:
            throw RecordError(field: message.field("content"), "expected a string or an array of content blocks, found \(content.typeName)")
        }
        // Consecutive text blocks form one turn; tool blocks split them.
        var pending: [String] = []
        func flush() {
            builder.say(role, pending.joined(separator: "\n"))
            pending.removeAll()
        }
        for (index, item) in blocks.enumerated() {
            let block = try JSONObjectReader(item, path: message.field("content[\(index)]"))
            guard let type = try block.string("type") else {
                throw RecordError(field: block.field("type"), "missing; every content block has a type")
            }
            switch type {
            case "text":
                guard let text = try block.string("text") else {
                    throw RecordError(field: block.field("text"), "missing; a text block needs its text")
                }
                pending.append(text)
            case "tool_use", "server_tool_use":
                flush()
                guard let name = try block.string("name") else {
                    throw RecordError(field: block.field("name"), "missing; a tool_use block needs the tool's name")
                }
                builder.call(id: try block.string("id"), name: name, arguments: decodedArguments(block["input"]))
            case "tool_result", "web_search_tool_result":
                flush()
                guard let id = try block.string("tool_use_id") else {
                    throw RecordError(field: block.field("tool_use_id"), "missing; a tool_result names the tool_use it answers")
                }
                let result = try block["content"].map { (value) throws(RecordError) in try text(of: value, path: block.field("content")) } ?? ""
                builder.result(id: id, name: nil, content: result)
            case "thinking", "redacted_thinking":
                continue
            case "image": pending.append("[image]")
            case "document": pending.append("[document]")
            default: pending.append("[\(type)]")
            }
        }
        flush()
    }

    /// Text of a system prompt or tool result: a string, or blocks whose text is joined.
    static func text(of value: JSONValue, path: String) throws(RecordError) -> String {
        switch value {
        case .string(let text): return text
        case .array(let blocks):
            var pieces: [String] = []
            for (index, item) in blocks.enumerated() {
                if case .object(let block) = item, block["type"]?.stringValue == "text", case .string(let text)? = block["text"] {
                    pieces.append(text)
                } else if case .object(let block) = item, let type = block["type"]?.stringValue, type == "image" || type == "document" {
                    pieces.append("[\(type)]")
                } else if case .object = item {
                    pieces.append(item.jsonText)
                } else {
                    throw RecordError(field: "\(path)[\(index)]", "expected a content block object, found \(item.typeName)")
                }
            }
            return pieces.joined(separator: "\n")
        default:
            throw RecordError(field: path, "expected a string or an array of text blocks, found \(value.typeName)")
        }
    }
}
