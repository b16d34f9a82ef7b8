import ConvoDiscovery
import ConvoModel
import Testing

@Suite struct FrustrationSignalsTests {
    func conversation(_ turns: [(Role, String)]) -> Conversation {
        Conversation(id: "c", turns: turns.map { Turn(role: $0.0, content: $0.1) })
    }

    @Test func aSettledQuestionShowsNoSign() {
        let calm = FrustrationSignals(conversation([
            (.user, "how do I rotate my api key"), (.assistant, "Go to Settings > API keys and press Roll."),
            (.user, "thanks, that worked"), (.assistant, "Glad to help!"),
        ]))
        #expect(calm == FrustrationSignals())
        #expect(calm.score == 0)
        // One question, one answer, gone: no sign either (most people leave satisfied).
        #expect(FrustrationSignals(conversation([(.user, "webhook not firing"), (.assistant, "Check the endpoint.")])).score == 0)
    }

    @Test func theUserRepeatingTheQuestionIsSeen() {
        let rephrased = FrustrationSignals(conversation([
            (.user, "my webhook never fires after setting up the endpoint"), (.assistant, "Check your server logs."),
            (.user, "the webhook never fires, endpoint is set up fine"), (.assistant, "Is webhooks enabled?"),
            (.user, "that was it, thanks"),
        ]))
        #expect(rephrased.repeated && !rephrased.negative && !rephrased.abandoned)
        let marked = FrustrationSignals(conversation([
            (.user, "where is the invoice"), (.assistant, "Billing tab."), (.user, "AGAIN: where do I download it"),
        ]))
        #expect(marked.repeated)
        // A first message is never a repetition, and a different follow-up is not one.
        let followUp = FrustrationSignals(conversation([
            (.user, "how do I invite a teammate"), (.assistant, "Settings > Team."), (.user, "ok and can they see billing?"),
        ]))
        #expect(!followUp.repeated)
    }

    @Test func negativeTurnsAndShoutingAreSeenButNotInTheFirstMessage() {
        for complaint in ["this is useless", "Still not working!", "are you a bot", "that's not what I asked", "hello???",
                          "WHY IS NOTHING ARRIVING AT ALL"] {
            let signals = FrustrationSignals(conversation([(.user, "webhook question"), (.assistant, "Answer."), (.user, complaint)]))
            #expect(signals.negative, "\(complaint)")
        }
        let firstOnly = FrustrationSignals(conversation([(.user, "webhooks not working at all"), (.assistant, "Let me check.")]))
        #expect(!firstOnly.negative)
    }

    @Test func emphaticPunctuationIsAMixOrARunOfThree() {
        func negative(_ followUp: String) -> Bool {
            FrustrationSignals(conversation([(.user, "how do i set up sso"), (.assistant, "Open settings."), (.user, followUp),
                                             (.assistant, "Then save."), (.user, "thanks")])).negative
        }
        for text in ["and then?!", "where!? no", "which page???", "hello!!!", "a ?! b", "ok!!?"] {
            #expect(negative(text), "\(text)")
        }
        for text in ["and then?", "ok!!", "?? !!", "what? !", "a?b!c", "which one, the first"] {
            #expect(!negative(text), "\(text)")
        }
    }

    @Test func leavingAfterAnotherMissIsAbandonment() {
        let abandoned = FrustrationSignals(conversation([
            (.user, "api returns 401"), (.assistant, "Check the key."), (.user, "I already did that. no spaces, still 401"),
            (.tool, "{}"), (.assistant, "Try creating a new key."),
        ]))
        #expect(abandoned.abandoned && abandoned.negative)
        #expect(abandoned.score == 2.0 / 3)
        let acknowledged = FrustrationSignals(conversation([
            (.user, "api returns 401"), (.assistant, "Check the key."), (.user, "ok thanks, and where is the key?"),
            (.assistant, "Settings > API keys."),
        ]))
        #expect(!acknowledged.abandoned)
    }
}
