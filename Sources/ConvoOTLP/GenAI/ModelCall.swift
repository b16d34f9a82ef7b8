import ConvoBase
import ConvoModel

/// What one model call (one chat span) said: the request's messages, which are the whole
/// history so far, and the response's messages.
struct ModelCall: Sendable {
    var input: [GenAIMessage] = []
    var output: [GenAIMessage] = []
    var startTimeUnixNano: UInt64 = 0
    var endTimeUnixNano: UInt64 = 0

    var hasContent: Bool { !input.isEmpty || !output.isEmpty }
}

/// A span or event whose content attribute could not be read; the record is rejected.
struct ContentProblem: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Finds a model call's messages in every form the notes list, taking each side (input, output)
/// from the first form that has it so a span that carries two forms is not read twice.
enum ModelCallReader {
    static let inputKey = "gen_ai.input.messages"
    static let outputKey = "gen_ai.output.messages"
    static let systemKey = "gen_ai.system_instructions"
    static let detailsEvent = "gen_ai.client.inference.operation.details"

    /// Attribute keys that hold message content: kept out of conversation metadata.
    static func isContentKey(_ key: String) -> Bool {
        key == inputKey || key == outputKey || key == systemKey || key == "gen_ai.tool.definitions"
            || key == "gen_ai.prompt" || key == "gen_ai.completion" || key == "gen_ai.event.content"
            || key.hasPrefix("gen_ai.prompt.") || key.hasPrefix("gen_ai.completion.")
            || key.hasPrefix("llm.input_messages.") || key.hasPrefix("llm.output_messages.")
            || key == "input.value" || key == "output.value" || key == "traceloop.entity.input" || key == "traceloop.entity.output"
            || key == "gen_ai.tool.call.arguments" || key == "gen_ai.tool.call.result" || key == "pydantic_ai.all_messages"
            || key == "llm.invocation_parameters" || key == "llm.prompt_template.template"
    }

    /// Reads a chat span (nil when only its log records are at hand) together with the log
    /// records emitted inside it.
    static func read(span: TelemetrySpan?, logs: [TelemetryLogRecord]) throws(ContentProblem) -> ModelCall {
        var call = ModelCall()
        call.startTimeUnixNano = span?.startTimeUnixNano ?? logs.map(\.effectiveTimeUnixNano).min() ?? 0
        call.endTimeUnixNano = span?.endTimeUnixNano ?? logs.map(\.effectiveTimeUnixNano).max() ?? 0

        var candidates: [(input: [GenAIMessage], output: [GenAIMessage])] = []
        if let span {
            candidates.append(try semconv(span.attributes))
        }
        for record in logs where record.eventName == detailsEvent {
            candidates.append(try semconv(record.attributes))
        }
        if let span {
            candidates.append((flattened(span.attributes, prefix: "gen_ai.prompt", style: .openLLMetry, defaultRole: "user"),
                               flattened(span.attributes, prefix: "gen_ai.completion", style: .openLLMetry, defaultRole: "assistant")))
            candidates.append((flattened(span.attributes, prefix: "llm.input_messages", style: .openInference, defaultRole: "user"),
                               flattened(span.attributes, prefix: "llm.output_messages", style: .openInference, defaultRole: "assistant")))
            candidates.append(try events(span.events.map { ($0.name, $0.timeUnixNano, $0.attributes, nil) }))
        }
        let sortedLogs = logs.enumerated().sorted {
            ($0.element.effectiveTimeUnixNano, $0.offset) < ($1.element.effectiveTimeUnixNano, $1.offset)
        }.map(\.element)
        candidates.append(try events(sortedLogs.map { ($0.eventName ?? "", $0.effectiveTimeUnixNano, $0.attributes, $0.body) }))

        call.input = candidates.first { !$0.input.isEmpty }?.input ?? []
        call.output = candidates.first { !$0.output.isEmpty }?.output ?? []
        return call
    }

    // MARK: semconv ≥1.37 attributes

