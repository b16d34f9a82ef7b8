import ConvoBase
import Testing

@Suite struct RedactorCorpusTests {
    let redactor: Redactor
    let corpus: RedactionCorpus

    init() throws {
        redactor = try Redactor()
        corpus = try RedactionCorpus.load()
    }

    @Test func corpusIsLargeEnough() {
        #expect(corpus.positives.count >= 100)
        #expect(corpus.nearMisses.count >= 100)
    }

    @Test func everyPositiveIsRedactedExactly() {
        for item in corpus.positives {
            #expect(redactor.redact(item.input) == item.expected, "corpus line \(item.line)")
            #expect(redactor.containsPersonalData(item.input), "corpus line \(item.line)")
        }
    }

    @Test func everyNearMissSurvives() {
        for item in corpus.nearMisses {
            let found = redactor.findings(in: item.input)
            #expect(found.isEmpty, "corpus line \(item.line): \(found.map { "\($0.kind) '\(item.input[$0.range])'" })")
            #expect(redactor.redact(item.input) == item.input, "corpus line \(item.line)")
        }
    }

    @Test func redactedTextHoldsNothingMore() {
        for item in corpus.positives {
            let once = redactor.redact(item.input)
            #expect(redactor.redact(once) == once, "corpus line \(item.line)")
            #expect(!redactor.containsPersonalData(once), "corpus line \(item.line)")
        }
    }

    @Test func corpusCoversEveryBuiltInKind() {
        let expected = corpus.positives.map(\.expected).joined(separator: "\n")
        for kind in RedactionFinding.Kind.allCases where kind != .custom {
            #expect(expected.contains(kind.placeholder), "no corpus case for \(kind)")
        }
    }
}

@Suite struct RedactorFindingTests {
    @Test func findingsAreInTextOrderWithKindsAndRanges() throws {
        let text = "mail jane@example.com, call +44 20 7946 0958, key AKIAIOSFODNN7EXAMPLE from 203.0.113.9"
        let found = try Redactor().findings(in: text)
        #expect(found.map(\.kind) == [.email, .phone, .apiKey, .ip])
        #expect(found.map { String(text[$0.range]) } == ["jane@example.com", "+44 20 7946 0958", "AKIAIOSFODNN7EXAMPLE", "203.0.113.9"])
        #expect(found.map(\.placeholder) == ["<email>", "<phone>", "<api-key>", "<ip>"])
    }

    @Test func theMoreSpecificRuleWinsAnOverlap() throws {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefghijklmnop"
        let text = "token=\(jwt)"
        let found = try Redactor().findings(in: text)
        #expect(found.count == 1)
        #expect(found.first?.kind == .token)
        #expect(found.first.map { String(text[$0.range]) } == jwt)
    }

    @Test func rangesAreRightAfterMultiByteCharacters() throws {
        let text = "Grüße 👋🏽 — schreib an zoë@example.de"
        let redactor = try Redactor()
        let found = redactor.findings(in: text)
        #expect(found.count == 1)
        #expect(found.first.map { String(text[$0.range]) } == "zoë@example.de")
        #expect(redactor.redact(text) == "Grüße 👋🏽 — schreib an <email>")
    }

    @Test func emptyAndPlainTextHaveNoFindings() throws {
        let redactor = try Redactor()
        #expect(redactor.findings(in: "").isEmpty)
        #expect(redactor.redact("why is my webhook not firing") == "why is my webhook not firing")
    }

    @Test func survivesHostileInput() throws {
        let redactor = try Redactor()
        let inputs = [
            String(repeating: "1", count: 100_000),
            String(repeating: "a@", count: 20_000),
            String(repeating: "::", count: 20_000),
            String(repeating: "password=", count: 10_000),
            String(repeating: "4111 ", count: 20_000),
            "\u{0}\u{FFFD}\u{202E}eyJ.eyJ.",
        ]
        for input in inputs {
            let out = redactor.redact(input)
            #expect(redactor.redact(out) == out)
        }
    }

    @Test func sharedAcrossTasksGivesTheSameResults() async throws {
        let redactor = try Redactor()
        let corpus = try RedactionCorpus.load()
        let inputs = corpus.positives.map(\.input) + corpus.nearMisses.map(\.input)
        let serial = inputs.map(redactor.redact)
        let parallel = await withTaskGroup(of: (Int, String).self) { group in
            for (index, input) in inputs.enumerated() {
                group.addTask { (index, redactor.redact(input)) }
            }
            var out = [String](repeating: "", count: inputs.count)
            for await (index, text) in group { out[index] = text }
            return out
        }
        #expect(parallel == serial)
    }
}

@Suite struct RedactorConfigTests {
    @Test func configPatternsAreRedactedAsRedacted() throws {
        let config = try ConvoConfig.parse("redaction:\n  patterns: ['ACME-\\d{6}', '(?i)project falcon']\n")
        let redactor = try Redactor(settings: config.redaction)
        #expect(redactor.extraPatterns == ["ACME-\\d{6}", "(?i)project falcon"])
        #expect(redactor.redact("ticket ACME-123456 about Project Falcon, from a@b.io")
                == "ticket <redacted> about <redacted>, from <email>")
        #expect(redactor.redact("ACME-12345 is too short") == "ACME-12345 is too short")
        #expect(redactor.findings(in: "ACME-000001").map(\.kind) == [.custom])
    }

    @Test func aConfigPatternWinsOverABuiltInRule() throws {
        let redactor = try Redactor(extraPatterns: [#"cust-\S+@example\.com"#])
        #expect(redactor.redact("from cust-77@example.com") == "from <redacted>")
    }

    @Test func emptyMatchesOfAConfigPatternAreIgnored() throws {
        let redactor = try Redactor(extraPatterns: ["x*"])
        #expect(redactor.redact("abc") == "abc")
        #expect(redactor.redact("axxb") == "a<redacted>b")
    }

    @Test func anInvalidPatternIsAUsageError() {
        do {
            _ = try Redactor(extraPatterns: ["ACME-(\\d+"])
            Issue.record("accepted an unbalanced parenthesis")
        } catch let error as RedactionPatternError {
            #expect(error.pattern == "ACME-(\\d+")
            #expect(error.message.hasPrefix("redaction pattern 'ACME-(\\d+' is not a valid regular expression"))
            #expect(error.exitStatus == .usage)
            #expect(error.hints.first?.contains("redaction.patterns") == true)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func placeholdersAreDocumentedOnePerKind() {
        let placeholders = RedactionFinding.Kind.allCases.map(\.placeholder)
        #expect(Set(placeholders).count == placeholders.count)
        #expect(RedactionFinding.Kind.custom.placeholder == "<redacted>")
        #expect(RedactionFinding.Kind.apiKey.placeholder == "<api-key>")
    }
}
