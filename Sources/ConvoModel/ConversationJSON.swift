import ConvoBase

/// A conversation that does not fit convo's own format, naming the field at fault.
public struct ConversationFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Path of the field, e.g. `turns[2].role`.
    public var field: String
    public var message: String

    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { field.isEmpty ? message : "field '\(field)': \(message)" }
}

/// convo's own conversation format (DESIGN.md "Capture"): one JSON object per line, keys in a
/// fixed order so the same conversation always prints the same bytes.
public enum ConversationJSON {
    /// One line of convo JSONL (no trailing newline).
    public static func encode(_ conversation: Conversation, includeTurns: Bool = true) -> String {
        var writer = JSONWriter()
        write(conversation, to: &writer, includeTurns: includeTurns)
        return writer.string
    }

    public static func write(_ c: Conversation, to w: inout JSONWriter, includeTurns: Bool = true) {
        w.beginObject()
        w.key("id"); w.string(c.id)
        if let started = c.startedAt { w.key("started_at"); w.string(started.iso8601) }
        if let ended = c.endedAt { w.key("ended_at"); w.string(ended.iso8601) }
        if let agent = c.agent { w.key("agent"); w.string(agent) }
        if !c.user.isEmpty {
            w.key("user")
            w.beginObject()
            if let id = c.user.id { w.key("id"); w.string(id) }
            if let account = c.user.account { w.key("account"); w.string(account) }
            if let plan = c.user.plan { w.key("plan"); w.string(plan) }
            if let age = c.user.accountAgeDays { w.key("account_age_days"); w.int(age) }
            w.endObject()
        }
        if !c.metadata.isEmpty {
            w.key("metadata")
            w.value(.object(c.metadata))
        }
        if includeTurns {
            w.key("turns")
            w.beginArray()
            for turn in c.turns { write(turn, to: &w) }
            w.endArray()
        }
        w.endObject()
    }

    public static func write(_ t: Turn, to w: inout JSONWriter) {
        w.beginObject()
        w.key("role"); w.string(t.role.rawValue)
        if let name = t.name { w.key("name"); w.string(name) }
        if let arguments = t.arguments { w.key("arguments"); w.value(arguments) }
        if let id = t.toolCallID { w.key("tool_call_id"); w.string(id) }
        w.key("content"); w.string(t.content)
        if let ts = t.timestamp { w.key("ts"); w.string(ts.iso8601) }
        if let latency = t.latencyMs { w.key("latency_ms"); w.int(latency) }
        w.endObject()
    }

    /// Reads one conversation object. Unknown keys are ignored, so newer writers stay readable.
    public static func decode(_ value: JSONValue) throws(ConversationFormatError) -> Conversation {
        guard case .object(let object) = value else {
            throw ConversationFormatError(field: "", "expected a JSON object, found \(value.typeName)")
        }
        guard let idValue = object["id"], !idValue.isNull else {
            throw ConversationFormatError(field: "id", "missing; every conversation needs an id")
        }
        let id: String
        switch idValue {
        case .string(let s) where !s.isEmpty: id = s
        case .int(let i): id = String(i)
        default: throw ConversationFormatError(field: "id", "expected a non-empty string, found \(idValue.typeName)")
        }
        var conversation = Conversation(id: id)
        conversation.startedAt = try timestamp(object["started_at"], field: "started_at")
        conversation.endedAt = try timestamp(object["ended_at"], field: "ended_at")
        conversation.agent = try string(object["agent"], field: "agent")
        if let user = object["user"], !user.isNull {
            guard case .object(let u) = user else {
                throw ConversationFormatError(field: "user", "expected an object, found \(user.typeName)")
            }
            conversation.user.id = try string(u["id"], field: "user.id")
            conversation.user.account = try string(u["account"], field: "user.account")
            conversation.user.plan = try string(u["plan"], field: "user.plan")
            conversation.user.accountAgeDays = try int(u["account_age_days"], field: "user.account_age_days")
        }
        if let metadata = object["metadata"], !metadata.isNull {
            guard case .object(let m) = metadata else {
                throw ConversationFormatError(field: "metadata", "expected an object, found \(metadata.typeName)")
            }
            conversation.metadata = m
        }
        guard let turnsValue = object["turns"], !turnsValue.isNull else {
            throw ConversationFormatError(field: "turns", "missing; expected an array of turns")
        }
        guard case .array(let turns) = turnsValue else {
            throw ConversationFormatError(field: "turns", "expected an array, found \(turnsValue.typeName)")
        }
        conversation.turns.reserveCapacity(turns.count)
        for (index, turn) in turns.enumerated() {
            conversation.turns.append(try decodeTurn(turn, field: "turns[\(index)]"))
        }
        return conversation
    }

