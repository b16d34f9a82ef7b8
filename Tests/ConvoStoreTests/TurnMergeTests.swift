import ConvoBase
import ConvoModel
import Testing
@testable import ConvoStore

/// The pure merge rules: what a part adds to stored turns, and where.
@Suite struct TurnMergeTests {
    func key(_ role: Role, _ content: String, ts: Int64? = nil, name: String? = nil, arguments: JSONValue? = nil) -> TurnKey {
        var turn = Turn(role: role, content: content, name: name, arguments: arguments)
        turn.timestamp = ts.map(Timestamp.init(millisecondsSinceEpoch:))
        return TurnKey(turn)
    }

    /// Applies a plan to labelled turns, so expectations read as transcripts.
    func merged(_ existing: [(String, TurnKey)], _ incoming: [(String, TurnKey)], mode: TurnMergeMode = .history) -> [String] {
        let plan = TurnMerge.plan(existing: existing.map(\.1), incoming: incoming.map(\.1), mode: mode)
        return plan.order.map {
            switch $0 {
            case .existing(let i): return existing[i].0
            case .incoming(let i): return incoming[i].0
            }
        }
    }

    var sys: (String, TurnKey) { ("sys", key(.system, "You are a support agent.")) }
    func u(_ n: Int) -> (String, TurnKey) { ("u\(n)", key(.user, "question \(n)")) }
    func a(_ n: Int) -> (String, TurnKey) { ("a\(n)", key(.assistant, "answer \(n)")) }

    @Test func aNewConversationKeepsItsOrder() {
        #expect(merged([], [u(1), a(1), u(2)]) == ["u1", "a1", "u2"])
    }

    @Test func theSamePartAgainAddsNothing() {
        let plan = TurnMerge.plan(existing: [u(1), a(1)].map(\.1), incoming: [u(1), a(1)].map(\.1))
        #expect(!plan.addsTurns)
        #expect(plan.matches == [.init(incoming: 0, existing: 0), .init(incoming: 1, existing: 1)])
    }

    @Test func aGrowingRequestHistoryAddsOnlyTheNewTurns() {
        // Successive chat spans: each input repeats the whole history so far.
        #expect(merged([sys, u(1), a(1)], [sys, u(1), a(1), u(2), a(2)]) == ["sys", "u1", "a1", "u2", "a2"])
    }

