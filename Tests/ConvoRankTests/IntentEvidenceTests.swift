import ConvoBase
import ConvoModel
import ConvoRank
import Testing

@Suite struct IntentEvidenceTests {
    @Test func webhookFixtureEvidence() {
        let e = IntentEvidence(conversations: RankFixture.webhook.conversations, accounts: RankFixture.accounts)
        #expect(e.conversations == 4)
        #expect(e.accounts == 3)                       // acme, hooli, and u_9 who has no account
        #expect(e.firstSeen == RankFixture.day("2026-11-20"))
        #expect(e.lastSeen == RankFixture.day("2026-11-24"))
        #expect(e.plans == ["trial": 3, "free": 1])    // a3's plan comes from billing
        #expect(e.churned == 1)                        // acme, once, though two conversations preceded it
        #expect(e.weekly == [ISOWeek(year: 2026, week: 47): 2, ISOWeek(year: 2026, week: 48): 2])
        #expect(e.sample == ["a1", "a2", "a3", "a4"])
    }

    @Test func duplicateIdsCountOnce() {
        let c = RankFixture.conversation("d1", "2026-11-20T10:00:00Z", account: "acme", plan: "trial", age: 2)
        let e = IntentEvidence(conversations: [c, c, c])
        #expect(e.conversations == 1)
        #expect(e.sample == ["d1"])
    }

    @Test func weeksFollowISOAcrossTheYearEnd() {
        let conversations = [
            RankFixture.conversation("y1", "2026-12-31T23:00:00Z", account: "a", plan: "pro", age: 1),
            RankFixture.conversation("y2", "2027-01-03T10:00:00Z", account: "b", plan: "pro", age: 1),
            RankFixture.conversation("y3", "2027-01-04T00:00:00Z", account: "c", plan: "pro", age: 1),
        ]
        let e = IntentEvidence(conversations: conversations)
        #expect(e.weekly == [ISOWeek(year: 2026, week: 53): 2, ISOWeek(year: 2027, week: 1): 1])
        #expect(e.weeklyInOrder.map(\.week.description) == ["2026-W53", "2027-W01"])
    }

    @Test func startFallsBackToTheFirstTurnTimestampAndUnknownPlansAreCounted() {
        let c = Conversation(id: "t1", user: UserInfo(id: "u1"),
                             turns: [Turn(role: .user, content: "hi"),
                                     Turn(role: .user, content: "hello", timestamp: RankFixture.at("2026-11-25T08:00:00Z"))])
        let e = IntentEvidence(conversations: [c])
        #expect(e.firstSeen == RankFixture.day("2026-11-25"))
        #expect(e.plans == [IntentEvidence.unknownPlan: 1])
        #expect(e.accounts == 1)
    }

    @Test func noStartMeansNoDaysButStillCounted() {
        let e = IntentEvidence(conversations: [Conversation(id: "z")])
        #expect(e.conversations == 1)
        #expect(e.accounts == 0)
        #expect(e.firstSeen == nil)
        #expect(e.weekly.isEmpty)
    }

    @Test func churnCountsOnlyWithinTheWindowAfterTheConversation() {
        let accounts = AccountBook([
            Account(id: "before", churnDate: RankFixture.day("2026-11-19")),
            Account(id: "sameDay", churnDate: RankFixture.day("2026-11-20")),
            Account(id: "edge", churnDate: RankFixture.day("2026-11-22")),
            Account(id: "late", churnDate: RankFixture.day("2026-11-23")),
        ])
        let ids: [String] = ["before", "sameDay", "edge", "late"]
        let conversations = ids.map { id in
            RankFixture.conversation("c_\(id)", "2026-11-20T10:00:00Z", account: id, plan: "pro", age: 50)
        }
        // Window 2026-11-20 10:00 → 11-22 10:00: the churn days 11-20 and 11-22 overlap it.
        let e = IntentEvidence(conversations: conversations, accounts: accounts, churnWindowHours: 48)
        #expect(e.churned == 2)
        let narrow = IntentEvidence(conversations: conversations, accounts: accounts, churnWindowHours: 0)
        #expect(narrow.churned == 1)
    }

    @Test func sampleIsDeterministicSortedAndPrefersDistinctAccounts() {
        let chatty = (0..<20).map { (id: "c_chatty_\($0)", account: Optional("chatty")) }
        let others = (0..<3).map { (id: "c_other_\($0)", account: Optional("other-\($0)")) }
        let sample = IntentEvidence.sample(of: chatty + others, size: 4)
        #expect(sample.count == 4)
        #expect(sample == sample.sorted())
        #expect(sample.filter { $0.hasPrefix("c_chatty") }.count == 1)
        #expect(IntentEvidence.sample(of: (others + chatty).reversed(), size: 4) == sample)
        // With too few accounts, the rest is filled from the same account.
        #expect(IntentEvidence.sample(of: chatty, size: 3).count == 3)
        #expect(IntentEvidence.sample(of: chatty, size: 0).isEmpty)
    }

    @Test func sampleIsStableWhenDataGrows() {
        let base = (0..<200).map { (id: "c_\($0)", account: Optional("acct\($0)")) }
        let grown = base + (200..<220).map { (id: "c_\($0)", account: Optional("acct\($0)")) }
        let before = Set(IntentEvidence.sample(of: base, size: 5))
        let after = Set(IntentEvidence.sample(of: grown, size: 5))
        // Only a newcomer can displace a chosen id; nothing old swaps for something old.
        #expect(after.subtracting(before).allSatisfy { id in !base.contains { $0.id == id } })
    }
}
