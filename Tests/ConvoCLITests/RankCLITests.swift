import ConvoBase
import ConvoModel
import ConvoRank
import ConvoStore
import ConvoTestSupport
import Foundation
import Testing

/// `convo rank` on a fixture small enough to check by hand.
@Suite struct RankCLITests {
    /// Three free-plan questions from old accounts about billing (a prompt fix), two from young
    /// enterprise accounts about SSO (a harness fix).
    static let conversations: [Conversation] = {
        func conversation(_ id: String, _ plan: String, age: Int, account: String, day: Int) -> Conversation {
            Conversation(id: id, startedAt: Timestamp(iso8601: "2026-11-1\(day)T09:00:00Z"),
                         user: UserInfo(id: "u-\(id)", account: account, plan: plan, accountAgeDays: age),
                         turns: [Turn(role: .user, content: "question \(id)")])
        }
        return [
            conversation("b1", "free", age: 100, account: "f1", day: 6), conversation("b2", "free", age: 120, account: "f2", day: 7),
            conversation("b3", "free", age: 90, account: "f3", day: 8),
            conversation("s1", "enterprise", age: 3, account: "e1", day: 6), conversation("s2", "enterprise", age: 2, account: "e2", day: 7),
        ]
    }()

    static let intents = [
        "billing-confusion": "id: billing-confusion\ntitle: Billing questions\nkind: pricing-confusion\ntouches:\n  - prompts/support.md#billing-and-plans\n",
        "enterprise-sso": "id: enterprise-sso\ntitle: SSO setup\nkind: setup-friction\ntouches:\n  - prompts/harness.yaml#tools.check_settings.description\n",
    ]

    func fixture() throws -> ScratchDirectory {
        let repo = try makeRepository()
        for (id, text) in Self.intents { try repo.write("intents/\(id).intent", text) }
        try repo.write("conversations.jsonl", Self.conversations.map { ConversationJSON.encode($0) }.joined(separator: "\n") + "\n")
        #expect(try ConvoBinary.run(["ingest", "conversations.jsonl"], in: repo.url).status == 0)
        try openStore(repo).saveAssignments(Self.conversations.map {
            IntentAssignment(conversation: $0.id, intent: $0.id.hasPrefix("b") ? "billing-confusion" : "enterprise-sso")
        })
        return repo
    }

    @Test func theCLIRanksAsTheLibraryDoesWithHandComputedPriorities() throws {
        let repo = try fixture()
        let result = try ConvoBinary.run(["rank", "--json"], in: repo.url)
        #expect(result.status == 0, "\(result)")
        let rankings = try #require(try JSONParser.parse(result.stdout).arrayValue)
        // enterprise-sso: 2 conversations × exposure 8 × onboarding 3 ÷ harness 3 = 16;
        // billing-confusion: 3 × 1 × established 1 ÷ prompt 1 = 3.
        #expect(rankings.map { $0["intent"]?.stringValue } == ["enterprise-sso", "billing-confusion"])
        #expect(rankings.map { $0["priority"]?.doubleValue } == [16, 3])
        #expect(rankings[0]["stage"]?.stringValue == "onboarding" && rankings[0]["fix_cost_kind"]?.stringValue == "harness")

        let library = try Ranker(settings: RankSettings()).rank([
            RankInput(intent: "billing-confusion", title: "Billing questions", conversations: Array(Self.conversations.prefix(3)),
                      touches: ["prompts/support.md#billing-and-plans"]),
            RankInput(intent: "enterprise-sso", title: "SSO setup", conversations: Array(Self.conversations.suffix(2)),
                      touches: ["prompts/harness.yaml#tools.check_settings.description"]),
        ])
        let stored = library
        #expect(result.stdout == RankReport.render(stored, as: .json))
        #expect(try ConvoBinary.run(["rank"], in: repo.url).stdout == RankReport.render(stored, as: .table))
        #expect(try ConvoBinary.run(["rank", "--markdown", "--top", "1"], in: repo.url).stdout == RankReport.render(stored, as: .markdown, top: 1))
    }

    @Test func changingAWeightInTheConfigChangesTheOrder() throws {
        let repo = try fixture()
        try repo.write(".convo/config.yaml", "rank:\n  plan_weights: {free: 1, trial: 3, pro: 4, enterprise: 1}\n")
        let result = try ConvoBinary.run(["rank", "--json"], in: repo.url)
        let rankings = try #require(try JSONParser.parse(result.stdout).arrayValue)
        // enterprise-sso falls to 2 × 1 × 3 ÷ 3 = 2, below billing-confusion's 3.
        #expect(rankings.map { $0["intent"]?.stringValue } == ["billing-confusion", "enterprise-sso"])
        #expect(rankings.map { $0["priority"]?.doubleValue } == [3, 2])
        let both = try ConvoBinary.run(["rank", "--json", "--markdown"], in: repo.url)
        #expect(both.status == 2)
    }
}
