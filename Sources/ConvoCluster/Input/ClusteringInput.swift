import ConvoModel

/// A piece of text with how much it counts, so a conversation's first user turn can weigh more
/// than its follow-ups and assistant text cannot outweigh what the user said.
public struct WeightedText: Sendable, Hashable {
    public var text: String
    /// Relative importance; 0 leaves the text out.
    public var weight: Float

    public init(_ text: String, weight: Float = 1) {
        self.text = text
        self.weight = weight
    }
}

/// One thing to cluster: an id (a conversation id, or a dataset row id) and its text parts.
public struct ClusteringItem: Sendable, Hashable {
    public var id: String
    public var parts: [WeightedText]

    public init(id: String, parts: [WeightedText]) {
        self.id = id
        self.parts = parts
    }

    /// An item made of one text of weight 1 (a dataset row, a single question).
    public init(id: String, text: String) {
        self.init(id: id, parts: [WeightedText(text)])
    }

    /// All parts' text, for embedders that take one string per item.
    public var joinedText: String {
        parts.filter { $0.weight > 0 && !$0.text.isEmpty }.map(\.text).joined(separator: "\n")
    }
}

/// How a conversation becomes clustering text: what the user asked decides its intent, so the
/// user's turns carry the weight (the first most, since it usually states the problem) and the
/// assistant's turns, which are long and repetitive across intents, only a little.
public struct ConversationTextPolicy: Sendable, Hashable {
    /// Weight of the first user turn; later user turns get `firstUserWeight / (1 + position)`.
    public var firstUserWeight: Float = 1
    /// Total weight shared by all assistant turns (0 leaves them out).
    public var assistantWeight: Float = 0.1
    /// Later user turns beyond this many are ignored: long chats drift off-topic.
    public var maxUserTurns = 6

    public init() {}

    /// The clustering text of `conversation`: its user turns, then a little assistant text.
    public func item(for conversation: Conversation) -> ClusteringItem {
        var parts: [WeightedText] = []
        var userIndex = 0
        for turn in conversation.turns where turn.role == .user && !turn.content.isEmpty {
            guard userIndex < maxUserTurns else { break }
            parts.append(WeightedText(turn.content, weight: firstUserWeight / Float(1 + userIndex)))
            userIndex += 1
        }
        let assistant = conversation.turns.filter { $0.role == .assistant && !$0.content.isEmpty }
        if assistantWeight > 0, !assistant.isEmpty {
            let each = assistantWeight / Float(assistant.count)
            parts += assistant.map { WeightedText($0.content, weight: each) }
        }
        return ClusteringItem(id: conversation.id, parts: parts)
    }
}
