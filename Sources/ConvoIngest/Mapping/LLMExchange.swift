import ConvoBase
import ConvoModel
import ConvoStore

/// The input and output of one logged model call, in whichever shape a tracing tool recorded it
/// (OpenAI messages, LangChain serialized messages, Anthropic blocks, plain strings), as turns.
/// LangSmith and Langfuse exports both need this.
enum LLMExchange {
    /// One logged model call (a LangSmith LLM run, a Langfuse generation) and where it came from.
    struct Call {
        var input: JSONValue?
        var output: JSONValue?
        var start: Timestamp?
        var end: Timestamp?
        /// The line of the record it was read from, and a name for messages (`run 1f0c…`).
        var line: Int
        var label: String
    }

    /// One history part per call that holds any turns, each with the conversation's facts; the
    /// reply's latency is the call's duration.
    static func parts(_ calls: [Call], facts: Conversation, inputPath: String, outputPath: String)
        throws(LocatedRecordError) -> [ConversationPart] {
        var parts: [ConversationPart] = []
        for call in calls {
            let duration = call.start.flatMap { start in call.end.map { Int($0.millisecondsSinceEpoch - start.millisecondsSinceEpoch) } }
            let turns: [Turn]
            do {
                turns = try LLMExchange.turns(input: call.input, output: call.output, inputPath: inputPath, outputPath: outputPath,
                                              replyTime: call.end, latencyMs: duration.flatMap { $0 >= 0 ? $0 : nil })
            } catch {
                throw LocatedRecordError(line: call.line, error: RecordError(field: error.field, "\(call.label): \(error.message)"))
            }
            guard !turns.isEmpty else { continue }
            var part = facts
            part.turns = turns
            parts.append(ConversationPart(part))
        }
        return parts
    }

    /// The call's history (input) followed by its reply (output). The reply's turns get `replyTime`
    /// and the assistant text `latencyMs`; repeated history turns get no timestamp, so they match
    /// their earlier copies when the store merges.
    static func turns(input: JSONValue?, output: JSONValue?, inputPath: String, outputPath: String,
                      replyTime: Timestamp?, latencyMs: Int?) throws(RecordError) -> [Turn] {
        var builder = TranscriptBuilder()
        if let input { try appendInput(input, path: inputPath, to: &builder) }
        let before = builder.turns.count
        if let output { try appendOutput(output, path: outputPath, to: &builder) }
        var turns = builder.turns
        for index in before..<turns.count {
            turns[index].timestamp = replyTime
            if turns[index].role == .assistant { turns[index].latencyMs = latencyMs }
        }
        return turns
    }

    static let inputTextKeys = ["input", "question", "query", "message", "prompt", "text", "content", "user_input"]
    static let outputTextKeys = ["output", "answer", "result", "response", "text", "content", "completion"]

    static func appendInput(_ value: JSONValue, path: String, to builder: inout TranscriptBuilder) throws(RecordError) {
        switch value {
        case .string(let text):
            builder.say(.user, text)
        case .array(let items):
            // A batch of prompts ([[messages]]): the first is the conversation.
            if case .array(let first)? = items.first {
                try appendMessages(first, path: "\(path)[0]", to: &builder)
            } else {
                try appendMessages(items, path: path, to: &builder)
            }
        case .object(let object):
            if let system = object["system"], !system.isNull {
                builder.say(.system, try AnthropicMessages.text(of: system, path: "\(path).system"))
            }
            if let messages = object["messages"], !messages.isNull {
                try appendInput(messages, path: "\(path).messages", to: &builder)
            } else if case .array(let prompts)? = object["prompts"], case .string(let prompt)? = prompts.first {
                builder.say(.user, prompt)
            } else if let key = inputTextKeys.first(where: { object[$0] != nil && object[$0]?.isNull == false }),
                      let inner = object[key] {
                try appendInput(inner, path: "\(path).\(key)", to: &builder)
            } else if object["role"] != nil || object["lc"] != nil || object["type"] != nil {
                try appendMessages([value], path: path, to: &builder)
            }
        default:
            break
        }
    }

