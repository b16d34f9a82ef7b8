import Testing
@testable import ConvoSimulator

@Suite struct TypistTests {
    static let sentences = [
        "my webhook is not firing after I set it up yesterday",
        "we are getting rate limit errors from the events endpoint every morning",
        "how do I download the invoice for last month, our accountant needs it",
        "the signature verification keeps failing even though the secret is correct",
        "our teammate never received the invitation email, can you resend it please",
    ]

    @Test func levelZeroLeavesTextAlone() {
        var rng = SeededRandom(seed: 1)
        for habit in Typist.Habit.allCases {
            let typist = Typist(habit: habit, level: 0)
            for sentence in Self.sentences {
                #expect(typist.type(sentence, frustrated: true, &rng) == sentence)
            }
        }
    }

    @Test func identifiersURLsAndCodesAreNeverMisspelt() {
        var rng = SeededRandom(seed: 2)
        let typist = Typist(habit: .sloppy, level: 5)
        let protected = ["https://acme.com/webhooks/relay", "evt_3f9a2b", "rk_live_…3f9a", "next.js", "429", "x-ratelimit-remaining:", "@relay/node"]
        for _ in 0..<300 {
            let typed = typist.type("error " + protected.joined(separator: " ") + " again", frustrated: false, &rng)
            for token in protected {
                #expect(typed.lowercased().contains(token.lowercased()), "\(token) was changed in: \(typed)")
            }
        }
    }

    /// The share of words changed (ignoring case and apostrophes) matches each habit's rate.
    @Test(arguments: [(Typist.Habit.careful, 0.0, 0.03), (.casual, 0.01, 0.08), (.sloppy, 0.04, 0.16)])
    func typoRateFollowsTheHabit(habit: Typist.Habit, low: Double, high: Double) {
        var rng = SeededRandom(seed: 11)
        let typist = Typist(habit: habit, level: 1)
        var words = 0
        var changed = 0
        for round in 0..<400 {
            let sentence = Self.sentences[round % Self.sentences.count]
            let typed = typist.type(sentence, frustrated: false, &rng)
            let before = sentence.split(separator: " ")
            let after = typed.split(separator: " ")
            #expect(before.count == after.count, "words were added or lost: \(typed)")
            for (a, b) in zip(before, after) {
                words += 1
                if normalize(a) != normalize(b) { changed += 1 }
            }
        }
        let rate = Double(changed) / Double(words)
        #expect(rate >= low && rate <= high, "\(habit) typo rate \(rate)")
    }

    @Test func misspellingsLookLikeSlips() {
        var rng = SeededRandom(seed: 4)
        var changedCount = 0
        for _ in 0..<200 {
            let word = Typist.misspell("delivery", &rng)
            #expect(word.first == "d", "first letters are kept: \(word)")
            #expect(abs(word.count - 8) <= 1)
            if word != "delivery" { changedCount += 1 }
        }
        #expect(changedCount > 150)
        #expect(Typist.matchCase(of: "Webhook", "webhok") == "Webhok")
        #expect(Typist.matchCase(of: "WEBHOOK", "webhok") == "WEBHOK")
    }

    @Test func carefulTypistsCapitaliseSentences() {
        #expect(Typist.sentenceCase("hi. my webhook is down\nthanks") == "Hi. My webhook is down\nThanks")
        #expect(Typist.sentenceCase("see next.js docs") == "See next.js docs")
    }

    private func normalize(_ word: Substring) -> String {
        word.lowercased().filter { $0.isLetter }
    }
}
