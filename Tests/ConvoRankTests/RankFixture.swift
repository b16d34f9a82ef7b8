import ConvoBase
import ConvoModel
import ConvoRank

/// A small, hand-computable world: five accounts and three intents (see `RankerTests` for
/// the arithmetic of each priority).
enum RankFixture {
    static func day(_ text: String) -> Day {
        Day(iso8601: text) ?? Day(daysSinceEpoch: 0)
    }

    static func at(_ text: String) -> Timestamp {
        Timestamp(iso8601: text) ?? Timestamp(millisecondsSinceEpoch: 0)
    }

    static let accounts = AccountBook([
        Account(id: "acme", plan: "trial", signupDate: day("2026-11-18"), churnDate: day("2026-11-21")),
        Account(id: "globex", plan: "pro", mrr: 400),
        Account(id: "initech", plan: "pro", mrr: 200),
        Account(id: "umbrella", plan: "enterprise"),
        Account(id: "hooli", plan: "free", mrr: 0, signupDate: day("2026-01-01")),
    ])

    static func conversation(_ id: String, _ start: String, account: String?, user: String? = nil, plan: String?,
                             age: Int?) -> Conversation {
        Conversation(id: id, startedAt: at(start),
                     user: UserInfo(id: user, account: account, plan: plan, accountAgeDays: age),
                     turns: [Turn(role: .user, content: "help")])
    }

    static let webhook = RankInput(
        intent: "webhook-not-firing", title: "Webhook not firing after setup",
        conversations: [
            conversation("a1", "2026-11-20T10:00:00Z", account: "acme", plan: "trial", age: 2),
            conversation("a2", "2026-11-20T11:00:00Z", account: "acme", plan: "trial", age: 2),
            conversation("a3", "2026-11-23T09:00:00Z", account: "hooli", plan: nil, age: nil),
            conversation("a4", "2026-11-24T08:30:00Z", account: nil, user: "u_9", plan: "trial", age: 5),
        ],
        touches: ["prompts/support.md#webhooks"])

    static let rateLimits = RankInput(
        intent: "rate-limit-confusion", title: "Rate limits | what counts",
        conversations: [
            conversation("b1", "2026-11-20T12:00:00Z", account: "globex", plan: "pro", age: 100),
            conversation("b2", "2026-11-21T12:00:00Z", account: "globex", plan: "pro", age: 101),
            conversation("b3", "2026-11-21T13:00:00Z", account: "initech", plan: "pro", age: 20),
            conversation("b4", "2026-11-22T09:00:00Z", account: "umbrella", plan: "enterprise", age: 400),
            conversation("b5", "2026-11-22T10:00:00Z", account: "umbrella", plan: "enterprise", age: 400),
            conversation("b6", "2026-11-23T11:00:00Z", account: "umbrella", plan: "enterprise", age: 401),
        ],
        touches: ["prompts/support.md#rate-limits", "prompts/harness.yaml#tools.check_usage.description"])

    static let invites = RankInput(
        intent: "invite-email-missing", title: nil,
        conversations: [
            conversation("c1", "2026-11-21T09:00:00Z", account: "initech", plan: "pro", age: 20),
            conversation("c2", "2026-11-22T09:00:00Z", account: "hooli", plan: "free", age: 325),
            conversation("c3", "2026-11-22T10:00:00Z", account: "hooli", plan: "free", age: 325),
        ],
        stage: "activation",
        touches: ["prompts/wandb/config-defaults.yaml#retrieval_top_k"])

    static let all = [webhook, rateLimits, invites]
}
