import ConvoBase
import ConvoIntents
import ConvoSections
import ConvoTestSupport
import Foundation
import Testing

@Suite("Reading and validating intent files")
struct IntentReaderTests {
    static let broken = """
        id: Webhook Not Firing
        title:
        kind: setup-fiction
        status: done
        stage: onboarding
        touches:
          - prompts/support.md#webhook
          - prompts/support.md#setup/api-keys
          - "#no-path"
        signals:
          keywords: [a]
          exemplar: [b]
        evidence:
          conversations: -3
          accounts: many
          first_seen: 2026-11-31
          last_seen: 2026-11-01
          plans: {trial: 1.5}
        impact:
          frequency: 2
          fix_cost: 0
        weekly: {2026-W47: 3, week-48: 2}
        change:
          commit: not-a-sha!
        history:
          - event: exploded
        colour: blue

        """

    static func exampleIndex() throws -> SectionIndex {
        var index = SectionIndex()
        for path in ["prompts/support.md", "prompts/harness.yaml", "prompts/wandb/config-defaults.yaml"] {
            index.add(try SectionIndex.parseFile(path, root: ProjectPaths.root))
        }
        return index
    }

    @Test func everyProblemIsReportedWithFileLineAndField() throws {
        let validator = IntentValidator(sections: try Self.exampleIndex(), stages: ["onboarding", "activation", "established"])
        let diagnostics = validator.validate(text: Self.broken, file: "intents/webhook-not-firing.intent")
        let rendered = diagnostics.map { $0.rendered() }
        func expectProblem(_ line: Int, _ fragment: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            #expect(rendered.contains { $0.hasPrefix("error: intents/webhook-not-firing.intent:\(line): ") && $0.contains(fragment) },
                    "line \(line): \(fragment)\n\(rendered.joined(separator: "\n"))", sourceLocation: sourceLocation)
        }
        expectProblem(1, "field 'id' must be a slug")
        expectProblem(2, "missing field 'title'")
        expectProblem(3, "field 'kind' must be one of bug-report, feature-request, churn-risk, setup-friction, pricing-confusion, other, found 'setup-fiction'")
        #expect(rendered.contains { $0.contains("did you mean 'setup-friction'?") })
        expectProblem(4, "field 'status' must be one of open, proposed, merged, resolved, reopened")
        expectProblem(7, "no section 'prompts/support.md#webhook'")
        #expect(rendered.contains { $0.contains("did you mean 'prompts/support.md#webhooks'?") })
        expectProblem(9, "'#no-path' in 'touches' is not a section address")
        expectProblem(12, "unknown field 'signals.exemplar'")
        #expect(rendered.contains { $0.contains("did you mean 'exemplars'?") })
        expectProblem(14, "field 'evidence.conversations' must be 0 or more")
        expectProblem(15, "field 'evidence.accounts' must be a whole number")
        expectProblem(16, "field 'evidence.first_seen' must be a date written YYYY-MM-DD, found '2026-11-31'")
        expectProblem(18, "field 'evidence.plans.trial' must be a whole number")
        expectProblem(21, "field 'impact.fix_cost' must be greater than 0")
        expectProblem(22, "key 'week-48' of 'weekly' must be an ISO week")
        expectProblem(24, "field 'change.commit' must be a commit id")
        expectProblem(26, "field 'history.event' must be one of split-from")
        expectProblem(27, "unknown field 'colour'")
        // The second touch exists, so it is not reported.
        #expect(!rendered.contains { $0.contains("setup/api-keys") })
        #expect(IntentReader.read(Self.broken, file: "x").intent == nil)
    }

    @Test func idMustMatchTheFileName() {
        let text = "id: rate-limit-429\ntitle: T\nkind: other\n"
        let diagnostics = IntentValidator().validate(text: text, file: "intents/rate-limits.intent")
        #expect(diagnostics.map { $0.rendered() } == [
            "error: intents/rate-limits.intent:1: field 'id' is 'rate-limit-429' but the file is named 'rate-limits.intent'\nhint: rename the file to rate-limit-429.intent, or set id: rate-limits",
        ])
    }

    @Test func malformedYAMLIsOneLocatedProblem() {
        for text in ["id: a\ntitle: [unclosed\nkind: other\n", "id: a\nid: b\n", "- a list\n", "\u{0}binary"] {
            let result = IntentReader.read(text, file: "intents/a.intent")
            #expect(result.intent == nil)
            #expect(result.diagnostics.count == 1, "\(text.debugDescription): \(result.diagnostics)")
            #expect(result.diagnostics.first?.location?.file == "intents/a.intent")
        }
        let duplicate = IntentReader.read("id: a\ntitle: T\nid: b\n", file: "intents/a.intent")
        #expect(duplicate.diagnostics.first?.message.contains("duplicate key 'id'") == true)
        #expect(duplicate.diagnostics.first?.location?.line != nil)
    }

    @Test func fixCostIsAKindOrAPositiveNumber() throws {
        #expect(IntentReader.read("id: a\ntitle: T\nkind: other\nfix_cost: harness\n", file: "x").intent?.fixCost == .kind("harness"))
        #expect(IntentReader.read("id: a\ntitle: T\nkind: other\nfix_cost: 2.5\n", file: "x").intent?.fixCost == .value(2.5))
        #expect(IntentReader.read("id: a\ntitle: T\nkind: other\nfix_cost: '2'\n", file: "x").intent?.fixCost == .kind("2"))
        let zero = IntentReader.read("id: a\ntitle: T\nkind: other\nfix_cost: 0\n", file: "intents/a.intent")
        #expect(zero.diagnostics.map { $0.rendered() } == ["error: intents/a.intent:4: field 'fix_cost' must be greater than 0, found 0"])
        let validator = IntentValidator(fixCostKinds: ["prompt", "config", "harness"])
        let unknown = validator.validate(text: "id: a\ntitle: T\nkind: other\nfix_cost: harnes\n", file: "intents/a.intent")
        #expect(unknown.first?.rendered().hasPrefix("error: intents/a.intent:4: field 'fix_cost' must be a number or one of config, harness, prompt, found 'harnes'") == true)
    }

    @Test func frustrationIsAShareFromZeroToOne() throws {
        let base = "id: a\ntitle: T\nkind: other\nevidence:\n  conversations: 2\n  accounts: 1\n"
        #expect(IntentReader.read(base + "  frustration: 0.42\n", file: "x").intent?.evidence?.frustration == 0.42)
        #expect(IntentReader.read(base, file: "x").intent?.evidence?.frustration == nil)
        for (value, message) in [("1.5", "must be between 0 and 1, found 1.5"), ("-0.1", "must be a number, 0 or more"),
                                 ("high", "frustration")] {
            let result = IntentReader.read(base + "  frustration: \(value)\n", file: "intents/a.intent")
            #expect(result.intent == nil, "\(value)")
            #expect(result.diagnostics.first?.rendered().contains("intents/a.intent:7:") == true, "\(result.diagnostics)")
            #expect(result.diagnostics.first?.message.contains(message) == true, "\(result.diagnostics)")
        }
    }

    @Test func unknownStagesAndUnredactedExemplars() throws {
        let text = "id: a\ntitle: T\nkind: other\nstage: onbaording\nsignals:\n  exemplars:\n    - mail me at jane.doe@example.com\n"
        let validator = IntentValidator(stages: ["onboarding"], redactor: try Redactor())
        let rendered = validator.validate(text: text, file: "intents/a.intent").map { $0.rendered() }
        #expect(rendered.contains { $0.hasPrefix("error: intents/a.intent:4: field 'stage' must be one of onboarding, found 'onbaording'") })
        #expect(rendered.contains { $0.hasPrefix("error: intents/a.intent:5: field 'signals.exemplars' holds personal data: 'mail me at <email>'") })
    }

    @Test func theWorkedExampleIntentsValidate() throws {
        let validator = IntentValidator(sections: try Self.exampleIndex(), stages: ["onboarding", "activation", "established"],
                                        redactor: try Redactor())
        for id in ["webhook-not-firing", "rate-limit-429"] {
            let path = "intents/\(id).intent"
            let text = try String(contentsOf: ProjectPaths.root.appendingPathComponent(path), encoding: .utf8)
            #expect(validator.validate(text: text, file: path).isEmpty, "\(path)")
            let intent = try #require(IntentReader.read(text, file: path).intent)
            #expect(intent.status == .open && intent.evidence == nil)
        }
        let webhook = try #require(IntentReader.read(try String(contentsOf: ProjectPaths.root.appendingPathComponent("intents/webhook-not-firing.intent"), encoding: .utf8), file: "x").intent)
        #expect(webhook.kind == .setupFriction && webhook.stage == "onboarding")
        #expect(webhook.touches == ["prompts/support.md#webhooks"])
    }
}
