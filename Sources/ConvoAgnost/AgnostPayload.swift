import ConvoBase
import ConvoModel
import ConvoStore

/// An Agnost payload that cannot be read, naming the field at fault.
public struct AgnostPayloadError: UserFacingError, Hashable, CustomStringConvertible {
    /// Path of the offending field (`user_data.account_age_days`); empty for the payload as a whole.
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

/// The Agnost SDK's two wire payloads (agnost 0.1.13) as conversation parts. `convo serve` maps
/// the bodies of `POST /api/v1/capture-session` and `POST /api/v1/capture-event` with it, and
/// `convo ingest` maps payload dump files the same way.
///
/// - `capture-session` `{session_id, user_data: {user_id, …traits}}`: the conversation's facts,
///   no turns. Traits named like an account, plan or account age fill those facts; the others
///   become `user.<trait>` metadata (merged key by key, like OpenTelemetry's `user.*` attributes).
/// - `capture-event` `{event_id, session_id, primitive_name, args, result, latency, success,
///   metadata}`: one user turn (`args`) and one assistant turn (`result`), as a *delta* part keyed
///   by `event_id`, so a re-delivered event changes nothing. `args`/`result` are JSON text holding
///   JSON (`"\"hello\""`): decoded twice; `""` means absent.
///
/// Events carry no time and no sequence. With a receive time (the server, which makes it grow
/// with arrival order) both turns of an event take it; without one (a dump) turns keep the
/// order they are read in. Events naming a session never seen are kept all the same; the
/// session's traits merge in if it arrives later.
public enum AgnostPayload {
    public enum Kind: String, Sendable {
        case session = "capture-session"
        case event = "capture-event"
    }

    /// Which payload a JSON value is, by its fields; nil when it is neither. Strict enough for
    /// format detection: other exports also carry a `session_id` (LangSmith runs do).
    public static func kind(of value: JSONValue) -> Kind? {
        guard case .object(let object) = value, object["session_id"] != nil else { return nil }
        if object["event_id"] != nil || object["primitive_name"] != nil || object["args"] != nil || object["result"] != nil {
            return .event
        }
        if object["user_data"] != nil || object["client_config"] != nil || object["connection_type"] != nil {
            return .session
        }
        return nil
    }

    /// The part to merge: a session is a `history` part with no turns; an event is a `delta`
    /// part (its turns are always new, even when the text repeats) identified by its
    /// `event_id`, or by a hash of its content when it has none.
    /// - Parameters:
    ///   - kind: the endpoint's payload kind; nil to tell it from the fields (dump files).
    ///   - receivedAt: when the payload arrived, if known.
    public static func part(_ value: JSONValue, kind: Kind? = nil, receivedAt: Timestamp? = nil) throws(AgnostPayloadError) -> ConversationPart {
        switch kind ?? self.kind(of: value) {
        case .session?:
            return ConversationPart(try session(value, receivedAt: receivedAt))
        case .event?:
            let conversation = try event(value, receivedAt: receivedAt)
            // Without an event id, the payload's own content identifies it.
            let id = try identifier(try object(value), "event_id") ?? "sha:" + StableHash.identifier(value.jsonText)
            return .delta(conversation, id: id)
        case nil:
            _ = try sessionID(try object(value))
            throw AgnostPayloadError(field: "", "neither a capture-session (user_data) nor a capture-event (event_id, args, result) payload")
        }
    }

    /// `capture-session`: facts only.
    public static func session(_ value: JSONValue, receivedAt: Timestamp? = nil) throws(AgnostPayloadError) -> Conversation {
        let object = try self.object(value)
        var conversation = Conversation(id: try sessionID(object))
        conversation.startedAt = receivedAt
        switch object["user_data"] {
        case .none, .some(.null): break
        case .some(.object(let traits)): try apply(traits: traits, to: &conversation)
        case .some(let other):
            throw AgnostPayloadError(field: "user_data", "expected an object of user traits, found \(other.typeName)")
        }
        if let ip = object["ip"]?.stringValue, !ip.isEmpty { conversation.metadata["ip"] = .string(ip) }
        return conversation
    }