    static func appendOutput(_ value: JSONValue, path: String, to builder: inout TranscriptBuilder) throws(RecordError) {
        switch value {
        case .string(let text):
            builder.say(.assistant, text)
        case .array(let items):
            try appendMessages(items, path: path, to: &builder, defaultRole: "assistant")
        case .object(let object):
            if case .array(let generations)? = object["generations"] {
                // [[{text, message}]] or [{text, message}]
                var first = generations.first
                if case .array(let inner)? = first { first = inner.first }
                if let generation = first?.objectValue {
                    if let message = generation["message"], !message.isNull {
                        try appendMessages([message], path: "\(path).generations[0].message", to: &builder, defaultRole: "assistant")
                    } else if case .string(let text)? = generation["text"] {
                        builder.say(.assistant, text)
                    }
                }
            } else if case .array(let choices)? = object["choices"], let choice = choices.first?.objectValue {
                if let message = choice["message"], !message.isNull {
                    try appendMessages([message], path: "\(path).choices[0].message", to: &builder, defaultRole: "assistant")
                } else if case .string(let text)? = choice["text"] {
                    builder.say(.assistant, text)
                }
            } else if object["role"] != nil || object["lc"] != nil || (object["type"] != nil && object["content"] != nil) {
                try appendMessages([value], path: path, to: &builder, defaultRole: "assistant")
            } else if let messages = object["messages"], !messages.isNull {
                try appendOutput(messages, path: "\(path).messages", to: &builder)
            } else if let key = outputTextKeys.first(where: { object[$0] != nil && object[$0]?.isNull == false }),
                      let inner = object[key] {
                try appendOutput(inner, path: "\(path).\(key)", to: &builder)
            }
        default:
            break
        }
    }

    static func appendMessages(_ items: [JSONValue], path: String, to builder: inout TranscriptBuilder,
                               defaultRole: String = "user") throws(RecordError) {
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            if case .string(let text) = item {
                builder.say(defaultRole == "assistant" ? .assistant : .user, text)
                continue
            }
            let message = try openAIShaped(item, path: itemPath, defaultRole: defaultRole)
            if usesAnthropicBlocks(message) {
                try AnthropicMessages.append(message, path: itemPath, to: &builder)
            } else {
                try OpenAIMessages.append(message, path: itemPath, to: &builder)
            }
        }
    }

    static func usesAnthropicBlocks(_ message: JSONValue) -> Bool {
        guard case .array(let blocks)? = message["content"] else { return false }
        return blocks.contains { block in
            guard let type = block["type"]?.stringValue else { return false }
            return type == "tool_use" || type == "tool_result"
        }
    }

    /// LangChain messages (serialized `{"lc":1, "id":[…,"HumanMessage"], "kwargs":{…}}`, or
    /// `{"type":"human", "content"|"data":…}`) rewritten as OpenAI chat messages.
    static func openAIShaped(_ value: JSONValue, path: String, defaultRole: String) throws(RecordError) -> JSONValue {
        guard case .object(var object) = value else {
            throw RecordError(field: path, "expected a message object, found \(value.typeName)")
        }
        if object["role"] != nil { return value }
        var role: String?
        if case .object(let kwargs)? = object["kwargs"] {
            if case .array(let id)? = object["id"], case .string(let className)? = id.last {
                role = roleName(forClass: className)
            }
            object = kwargs
        } else if case .object(let data)? = object["data"], object["type"] != nil {
            let type = object["type"]
            object = data
            object["type"] = object["type"] ?? type
        }
        if role == nil || role == "chat", case .string(let explicit)? = object["role"] { role = explicit }
        if role == nil, case .string(let type)? = object["type"] { role = type }
        var message: [String: JSONValue] = ["role": .string(role ?? defaultRole)]
        message["content"] = object["content"]
        if let id = object["tool_call_id"] { message["tool_call_id"] = id }
        if let name = object["name"] { message["name"] = name }
        // LangChain tool calls: [{"name", "args" (object), "id"}]; older ones sit in additional_kwargs.
        if case .array(let calls)? = object["tool_calls"], !calls.isEmpty {
            message["tool_calls"] = .array(calls.map { call in
                guard case .object(let c) = call, c["function"] == nil else { return call }
                return .object(["id": c["id"] ?? .null,
                                "function": .object(["name": c["name"] ?? .null, "arguments": c["args"] ?? .null])])
            })
        } else if case .object(let extra)? = object["additional_kwargs"], let calls = extra["tool_calls"] {
            message["tool_calls"] = calls
        }
        return .object(message)
    }

    static func roleName(forClass className: String) -> String? {
        switch className {
        case "HumanMessage", "HumanMessageChunk": return "user"
        case "AIMessage", "AIMessageChunk": return "assistant"
        case "SystemMessage": return "system"
        case "ToolMessage", "ToolMessageChunk": return "tool"
        case "FunctionMessage": return "function"
        case "ChatMessage": return "chat"
        default: return nil
        }
    }
}
