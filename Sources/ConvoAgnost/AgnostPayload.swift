import ConvoBase
import ConvoModel
import ConvoStore

/// An Agnost payload that cannot be read, naming the field at fault.
public struct AgnostPayloadError: UserFacingError, Hashable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var hints: [String] {
        ["Agnost SDK payloads are JSON objects with a string session_id (capture-session, capture-event)"]
    }

    public var exitStatus: ExitStatus { .usage }
    public var description: String { field.isEmpty ? message : "field '\(field)': \(message)" }
}

/// The Agnost SDK's wire payloads (agnost 0.1.13) as conversation fragments. The server maps
/// each POST with it; `convo ingest` maps payload dump files the same way.
///
/// - `capture-session` carries the conversation id and the user's traits (`user_data`); it
///   becomes a fragment with no turns.
/// - `capture-event` is one input/output pair: a user turn and an assistant turn. `args` and
///   `result` are JSON text inside a JSON string (`"\"hello\""`), `""` meaning absent. Events
///   carry no time, so the turns take the receive time given by the caller, which must grow
///   with arrival order.
///
/// Events naming a session never seen are kept all the same; the session's traits merge in
/// if it arrives later.
public enum AgnostPayload {
    public enum Kind: String, Sendable {
        case session = "capture-session"
        case event = "capture-event"
    }

    /// Which payload a JSON object is, for dump files holding both kinds.
    public static func kind(of value: JSONValue) -> Kind? {
        guard case .object(let object) = value else { return nil }
        if object["event_id"] != nil || object["args"] != nil || object["result"] != nil || object["primitive_name"] != nil {
            return .event
        }
        if object["session_id"] != nil { return .session }
        return nil
    }

    /// The part to merge: a session is a `history` part with no turns; an event is a `delta`
    /// part (its turns are always new, even when the text repeats) identified by its
    /// `event_id`, so a re-delivered event changes nothing.
    public static func part(_ value: JSONValue, kind: Kind, receivedAt: Timestamp) throws(AgnostPayloadError) -> ConversationPart {
        switch kind {
        case .session:
            return ConversationPart(try session(value, receivedAt: receivedAt))
        case .event:
            let conversation = try event(value, receivedAt: receivedAt)
            let eventID = value["event_id"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            return ConversationPart(conversation, mode: .delta, partID: eventID)
        }
    }

    /// `POST /api/v1/capture-session`.
    public static func session(_ value: JSONValue, receivedAt: Timestamp) throws(AgnostPayloadError) -> Conversation {
        let object = try self.object(value)
        var conversation = Conversation(id: try sessionID(object))
        conversation.startedAt = receivedAt
        switch object["user_data"] {
        case .none, .some(.null): break
        case .some(.object(let traits)):
            for key in traits.keys.sorted() {
                guard let trait = traits[key], !trait.isNull else { continue }
                switch key {
                case "user_id", "userId", "id": conversation.user.id = conversation.user.id ?? text(trait)
                case "plan", "plan_tier", "tier": conversation.user.plan = conversation.user.plan ?? text(trait)
                case "account", "account_id", "accountId", "company_id", "org_id":
                    conversation.user.account = conversation.user.account ?? text(trait)
                case "account_age_days", "accountAgeDays":
                    guard let days = trait.intValue ?? trait.stringValue.flatMap({ Int64($0) }), let small = Int(exactly: days) else {
                        throw AgnostPayloadError(field: "user_data.\(key)", "expected a whole number of days, found \(trait.typeName)")
                    }
                    conversation.user.accountAgeDays = small
                default:
                    conversation.metadata["user.\(key)"] = trait
                }
            }
        case .some(let other):
            throw AgnostPayloadError(field: "user_data", "expected an object of user traits, found \(other.typeName)")
        }
        if let ip = object["ip"]?.stringValue, !ip.isEmpty { conversation.metadata["ip"] = .string(ip) }
        return conversation
    }

    /// `POST /api/v1/capture-event`.
    public static func event(_ value: JSONValue, receivedAt: Timestamp) throws(AgnostPayloadError) -> Conversation {
        let object = try self.object(value)
        var conversation = Conversation(id: try sessionID(object))
        conversation.startedAt = receivedAt
        conversation.endedAt = receivedAt
        if let agent = object["primitive_name"]?.stringValue, !agent.isEmpty { conversation.agent = agent }
        var latency: Int?
        switch object["latency"] {
        case .none, .some(.null): break
        case .some(let l):
            guard let ms = l.intValue, ms >= 0, let small = Int(exactly: ms) else {
                throw AgnostPayloadError(field: "latency", "expected a non-negative number of milliseconds, found \(l.typeName)")
            }
            latency = small > 0 ? small : nil
        }
        if let input = try doubleEncoded(object["args"], field: "args") {
            conversation.turns.append(Turn(role: .user, content: input, timestamp: receivedAt))
        }
        if let output = try doubleEncoded(object["result"], field: "result") {
            conversation.turns.append(Turn(role: .assistant, content: output, latencyMs: latency, timestamp: receivedAt))
        }
        switch object["metadata"] {
        case .none, .some(.null): break
        case .some(.object(let metadata)):
            for (key, value) in metadata where key != "event_type" || value.stringValue != "" {
                conversation.metadata[key] = value
            }
        case .some(let other):
            throw AgnostPayloadError(field: "metadata", "expected an object, found \(other.typeName)")
        }
        if case .some(.bool(false)) = object["success"] { conversation.metadata["agnost.failed"] = .bool(true) }
        return conversation
    }

    static func object(_ value: JSONValue) throws(AgnostPayloadError) -> [String: JSONValue] {
        guard case .object(let object) = value else {
            throw AgnostPayloadError(field: "", "expected a JSON object, found \(value.typeName)")
        }
        return object
    }

    static func sessionID(_ object: [String: JSONValue]) throws(AgnostPayloadError) -> String {
        switch object["session_id"] {
        case .none, .some(.null):
            throw AgnostPayloadError(field: "session_id", "missing; every payload names its conversation")
        case .some(.string(let id)) where !id.isEmpty:
            return id
        case .some(.int(let n)):
            return String(n)
        case .some(let other):
            throw AgnostPayloadError(field: "session_id", "expected a non-empty string, found \(other == .string("") ? "an empty string" : other.typeName)")
        }
    }

    /// `json.dumps(x)` sent as a string: decode the JSON inside. A JSON string gives its text,
    /// anything else its compact JSON; `""` and `"null"` mean absent. A string that is not
    /// JSON (another client) is taken as the text itself.
    static func doubleEncoded(_ value: JSONValue?, field: String) throws(AgnostPayloadError) -> String? {
        switch value {
        case .none, .some(.null): return nil
        case .some(.string(let encoded)):
            if encoded.isEmpty { return nil }
            guard let inner = try? JSONParser.parse(encoded) else { return encoded }
            switch inner {
            case .null: return nil
            case .string(let text): return text
            default: return inner.jsonText
            }
        case .some(.bool), .some(.int), .some(.double), .some(.array), .some(.object):
            // Not double-encoded, but unambiguous: keep it as JSON text.
            return value.map { $0.jsonText }
        }
    }

    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s.isEmpty ? nil : s
        case .null: return nil
        default: return value.jsonText
        }
    }
}
