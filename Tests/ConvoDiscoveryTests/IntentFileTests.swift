import ConvoBase
import ConvoDiscovery
import ConvoIntents
import ConvoLLM
import ConvoModel
import ConvoSimulator
import ConvoStore
import ConvoTestSupport
import Foundation
import Testing

/// What `convo cluster` does to intent files and the store's assignments.
@Suite(.serialized) struct IntentFileTests {
    static let dataset = Result { try DiscoveryFixture.simulated(seed: 5, conversations: 1500) }

    func loaded(config: ConvoConfig = ConvoConfig()) throws -> (DiscoveryFixture, [String: GroundTruth]) {
        let fixture = try DiscoveryFixture(config: config)
        return (fixture, try fixture.load(try Self.dataset.get()))
    }

    @Test func onlyTheBlocksConvoOwnsChangeInAHandWrittenFile() async throws {
        let (fixture, _) = try loaded()
        let path = "intents/webhook-not-firing.intent"
        let before = try String(contentsOf: fixture.workspace.root.appendingPathComponent(path), encoding: .utf8)
        let original = try fixture.intent("webhook-not-firing")
        _ = try await fixture.run()
        let after = try String(contentsOf: fixture.workspace.root.appendingPathComponent(path), encoding: .utf8)
        #expect(after != before)
        let updated = try fixture.intent("webhook-not-firing")
        #expect(updated.evidence != nil && updated.impact != nil && !updated.weekly.isEmpty)
        #expect(updated.signals == original.signals, "signals a person wrote are kept")
        // Putting the owned blocks back as they were gives the file back byte for byte: every
        // comment, the field order and the notes survived.
        let reverted = try IntentDocument(text: after, file: path).updating([.evidence, .impact, .weekly, .history, .signals], from: original)
        #expect(reverted == before)
    }

    @Test func runningTwiceChangesNothingAndADryRunWritesNothing() async throws {
        let (fixture, _) = try loaded()
        let dry = try await fixture.run(DiscoveryOptions(dryRun: true))
        #expect(dry.dryRun && dry.intents.contains { $0.change == .created })
        #expect(Set(try fixture.files().keys) == ["intents/rate-limit-429.intent", "intents/webhook-not-firing.intent"])
        #expect(try fixture.store.assignedIntents().isEmpty)

        let first = try await fixture.run()
        let files = try fixture.files()
        let assignments = try fixture.store.assignments()
        #expect(first.assignmentsChanged == first.assigned)
        // The dry run foresaw exactly what the real run did.
        #expect(dry.intents.map(\.id) == first.intents.map(\.id))
        #expect(dry.assignmentsChanged == first.assignmentsChanged)

        let second = try await fixture.run()
        #expect(try fixture.files() == files)
        #expect(try fixture.store.assignments() == assignments)
        #expect(second.assignmentsChanged == 0)
        #expect(second.intents.allSatisfy { $0.change == .unchanged }, "\(second.intents.filter { $0.change != .unchanged })")
    }

    @Test func twoIntentsThatAreOneAreMergedAndTheFilesSaySo() async throws {
        let (fixture, truth) = try loaded()
        _ = try await fixture.run()
        // A person files the same trouble twice: half of webhook-not-firing's conversations move
        // to a second intent about the same thing.
        try fixture.intents.write(IntentWriter.write(Intent(id: "webhook-silent", title: "Webhooks stay silent", kind: .bugReport)),
                                  to: "intents/webhook-silent.intent")
        let webhook = try fixture.store.assignments().filter { $0.intent == "webhook-not-firing" }
        try fixture.store.saveAssignments(webhook.enumerated().filter { $0.offset % 2 == 1 }.map {
            IntentAssignment(conversation: $0.element.conversation, intent: "webhook-silent")
        })
        let report = try await fixture.run()
        #expect(report.merged == [DiscoveryReport.Lineage(from: "webhook-silent", into: "webhook-not-firing")], "\(report.merged)")
        let survivor = try fixture.intent("webhook-not-firing")
        let retired = try fixture.intent("webhook-silent")
        #expect(survivor.history.last?.event == .mergedFrom && survivor.history.last?.intents == ["webhook-silent"])
        #expect(retired.history.last?.event == .mergedInto && retired.history.last?.intents == ["webhook-not-firing"])
        #expect(retired.isRetired && (retired.evidence?.conversations ?? 0) == 0)
        #expect(survivor.history.last?.date == Day(iso8601: "2026-11-22"), "dated by the data, not the clock")
        #expect(try fixture.store.assignments().allSatisfy { $0.intent != "webhook-silent" })
        _ = truth
        // The next run leaves the retired intent alone.
        let again = try await fixture.run()
        #expect(again.merged.isEmpty && again.assignmentsChanged == 0)
    }

