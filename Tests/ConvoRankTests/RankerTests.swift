import ConvoBase
import ConvoModel
import ConvoRank
import Testing

/// Default settings: plan weights free 1, trial 3, pro 4, enterprise 8; churn window 48 h,
/// churn multiplier 2; stages onboarding ≤ 7 days ×3, activation ≤ 30 days ×2, established ×1;
/// fix cost prompt 1, config 2, harness 3. Pro accounts' mean MRR is (400 + 200) / 2 = 300.
@Suite struct RankerTests {
    let ranker = Ranker(settings: RankSettings(), accounts: RankFixture.accounts)

    func priorities(_ rankings: [IntentRanking]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: rankings.map { ($0.intent, $0.priority) })
    }

    /// webhook-not-firing, touches a Markdown section (prompt, ÷1):
    ///   a1 acme trial, churned 14 h later (churn day 11-21 starts 14 h after 11-20 10:00) → 3 × 2 = 6
    ///   a2 acme trial, same churn (13 h later)                                             → 3 × 2 = 6
    ///   a3 hooli, plan from billing (free), MRR 0 = free mean 0 → factor 1                  → 1
    ///   a4 no account, trial                                                                 → 3
    ///   exposure = (6 + 6 + 1 + 3) / 4 = 4
    ///   stage: ages 2, 2, 5 → onboarding; a3 is 326 days past signup → established; onboarding wins 3–1 → ×3
    ///   priority = 4 × 4 × 3 ÷ 1 = 48
    @Test func webhookIntentHandComputed() throws {
        let r = try ranker.score(RankFixture.webhook)
        #expect(r.frequency == 4)
        #expect(r.revenueExposure == 4)
        #expect(r.churnedConversations == 2)
        #expect(r.stage == "onboarding")
        #expect(r.stageWeight == 3)
        #expect(r.stageSource == .conversations)
        #expect(r.fixCost == 1)
        #expect(r.fixCostKind == "prompt")
        #expect(r.fixCostSource == .touches)
        #expect(r.priority == 48)
    }

    /// rate-limit-confusion, touches a prompt section and a harness tool → the dearer, harness ÷3:
    ///   b1, b2 globex pro, MRR 400 / 300 → 4 × 4/3 = 16/3 each
    ///   b3 initech pro, MRR 200 / 300   → 4 × 2/3 = 8/3
    ///   b4–b6 umbrella enterprise, no MRR → 8 each
    ///   exposure = (16/3 + 16/3 + 8/3 + 24) / 6 = (112/3) / 6 = 56/9 ≈ 6.2222
    ///   stage: established 5 (ages 100, 101, 400, 400, 401), activation 1 (age 20) → ×1
    ///   priority = 6 × 56/9 × 1 ÷ 3 = 112/9 ≈ 12.4444
    @Test func rateLimitIntentHandComputed() throws {
        let r = try ranker.score(RankFixture.rateLimits)
        #expect(abs(r.revenueExposure - 56.0 / 9) < 1e-9)
        #expect(r.stage == "established")
        #expect(r.stageWeight == 1)
        #expect(r.fixCost == 3)
        #expect(r.fixCostKind == "harness")
        #expect(abs(r.priority - 112.0 / 9) < 1e-9)
    }

    /// invite-email-missing, stage set to activation in the intent file, touches a W&B key (config ÷2):
    ///   c1 initech pro → 8/3;  c2, c3 hooli free → 1 each
    ///   exposure = (8/3 + 2) / 3 = 14/9 ≈ 1.5556
    ///   priority = 3 × 14/9 × 2 ÷ 2 = 14/3 ≈ 4.6667 (ages would say established ×1: the file wins)
    @Test func invitesIntentHandComputed() throws {
        let r = try ranker.score(RankFixture.invites)
        #expect(abs(r.revenueExposure - 14.0 / 9) < 1e-9)
        #expect(r.stage == "activation")
        #expect(r.stageSource == .intent)
        #expect(r.fixCost == 2)
        #expect(r.fixCostKind == "config")
        #expect(abs(r.priority - 14.0 / 3) < 1e-9)
    }

    @Test func ordersByPriorityAndNumbersTheRanks() throws {
        let rankings = try ranker.rank(RankFixture.all)
        #expect(rankings.map(\.intent) == ["webhook-not-firing", "rate-limit-confusion", "invite-email-missing"])
        #expect(rankings.map(\.rank) == [1, 2, 3])
    }

    @Test func inputOrderDoesNotMatter() throws {
        let forward = try ranker.rank(RankFixture.all)
        var shuffled = RankFixture.all.reversed().map { input in
            var copy = input
            copy.conversations.reverse()
            return copy
        }
        shuffled.swapAt(0, 1)
        let backward = try ranker.rank(shuffled)
        #expect(forward == backward)
        #expect(RankReport.render(forward, as: .json) == RankReport.render(backward, as: .json))
    }

    @Test func equalPrioritiesTieBreakByFrequencyThenId() throws {
        let one = RankFixture.conversation("x1", "2026-11-20T10:00:00Z", account: "globex", plan: "pro", age: 100)
        let b = RankInput(intent: "b-intent", conversations: [one])
        let a = RankInput(intent: "a-intent", conversations: [one])
        let rankings = try ranker.rank([b, a])
        #expect(rankings.map(\.intent) == ["a-intent", "b-intent"])
    }
}

