import ConvoBase
import ConvoModel

/// Conversation-level facts read from span and resource attributes: the conversation id, who
/// the user is, and everything else as metadata.
enum SpanFacts {
    /// Where a conversation id may be, in order of preference (notes §0.3).
    static let conversationIDKeys = ["gen_ai.conversation.id", "session.id", "traceloop.association.properties.session_id"]

    /// Prefix of conversation ids made up from a trace when no span of it names a conversation.
    static let traceFallbackPrefix = "otel-trace-"

    static func conversationID(_ attributes: Attributes, resource: Attributes) -> String? {
        for key in conversationIDKeys {
            if let id = attributes.string(key) ?? resource.string(key) { return id }
        }
        return nil
    }

    static func fallbackID(traceID: String) -> String { traceFallbackPrefix + traceID }

    /// Attributes apps use for user facts. There is no convention for plan or account age, so
    /// any key whose last part names the fact counts (`user.plan`, `app.user.plan`, `plan`, …).
    static func user(_ attributes: Attributes) -> UserInfo {
        var user = UserInfo()
        for key in attributes.values.keys.sorted() {
            guard let value = attributes[key] else { continue }
            let name = key.hasPrefix("traceloop.association.properties.") ? String(key.dropFirst("traceloop.association.properties.".count)) : key
            switch fact(name) {
            case .userID: user.id = user.id ?? nonEmpty(value.text)
            case .account: user.account = user.account ?? nonEmpty(value.text)
            case .plan: user.plan = user.plan ?? nonEmpty(value.text)
            case .accountAge:
                if user.accountAgeDays == nil, let days = value.intValue, let small = Int(exactly: days) { user.accountAgeDays = small }
            case nil: continue
            }
        }
        return user
    }

    enum Fact {
        case userID, account, plan, accountAge
    }

    static func fact(_ key: String) -> Fact? {
        switch key {
        case "user.id", "user_id", "enduser.id", "app.user.id", "userId": return .userID
        case "account.id", "account_id", "user.account", "user.account.id", "app.account.id", "app.user.account", "customer_id", "customer.id", "account": return .account
        case "account_age_days", "user.account_age_days", "app.user.account_age_days", "account.age_days", "app.account_age_days", "account.account_age_days": return .accountAge
        default:
            if key == "plan" || key.hasSuffix(".plan") || key.hasSuffix(".plan_tier") || key == "plan_tier" { return .plan }
            return nil
        }
    }

    static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    /// Every attribute except message content, resource attributes first so a span's own value wins.
    static func metadata(_ attributes: Attributes, resource: Attributes) -> [String: JSONValue] {
        var metadata: [String: JSONValue] = [:]
        for (key, value) in resource.values where !ModelCallReader.isContentKey(key) {
            metadata[key] = value.json
        }
        for (key, value) in attributes.values where !ModelCallReader.isContentKey(key) {
            metadata[key] = value.json
        }
        return metadata
    }

    /// Spans worth reading facts from: GenAI spans, session-carrying spans and roots; not the
    /// HTTP or database spans that happen to share the trace.
    static func isConversational(_ span: TelemetrySpan) -> Bool {
        if span.parentSpanID == nil { return true }
        return span.attributes.values.keys.contains { key in
            key.hasPrefix("gen_ai.") || key.hasPrefix("llm.") || key.hasPrefix("traceloop.") || key.hasPrefix("openinference.")
                || key == "session.id" || key == "user.id"
        }
    }
}
