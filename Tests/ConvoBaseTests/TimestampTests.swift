import ConvoBase
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2026-11-20T10:02:11Z", "2026-11-20T10:02:11Z"),
        ("2026-11-20T10:02:11.5Z", "2026-11-20T10:02:11.500Z"),
        ("2026-11-20T10:02:11.123456789Z", "2026-11-20T10:02:11.123Z"),
        ("2026-11-20 10:02:11", "2026-11-20T10:02:11Z"),
        ("2026-11-20T12:02:11+02:00", "2026-11-20T10:02:11Z"),
        ("2026-11-20T05:02:11-0500", "2026-11-20T10:02:11Z"),
        ("2026-11-20", "2026-11-20T00:00:00Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ("2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"),
    ])
    func parsesAndPrints(input: String, expected: String) throws {
        let ts = try #require(Timestamp(iso8601: input))
        #expect(ts.iso8601 == expected)
    }

    @Test(arguments: ["", "2026-13-01", "2026-02-30", "2026-11-20T25:00:00Z", "20261120", "2026-11-20Tfoo", "2026-11-20T10:02:11Q"])
    func rejectsBadTimestamps(input: String) {
        #expect(Timestamp(iso8601: input) == nil)
    }

    @Test func isoWeeksFollowISO8601() throws {
        // 2026-01-01 is a Thursday: week 1 of 2026. 2027-01-01 is a Friday: week 53 of 2026.
        #expect(try #require(Day(iso8601: "2026-01-01")).isoWeek.description == "2026-W01")
        #expect(try #require(Day(iso8601: "2027-01-01")).isoWeek.description == "2026-W53")
        #expect(try #require(Day(iso8601: "2026-11-16")).isoWeek.description == "2026-W47")
        #expect(try #require(Day(iso8601: "2026-11-16")).weekday == 1)
        #expect(ISOWeek("2026-W47")?.monday.iso8601 == "2026-11-16")
        #expect(ISOWeek("2025-W53") == nil)
        #expect(ISOWeek("2026-W47")?.adding(weeks: 7).description == "2027-W01")
    }
}

@Suite struct SlugAndGlobTests {
    @Test(arguments: [
        ("Webhook not firing after setup", "webhook-not-firing-after-setup"),
        ("Setup & API keys", "setup-api-keys"),
        ("Don't panic: Rate-limits (429)", "dont-panic-rate-limits-429"),
        ("Équipe invitée", "equipe-invitee"),
        ("  --  ", ""),
    ])
    func slugs(input: String, expected: String) {
        #expect(Slug.make(input) == expected)
    }

    @Test func asciiSlugsFollowTheRuleCharacterByCharacter() {
        // Every printable ASCII character between two words, and runs of them, as the rule says:
        // letters and digits kept (lower-cased), apostrophes dropped, anything else one hyphen.
        for byte in UInt8(0x20)...UInt8(0x7e) {
            let character = Character(Unicode.Scalar(byte))
            let expected: String
            if character == "'" {
                expected = "ab"
            } else if character.isLetter || character.isNumber {
                expected = "a" + character.lowercased() + "b"
            } else {
                expected = "a-b"
            }
            #expect(Slug.make("a\(character)b") == expected, "\(character)")
        }
        #expect(Slug.make("  Rate--Limits__429!! ") == "rate-limits-429")
        #expect(Slug.make(String(repeating: "ab-", count: 40), maxLength: 10) == "ab-ab-ab-a")
        #expect(Slug.make("abcdefghi-jk", maxLength: 10) == "abcdefghi")
    }

    @Test func validatesSlugs() {
        #expect(Slug.isValid("webhook-not-firing"))
        #expect(!Slug.isValid("Webhook"))
        #expect(!Slug.isValid("a--b"))
        #expect(!Slug.isValid("-a"))
    }

    @Test func globs() {
        #expect(Glob("prompts/**").matches("prompts/support.md"))
        #expect(Glob("prompts/**").matches("prompts/wandb/config-defaults.yaml"))
        #expect(!Glob("prompts/**").matches("intents/a.intent"))
        #expect(Glob("prompts/*.md").matches("prompts/support.md"))
        #expect(!Glob("prompts/*.md").matches("prompts/x/support.md"))
        #expect(Glob("**/*.yaml").matches("a/b/c.yaml"))
        #expect(Glob("config-?.yaml").matches("config-a.yaml"))
    }

    @Test func suggestsCloseNames() {
        #expect(Suggestions.closest(to: "prompts/support.md#webhoks", in: ["prompts/support.md#webhooks", "prompts/support.md#billing"]).first == "prompts/support.md#webhooks")
        #expect(Suggestions.closest(to: "zzzz", in: ["billing"]).isEmpty)
    }
}
