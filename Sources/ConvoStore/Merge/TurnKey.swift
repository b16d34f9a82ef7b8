import ConvoBase
import ConvoModel

/// What decides whether two turns are the same turn when parts of a conversation overlap.
///
/// Role, tool name and text must be identical. Timestamps, tool arguments and tool-call ids must
/// be identical only when both sides have them: a chat span repeats earlier turns without the
/// timestamps or latencies they first arrived with, and those copies are still the same turns.
/// A tool call not yet answered (empty content) is the same turn as the answered call: the model's
/// request and, in the next request's history, the request with its result.
public struct TurnKey: Sendable, Hashable {
    public var role: Role
    /// Hash of role, name and content (`turns.content_hash` in the store).
    public var contentHash: Int64
    /// Hash of role and name, to match an unanswered tool call with its answered copy.
    public var speakerHash: Int64
    /// Hash of the canonical arguments, when the turn has arguments.
    public var argumentsHash: Int64?
    public var toolCallID: String?
    /// Milliseconds since the epoch.
    public var timestamp: Int64?
    public var isEmpty: Bool

    public init(role: Role, name: String?, contentHash: Int64, isEmpty: Bool, argumentsHash: Int64?,
                toolCallID: String?, timestamp: Int64?) {
        self.role = role
        self.contentHash = contentHash
        self.speakerHash = TurnKey.contentHash(role: role, name: name, content: "")
        self.isEmpty = isEmpty
        self.argumentsHash = argumentsHash
        self.toolCallID = toolCallID
        self.timestamp = timestamp
    }

    public init(_ turn: Turn) {
        self.init(role: turn.role, name: turn.name,
                  contentHash: TurnKey.contentHash(role: turn.role, name: turn.name, content: turn.content),
                  isEmpty: turn.content.isEmpty,
                  argumentsHash: turn.arguments.map(TurnKey.argumentsHash),
                  toolCallID: turn.toolCallID,
                  timestamp: turn.timestamp?.millisecondsSinceEpoch)
    }

    /// The same turn, seen twice.
    @inline(__always) public func matches(_ other: TurnKey) -> Bool {
        if contentHash != other.contentHash {
            guard role == .tool, other.role == .tool, isEmpty || other.isEmpty, speakerHash == other.speakerHash else {
                return false
            }
        }
        if let a = timestamp, let b = other.timestamp, a != b { return false }
        if let a = argumentsHash, let b = other.argumentsHash, a != b { return false }
        if let a = toolCallID, let b = other.toolCallID, a != b { return false }
        return true
    }

    public static func contentHash(role: Role, name: String?, content: String) -> Int64 {
        var hasher = StableHash()
        hasher.combine(role.rawValue)
        hasher.combineSeparator(0)
        hasher.combine(name ?? "")
        hasher.combineSeparator(0)
        hasher.combine(content)
        return Int64(bitPattern: hasher.finalize())
    }

    /// Arguments compare by meaning: a JSON string holding an object (how OpenAI sends them) equals
    /// that object, and key order never matters.
    public static func argumentsHash(_ arguments: JSONValue) -> Int64 {
        var canonical = arguments
        if case .string(let text) = arguments,
           let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }),
           first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
           let parsed = try? JSONParser.parse(text, maxDepth: 64) {
            canonical = parsed
        }
        return Int64(bitPattern: StableHash.hash(canonical.jsonText))
    }
}
