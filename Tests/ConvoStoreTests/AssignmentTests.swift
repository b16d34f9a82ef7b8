import ConvoBase
import ConvoModel
import ConvoTestSupport
import Foundation
import Testing
@testable import ConvoStore

@Suite struct AssignmentTests {
    /// Three conversations out of start order by id, and one with no start (listed last).
    func seeded(_ scratch: ScratchDirectory) throws -> SQLiteStore {
        let store = try makeStore(scratch)
        _ = try store.merge([
            Conversation(id: "b", startedAt: ts("2026-11-16T09:00:00Z"), user: UserInfo(plan: "pro"), turns: [turn(.user, "x")]),
            Conversation(id: "a", startedAt: ts("2026-11-17T09:00:00Z"), user: UserInfo(plan: "trial"), turns: [turn(.user, "y")]),
            Conversation(id: "c", startedAt: ts("2026-11-16T09:00:00Z"), turns: [turn(.user, "z")]),
            Conversation(id: "undated", turns: [turn(.user, "w")]),
        ])
        return store
    }

    @Test func everyConversationIsListedInStoreOrderWithNoIntentUntilClustered() throws {
        let scratch = try ScratchDirectory()
        let store = try seeded(scratch)
        #expect(try store.assignments() == ["b", "c", "a", "undated"].map { IntentAssignment(conversation: $0, intent: nil) })
        #expect(try store.assignedIntents().isEmpty)
    }

    @Test func savedIntentsReadBackAndOnlyChangesCount() throws {
        let scratch = try ScratchDirectory()
        let store = try seeded(scratch)
        let first = [IntentAssignment(conversation: "a", intent: "refunds"), IntentAssignment(conversation: "b", intent: "webhooks"),
                     IntentAssignment(conversation: "c", intent: nil)]
        #expect(try store.saveAssignments(first) == 3)
        #expect(try store.saveAssignments(first) == 0, "saving the same again changes no row")
        #expect(try store.assignedIntents() == ["a": "refunds", "b": "webhooks"])
        // Changing one, clearing one, leaving the rest; an unknown conversation is skipped.
        let second = [IntentAssignment(conversation: "a", intent: "webhooks"), IntentAssignment(conversation: "b", intent: nil),
                      IntentAssignment(conversation: "nope", intent: "refunds")]
        #expect(try store.saveAssignments(second) == 2)
        #expect(try store.assignments() == [
            IntentAssignment(conversation: "b", intent: nil), IntentAssignment(conversation: "c", intent: nil),
            IntentAssignment(conversation: "a", intent: "webhooks"), IntentAssignment(conversation: "undated", intent: nil),
        ])
        #expect(try store.saveAssignments([]) == 0)
    }

    @Test func theFilterSelectsLikeConversationListings() throws {
        let scratch = try ScratchDirectory()
        let store = try seeded(scratch)
        try store.saveAssignments([IntentAssignment(conversation: "a", intent: "refunds")])
        #expect(try store.assignments(matching: ConversationFilter(since: ts("2026-11-17T00:00:00Z"))).map(\.conversation) == ["a"])
        #expect(try store.assignments(matching: ConversationFilter(plan: "pro")).map(\.conversation) == ["b"])
        #expect(try store.assignments(matching: ConversationFilter(ids: ["c", "a"])).map(\.conversation) == ["c", "a"])
    }

    @Test func assignmentsSurviveReopeningAndNewTurns() throws {
        let scratch = try ScratchDirectory()
        do {
            let store = try seeded(scratch)
            try store.saveAssignments([IntentAssignment(conversation: "a", intent: "refunds")])
        }
        let reopened = try makeStore(scratch)
        _ = try reopened.merge([Conversation(id: "a", turns: [turn(.user, "y"), turn(.assistant, "more")])])
        #expect(try reopened.assignedIntents() == ["a": "refunds"])
    }
}
