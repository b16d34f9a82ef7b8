import ConvoBase
import ConvoModel

/// The ingest hot path: decodes one convo-format record straight from its bytes into a
/// `Conversation`, without building a `JSONValue` tree (no dictionary per object, no string per
/// key). It handles valid records only: on anything unexpected it returns nil and the caller
/// decodes the record the general way, which produces the precise error. For valid records the
/// result equals `ConversationJSON.decode(JSONParser.parse(bytes))` (a test holds it to that).
struct ConvoJSONFastDecoder {
    private let bytes: UnsafeRawBufferPointer
    private var i = 0
    private let maxDepth: Int

    private init(_ bytes: UnsafeRawBufferPointer, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, maxDepth: Int) -> Conversation? {
        var decoder = ConvoJSONFastDecoder(bytes, maxDepth: maxDepth)
        guard let conversation = decoder.conversation() else { return nil }
        decoder.skipWhitespace()
        return decoder.i == bytes.count ? conversation : nil
    }

    // MARK: Conversation

    /// Walks one object's members, calling `member` with the decoder positioned at each value;
    /// false (from the walk or from `member`) means "not for the fast path".
    private mutating func members(_ member: (inout ConvoJSONFastDecoder, Key) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "{")) else { return false }
        var first = true
        while true {
            skipWhitespace()
            if consume(UInt8(ascii: "}")) { return true }
            if !first {
                guard consume(UInt8(ascii: ",")) else { return false }
                skipWhitespace()
            }
            first = false
            guard let key = keyBytes() else { return false }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { return false }
            skipWhitespace()
            guard member(&self, key) else { return false }
        }
    }

    private mutating func conversation() -> Conversation? {
        skipWhitespace()
        var id: String?
        var c = Conversation(id: "")
        var sawTurns = false
        let complete = members { d, key in
            switch key {
            case .id:
                if d.peek == UInt8(ascii: "n") { id = nil; return d.literal("null") }
                if d.peek == UInt8(ascii: "\"") {
                    guard let text = d.string(), !text.isEmpty else { return false }
                    id = text
                } else {
                    guard let number = d.integer() else { return false }
                    id = String(number)
                }
            case .startedAt:
                guard let ts = d.optionalTimestamp() else { return false }
                c.startedAt = ts.value
            case .endedAt:
                guard let ts = d.optionalTimestamp() else { return false }
                c.endedAt = ts.value
            case .agent:
                guard let text = d.optionalString() else { return false }
                c.agent = text.value
            case .user:
                if d.peek == UInt8(ascii: "n") { c.user = UserInfo(); return d.literal("null") }
                guard let user = d.userInfo() else { return false }
                c.user = user
            case .metadata:
                if d.peek == UInt8(ascii: "n") { c.metadata = [:]; return d.literal("null") }
                guard case .object(let metadata)? = d.generic(depth: 1) else { return false }
                c.metadata = metadata
            case .turns:
                guard let turns = d.turns() else { return false }
                c.turns = turns
                sawTurns = true
            case .other:
                return d.generic(depth: 1) != nil
            default:
                return false
            }
            return true
        }
        guard complete, let id, sawTurns else { return nil }
        c.id = id
        return c
    }

    private mutating func userInfo() -> UserInfo? {
        var user = UserInfo()
        let complete = members { d, key in
            switch key {
            case .id: guard let v = d.optionalString() else { return false }; user.id = v.value
            case .account: guard let v = d.optionalString() else { return false }; user.account = v.value
            case .plan: guard let v = d.optionalString() else { return false }; user.plan = v.value
            case .accountAgeDays:
                if d.peek == UInt8(ascii: "n") { user.accountAgeDays = nil; return d.literal("null") }
                guard let number = d.integer() else { return false }
                user.accountAgeDays = number
            default:
                return d.generic(depth: 2) != nil
            }
            return true
        }
        return complete ? user : nil
    }

    private mutating func turns() -> [Turn]? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var turns: [Turn] = []
        var first = true
        while true {
            skipWhitespace()
            if consume(UInt8(ascii: "]")) { return turns }
            if !first { guard consume(UInt8(ascii: ",")) else { return nil }; skipWhitespace() }
            first = false
            guard let turn = turn() else { return nil }
            turns.append(turn)
        }
    }

    private mutating func turn() -> Turn? {
        var role: Role?
        var turn = Turn(role: .user, content: "")
        let complete = members { d, key in
            switch key {
            case .role:
                guard let parsed = d.roleValue() else { return false }
                role = parsed
            case .content:
                guard let text = d.optionalString() else { return false }
                turn.content = text.value ?? ""
            case .name:
                guard let text = d.optionalString() else { return false }
                turn.name = text.value
            case .arguments:
                guard let value = d.generic(depth: 3) else { return false }
                turn.arguments = value.isNull ? nil : value
            case .toolCallID:
                guard let text = d.optionalString() else { return false }
                turn.toolCallID = text.value
            case .ts:
                guard let ts = d.optionalTimestamp() else { return false }
                turn.timestamp = ts.value
            case .latencyMs:
                if d.peek == UInt8(ascii: "n") { turn.latencyMs = nil; return d.literal("null") }
                guard let number = d.integer(), number >= 0 else { return false }
                turn.latencyMs = number
            default:
                return d.generic(depth: 3) != nil
            }
            return true
        }
        guard complete, let role else { return nil }
        turn.role = role
        return turn
    }

    /// A role name: the four canonical names straight from the bytes, others through `Role(normalizing:)`.
    private mutating func roleValue() -> Role? {
        let save = i
        if consume(UInt8(ascii: "\"")) {
            let start = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "a"), bytes[i] <= UInt8(ascii: "z") { i += 1 }
            if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
                let name = UnsafeRawBufferPointer(rebasing: bytes[start..<i])
                i += 1
                if equals(name, "user") { return .user }
                if equals(name, "assistant") { return .assistant }
                if equals(name, "tool") { return .tool }
                if equals(name, "system") { return .system }
            }
        }
        i = save
        return string().flatMap { Role(normalizing: $0) }
    }

    // MARK: Keys

    private enum Key {
        case id, startedAt, endedAt, agent, user, metadata, turns
        case account, plan, accountAgeDays
        case role, content, name, arguments, toolCallID, ts, latencyMs
        case other
    }

    /// A key the format knows, by its bytes; keys with escapes are left to the general decoder.
    private mutating func keyBytes() -> Key? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = i
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return nil }
            i += 1
        }
        guard i < bytes.count else { return nil }
        let key = UnsafeRawBufferPointer(rebasing: bytes[start..<i])
        i += 1
        switch key.count {
        case 2: return equals(key, "id") ? .id : equals(key, "ts") ? .ts : .other
        case 4:
            if equals(key, "user") { return .user }
            if equals(key, "plan") { return .plan }
            if equals(key, "role") { return .role }
            if equals(key, "name") { return .name }
            return .other
        case 5: return equals(key, "agent") ? .agent : equals(key, "turns") ? .turns : .other
        case 7: return equals(key, "account") ? .account : equals(key, "content") ? .content : .other
        case 8: return equals(key, "ended_at") ? .endedAt : equals(key, "metadata") ? .metadata : .other
        case 9: return equals(key, "arguments") ? .arguments : .other
        case 10: return equals(key, "started_at") ? .startedAt : equals(key, "latency_ms") ? .latencyMs : .other
        case 12: return equals(key, "tool_call_id") ? .toolCallID : .other
        case 16: return equals(key, "account_age_days") ? .accountAgeDays : .other
        default: return .other
        }
    }

    @inline(__always) private func equals(_ key: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool {
        guard key.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for index in 0..<key.count where key[index] != pointer[index] { return false }
        return true
    }

    // MARK: Values

    @inline(__always) private var peek: UInt8 { i < bytes.count ? bytes[i] : 0 }

    @inline(__always) private mutating func consume(_ byte: UInt8) -> Bool {
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    @inline(__always) private mutating func skipWhitespace() {
        while i < bytes.count {
            let byte = bytes[i]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            i += 1
        }
    }

    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        let pointer = text.utf8Start
        for index in 0..<count where bytes[i + index] != pointer[index] { return false }
        i += count
        return true
    }

    /// A field that may be null: nil for a type mismatch, `Nullable(nil)` for null.
    private struct Nullable<Value> {
        var value: Value?
    }

    private mutating func optionalString() -> Nullable<String>? {
        if peek == UInt8(ascii: "n") { return literal("null") ? Nullable(value: nil) : nil }
        guard let text = string() else { return nil }
        return Nullable(value: text)
    }

    private mutating func optionalTimestamp() -> Nullable<Timestamp>? {
        if peek == UInt8(ascii: "n") { return literal("null") ? Nullable(value: nil) : nil }
        guard let text = string(), let ts = Timestamp(iso8601: text) else { return nil }
        return Nullable(value: ts)
    }

    /// A plain integer (no fraction or exponent) that fits in Int.
    private mutating func integer() -> Int? {
        var negative = false
        if peek == UInt8(ascii: "-") { negative = true; i += 1 }
        let start = i
        var value = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(bytes[i] - 0x30))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            i += 1
        }
        guard i > start, !(bytes[start] == 0x30 && i - start > 1) else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            return nil
        }
        return negative ? -value : value
    }

    /// A JSON string, decoded exactly as `JSONParser` decodes it.
    private mutating func string() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = i
        var ascii = true
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<i])
                i += 1
                return ascii ? String(decoding: slice, as: UTF8.self) : String(validating: slice, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { return nil }
            if byte >= 0x80 { ascii = false }
            i += 1
        }
        // Escapes: hand the whole string to the general parser.
        i = start - 1
        guard case .string(let text)? = generic(depth: 0) else { return nil }
        return text
    }

    /// Any JSON value through the general parser (metadata, arguments, unknown keys).
    private mutating func generic(depth: Int) -> JSONValue? {
        let start = i
        guard skipValue(), maxDepth - depth > 0 else { return nil }
        return try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: bytes[start..<i]), maxDepth: maxDepth - depth)
    }

    /// Moves past one value by structure only; the general parser validates it afterwards.
    private mutating func skipValue() -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        let start = i
        while i < bytes.count {
            let byte = bytes[i]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { i += 1; return true }
                }
                i += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return i > start }
                depth -= 1
                if depth == 0 { i += 1; return true }
            case UInt8(ascii: ","):
                if depth == 0 { return i > start }
            case 0x20, 0x0A, 0x0D, 0x09:
                if depth == 0 && i > start { return true }
            default:
                break
            }
            i += 1
        }
        return depth == 0 && !inString && i > start
    }
}
