import ConvoTestSupport
import Foundation
import Testing

@Suite("convo report")
struct ReportCLITests {
    /// The worked example with the webhook fix merged on main on 2026-11-25 (found through its
    /// `Intent:` trailer, not the intent file), weekly counts around it, and two captured
    /// conversations, one of them a sample whose first message holds an email address.
    func repository() throws -> GovernedRepository {
        let repo = try GovernedRepository(hook: false)
        try repo.mergeWebhookFix()
        let text = GovernedRepository.webhookIntent.replacingOccurrences(
            of: "weekly: {2026-W46: 58, 2026-W47: 61}", with: "weekly: {2026-W46: 58, 2026-W47: 61, 2026-W48: 30, 2026-W49: 12}")
        try repo.write("intents/webhook-not-firing.intent", text)
        try repo.commitAll("Record weekly counts")
        try repo.write("../conversations.jsonl", """
            {"id": "c_0a91", "started_at": "2026-11-20T10:02:11Z", "user": {"id": "u_1", "account": "acme", "plan": "trial"}, \
            "turns": [{"role": "user", "content": "why is my webhook not firing? write to ops@acme.example.com"}]}
            {"id": "c_7777", "started_at": "2026-12-01T09:00:00Z", "user": {"id": "u_2", "plan": "pro"}, \
            "turns": [{"role": "user", "content": "how do I rotate a key"}]}

            """)
        let ingest = try repo.convo(["ingest", repo.scratch.file("conversations.jsonl").path])
        #expect(ingest.status == 0, "\(ingest)")
        return repo
    }

    @Test func writesOnePageWithTheMergeMarkedAndRedactedQuotesAndPrintsItsPath() throws {
        let repo = try repository()
        let result = try repo.convo(["report"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == ".convo/report/index.html\n")
        let page = try repo.read(".convo/report/index.html")
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<h1>work</h1>"), "the repository's name heads the page")
        #expect(page.contains("change merged 2026-11-25"), "the merge day comes from the main line's Intent: trailer")
        #expect(page.contains("Webhook not firing after setup"))
        #expect(page.contains("href=\"#intent-rate-limit-429\""), "the example's unmeasured intent is listed and linked")
        #expect(page.contains("why is my webhook not firing? write to &lt;email&gt;"), "the sample's first message, redacted")
        #expect(!page.contains("ops@acme.example.com"))
        #expect(page.contains(">2</span><span class=\"caption\">conversations captured"))

        let checked = try HTMLChecker.check(repo.url.appendingPathComponent(".convo/report/index.html"))
        #expect(checked.problems.isEmpty, "\(checked.problems)")

        let again = try repo.convo(["report"])
        #expect(again.status == 0)
        #expect(try repo.read(".convo/report/index.html") == page, "the same data writes the same bytes")
        #expect(try repo.status().isEmpty, "the report stays out of git (.convo/.gitignore)")
    }

    @Test func outIsRelativeToTheCurrentDirectory() throws {
        let repo = try repository()
        let result = try ConvoBinary.run(["report", "--out", "site"], in: repo.url.appendingPathComponent("prompts"), home: repo.scratch.url)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "site/index.html\n")
        #expect(FileManager.default.fileExists(atPath: repo.url.appendingPathComponent("prompts/site/index.html").path))
    }

    @Test func aBrokenIntentFileIsLeftOutWithAWarning() throws {
        let repo = try repository()
        try repo.write("intents/broken.intent", "id: broken\ntitle: [unclosed\n")
        let result = try repo.convo(["report"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.hasPrefix("warning: intents/broken.intent:"), "\(result)")
        #expect(result.stderr.contains("(left out of the report)"))
        #expect(!(try repo.read(".convo/report/index.html")).contains("intent-broken"))
    }

    @Test func withoutIntentsOrAStoreThePageSaysWhatToDoAndNoStoreIsCreated() throws {
        let scratch = try ScratchDirectory(prefix: "convo-report-empty")
        try GitCLI.initRepository(at: scratch.url, files: ["README.md": "agent\n"])
        let result = try ConvoBinary.run(["report"], in: scratch.url)
        #expect(result.status == 0, "\(result)")
        let page = try scratch.read(".convo/report/index.html")
        #expect(page.contains("No intents yet"))
        #expect(page.contains("conversations captured (no store yet)"))
        #expect(!scratch.exists(".convo/store.sqlite"), "reading for a report never creates a store")
    }

    @Test func aMissingStoreOrBranchIsAnErrorInTheOneFormat() throws {
        let repo = try repository()
        let store = try repo.convo(["report", "--store", "sqlite:nowhere.sqlite"])
        #expect(store.status == 2, "\(store)")
        #expect(store.stderr.hasPrefix("error: there is no store at 'sqlite:nowhere.sqlite'\nhint: "), "\(store)")
        let branch = try repo.convo(["report", "--branch", "no-such-branch"])
        #expect(branch.status != 0)
        #expect(branch.stderr.hasPrefix("error: "), "\(branch)")
    }
}
