import ConvoBase
import ConvoModel
import ConvoStore

/// OpenAI Chat Completions transcripts, one conversation per line: the fine-tuning shape
/// `{"messages": [...], "tools": [...]}` and raw API logs `{"request": {...}, "response": {...}}`.
///
/// Tool calls (`tool_calls` with JSON-string arguments, or legacy `function_call`) are joined to
/// their `tool`/`function` results into one `tool` turn. Content may be a string, null, or an
/// array of parts; non-text parts become short placeholders (`[image]`).
public struct OpenAIChatFormat: IngestFormat {
    public init() {}

    public var name: String { "openai" }
    public var summary: String { "OpenAI chat messages JSONL: {\"messages\": [...]} per line (fine-tuning files, {request, response} logs)" }

    public func recognizes(_ record: JSONValue) -> Bool {
        ChatRecordShape(record)?.looksLikeChat ?? false
    }

    public func makeReader(source: String) -> any RecordReader { Reader() }

    final class Reader: RecordReader {
        func read(_ record: JSONValue, line: Int) throws(RecordError) -> [ConversationPart] {
            let root = try JSONObjectReader(record)
            var shape = try ChatRecordShape.locate(in: root)
            var builder = TranscriptBuilder()
            for (index, message) in shape.messages.enumerated() {
                try OpenAIMessages.append(message, path: "\(shape.messagesPath)[\(index)]", to: &builder)
            }
            var responseTime: Timestamp?
            if let response = shape.response {
                responseTime = try response.timestamp("created")
                if let choices = try response.array("choices"), let first = choices.first {
                    let choice = try JSONObjectReader(first, path: response.field("choices[0]"))
                    if let message = choice["message"] {
                        try OpenAIMessages.append(message, path: choice.field("message"), to: &builder, timestamp: responseTime)
                    }
                }
                if shape.model == nil { shape.model = try response.string("model") }
            }
            guard !builder.turns.isEmpty else {
                throw RecordError(field: shape.messagesPath, "no turns: the messages hold no text and no tool calls")
            }
            var conversation = Conversation(id: try shape.conversationID() ?? DerivedID.make("openai", from: record))
            conversation.turns = builder.turns
            try shape.applyFacts(to: &conversation)
            if let responseTime { conversation.endedAt = responseTime }
            return [ConversationPart(conversation)]
        }
    }
}

/// The parts of a chat-transcript record that OpenAI and Anthropic files share: where the messages
/// are, the optional response of a logged API call, and the conversation-level facts.
struct ChatRecordShape {
    var root: JSONObjectReader
    var request: JSONObjectReader
    var messages: [JSONValue]
    var messagesPath: String
    var response: JSONObjectReader?
    var model: String?

    /// Non-throwing probe for format detection.
    init?(_ record: JSONValue) {
        guard let root = try? JSONObjectReader(record), let shape = try? ChatRecordShape.locate(in: root) else { return nil }
        self = shape
    }

    private init(root: JSONObjectReader, request: JSONObjectReader, messages: [JSONValue], messagesPath: String,
                 response: JSONObjectReader?) {
        self.root = root
        self.request = request
        self.messages = messages
        self.messagesPath = messagesPath
        self.response = response
        self.model = try? request.string("model")
    }

    static func locate(in root: JSONObjectReader) throws(RecordError) -> ChatRecordShape {
        if let messages = try root.array("messages") {
            return ChatRecordShape(root: root, request: root, messages: messages, messagesPath: "messages",
                                   response: try root.object("response"))
        }
        if let request = try root.object("request") {
            guard let messages = try request.array("messages") else {
                throw RecordError(field: "request.messages", "missing; expected the request's array of chat messages")
            }
            return ChatRecordShape(root: root, request: request, messages: messages, messagesPath: "request.messages",
                                   response: try root.object("response"))
        }
        throw RecordError(field: "messages", "missing; expected an array of chat messages (or a {request, response} log)")
    }

    /// Every message is an object with a string role.
    var looksLikeChat: Bool {
        !messages.isEmpty && messages.allSatisfy { if case .string? = $0["role"] { return true } else { return false } }
    }

