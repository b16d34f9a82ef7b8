import ConvoBase
import ConvoModel
import ConvoStore

/// Reads the facts ranking needs (user, account, plan, account age, agent) out of free-form
/// metadata, under the key names exporters and apps commonly use; everything else stays metadata.
enum UserFacts {
    static let userKeys = ["user_id", "userId", "user"]
    static let accountKeys = ["account", "account_id", "accountId", "org_id", "orgId", "organization_id", "customer_id", "customerId"]
    static let planKeys = ["plan", "plan_tier", "planTier", "tier"]
    static let ageKeys = ["account_age_days", "accountAgeDays"]
    static let agentKeys = ["agent", "agent_name", "agentName"]

    /// Moves recognised facts from `metadata` into the conversation and the rest into its metadata.
    static func apply(_ metadata: [String: JSONValue], to conversation: inout Conversation) {
        var rest = metadata
        func take(_ keys: [String]) -> String? {
            for key in keys {
                guard let value = rest[key] else { continue }
                switch value {
                case .string(let text) where !text.isEmpty:
                    rest.removeValue(forKey: key)
                    return text
                case .int(let number):
                    rest.removeValue(forKey: key)
                    return String(number)
                default:
                    continue
                }
            }
            return nil
        }
        if let user = take(userKeys) { conversation.user.id = user }
        if let account = take(accountKeys) { conversation.user.account = account }
        if let plan = take(planKeys) { conversation.user.plan = plan }
        if let agent = take(agentKeys) { conversation.agent = agent }
        for key in ageKeys {
            guard let value = rest[key] else { continue }
            let days: Int64? = value.intValue ?? value.stringValue.flatMap { Int64($0) }
            if let days, let small = Int(exactly: days), small >= 0 {
                conversation.user.accountAgeDays = small
                rest.removeValue(forKey: key)
            }
        }
        for (key, value) in rest where !value.isNull { conversation.metadata[key] = value }
    }
}

/// Conversation ids for formats that carry none: a hash of the record's canonical JSON, so the
/// same record always gets the same id (re-ingesting it is a no-op) whatever its formatting.
enum DerivedID {
    static func make(_ prefix: String, from record: JSONValue) -> String {
        "\(prefix)-\(StableHash.identifier(record.jsonText))"
    }
}
