/// The top-level keys of an `.intent` file, in canonical order.
public enum IntentField: String, Sendable, Hashable, CaseIterable, Comparable {
    case id, title, kind, status, stage
    case fixCost = "fix_cost"
    case summary, touches, signals, evidence, impact, weekly, change, history, notes

    /// The blocks convo rewrites when it updates an existing file; every other byte is the human's.
    public static let toolOwned: Set<IntentField> = [.status, .signals, .evidence, .impact, .weekly, .change, .history]

    /// Position in the canonical order; an absent block is inserted after the nearest field before it.
    public var canonicalIndex: Int { IntentField.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: IntentField, rhs: IntentField) -> Bool { lhs.canonicalIndex < rhs.canonicalIndex }
}