    static func decodeTurn(_ value: JSONValue, field: String) throws(ConversationFormatError) -> Turn {
        guard case .object(let t) = value else {
            throw ConversationFormatError(field: field, "expected an object, found \(value.typeName)")
        }
        guard let roleName = try string(t["role"], field: "\(field).role") else {
            throw ConversationFormatError(field: "\(field).role", "missing; expected user, assistant, system or tool")
        }
        guard let role = Role(normalizing: roleName) else {
            throw ConversationFormatError(field: "\(field).role", "unknown role '\(roleName)'; expected user, assistant, system or tool")
        }
        let content: String
        switch t["content"] {
        case .none, .some(.null): content = ""
        case .some(.string(let s)): content = s
        case .some(let other):
            throw ConversationFormatError(field: "\(field).content", "expected a string, found \(other.typeName)")
        }
        var turn = Turn(role: role, content: content)
        turn.name = try string(t["name"], field: "\(field).name")
        if let arguments = t["arguments"], !arguments.isNull { turn.arguments = arguments }
        turn.toolCallID = try string(t["tool_call_id"], field: "\(field).tool_call_id")
        turn.timestamp = try timestamp(t["ts"], field: "\(field).ts")
        turn.latencyMs = try int(t["latency_ms"], field: "\(field).latency_ms")
        if let latency = turn.latencyMs, latency < 0 {
            throw ConversationFormatError(field: "\(field).latency_ms", "must not be negative")
        }
        return turn
    }

    static func string(_ value: JSONValue?, field: String) throws(ConversationFormatError) -> String? {
        switch value {
        case .none, .some(.null): return nil
        case .some(.string(let s)): return s
        case .some(let other): throw ConversationFormatError(field: field, "expected a string, found \(other.typeName)")
        }
    }

    static func int(_ value: JSONValue?, field: String) throws(ConversationFormatError) -> Int? {
        switch value {
        case .none, .some(.null): return nil
        case .some(let v):
            guard let i = v.intValue, let small = Int(exactly: i) else {
                throw ConversationFormatError(field: field, "expected a whole number, found \(v.typeName)")
            }
            return small
        }
    }

    static func timestamp(_ value: JSONValue?, field: String) throws(ConversationFormatError) -> Timestamp? {
        switch value {
        case .none, .some(.null): return nil
        case .some(.string(let s)):
            guard let ts = Timestamp(iso8601: s) else {
                throw ConversationFormatError(field: field, "'\(s)' is not an ISO 8601 timestamp (e.g. 2026-11-20T10:02:11Z)")
            }
            return ts
        case .some(.int(let seconds)):
            // Epoch numbers: seconds, or milliseconds when too large to be seconds.
            return seconds > 100_000_000_000 ? Timestamp(millisecondsSinceEpoch: seconds) : Timestamp(secondsSinceEpoch: seconds)
        case .some(.double(let seconds)):
            return Timestamp(millisecondsSinceEpoch: Int64((seconds * 1000).rounded()))
        case .some(let other):
            throw ConversationFormatError(field: field, "expected an ISO 8601 timestamp string, found \(other.typeName)")
        }
    }
}
