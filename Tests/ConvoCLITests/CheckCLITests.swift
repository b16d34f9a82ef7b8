import ConvoBase
import ConvoTestSupport
import Foundation
import Testing

@Suite("convo check")
struct CheckCLITests {
    /// Two new commits on main: one without a trailer, one naming an intent that does not touch
    /// its section.
    func repositoryWithFindings() throws -> GovernedRepository {
        let repo = try GovernedRepository(hook: false)
        try repo.replace(webhooksLine, with: webhooksLine + " Check it is enabled.", in: "prompts/support.md")
        try repo.commitAll("No trailer")
        try repo.replace("# Escalation\n", with: "# Escalation\n\nBe brief.\n", in: "prompts/support.md")
        try repo.commitAll("Wrong intent\n\nIntent: webhook-not-firing")
        return repo
    }

    @Test func defaultsToTheCommitsNotOnTheRemotesDefaultBranchAndListsEveryFinding() throws {
        let repo = try repositoryWithFindings()
        let result = try repo.convo(["check"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout == "checking origin/main..HEAD\n")
        #expect(result.stderr.contains("\"No trailer\": changes prompts/support.md#webhooks but has no `Intent:` trailer [intent-required]"))
        #expect(result.stderr.contains("\"Wrong intent\": changes prompts/support.md#escalation, but intent 'webhook-not-firing' "
                                       + "does not touch it [section-not-touched]"), "\(result)")
        #expect(result.stderr.hasSuffix("convo: checked 2 commits (2 governed section changes): 2 problems\n"))

        let json = try repo.convo(["check", "--json"])
        #expect(json.status == 1)
        let parsed = try JSONParser.parse(json.stdout)
        #expect(parsed["range"]?.stringValue == "origin/main..HEAD")
        #expect(parsed["commits"]?.intValue == 2)
        let findings = try #require(parsed["findings"]?.arrayValue)
        #expect(findings.map { $0["rule"]?.stringValue ?? "" } == ["intent-required", "section-not-touched"])
        #expect(findings[1]["section"]?.stringValue == "prompts/support.md#escalation")
        #expect(findings[1]["file"]?.stringValue == "prompts/support.md")
        #expect(findings[1]["commit"]?.stringValue == (try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test func anExplicitRangeIsHonouredAndACleanRangePasses() throws {
        let repo = try repositoryWithFindings()
        let last = try repo.convo(["check", "HEAD~1..HEAD"])
        #expect(last.status == 1)
        #expect(last.stderr.contains("checked 1 commit"), "\(last)")
        #expect(!last.stderr.contains("\"No trailer\""))

        try repo.replace("Check it is enabled.", with: "Check that it is enabled.", in: "prompts/support.md")
        try repo.commitAll("Good\n\nIntent: webhook-not-firing")
        let clean = try repo.convo(["check", "HEAD~1..HEAD"])
        #expect(clean.status == 0, "\(clean)")
        #expect(clean.stderr == "convo: checked 1 commit (1 governed section change): every change names an intent that touches it\n")

        // A whole history: the root commit creates the prompts, which needs no intent.
        let all = try repo.convo(["check", "origin/main"])
        #expect(all.status == 0, "\(all)")
        #expect(all.stderr.contains("checked 1 commit (0 governed section changes)"), "\(all)")
    }

    @Test func withoutARemoteItAsksForARange() throws {
        let scratch = try ScratchDirectory(prefix: "convo-check")
        try GitCLI.initRepository(at: scratch.url, files: ["prompts/a.md": "# A\n\ntext\n"])
        let result = try ConvoBinary.run(["check"], in: scratch.url, home: scratch.url)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("cannot tell which commits are new"))
        #expect(result.stderr.contains("hint: name the range: `convo check main..HEAD`"))
    }
}