    @Test func aTruncatedHistoryWindowBehindTheSystemPromptStillAligns() {
        #expect(merged([sys, u(1), a(1), u(2), a(2)], [sys, u(2), a(2), u(3), a(3)])
                == ["sys", "u1", "a1", "u2", "a2", "u3", "a3"])
    }

    @Test func anEarlierWindowArrivingLateGoesInFront() {
        #expect(merged([u(2), a(2), u(3)], [u(1), a(1), u(2)]) == ["u1", "a1", "u2", "a2", "u3"])
    }

    @Test func anEarlierSpanArrivingAfterALaterOneAddsNothing() {
        #expect(merged([sys, u(1), a(1), u(2), a(2)], [sys, u(1), a(1)]) == ["sys", "u1", "a1", "u2", "a2"])
    }

    @Test func aPartInsideTheStoredTurnsAddsNothing() {
        let plan = TurnMerge.plan(existing: [u(1), a(1), u(2), a(2)].map(\.1), incoming: [a(1), u(2)].map(\.1))
        #expect(!plan.addsTurns)
    }

    @Test func aPartAroundTheStoredTurnsKeepsBothEnds() {
        #expect(merged([u(2), a(2)], [u(1), a(1), u(2), a(2), u(3)]) == ["u1", "a1", "u2", "a2", "u3"])
    }

    @Test func disjointPartsWithoutTimestampsAppendInArrivalOrder() {
        #expect(merged([u(1), a(1)], [u(2), a(2)]) == ["u1", "a1", "u2", "a2"])
        #expect(merged([u(2), a(2)], [u(1), a(1)]) == ["u2", "a2", "u1", "a1"])
    }

    @Test func disjointTimestampedPartsInterleaveByTime() {
        let existing = [("u1", key(.user, "q1", ts: 1_000)), ("a1", key(.assistant, "r1")),
                        ("u3", key(.user, "q3", ts: 3_000)), ("a3", key(.assistant, "r3"))]
        let incoming = [("u2", key(.user, "q2", ts: 2_000)), ("a2", key(.assistant, "r2", ts: 2_500))]
        #expect(merged(existing, incoming) == ["u1", "a1", "u2", "a2", "u3", "a3"])
        let late = [("u0", key(.user, "q0", ts: 500))]
        #expect(merged(existing, late) == ["u0", "u1", "a1", "u3", "a3"])
    }

    @Test func equalTimestampsKeepStoredTurnsFirst() {
        let existing = [("s", key(.user, "one", ts: 1_000))]
        let incoming = [("i", key(.user, "two", ts: 1_000))]
        #expect(merged(existing, incoming) == ["s", "i"])
    }

    @Test func repeatedWordsInsideOnePartAreAllKept() {
        let yes = key(.user, "yes"), ok = key(.assistant, "ok")
        #expect(merged([], [("y1", yes), ("o1", ok), ("y2", yes), ("o2", ok)]) == ["y1", "o1", "y2", "o2"])
        // A longer repetition of the stored history continues it.
        #expect(merged([("y1", yes), ("o1", ok)], [("y1", yes), ("o1", ok), ("y2", yes), ("o2", ok)]) == ["y1", "o1", "y2", "o2"])
    }

    @Test func theSameWordsAtDifferentTimesAreDifferentTurns() {
        let existing = [("hi1", key(.user, "hi", ts: 1_000))]
        let incoming = [("hi2", key(.user, "hi", ts: 9_000))]
        #expect(merged(existing, incoming) == ["hi1", "hi2"])
    }

    @Test func aCopyWithoutTimestampIsTheSameTurn() {
        let plan = TurnMerge.plan(existing: [key(.user, "hi", ts: 1_000), key(.assistant, "hello")],
                                  incoming: [key(.user, "hi"), key(.assistant, "hello", ts: 1_400)])
        #expect(!plan.addsTurns)
        #expect(plan.matches.count == 2)
    }

    @Test func toolTurnsWithDifferentArgumentsAreDifferentTurns() {
        let first = key(.tool, "ok", name: "refund", arguments: .object(["amount": .int(10)]))
        let second = key(.tool, "ok", name: "refund", arguments: .object(["amount": .int(20)]))
        #expect(merged([("t1", first)], [("t2", second)]) == ["t1", "t2"])
        // A JSON string holding the same object is the same arguments.
        let asString = key(.tool, "ok", name: "refund", arguments: .string(#"{ "amount" : 10 }"#))
        #expect(merged([("t1", first)], [("t1'", asString)]) == ["t1"])
    }

    @Test func deltaPartsAreNeverDeduplicatedByContent() {
        let yes = key(.user, "yes"), ok = key(.assistant, "ok")
        #expect(merged([("y1", yes), ("o1", ok)], [("y2", yes), ("o2", ok)], mode: .delta) == ["y1", "o1", "y2", "o2"])
    }

    @Test func effectiveTimestampsCarryForwardAndBackfillLeadingTurns() {
        let keys = [key(.system, "s"), key(.user, "q", ts: 5), key(.assistant, "r"), key(.user, "q2", ts: 9)]
        #expect(TurnMerge.effectiveTimestamps(keys[...]) == [5, 5, 5, 9])
        #expect(TurnMerge.effectiveTimestamps([key(.user, "x")][...]) == nil)
    }
}

@Suite struct StableHashTests {
    @Test func matchesTheSipHashReferenceVector() {
        // SipHash-2-4 paper, appendix A: key 00…0f, message 00…0e.
        var hasher = StableHash(k0: 0x0706_0504_0302_0100, k1: 0x0F0E_0D0C_0B0A_0908)
        let message = (0..<15).map { UInt8($0) }
        message.withUnsafeBytes { hasher.combine($0) }
        #expect(hasher.finalize() == 0xA129_CA61_49BE_45E5)
    }

    @Test func streamingInPiecesEqualsHashingAtOnce() {
        let text = "The quick brown fox jumps over the lazy dog — ünïcödé 🙂"
        var pieces = StableHash()
        for character in text { pieces.combine(String(character)) }
        #expect(pieces.finalize() == StableHash.hash(text))
        #expect(StableHash.hash("ab") != StableHash.hash("ba"))
        #expect(StableHash.identifier(text).count == 20)
    }
}

@Suite struct ToolTurnMergeTests {
    @Test func anUnansweredToolCallIsTheSameTurnAsItsAnsweredCopy() {
        // Span 1 ends with the model's tool call; span 2's history has the call with its result.
        let call = TurnKey(Turn(role: .tool, content: "", name: "lookup", arguments: .object(["id": .int(7)]), toolCallID: "c1"))
        let answered = TurnKey(Turn(role: .tool, content: "found", name: "lookup", arguments: .string(#"{"id":7}"#), toolCallID: "c1"))
        let other = TurnKey(Turn(role: .tool, content: "", name: "lookup", toolCallID: "c2"))
        #expect(call.matches(answered))
        #expect(!answered.matches(other))
        let user = TurnKey(Turn(role: .user, content: "find 7"))
        let final = TurnKey(Turn(role: .assistant, content: "Found it."))
        let plan = TurnMerge.plan(existing: [user, call], incoming: [user, answered, final])
        #expect(plan.order == [.existing(0), .existing(1), .incoming(2)])
    }
}