    @Test func anIntentHoldingTwoUnrelatedTroublesIsSplitAndTheFilesSaySo() async throws {
        let (fixture, truth) = try loaded()
        _ = try await fixture.run()
        // A person folds two unrelated troubles into one hand-made intent (and drops the
        // intents convo had found for them).
        let mixed = try fixture.store.assignments().filter {
            ["sso-setup", "refund-request"].contains(truth[$0.conversation]?.intent ?? "")
        }
        for id in Set(mixed.compactMap(\.intent)) where !["webhook-not-firing", "rate-limit-429"].contains(id) {
            try FileManager.default.removeItem(at: fixture.workspace.intentURL(id: id))
        }
        try fixture.intents.write(IntentWriter.write(Intent(id: "mixed-bag", title: "Account questions", kind: .other)),
                                  to: "intents/mixed-bag.intent")
        try fixture.store.saveAssignments(mixed.map { IntentAssignment(conversation: $0.conversation, intent: "mixed-bag") })
        let report = try await fixture.run()
        let lineage = try #require(report.split.first { $0.from == "mixed-bag" }, "\(report.split)")
        let child = try fixture.intent(lineage.into)
        #expect(child.history.first?.event == .splitFrom && child.history.first?.intents == ["mixed-bag"])
        let parent = try fixture.intent("mixed-bag")
        #expect(parent.history.contains { $0.event == .splitInto && $0.intents.contains(lineage.into) })
        #expect(!parent.signals.isEmpty, "empty signals are filled from the intent's conversations")
        // Each side now holds (mostly) one of the two troubles.
        for id in ["mixed-bag", lineage.into] {
            let labels = try fixture.store.assignments().filter { $0.intent == id }.compactMap { truth[$0.conversation]?.intent }
            let top = Dictionary(labels.map { ($0, 1) }, uniquingKeysWith: +).values.max() ?? 0
            #expect(top * 10 >= labels.count * 8, "\(id): \(labels.count) conversations, \(top) of one intent")
        }
    }

    @Test func aConfiguredChatModelNamesNewIntentsFromRedactedExemplarsOnly() async throws {
        let server = try LoopbackHTTPServer { _ in
            .json(200, #"{"choices": [{"message": {"role": "assistant", "content": "{\"title\": \"Named by the model\", \"kind\": \"feature-request\"}"}}]}"#)
        }
        var config = ConvoConfig()
        config.llm = LLMSettings(baseURL: server.baseURL + "/v1", model: "namer")
        let (fixture, _) = try loaded(config: config)
        // A recurring request that people sign with their address: it becomes an intent whose
        // exemplars need redacting before the model sees them.
        let asks = ["send the zebra audit report to", "zebra audit report please, mail it to", "where is the zebra audit report? email",
                    "need our zebra audit report, reach me at"]
        _ = try fixture.store.merge((0..<12).map { index in
            Conversation(id: "pii-\(index)", startedAt: Timestamp(iso8601: "2026-11-18T10:00:00Z"), turns: [
                Turn(role: .user, content: "\(asks[index % asks.count]) jane.doe\(index)@example.com"),
                Turn(role: .assistant, content: "I have passed this on."),
            ])
        })
        let report = try await fixture.run()
        let created = report.intents.filter { $0.change == .created }
        #expect(!created.isEmpty)
        for outcome in created {
            let intent = try fixture.intent(outcome.id)
            #expect(intent.title == "Named by the model" && intent.kind == .featureRequest)
            #expect(Slug.isValid(intent.id) && !intent.id.hasPrefix("named-by"), "ids stay rule-made")
        }
        #expect(server.requests.count == created.count)
        for request in server.requests {
            #expect(request.path == "/v1/chat/completions")
            #expect(!request.bodyText.contains("jane.doe"))
        }
        #expect(server.requests.contains { $0.bodyText.contains("zebra") && $0.bodyText.contains("<email>") })
        // The two hand-written intents keep the title and kind a person gave them.
        #expect(try fixture.intent("webhook-not-firing").title == "Webhook not firing after setup")
    }

    @Test func aFailingChatModelFallsBackToTheRulesWithAWarning() async throws {
        let server = try LoopbackHTTPServer { _ in .json(500, #"{"error": {"message": "overloaded"}}"#) }
        var config = ConvoConfig()
        config.llm = LLMSettings(baseURL: server.baseURL + "/v1", model: "namer")
        let (fixture, _) = try loaded(config: config)
        let report = try await fixture.run()
        let created = report.intents.filter { $0.change == .created }
        #expect(report.warnings.count == created.count && report.warnings.allSatisfy { $0.contains("overloaded") })
        #expect(Set(created.map(\.kind)).count > 1, "kinds from the rules")
    }

    @Test func anIntentFileWithErrorsStopsTheRunBeforeAnythingIsWritten() async throws {
        let (fixture, _) = try loaded()
        try fixture.intents.write("id: broken\ntitle: x\nkind: nonsense\n", to: "intents/broken.intent")
        await #expect {
            _ = try await fixture.run()
        } throws: { error in
            let rendered = (error as? DiagnosticsError)?.diagnostics.map { $0.rendered() } ?? []
            return rendered.contains { $0.hasPrefix("error: intents/broken.intent:3: field 'kind' must be one of") }
        }
        #expect(try fixture.store.assignedIntents().isEmpty)
    }
}