    static func semconv(_ attributes: Attributes) throws(ContentProblem) -> (input: [GenAIMessage], output: [GenAIMessage]) {
        var input = try messages(attributes[inputKey], key: inputKey, defaultRole: "user")
        let output = try messages(attributes[outputKey], key: outputKey, defaultRole: "assistant")
        if let system = attributes[systemKey] {
            let json = try content(system, key: systemKey)
            let parts: [GenAIMessage.Part]
            switch json {
            case .array(let items): parts = items.compactMap(GenAIMessage.part)
            case .string(let text): parts = [.text(text)]
            default: parts = []
            }
            let hasSystem = input.contains { Role(normalizing: $0.role) == .system }
            if !parts.isEmpty && !hasSystem {
                input.insert(GenAIMessage(role: "system", parts: parts), at: 0)
            }
        }
        return (input, output)
    }

    static func messages(_ value: AnyValue?, key: String, defaultRole: String) throws(ContentProblem) -> [GenAIMessage] {
        guard let value, value != .empty else { return [] }
        let json = try content(value, key: key)
        if json.isNull { return [] }
        guard let list = GenAIMessage.parseList(json, defaultRole: defaultRole) else {
            throw ContentProblem("\(key): expected an array of messages, found \(json.typeName)")
        }
        return list
    }

    static func content(_ value: AnyValue, key: String) throws(ContentProblem) -> JSONValue {
        do {
            return try ContentValue.json(value)
        } catch {
            switch error {
            case .invalidJSON(let detail): throw ContentProblem("\(key) is not valid JSON (\(detail))")
            }
        }
    }

    // MARK: Flattened attributes (OpenLLMetry, OpenInference)

    enum FlatStyle {
        /// `gen_ai.prompt.N.role`, `.content`, `.tool_call_id`, `.tool_calls.M.{id,name,arguments}`
        case openLLMetry
        /// `llm.input_messages.N.message.role`, `.message.content`, `.message.contents.M.message_content.text`,
        /// `.message.tool_calls.M.tool_call.{id,function.name,function.arguments}`
        case openInference
    }

    static func flattened(_ attributes: Attributes, prefix: String, style: FlatStyle, defaultRole: String) -> [GenAIMessage] {
        let dotted = prefix + "."
        var byIndex: [Int: [String: AnyValue]] = [:]
        for key in attributes.keys(withPrefix: dotted) {
            let rest = key.dropFirst(dotted.count)
            guard let dot = rest.firstIndex(of: "."), let index = Int(rest[rest.startIndex..<dot]) else { continue }
            var field = String(rest[rest.index(after: dot)...])
            if style == .openInference {
                guard field.hasPrefix("message.") else { continue }
                field.removeFirst("message.".count)
            }
            byIndex[index, default: [:]][field] = attributes[key]
        }
        return byIndex.keys.sorted().compactMap { index -> GenAIMessage? in
            guard let fields = byIndex[index] else { return nil }
            var object: [String: JSONValue] = [:]
            object["role"] = fields["role"].map { .string($0.text) }
            object["name"] = fields["name"].map { .string($0.text) }
            object["tool_call_id"] = fields["tool_call_id"].map { .string($0.text) }
            if let content = fields["content"] {
                // OpenLLMetry writes list content as a JSON string of parts.
                if case .string(let text) = content, text.hasPrefix("["), let parsed = try? JSONParser.parse(text), parsed.arrayValue != nil {
                    object["content"] = parsed
                } else {
                    object["content"] = .string(content.text)
                }
            } else if style == .openInference {
                let texts = indexedGroups(fields, prefix: "contents").compactMap { part -> JSONValue? in
                    guard let text = part["message_content.text"] else { return nil }
                    return .object(["type": .string("text"), "text": .string(text.text)])
                }
                if !texts.isEmpty { object["content"] = .array(texts) }
            }
            let calls = indexedGroups(fields, prefix: "tool_calls").map { call -> JSONValue in
                let p = style == .openInference ? "tool_call." : ""
                let fn = style == .openInference ? "tool_call.function." : ""
                return .object([
                    "id": call["\(p)id"].map { .string($0.text) } ?? .null,
                    "function": .object([
                        "name": .string(call["\(fn)name"]?.text ?? call["\(p)name"]?.text ?? ""),
                        "arguments": call["\(fn)arguments"].map { .string($0.text) } ?? call["\(p)arguments"].map { .string($0.text) } ?? .null,
                    ]),
                ])
            }
            if !calls.isEmpty { object["tool_calls"] = .array(calls) }
            return GenAIMessage.parse(.object(object), defaultRole: defaultRole)
        }
    }

