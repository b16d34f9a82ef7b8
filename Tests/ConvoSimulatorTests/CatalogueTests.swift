import ConvoBase
import Testing
@testable import ConvoSimulator

@Suite struct CatalogueTests {
    @Test func catalogueIsSound() {
        #expect(IntentCatalogue.problems() == [])
    }

    @Test func atLeastThirtyIntentsCoveringEveryKind() {
        let intents = IntentCatalogue.intents
        #expect(intents.count >= 30)
        #expect(Set(intents.map(\.kind)) == Set(SimulatedIntent.Kind.allCases))
        #expect(Set(intents.map(\.id)).count == intents.count)
        for intent in intents {
            #expect(Slug.isValid(intent.id), "\(intent.id)")
            #expect(!intent.title.isEmpty)
        }
    }

    @Test func theWorkedExampleIntentsExistWithTheirContract() throws {
        let webhook = try #require(IntentCatalogue.intent(id: "webhook-not-firing"))
        #expect(webhook.kind == .setupFriction)
        #expect(webhook.stage == .onboarding)
        #expect(webhook.section == "prompts/support.md#webhooks")
        let rateLimit = try #require(IntentCatalogue.intent(id: "rate-limit-429"))
        #expect(rateLimit.sections.contains("prompts/support.md#rate-limits"))
        #expect(rateLimit.sections.contains("prompts/harness.yaml#tools.get_rate_limit_usage.description"))
    }

    /// Every section an intent names is one the worked example promises (EXAMPLE.md).
    @Test func sectionsAreAddressesOfTheWorkedExample() {
        let promised: Set<String> = [
            "prompts/support.md#role-and-tone", "prompts/support.md#setup", "prompts/support.md#setup/api-keys",
            "prompts/support.md#setup/sdk-installation", "prompts/support.md#setup/environments", "prompts/support.md#webhooks",
            "prompts/support.md#webhooks/delivery-and-retries", "prompts/support.md#webhooks/signature-verification",
            "prompts/support.md#billing-and-plans", "prompts/support.md#billing-and-plans/invoices-and-refunds",
            "prompts/support.md#team-invites", "prompts/support.md#rate-limits", "prompts/support.md#data-and-privacy",
            "prompts/support.md#escalation", "prompts/harness.yaml#tools.search_docs.description",
            "prompts/harness.yaml#tools.check_settings.description", "prompts/harness.yaml#tools.get_rate_limit_usage.description",
            "prompts/harness.yaml#tools.list_invoices.description", "prompts/harness.yaml#tools.create_ticket.description",
        ]
        for intent in IntentCatalogue.intents {
            #expect(!intent.sections.isEmpty)
            for section in intent.sections {
                #expect(promised.contains(section), "\(intent.id) touches unknown section \(section)")
            }
        }
    }

    /// The volume distribution is a long tail with the demo's intent on top.
    @Test func weightsFormALongTail() throws {
        let weights = IntentCatalogue.ids.compactMap { IntentCatalogue.baseWeight(of: $0) }.sorted(by: >)
        #expect(IntentCatalogue.baseWeight(of: "webhook-not-firing") == weights.first)
        let median = weights[weights.count / 2]
        #expect(try #require(weights.first) > 5 * median)
        #expect(try #require(weights.last) < median / 1.5)
    }

    /// Each intent has enough distinct surface forms that thousands of conversations are not repeats.
    @Test func everyIntentHasManyParaphrases() {
        for intent in IntentCatalogue.compiled {
            var rng = SeededRandom(seed: 99)
            let slots = SlotResolver(local: intent.slots, facts: .placeholder)
            var forms = Set<String>()
            for _ in 0..<400 { forms.insert(intent.openers.randomTemplate(&rng).render(&rng, slots)) }
            #expect(forms.count >= 60, "\(intent.spec.intent.id) has only \(forms.count) opener forms")
            #expect(intent.fragments.count >= 3, "\(intent.spec.intent.id)")
        }
    }
}