@Suite struct RankConfigTests {
    func order(_ yaml: String) throws -> [String] {
        let config = try ConvoConfig.parse(yaml)
        return try Ranker(settings: config.rank, accounts: RankFixture.accounts).rank(RankFixture.all).map(\.intent)
    }

    @Test func defaultsGiveTheHandComputedOrder() throws {
        #expect(try order("") == ["webhook-not-firing", "rate-limit-confusion", "invite-email-missing"])
    }

    /// config ÷0.25: invites = 3 × 14/9 × 2 ÷ 0.25 = 112/3 ≈ 37.33, above rate-limit's 12.44.
    @Test func cheaperConfigChangesPromoteTheConfigIntent() throws {
        #expect(try order("rank:\n  fix_cost: {prompt: 1, config: 0.25, harness: 3}\n")
                == ["webhook-not-firing", "invite-email-missing", "rate-limit-confusion"])
    }

    /// harness ÷10: rate-limit touches a prompt (1) and a harness tool (10), the dearer counts:
    /// 6 × 56/9 × 1 ÷ 10 ≈ 3.73, below invites' 4.67.
    @Test func dearerHarnessChangesDemoteTheHarnessIntent() throws {
        #expect(try order("rank:\n  fix_cost: {prompt: 1, config: 2, harness: 10}\n")
                == ["webhook-not-firing", "invite-email-missing", "rate-limit-confusion"])
    }

    /// free ×30: invites = 3 × ((8/3 + 30 + 30) / 3) × 2 ÷ 2 ≈ 62.67 passes rate-limit's 12.44;
    /// webhook = 4 × ((6 + 6 + 30 + 3) / 4) × 3 = 135 stays first.
    @Test func heavierFreePlanPromotesTheFreeUsersIntent() throws {
        #expect(try order("rank:\n  plan_weights: {free: 30, trial: 3, pro: 4, enterprise: 8}\n")
                == ["webhook-not-firing", "invite-email-missing", "rate-limit-confusion"])
    }

    /// onboarding ×0.5: webhook = 4 × 4 × 0.5 = 8, below rate-limit's 12.44.
    @Test func lighterOnboardingDemotesTheOnboardingIntent() throws {
        #expect(try order("rank:\n  stage_weights: {onboarding: 0.5, activation: 2, established: 1}\n")
                == ["rate-limit-confusion", "webhook-not-firing", "invite-email-missing"])
    }

    /// A 12-hour window no longer reaches acme's churn day (11-21 00:00 is 14 h and 13 h after
    /// a1 and a2): webhook exposure = (3 + 3 + 1 + 3) / 4 = 2.5 → priority 30.
    @Test func churnWindowDecidesWhichConversationsAreRaised() throws {
        let config = try ConvoConfig.parse("rank:\n  churn_window_hours: 12\n")
        let r = try Ranker(settings: config.rank, accounts: RankFixture.accounts).score(RankFixture.webhook)
        #expect(r.churnedConversations == 0)
        #expect(r.revenueExposure == 2.5)
        #expect(r.priority == 30)
        #expect(r.evidence.churned == 0)
    }

    /// Multiplier 3: exposure = (9 + 9 + 1 + 3) / 4 = 5.5 → priority 66.
    @Test func churnMultiplierIsConfigurable() throws {
        let config = try ConvoConfig.parse("rank:\n  churn_multiplier: 3\n")
        let r = try Ranker(settings: config.rank, accounts: RankFixture.accounts).score(RankFixture.webhook)
        #expect(r.revenueExposure == 5.5)
        #expect(r.priority == 66)
    }

    @Test func churnMultiplierBelowOneIsRejected() {
        #expect(throws: YAMLFileError.self) { try ConvoConfig.parse("rank:\n  churn_multiplier: 0.5\n") }
    }
}

