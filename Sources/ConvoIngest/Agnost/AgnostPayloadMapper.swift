import ConvoBase
import ConvoModel
import ConvoStore

/// The Agnost SDK's two wire payloads (agnost 0.1.13) as conversation parts. `convo ingest` reads
/// dumps of them; `convo serve` maps the bodies of `POST /api/v1/capture-session` and
/// `POST /api/v1/capture-event` with the same code.
///
/// - `capture-session` `{session_id, user_data: {user_id, …traits}}`: the conversation's facts.
///   Traits named like plan/account/account age fill those facts; the rest become metadata.
/// - `capture-event` `{event_id, session_id, primitive_name, args, result, latency, success,
///   metadata}`: one user turn (`args`) and one assistant turn (`result`), as a *delta* part keyed
///   by `event_id`, so a re-delivered event changes nothing. `args`/`result` are JSON text holding
///   JSON (`"\"hello\""`): decoded twice; `""` means absent.
///
/// Events carry no timestamp; pass `receivedAt` when the receive time is known (the server), else
/// turns keep arrival order.
public enum AgnostPayloadMapper {
    public enum Kind: String, Sendable {
        case session = "capture-session"
        case event = "capture-event"
    }

    /// Which payload a JSON body is, by its fields; nil when it is neither.
    public static func kind(of body: JSONValue) -> Kind? {
        guard case .object(let object) = body, object["session_id"] != nil else { return nil }
        if object["event_id"] != nil || object["primitive_name"] != nil || object["args"] != nil || object["result"] != nil {
            return .event
        }
        if object["user_data"] != nil || object["client_config"] != nil || object["connection_type"] != nil {
            return .session
        }
        return nil
    }

    /// Maps either payload, telling them apart by their fields.
    public static func part(_ body: JSONValue, receivedAt: Timestamp? = nil) throws(RecordError) -> ConversationPart {
        switch kind(of: body) {
        case .session?: return try session(body)
        case .event?: return try event(body, receivedAt: receivedAt)
        case nil:
            let root = try JSONObjectReader(body)
            guard root.has("session_id") else {
                throw RecordError(field: "session_id", "missing; every Agnost payload names its session")
            }
            throw RecordError("neither a capture-session (user_data) nor a capture-event (event_id, args, result) payload")
        }
    }

    /// `capture-session`: facts only.
    public static func session(_ body: JSONValue) throws(RecordError) -> ConversationPart {
        let root = try JSONObjectReader(body)
        var conversation = Conversation(id: try sessionID(root))
        if let userData = try root.object("user_data") {
            var traits = userData.values
            // `user_id` is the SDK's own key; a trait of the same name overrides it, as in the SDK.
            if case .string(let id)? = traits.removeValue(forKey: "user_id"), !id.isEmpty { conversation.user.id = id }
            var facts = Conversation(id: conversation.id)
            UserFacts.apply(traits, to: &facts)
            conversation.user.account = facts.user.account
            conversation.user.plan = facts.user.plan
            conversation.user.accountAgeDays = facts.user.accountAgeDays
            conversation.agent = facts.agent
            if let id = facts.user.id { conversation.user.id = id }
            if !facts.metadata.isEmpty { conversation.metadata["traits"] = .object(facts.metadata) }
        }
        return ConversationPart(conversation)
    }

    /// `capture-event`: one input/output pair.
    public static func event(_ body: JSONValue, receivedAt: Timestamp? = nil) throws(RecordError) -> ConversationPart {
        let root = try JSONObjectReader(body)
        var conversation = Conversation(id: try sessionID(root))
        if let agent = try root.string("primitive_name"), !agent.isEmpty { conversation.agent = agent }
        let latency = try root.int("latency")
        if let latency, latency < 0 {
            throw RecordError(field: "latency", "must not be negative")
        }
        let input = try decodeTwice(root, "args")
        let output = try decodeTwice(root, "result")
        // With a receive time, the answer arrived then and the question `latency` earlier.
        let answeredAt = receivedAt
        let askedAt = receivedAt.map { $0.adding(milliseconds: -Int64(latency ?? 0)) }
        if let input { conversation.turns.append(Turn(role: .user, content: input, timestamp: askedAt)) }
        if let output {
            conversation.turns.append(Turn(role: .assistant, content: output, latencyMs: latency.flatMap { $0 > 0 ? $0 : nil },
                                           timestamp: answeredAt))
        }
        if case .bool(false)? = root["success"] { conversation.metadata["had_error"] = .bool(true) }
        if let properties = try root.object("metadata") {
            for (key, value) in properties.values where key != "event_type" {
                conversation.metadata[key] = value
            }
        }
        guard let eventID = try root.identifier("event_id") else {
            // Without an event id, the payload's own content identifies it.
            return .delta(conversation, id: "sha:" + StableHash.identifier(body.jsonText))
        }
        return .delta(conversation, id: eventID)
    }

    private static func sessionID(_ root: JSONObjectReader) throws(RecordError) -> String {
        guard let id = try root.identifier("session_id") else {
            throw RecordError(field: "session_id", "missing; every Agnost payload names its session")
        }
        return id
    }

    /// `args`/`result`: JSON text of the value the app passed. A string value is the text itself;
    /// any other JSON (a dict) is kept as compact JSON; text that is not JSON is taken literally.
    static func decodeTwice(_ root: JSONObjectReader, _ key: String) throws(RecordError) -> String? {
        guard let value = root[key] else { return nil }
        guard case .string(let encoded) = value else {
            // Not double-encoded after all (a hand-made dump): use the value directly.
            return value.textRendering.isEmpty ? nil : value.textRendering
        }
        if encoded.isEmpty { return nil }
        guard let inner = try? JSONParser.parse(encoded, maxDepth: 64) else { return encoded }
        switch inner {
        case .null: return nil
        case .string(let text): return text.isEmpty ? nil : text
        default: return inner.jsonText
        }
    }
}
