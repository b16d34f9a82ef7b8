import ConvoBase
import ConvoModel

/// What ranking and evidence read from one conversation, with the account facts joined in.
/// The conversation's own fields win over billing: they were true when it happened.
struct ConversationFacts {
    let id: String
    let start: Timestamp?
    /// The account id, or the user id for users without one: who the conversation stands for.
    let accountKey: String?
    let plan: String?
    let ageDays: Int?
    let churnedInWindow: Bool
    let account: Account?

    init(_ conversation: Conversation, accounts: AccountBook, churnWindowHours: Int) {
        id = conversation.id
        start = conversation.startedAt ?? conversation.turns.lazy.compactMap(\.timestamp).first
        accountKey = conversation.user.account ?? conversation.user.id
        account = accounts[conversation.user.account]
        plan = (conversation.user.plan ?? account?.plan).map(RankSettings.normalizedPlan)
        if let age = conversation.user.accountAgeDays {
            ageDays = age
        } else if let signup = account?.signupDate, let start {
            ageDays = max(0, start.day.daysSinceEpoch - signup.daysSinceEpoch)
        } else {
            ageDays = nil
        }
        churnedInWindow = ConversationFacts.churned(account: account, after: start, withinHours: churnWindowHours)
    }

    /// Churn dates carry no time of day, so the churn counts when its day overlaps the window
    /// `[start, start + hours]`.
    static func churned(account: Account?, after start: Timestamp?, withinHours hours: Int) -> Bool {
        guard let churnDay = account?.churnDate, let start else { return false }
        let dayStart = churnDay.start
        let dayEnd = churnDay.adding(days: 1).start
        return dayEnd > start && dayStart <= start.adding(hours: hours)
    }
}
