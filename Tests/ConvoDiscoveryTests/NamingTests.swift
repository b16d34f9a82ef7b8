import ConvoBase
@testable import ConvoDiscovery
import ConvoIntents
import Testing

@Suite struct NamingTests {
    let namer = IntentNamer(redactor: try! Redactor(), duplicateSimilarity: 0.9)

    /// Similarity from the texts alone: identical after normalising, else unrelated.
    func similarity(_ messages: [String]) -> (Int, Int) -> Float {
        { a, b in FrustrationSignals.normalized(messages[a]) == FrustrationSignals.normalized(messages[b]) ? 1 : 0 }
    }

    let messages = [
        "hi team, my webhook is not firing",
        "Webhooks not firing after I set up the endpoint. contact me at jane.doe@example.com",
        "hey! webhook not firing",
        "why is my webhook not firing?? \n\n curl -X POST https://api.relay.dev/v1/events",
        "webhok not fireing at all",
        "the webhook never fires, endpoint returns 200 when I curl it",
        "hello?",
        "webhook endpoint gets no events since setup",
    ]

    @Test func keywordsAreTheWordsPeopleTypedNotStems() {
        let name = namer.name(topTerms: ["webhook", "fir", "endpoint", "#num", "webhook fir", "set"], firstMessages: messages,
                              similarity: similarity(messages))
        #expect(name.keywords == ["webhook", "firing", "endpoint", "set"])
    }

    @Test func exemplarsAreCentralDifferentRedactedAndReadable() {
        let name = namer.name(topTerms: ["webhook", "fir"], firstMessages: messages, similarity: similarity(messages))
        #expect((IntentNamer.minExemplars...IntentNamer.maxExemplars).contains(name.exemplars.count), "\(name.exemplars)")
        #expect(name.exemplars.allSatisfy { !$0.contains("jane.doe") && !$0.contains("\n") })
        #expect(!name.exemplars.contains("hello?"), "too little to say")
        #expect(name.exemplars.first == "my webhook is not firing", "the most central first, without its greeting")
        #expect(name.exemplars.contains("why is my webhook not firing??"), "first line only")
        // The message needing redaction comes only after the clean ones, redacted.
        if let redacted = name.exemplars.first(where: { $0.contains("<email>") }) {
            #expect(redacted.hasSuffix("contact me at <email>"))
        }
    }

    @Test func nearDuplicateExemplarsAreSkipped() {
        let same = ["my webhook is not firing", "My webhook is NOT firing!", "webhook not firing after setup", "the endpoint gets nothing"]
        let name = namer.name(topTerms: ["webhook"], firstMessages: same, similarity: similarity(same))
        #expect(name.exemplars == ["my webhook is not firing", "webhook not firing after setup", "the endpoint gets nothing"])
    }

    @Test func theTitleIsAShortCentralMessageWithoutItsGreetingAndTheSlugFollowsIt() {
        let name = namer.name(topTerms: ["webhook", "fir"], firstMessages: messages, similarity: similarity(messages))
        #expect(name.title == "My webhook is not firing")
        #expect(name.slug == "webhook-not-firing")
        #expect(IntentNamer.slug(title: "Questions about invoices and refunds", keywords: []) == "invoices-refunds")
        #expect(IntentNamer.slug(title: "", keywords: ["invoice", "pdf"]) == "invoice-pdf")
    }

    @Test func withoutAUsableMessageTheTitleComesFromTheKeywords() {
        let odd = ["https://x.example/a/b", "zz", "curl -X POST https://api.relay.dev/v1/events -H 'Authorization: Bearer rk_live_x'"]
        let name = namer.name(topTerms: ["curl", "post", "events"], firstMessages: odd, similarity: similarity(odd))
        #expect(name.title == "Questions about curl, post and events")
        #expect(name.slug == "curl-post-events")
    }

    @Test func idsAreUniqueWithoutDependingOnOrder() {
        #expect(Naming.uniqueID("webhook-not-firing", reserved: []) == "webhook-not-firing")
        #expect(Naming.uniqueID("webhook-not-firing", reserved: ["webhook-not-firing", "webhook-not-firing-2"]) == "webhook-not-firing-3")
        #expect(Naming.uniqueID("Not A Slug", reserved: []) == "intent")
    }

    @Test func theChatModelsAnswerIsReadStrictly() throws {
        let answer = try ChatNamer.parse("Sure:\n```json\n{\"title\": \"Webhooks never  arrive\", \"kind\": \"Setup-Friction\"}\n```")
        #expect(answer == ChatNamer.Answer(title: "Webhooks never arrive", kind: .setupFriction))
        #expect(throws: (any Error).self) { try ChatNamer.parse("I think it is a bug") }
        #expect(throws: (any Error).self) { try ChatNamer.parse(#"{"title": "x", "kind": "complaint"}"#) }
        #expect(throws: (any Error).self) { try ChatNamer.parse(#"{"title": "", "kind": "other"}"#) }
    }
}