    /// `prefix.M.rest` fields grouped by M, in index order.
    static func indexedGroups(_ fields: [String: AnyValue], prefix: String) -> [[String: AnyValue]] {
        var groups: [Int: [String: AnyValue]] = [:]
        for (key, value) in fields where key.hasPrefix(prefix + ".") {
            let rest = key.dropFirst(prefix.count + 1)
            guard let dot = rest.firstIndex(of: "."), let index = Int(rest[rest.startIndex..<dot]) else { continue }
            groups[index, default: [:]][String(rest[rest.index(after: dot)...])] = value
        }
        return groups.keys.sorted().compactMap { groups[$0] }
    }

    // MARK: ≤1.36 events (log records, or span events with gen_ai.event.content)

    static func events(_ items: [(name: String, time: UInt64, attributes: Attributes, body: AnyValue?)]) throws(ContentProblem)
        -> (input: [GenAIMessage], output: [GenAIMessage]) {
        var input: [GenAIMessage] = []
        var choices: [(index: Int64, message: GenAIMessage)] = []
        for item in items {
            switch item.name {
            case "gen_ai.system.message", "gen_ai.user.message", "gen_ai.assistant.message", "gen_ai.tool.message":
                let role = String(item.name.dropFirst("gen_ai.".count).dropLast(".message".count))
                if let message = GenAIMessage.parse(try eventBody(item.attributes, item.body), defaultRole: role) {
                    input.append(message)
                }
            case "gen_ai.choice":
                let body = try eventBody(item.attributes, item.body)
                var object = body["message"]?.objectValue ?? [:]
                if object["tool_calls"] == nil, let calls = body["tool_calls"] { object["tool_calls"] = calls }
                if let message = GenAIMessage.parse(.object(object), defaultRole: "assistant") {
                    choices.append((body["index"]?.intValue ?? Int64(choices.count), message))
                }
            case "gen_ai.content.prompt":
                if let prompt = item.attributes["gen_ai.prompt"] {
                    input += try messages(prompt, key: "gen_ai.prompt", defaultRole: "user")
                }
            case "gen_ai.content.completion":
                if let completion = item.attributes["gen_ai.completion"] {
                    choices += try messages(completion, key: "gen_ai.completion", defaultRole: "assistant").map { (Int64(choices.count), $0) }
                }
            default:
                continue
            }
        }
        // One choice per alternative the model returned; the first (index 0) is the one shown.
        let output = choices.sorted { $0.index < $1.index }.prefix(1).map(\.message)
        return (input, output)
    }

    /// The event's body: the log record body map, or the span event's `gen_ai.event.content`
    /// JSON, or (loosely written emitters) the event's own attributes.
    static func eventBody(_ attributes: Attributes, _ body: AnyValue?) throws(ContentProblem) -> JSONValue {
        if let body, body != .empty {
            if case .string(let text) = body {
                // A plain-text body is the message content itself.
                if let parsed = try? JSONParser.parse(text), parsed.objectValue != nil { return parsed }
                return .object(["content": .string(text)])
            }
            return body.json
        }
        if let content = attributes["gen_ai.event.content"] {
            return try self.content(content, key: "gen_ai.event.content")
        }
        var object: [String: JSONValue] = [:]
        for (key, value) in attributes.values where !key.hasPrefix("gen_ai.") && key != "event.name" {
            object[key] = value.json
        }
        return .object(object)
    }
}
