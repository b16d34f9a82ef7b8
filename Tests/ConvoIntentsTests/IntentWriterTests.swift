import ConvoBase
import ConvoIntents
import ConvoTestSupport
import Foundation
import Testing
import Yams

@Suite("Canonical intent files")
struct IntentWriterTests {
    @Test func designExampleIsWrittenExactlyAsDesignShowsIt() {
        let expected = """
            id: webhook-not-firing
            title: Webhook not firing after setup
            kind: setup-friction
            status: open
            stage: onboarding
            summary: |
              Users ask why their webhook is not firing. The agent gives endpoint checks
              but never confirms that webhooks are enabled in Settings > Integrations.
            touches:
              - prompts/support.md#webhooks
            signals:
              keywords: [enabled, firing, webhook]
              exemplars:
                - why is my webhook not firing
                - webhook never triggers after I set it up
            evidence:
              conversations: 61
              accounts: 54
              first_seen: 2026-11-16
              last_seen: 2026-11-22
              plans: {pro: 13, trial: 48}
              churned: 7
              sample: [c_0a91, c_1f2e, c_8f2a]
            impact:
              frequency: 61
              revenue_exposure: 3.4
              stage_weight: 3
              fix_cost: 1
              priority: 622.2
            weekly: {2026-W46: 58, 2026-W47: 61}
            change:
              branch: convo/webhook-not-firing
              commit: 1a2b3c4d

            """
        #expect(IntentWriter.write(Fixtures.webhook) == expected)
    }

    @Test func parseThenWriteIsByteIdenticalOnVariedCanonicalFiles() throws {
        let intents = Fixtures.varied()
        #expect(intents.count >= 20)
        for intent in intents {
            let text = IntentWriter.write(intent)
            let result = IntentReader.read(text, file: "intents/\(intent.id).intent")
            #expect(result.diagnostics.isEmpty, "\(intent.id): \(result.diagnostics)\n\(text)")
            let read = try #require(result.intent, "\(intent.id)")
            #expect(read == intent, "\(intent.id)\n\(text)")
            #expect(IntentWriter.write(read) == text, "\(intent.id)")
        }
    }

    @Test func everyWrittenFileLoadsWithPyYAMLToTheSameData() throws {
        let cases = Fixtures.varied().map { ($0.id, IntentWriter.write($0), IntentJSON.value(of: $0)) }
        let result = try PyYAML.check(cases)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("checked \(cases.count)"))
    }

    @Test func scalarsReadBackAsTheSameStringInYams() throws {
        for text in Fixtures.trickyStrings {
            for context in [YAMLScalar.Context.block, .flow] {
                let rendered = YAMLScalar.render(text, in: context)
                let yaml = context == .block ? "k: \(rendered)\n" : "k: [\(rendered), x]\n"
                let node = try #require(try Yams.compose(yaml: yaml), "\(yaml)")
                let value = context == .block ? node["k"] : node["k"]?.sequence?.first
                #expect(value?.scalar?.string == text, "\(text.debugDescription) → \(rendered)")
                #expect(Resolver.default.resolveTag(of: value ?? Node("")) == .str || rendered.hasPrefix("\""), "\(rendered)")
            }
        }
    }

    @Test func plainOnlyWhenUnambiguous() {
        #expect(YAMLScalar.render("webhook") == "webhook")
        #expect(YAMLScalar.render("2026-W47") == "2026-W47")
        #expect(YAMLScalar.render("1a2b3c4d") == "1a2b3c4d")
        #expect(YAMLScalar.render("café crème") == "café crème")
        #expect(YAMLScalar.render("yes") == "\"yes\"")
        #expect(YAMLScalar.render("2026-11-16") == "\"2026-11-16\"")
        #expect(YAMLScalar.render("1.0") == "\"1.0\"")
        #expect(YAMLScalar.render("a: b") == "\"a: b\"")
        #expect(YAMLScalar.render("tab\there") == "\"tab\\there\"")
        #expect(YAMLScalar.render("nul\u{0}") == "\"nul\\0\"")
        #expect(YAMLScalar.render("a, b", in: .block) == "a, b")
        #expect(YAMLScalar.render("a, b", in: .flow) == "\"a, b\"")
    }

    @Test func numbersKeepTheirValueInBothYAMLVersions() {
        #expect(IntentWriter.number(3) == "3")
        #expect(IntentWriter.number(622.2) == "622.2")
        #expect(IntentWriter.number(1e-7) == "1.0e-07")
        #expect(IntentWriter.number(2.5e20) == "2.5e+20")
        #expect(IntentWriter.number(-0.5) == "-0.5")
    }
}
