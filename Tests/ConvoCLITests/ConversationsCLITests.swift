import ConvoBase
import ConvoModel
import ConvoStore
import ConvoTestSupport
import Foundation
import Testing

@Suite struct ConversationsCLITests {
    func ingested() throws -> ScratchDirectory {
        let repo = try makeRepository()
        try repo.write("export.jsonl", twoConversations)
        let result = try ConvoBinary.run(["ingest", "export.jsonl"], in: repo.url)
        #expect(result.status == 0, "\(result)")
        return repo
    }

    @Test func listPrintsATableWithRedactedPreviews() throws {
        let repo = try ingested()
        let result = try ConvoBinary.run(["conversations", "list"], in: repo.url)
        #expect(result.status == 0)
        #expect(result.stdout == """
            ID   STARTED           AGENT    PLAN   TURNS  FIRST USER MESSAGE
            c_1  2026-11-20T10:02  support  trial  2      why is my webhook not firing
            c_2  2026-11-21T08:00  sales    pro    3      Do you support SSO? mail me at <email>

            """)
        let filtered = try ConvoBinary.run(["conversations", "list", "--since", "2026-11-21", "--agent", "sales"], in: repo.url)
        #expect(filtered.stdout.split(separator: "\n").map { String($0.prefix(3)) } == ["ID ", "c_2"])
        let none = try ConvoBinary.run(["conversations", "list", "--plan", "enterprise"], in: repo.url)
        #expect(none.stderr == "no conversations match\n")
        let bad = try ConvoBinary.run(["conversations", "list", "--since", "last week"], in: repo.url)
        #expect(bad.status == 2 && bad.stderr.contains("--since 'last week' is not a date or time"))
    }

    @Test func listJSONIsConvoFormatAndRoundTrips() throws {
        let repo = try ingested()
        let brief = try ConvoBinary.run(["conversations", "list", "--json"], in: repo.url)
        #expect(brief.stdout.split(separator: "\n").first == #"{"id":"c_1","started_at":"2026-11-20T10:02:11Z","ended_at":"2026-11-20T10:02:11Z","agent":"support","user":{"id":"u_17","account":"acme","plan":"trial"}}"#)
        let full = try ConvoBinary.run(["conversations", "list", "--json", "--turns"], in: repo.url)
        #expect(full.status == 0)
        // The export ingests into a fresh repository as the same conversations.
        let other = try makeRepository()
        let imported = try ConvoBinary.run(["ingest", "-"], in: other.url, stdin: full.stdout)
        #expect(imported.stdout == "ingested 2, merged 0, unchanged 0, rejected 0\n")
        #expect(try openStore(other).conversations(matching: .all) == openStore(repo).conversations(matching: .all))
        let reexport = try ConvoBinary.run(["conversations", "list", "--json", "--turns"], in: other.url)
        #expect(reexport.stdout == full.stdout)
        let misuse = try ConvoBinary.run(["conversations", "list", "--turns"], in: repo.url)
        #expect(misuse.status == 2)
    }

    @Test func showPrintsATranscriptOrJSON() throws {
        let repo = try ingested()
        let text = try ConvoBinary.run(["conversations", "show", "c_2"], in: repo.url)
        #expect(text.status == 0)
        #expect(text.stdout == """
            c_2  agent sales  started 2026-11-21T08:00:00Z
            plan pro
            metadata {"feature":"sso"}

            user
              Do you support SSO? mail me at ana@example.com

            tool search_docs {"q":"sso"}
              SSO: enterprise

            assistant
              Yes, on enterprise.

            """)
        let redacted = try ConvoBinary.run(["conversations", "show", "--redact", "c_2"], in: repo.url)
        #expect(redacted.stdout.contains("mail me at <email>"))
        let json = try ConvoBinary.run(["conversations", "show", "--json", "c_1"], in: repo.url)
        let decoded = try ConversationJSON.decode(JSONParser.parse(json.stdout.trimmingCharacters(in: .newlines)))
        #expect(decoded.turns.map(\.content) == ["why is my webhook not firing", "Check that webhooks are enabled."])
        let missing = try ConvoBinary.run(["conversations", "show", "c_404"], in: repo.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("error: no conversation with id 'c_404' in the store\nhint: "))
    }

    @Test func statsCountByDayPlanAndAgent() throws {
        let repo = try ingested()
        try repo.write("accounts.csv", "id,plan\nacme,enterprise\n")
        _ = try ConvoBinary.run(["ingest", "--accounts", "accounts.csv"], in: repo.url)
        let json = try ConvoBinary.run(["stats", "--json"], in: repo.url)
        #expect(json.status == 0)
        // The conversation's own plan wins over its account's.
        #expect(json.stdout == #"{"conversations":2,"turns":5,"by_day":[{"day":"2026-11-20","conversations":1},{"day":"2026-11-21","conversations":1}],"by_plan":[{"plan":"pro","conversations":1},{"plan":"trial","conversations":1}],"by_agent":[{"agent":"sales","conversations":1},{"agent":"support","conversations":1}]}"# + "\n")
        let table = try ConvoBinary.run(["stats", "--until", "2026-11-21"], in: repo.url)
        #expect(table.stdout.hasPrefix("1 conversations, 2 turns\n\nDAY         CONVERSATIONS\n2026-11-20  1\n"))
    }
}
