import ConvoBase
import ConvoModel
import ConvoTestSupport
import Foundation
import Testing
@testable import ConvoStore

func ts(_ text: String) -> Timestamp {
    Timestamp(iso8601: text) ?? Timestamp(millisecondsSinceEpoch: 0)
}

func turn(_ role: Role, _ content: String, at time: String? = nil, latency: Int? = nil) -> Turn {
    Turn(role: role, content: content, latencyMs: latency, timestamp: time.map(ts))
}

/// A fresh store in a scratch directory.
func makeStore(_ scratch: ScratchDirectory, synchronous: SQLiteStore.Synchronous = .normal) throws -> SQLiteStore {
    try SQLiteStore(path: scratch.file("store.sqlite").path, synchronous: synchronous)
}

@Suite struct SQLiteStoreTests {
    let example = Conversation(
        id: "c_8f2a", startedAt: ts("2026-11-20T10:02:11Z"), agent: "support",
        user: UserInfo(id: "u_17", account: "acme", plan: "trial", accountAgeDays: 2),
        metadata: ["feature": .string("webhooks"), "nested": .object(["n": .int(1)])],
        turns: [
            turn(.user, "why is my webhook not firing", at: "2026-11-20T10:02:11Z"),
            turn(.assistant, "Check that your endpoint returns 200…", latency: 1400),
            Turn(role: .tool, content: "docs…", name: "search_docs", arguments: .object(["q": .string("webhook")]),
                 toolCallID: "call_1"),
        ])

    @Test func storesAndReadsBackEveryField() throws {
        let scratch = try ScratchDirectory()
        let store = try makeStore(scratch)
        let summary = try store.merge([example])
        #expect(summary == MergeSummary(ingested: 1, turnsAdded: 3))
        var expected = example
        expected.endedAt = expected.startedAt  // widened to the turns' timestamps
        #expect(try store.conversation(id: "c_8f2a") == expected)
        #expect(try store.conversation(id: "missing") == nil)
    }

    @Test func mergingTheSameDataAgainChangesNothing() throws {
        let scratch = try ScratchDirectory()
        let store = try makeStore(scratch)
        _ = try store.merge([example])
        let before = try store.conversations(matching: .all)
        #expect(try store.merge([example, example]) == MergeSummary(unchanged: 2))
        #expect(try store.conversations(matching: .all) == before)
    }

    @Test func partsOfOneConversationInOneBatchMergeInOrder() throws {
        let scratch = try ScratchDirectory()
        let store = try makeStore(scratch)
        let many = (0..<150).map { Conversation(id: "m\($0)", turns: [turn(.user, "hello \($0)")]) }
        let summary = try store.merge([Conversation(id: "c", turns: [turn(.user, "one"), turn(.assistant, "two")])] + many
                                      + [Conversation(id: "c", turns: [turn(.assistant, "two"), turn(.user, "three")])])
        #expect(summary == MergeSummary(ingested: 151, merged: 1, turnsAdded: 153))
        #expect(try store.conversation(id: "c")?.turns.map(\.content) == ["one", "two", "three"])
        #expect(try store.conversation(id: "m149")?.turns.map(\.content) == ["hello 149"])
    }

    @Test func dataSurvivesReopening() throws {
        let scratch = try ScratchDirectory()
        do {
            let store = try makeStore(scratch, synchronous: .full)
            _ = try store.merge([example])
        }
        let reopened = try makeStore(scratch)
        #expect(try reopened.conversation(id: "c_8f2a")?.turns.count == 3)
        #expect(try reopened.schemaVersionOnDisk() == SQLiteStore.schemaVersion)
    }

    @Test func partsArrivingInAnyOrderGiveTheSameConversation() throws {
        let parts = [
            Conversation(id: "c1", turns: [turn(.user, "first", at: "2026-11-20T10:00:00Z"), turn(.assistant, "one")]),
            Conversation(id: "c1", turns: [turn(.user, "second", at: "2026-11-20T10:05:00Z"), turn(.assistant, "two")]),
            Conversation(id: "c1", turns: [turn(.user, "third", at: "2026-11-20T10:09:00Z"), turn(.assistant, "three")]),
        ]
        var results: [[String]] = []
        for order in [[0, 1, 2], [2, 0, 1], [1, 2, 0], [2, 1, 0]] {
            let scratch = try ScratchDirectory()
            let store = try makeStore(scratch)
            for index in order { _ = try store.merge([parts[index]]) }
            for index in order { _ = try store.merge([parts[index]]) }  // and again: nothing changes
            let stored = try #require(try store.conversation(id: "c1"))
            results.append(stored.turns.map(\.content))
            #expect(stored.startedAt == ts("2026-11-20T10:00:00Z"))
            #expect(stored.endedAt == ts("2026-11-20T10:09:00Z"))
        }
        #expect(results.allSatisfy { $0 == ["first", "one", "second", "two", "third", "three"] })
    }