@Suite struct RankOverrideTests {
    let ranker = Ranker(settings: RankSettings(), accounts: RankFixture.accounts)

    @Test func fixCostSetAsAKindOrANumber() throws {
        var input = RankFixture.webhook
        input.fixCost = .kind("harness")
        let byKind = try ranker.score(input)
        #expect(byKind.fixCost == 3)
        #expect(byKind.fixCostKind == "harness")
        #expect(byKind.fixCostSource == .intent)
        #expect(byKind.priority == 16)

        input.fixCost = .value(0.5)
        let byValue = try ranker.score(input)
        #expect(byValue.fixCost == 0.5)
        #expect(byValue.fixCostKind == nil)
        #expect(byValue.priority == 96)
    }

    @Test func noTouchesCostsAPromptChange() throws {
        var input = RankFixture.rateLimits
        input.touches = []
        let r = try ranker.score(input)
        #expect(r.fixCost == 1)
        #expect(r.fixCostKind == "prompt")
        #expect(r.fixCostSource == .fallback)
    }

    @Test func unknownStageNamesTheIntentAndSuggests() {
        var input = RankFixture.webhook
        input.stage = "onbaording"
        do {
            _ = try ranker.score(input)
            Issue.record("accepted an unknown stage")
        } catch {
            #expect(error.message == "intent 'webhook-not-firing' sets stage 'onbaording', which 'rank.stage_weights' does not define")
            #expect(error.hints.first == "did you mean 'onboarding'?")
            #expect(error.exitStatus == .usage)
        }
    }

    @Test func unknownFixCostKindAndNonPositiveCostAreErrors() {
        var input = RankFixture.webhook
        input.fixCost = .kind("prompts")
        #expect(throws: RankError.self) { try ranker.score(input) }
        input.fixCost = .value(0)
        #expect(throws: RankError.self) { try ranker.score(input) }
    }

    @Test func noAgesGiveTheNeutralStage() throws {
        let input = RankInput(intent: "x", conversations: [
            Conversation(id: "n1", user: UserInfo(plan: "pro")),
        ])
        let r = try ranker.score(input)
        #expect(r.stage == nil)
        #expect(r.stageWeight == 1)
        #expect(r.stageSource == .fallback)
        #expect(r.priority == 4)
    }

    @Test func emptyIntentScoresZero() throws {
        let r = try ranker.score(RankInput(intent: "empty", conversations: []))
        #expect(r.frequency == 0)
        #expect(r.priority == 0)
        #expect(r.evidence == IntentEvidence())
    }

    @Test func unknownPlansWeighLikeTheCheapestPlan() {
        #expect(ranker.planWeight("gold") == 1)
        #expect(ranker.planWeight(nil) == 1)
        #expect(ranker.planWeight("Enterprise") == 8)
    }

    @Test func stageBandsAreInclusiveUpperBounds() {
        #expect(ranker.stage(forAgeDays: 0) == "onboarding")
        #expect(ranker.stage(forAgeDays: 7) == "onboarding")
        #expect(ranker.stage(forAgeDays: 8) == "activation")
        #expect(ranker.stage(forAgeDays: 30) == "activation")
        #expect(ranker.stage(forAgeDays: 31) == "established")
    }
}

@Suite struct ChangeKindTests {
    @Test(arguments: [
        ("prompts/support.md#webhooks", ChangeKind.prompt),
        ("prompts/support.md#setup/api-keys", .prompt),
        ("prompts/triage.prompt", .prompt),
        ("prompts/harness.yaml#tools.check_settings.description", .harness),
        ("prompts/harness.yaml#tools", .harness),
        ("prompts/harness.yaml#model.temperature", .config),
        ("prompts/harness.yaml#retrieval.top_k", .config),
        ("prompts/harness.yaml", .harness),
        ("prompts/agent.json#functions.search_docs", .harness),
        ("prompts/wandb/config-defaults.yaml#retrieval_top_k", .config),
        ("prompts/wandb/config-defaults.yaml", .config),
        ("prompts/tools.py", .harness),
        ("prompts/settings.ini", .config),
    ])
    func classifiesAddresses(address: String, kind: ChangeKind) {
        #expect(ChangeKind(address: address) == kind)
    }
}
