import ConvoBase
import ConvoIntents
import ConvoModel
import ConvoRank
import ConvoStore

/// `convo rank`'s data: every intent file with the conversations the store assigns to it and
/// the accounts behind them, ranked by `Ranker` with the config's weights.
public enum StoreRanking {
    /// Ranks every intent that has not been merged into another.
    /// - Parameter filter: which conversations count (a time window, a plan, an agent).
    /// - Throws: store errors; `RankError` when an intent sets a stage or fix cost the config lacks.
    public static func rank(intents: [Intent], store: any ConversationStore, settings: RankSettings,
                            filter: ConversationFilter = .all) throws -> [IntentRanking] {
        var byIntent: [String: [String]] = [:]
        try store.forEachAssignment(matching: filter) { assignment in
            if let intent = assignment.intent { byIntent[intent, default: []].append(assignment.conversation) }
        }
        var facts: [String: Conversation] = [:]
        try store.forEachConversation(matching: filter, includeTurns: false) { facts[$0.id] = $0 }
        let inputs = intents.filter { !$0.isRetired }.map { intent in
            input(for: intent, conversations: (byIntent[intent.id] ?? []).compactMap { facts[$0] })
        }
        return try Ranker(settings: settings, accounts: AccountBook(store.accounts())).rank(inputs)
    }

    /// What the ranking needs from an intent file: its title, the stage and fix cost a person
    /// set, and the sections it touches.
    public static func input(for intent: Intent, conversations: [Conversation]) -> RankInput {
        let fixCost: FixCostOverride? = switch intent.fixCost {
        case .kind(let kind)?: .kind(kind)
        case .value(let value)?: .value(value)
        case nil: nil
        }
        return RankInput(intent: intent.id, title: intent.title, conversations: conversations, stage: intent.stage,
                         fixCost: fixCost, touches: intent.touches)
    }
}

extension Intent {
    /// Merged into another intent (its last history event says so): kept for its history, no
    /// longer matched or ranked.
    public var isRetired: Bool { history.last?.event == .mergedInto }

    /// The intent this one was merged into, when retired.
    public var mergedInto: String? { isRetired ? history.last?.intents.first : nil }
}
