import ConvoDiscovery
import ConvoIntents
import Testing

@Suite struct KindRulesTests {
    let rules = KindRules(onboardingDays: 7)

    @Test func eachMessageVotesForItsStrongestPhrases() {
        #expect(rules.vote("I want to cancel my subscription") == .churnRisk)
        #expect(rules.vote("why was I charged twice this month") == .pricingConfusion, "pricing comes before bug on a tie")
        #expect(rules.vote("would be great to have a terraform provider") == .featureRequest)
        #expect(rules.vote("the api started returning 500 errors") == .bugReport)
        #expect(rules.vote("how do I set up the sdk") == .setupFriction)
        #expect(rules.vote("what's the capital of mongolia") == nil)
    }

    @Test func churnWinsWithAQuarterOfTheVotes() {
        let turns = ["cancel my plan please", "how much is the pro plan", "how much does pro cost", "pricing for pro?"]
        #expect(rules.kind(firstTurns: turns, accountAges: [200, 300]) == .churnRisk)
        #expect(rules.kind(firstTurns: Array(turns.dropFirst()), accountAges: [200, 300]) == .pricingConfusion)
    }

    @Test func problemsOfNewAccountsAreSetupFriction() {
        let problems = ["api key rejected with 401", "getting 401 invalid key error", "key not working, 401", "where do I put the key"]
        #expect(rules.kind(firstTurns: problems, accountAges: [0, 1, 2, 40]) == .setupFriction)
        #expect(rules.kind(firstTurns: problems, accountAges: [200, 300, 90, 1]) == .bugReport)
        // How-to questions from established customers are neither friction nor bugs.
        let howTo = ["how do I transfer ownership", "how can I change the owner", "how to move the workspace to a new admin"]
        #expect(rules.kind(firstTurns: howTo, accountAges: [400, 500, 600]) == .other)
        #expect(rules.kind(firstTurns: howTo, accountAges: []) == .other, "no ages: not known to be new")
    }

    @Test func withoutAQuorumItIsOther() {
        let mixed = ["hello", "thoughts on vinyl?", "what's your favourite city", "test 123", "cancel"]
        #expect(rules.kind(firstTurns: mixed, accountAges: []) == .other)
        #expect(rules.kind(firstTurns: [], accountAges: []) == .other)
    }
}