    /// `capture-event`: one input/output pair.
    public static func event(_ value: JSONValue, receivedAt: Timestamp? = nil) throws(AgnostPayloadError) -> Conversation {
        let object = try self.object(value)
        var conversation = Conversation(id: try sessionID(object))
        conversation.startedAt = receivedAt
        conversation.endedAt = receivedAt
        if let agent = object["primitive_name"]?.stringValue, !agent.isEmpty { conversation.agent = agent }
        var latency: Int?
        switch object["latency"] {
        case .none, .some(.null): break
        case .some(let value):
            guard let ms = value.intValue, let small = Int(exactly: ms) else {
                throw AgnostPayloadError(field: "latency", "expected a whole number of milliseconds, found \(describe(value))")
            }
            guard small >= 0 else { throw AgnostPayloadError(field: "latency", "must not be negative, found \(small)") }
            latency = small > 0 ? small : nil
        }
        if let input = doubleEncoded(object["args"]) {
            conversation.turns.append(Turn(role: .user, content: input, timestamp: receivedAt))
        }
        if let output = doubleEncoded(object["result"]) {
            conversation.turns.append(Turn(role: .assistant, content: output, latencyMs: latency, timestamp: receivedAt))
        }
        switch object["metadata"] {
        case .none, .some(.null): break
        case .some(.object(let metadata)):
            // The SDK always adds `event_type: ""`; an app's own non-empty one is kept.
            for (key, value) in metadata where !value.isNull && !(key == "event_type" && value == .string("")) {
                conversation.metadata[key] = value
            }
        case .some(let other):
            throw AgnostPayloadError(field: "metadata", "expected an object, found \(other.typeName)")
        }
        if case .some(.bool(false)) = object["success"] { conversation.metadata["had_error"] = .bool(true) }
        return conversation
    }

    // MARK: Traits

    /// Trait names apps use for the facts ranking needs, most specific first.
    static let userIDTraits = ["user_id", "userId"]
    static let accountTraits = ["account", "account_id", "accountId", "org_id", "orgId", "organization_id", "company_id",
                                "customer_id", "customerId"]
    static let planTraits = ["plan", "plan_tier", "planTier", "tier"]
    static let ageTraits = ["account_age_days", "accountAgeDays"]

    /// `user_data` (`{"user_id": …}` merged with the `identify()` traits, which keep their JSON
    /// types): facts out, the rest as `user.<trait>` metadata. Null and `""` traits are absent.
    static func apply(traits: [String: JSONValue], to conversation: inout Conversation) throws(AgnostPayloadError) {
        var rest = traits.filter { !$0.value.isNull && $0.value != .string("") }
        func take(_ keys: [String]) -> String? {
            for key in keys {
                switch rest[key] {
                case .string(let text)?:
                    rest[key] = nil
                    return text
                case .int(let number)?:
                    rest[key] = nil
                    return String(number)
                default:
                    continue
                }
            }
            return nil
        }
        conversation.user.id = take(userIDTraits)
        conversation.user.account = take(accountTraits)
        conversation.user.plan = take(planTraits)
        if let key = ageTraits.first(where: { rest[$0] != nil }), let trait = rest.removeValue(forKey: key) {
            guard let days = trait.intValue ?? trait.stringValue.flatMap({ Int64($0) }), let small = Int(exactly: days) else {
                throw AgnostPayloadError(field: "user_data.\(key)", "expected a whole number of days, found \(describe(trait))")
            }
            guard small >= 0 else { throw AgnostPayloadError(field: "user_data.\(key)", "must not be negative, found \(small)") }
            conversation.user.accountAgeDays = small
        }
        for (key, value) in rest { conversation.metadata["user.\(key)"] = value }
    }

    // MARK: Fields

    static func object(_ value: JSONValue) throws(AgnostPayloadError) -> [String: JSONValue] {
        guard case .object(let object) = value else {
            throw AgnostPayloadError(field: "", "expected a JSON object, found \(value.typeName)")
        }
        return object
    }

    static func sessionID(_ object: [String: JSONValue]) throws(AgnostPayloadError) -> String {
        guard let id = try identifier(object, "session_id") else {
            throw AgnostPayloadError(field: "session_id", "missing; every Agnost payload names its conversation")
        }
        return id
    }

    /// A string id, or a whole number written as its decimal text; nil when absent, null or `""`.
    static func identifier(_ object: [String: JSONValue], _ key: String) throws(AgnostPayloadError) -> String? {
        switch object[key] {
        case .none, .some(.null): return nil
        case .some(.string(let id)): return id.isEmpty ? nil : id
        case .some(.int(let number)): return String(number)
        case .some(let other): throw AgnostPayloadError(field: key, "expected a string id, found \(other.typeName)")
        }
    }

    /// `json.dumps(x)` sent as a string: decode the JSON inside. A JSON string gives its text,
    /// anything else its compact JSON; `""`, `"null"` and `"\"\""` mean absent. A string that is
    /// not JSON (another client) is taken as the text itself, and a value that was not encoded
    /// at all is kept as its JSON text.
    static func doubleEncoded(_ value: JSONValue?) -> String? {
        switch value {
        case .none, .some(.null): return nil
        case .some(.string(let encoded)):
            if encoded.isEmpty { return nil }
            guard let inner = try? JSONParser.parse(encoded) else { return encoded }
            switch inner {
            case .null: return nil
            case .string(let text): return text.isEmpty ? nil : text
            default: return inner.jsonText
            }
        case .some(let other):
            return other.jsonText
        }
    }

    /// A wrong value for an error message: its type, and the value itself when short.
    static func describe(_ value: JSONValue) -> String {
        let text = value.jsonText
        return text.count <= 24 ? "\(value.typeName) (\(text))" : value.typeName
    }
}