    /// An explicit conversation id, if the record carries one anywhere usual.
    func conversationID() throws(RecordError) -> String? {
        for key in ["conversation_id", "thread_id", "session_id", "conversation"] {
            if let id = try root.identifier(key) { return id }
        }
        for holder in [try root.object("metadata"), try request.object("metadata")] {
            guard let holder else { continue }
            for key in ["conversation_id", "thread_id", "session_id"] {
                if let id = try holder.identifier(key) { return id }
            }
        }
        // A record-level id names the conversation in hand-made exports; in API logs the ids
        // belong to single requests or responses.
        if response == nil, request.path.isEmpty, let id = try root.identifier("id") { return id }
        return nil
    }

    /// Model, end-user id and request metadata.
    func applyFacts(to conversation: inout Conversation) throws(RecordError) {
        if let model { conversation.metadata["model"] = .string(model) }
        if let user = try request.string("user"), !user.isEmpty { conversation.user.id = user }
        if let metadata = request["metadata"] ?? root["metadata"], case .object(let object) = metadata {
            var facts = object
            for key in ["conversation_id", "thread_id", "session_id"] { facts.removeValue(forKey: key) }
            UserFacts.apply(facts, to: &conversation)
        }
    }
}

/// OpenAI chat messages → turns.
enum OpenAIMessages {
    static func append(_ value: JSONValue, path: String, to builder: inout TranscriptBuilder,
                       timestamp: Timestamp? = nil) throws(RecordError) {
        let message = try JSONObjectReader(value, path: path)
        guard let roleName = try message.string("role") else {
            throw RecordError(field: message.field("role"), "missing; expected system, developer, user, assistant or tool")
        }
        guard let role = Role(normalizing: roleName) else {
            throw RecordError(field: message.field("role"), "unknown role '\(roleName)'; expected system, developer, user, assistant or tool")
        }
        switch role {
        case .system, .user:
            builder.say(role, try text(message, key: "content"), timestamp: timestamp)
        case .assistant:
            var spoken = try text(message, key: "content")
            if spoken.isEmpty, let refusal = try message.string("refusal") { spoken = refusal }
            builder.say(.assistant, spoken, timestamp: timestamp)
            for (index, call) in (try message.array("tool_calls") ?? []).enumerated() {
                let callReader = try JSONObjectReader(call, path: message.field("tool_calls[\(index)]"))
                let function = try callReader.object("function")
                var name = try function?.string("name")
                if name == nil { name = try callReader.string("name") }
                guard let name else {
                    throw RecordError(field: callReader.field("function.name"), "missing; a tool call needs the tool's name")
                }
                builder.call(id: try callReader.string("id"), name: name,
                             arguments: decodedArguments(function?["arguments"] ?? callReader["arguments"]), timestamp: timestamp)
            }
            if let legacy = try message.object("function_call") {
                guard let name = try legacy.string("name") else {
                    throw RecordError(field: legacy.field("name"), "missing; a function call needs the function's name")
                }
                builder.call(id: nil, name: name, arguments: decodedArguments(legacy["arguments"]), timestamp: timestamp)
            }
        case .tool:
            let id = try message.string("tool_call_id")
            let name = try message.string("name")
            if id == nil && name == nil {
                throw RecordError(field: message.field("tool_call_id"), "missing; a tool result needs the id of its call")
            }
            builder.result(id: id, name: name, content: try text(message, key: "content"))
        }
    }

    /// A message's text: a string, null, or an array of content parts.
    static func text(_ message: JSONObjectReader, key: String) throws(RecordError) -> String {
        guard let content = message[key] else { return "" }
        switch content {
        case .string(let text): return text
        case .array(let parts):
            var pieces: [String] = []
            for (index, part) in parts.enumerated() {
                if case .string(let text) = part {
                    pieces.append(text)
                    continue
                }
                let reader = try JSONObjectReader(part, path: message.field("\(key)[\(index)]"))
                let type = try reader.string("type") ?? "text"
                switch type {
                case "text", "input_text", "output_text":
                    guard let text = try reader.string("text") else {
                        throw RecordError(field: reader.field("text"), "missing; a text part needs its text")
                    }
                    pieces.append(text)
                case "refusal":
                    if let text = try reader.string("refusal") { pieces.append(text) }
                case "image_url", "input_image", "image": pieces.append("[image]")
                case "input_audio", "audio": pieces.append("[audio]")
                case "file", "input_file": pieces.append("[file]")
                default: pieces.append("[\(type)]")
                }
            }
            return pieces.joined(separator: "\n")
        default:
            throw RecordError(field: message.field(key), "expected a string, an array of content parts or null, found \(content.typeName)")
        }
    }
}