    @Test func repeatedHistoriesInAnyOrderAreStoredOnce() throws {
        // Chat spans of one conversation, each carrying the whole history so far, in shuffled order.
        let system = Turn(role: .system, content: "You are helpful.")
        var full: [Turn] = [system]
        var spans: [Conversation] = []
        for n in 1...6 {
            full.append(turn(.user, "question \(n)"))
            full.append(turn(.assistant, "answer \(n)"))
            spans.append(Conversation(id: "otlp", turns: full))
        }
        let scratch = try ScratchDirectory()
        let store = try makeStore(scratch)
        for index in [2, 0, 5, 1, 4, 3] { _ = try store.merge([spans[index]]) }
        #expect(try store.conversation(id: "otlp")?.turns == full)
    }

    @Test func turnsInsertedInFrontAreRenumberedInOrder() throws {
        let scratch = try ScratchDirectory()
        let store = try makeStore(scratch)
        _ = try store.merge([Conversation(id: "c", turns: [turn(.user, "q2"), turn(.assistant, "a2"), turn(.user, "q3")])])
        let summary = try store.merge([Conversation(id: "c", turns: [turn(.user, "q1"), turn(.assistant, "a1"), turn(.user, "q2")])])
        #expect(summary == MergeSummary(merged: 1, turnsAdded: 2))
        #expect(try store.conversation(id: "c")?.turns.map(\.content) == ["q1", "a1", "q2", "a2", "q3"])
    }

    @Test func aRepeatedTurnFillsInWhatTheStoredCopyLacked() throws {
        let scratch = try ScratchDirectory()
        let store = try makeStore(scratch)
        // A history copy first (no timestamp, latency or tool-call id), then the original.
        _ = try store.merge([Conversation(id: "c", turns: [turn(.user, "hi"), turn(.assistant, "hello")])])
        var original = Conversation(id: "c", turns: [turn(.user, "hi", at: "2026-11-20T10:00:00Z"),
                                                     turn(.assistant, "hello", latency: 900)])
        #expect(try store.merge([original]) == MergeSummary(merged: 1))
        let stored = try #require(try store.conversation(id: "c"))
        #expect(stored.turns == original.turns)
        #expect(stored.startedAt == ts("2026-11-20T10:00:00Z"))
        // Filling is gap-only: a different latency later does not overwrite.
        original.turns[1].latencyMs = 5
        #expect(try store.merge([original]) == MergeSummary(unchanged: 1))
        #expect(try store.conversation(id: "c")?.turns[1].latencyMs == 900)
    }

    @Test func anAnsweredToolCallFillsTheStoredUnansweredOne() throws {
        let scratch = try ScratchDirectory()
        let store = try makeStore(scratch)
        let user = turn(.user, "find order 7")
        _ = try store.merge([Conversation(id: "c", turns: [user, Turn(role: .tool, content: "", name: "lookup", toolCallID: "c1")])])
        let answered = Turn(role: .tool, content: "order 7: shipped", name: "lookup", arguments: .object(["id": .int(7)]), toolCallID: "c1")
        #expect(try store.merge([Conversation(id: "c", turns: [user, answered, turn(.assistant, "It shipped.")])])
                == MergeSummary(merged: 1, turnsAdded: 1))
        #expect(try store.conversation(id: "c")?.turns == [user, answered, turn(.assistant, "It shipped.")])
        // And the answered copy is now recognised as stored.
        #expect(try store.merge([Conversation(id: "c", turns: [user, answered])]) == MergeSummary(unchanged: 1))
    }

    @Test func laterFactsFillGapsAndWinConflictsButNilNeverErases() throws {
        let scratch = try ScratchDirectory()
        let store = try makeStore(scratch)
        _ = try store.merge([Conversation(id: "c", startedAt: ts("2026-11-20T10:00:00Z"), agent: "support",
                                          user: UserInfo(id: "u1", plan: "trial"), metadata: ["a": .int(1), "b": .int(1)])])
        let later = Conversation(id: "c", startedAt: ts("2026-11-20T12:00:00Z"), endedAt: ts("2026-11-20T12:30:00Z"),
                                 user: UserInfo(account: "acme", plan: "pro", accountAgeDays: 40), metadata: ["b": .int(2)])
        #expect(try store.merge([later]) == MergeSummary(merged: 1))
        let stored = try #require(try store.conversation(id: "c"))
        #expect(stored.startedAt == ts("2026-11-20T10:00:00Z"))  // earliest
        #expect(stored.endedAt == ts("2026-11-20T12:30:00Z"))
        #expect(stored.agent == "support")                        // nil did not erase
        #expect(stored.user == UserInfo(id: "u1", account: "acme", plan: "pro", accountAgeDays: 40))
        #expect(stored.metadata == ["a": .int(1), "b": .int(2)])
        #expect(try store.merge([Conversation(id: "c")]) == MergeSummary(unchanged: 1))
    }

    @Test func deltaPartsAreIdempotentByTheirIDAndKeepRepeatedWords() throws {
        let scratch = try ScratchDirectory()
        let store = try makeStore(scratch)
        let pair = Conversation(id: "s", turns: [turn(.user, "yes"), turn(.assistant, "done")])
        #expect(try store.merge(parts: [.delta(pair, id: "e1"), .delta(pair, id: "e2")]) == MergeSummary(ingested: 1, merged: 1, turnsAdded: 4))
        #expect(try store.merge(parts: [.delta(pair, id: "e2"), .delta(pair, id: "e1")]) == MergeSummary(unchanged: 2))
        #expect(try store.conversation(id: "s")?.turns.map(\.content) == ["yes", "done", "yes", "done"])
    }

    @Test func queriesFilterAndOrderByStartThenID() throws {
        let scratch = try ScratchDirectory()
        let store = try makeStore(scratch)
        _ = try store.merge([
            Conversation(id: "b", startedAt: ts("2026-11-20T09:00:00Z"), agent: "support", user: UserInfo(plan: "pro")),
            Conversation(id: "a", startedAt: ts("2026-11-20T09:00:00Z"), agent: "sales", user: UserInfo(account: "acme")),
            Conversation(id: "c", startedAt: ts("2026-11-18T23:59:59Z"), agent: "support", user: UserInfo(plan: "trial")),
            Conversation(id: "z"),
        ])
        _ = try store.mergeAccounts([Account(id: "acme", plan: "enterprise")])
        func ids(_ filter: ConversationFilter) throws -> [String] {
            var result: [String] = []
            try store.forEachConversation(matching: filter, includeTurns: false) { result.append($0.id) }
            return result
        }
        #expect(try ids(.all) == ["c", "a", "b", "z"])
        #expect(try ids(ConversationFilter(since: ts("2026-11-20"))) == ["a", "b"])
        #expect(try ids(ConversationFilter(until: ts("2026-11-20"))) == ["c"])
        #expect(try ids(ConversationFilter(agent: "support")) == ["c", "b"])
        #expect(try ids(ConversationFilter(plan: "enterprise")) == ["a"])  // from the account
        #expect(try ids(ConversationFilter(ids: ["z", "b", "nope"])) == ["b", "z"])
        #expect(try store.count(matching: ConversationFilter(agent: "support")) == 2)

        let counts = try store.counts(matching: .all)
        #expect(counts.conversations == 4)
        #expect(counts.byDay == [CountBucket(key: Day(iso8601: "2026-11-18"), count: 1),
                                 CountBucket(key: Day(iso8601: "2026-11-20"), count: 2), CountBucket(key: nil, count: 1)])
        #expect(counts.byAgent == [CountBucket(key: "support", count: 2), CountBucket(key: "sales", count: 1),
                                   CountBucket(key: nil, count: 1)])
        #expect(counts.byPlan == [CountBucket(key: "enterprise", count: 1), CountBucket(key: "pro", count: 1),
                                  CountBucket(key: "trial", count: 1), CountBucket(key: nil, count: 1)])
    }

    @Test func accountsMergeByID() throws {
        let scratch = try ScratchDirectory()
        let store = try makeStore(scratch)
        let acme = Account(id: "acme", plan: "trial", mrr: 0, signupDate: Day(iso8601: "2026-11-01"))
        #expect(try store.mergeAccounts([acme]) == MergeSummary(ingested: 1))
        #expect(try store.mergeAccounts([acme]) == MergeSummary(unchanged: 1))
        #expect(try store.mergeAccounts([Account(id: "acme", plan: "pro", mrr: 49.5)]) == MergeSummary(merged: 1))
        #expect(try store.accounts() == [Account(id: "acme", plan: "pro", mrr: 49.5, signupDate: Day(iso8601: "2026-11-01"))])
    }

    @Test func ingestedConversationsAreCommittedForOtherConnections() throws {
        let scratch = try ScratchDirectory()
        let writer = try makeStore(scratch, synchronous: .full)
        let reader = try makeStore(scratch)
        _ = try writer.merge([example])
        #expect(try reader.count(matching: .all) == 1)
    }
}
