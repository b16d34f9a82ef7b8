import ConvoBase
import ConvoGit
import ConvoTestSupport
import Foundation
@testable import ConvoHooks
import Testing

/// A small governed repository built with the git CLI, checked in process.
struct CheckerRepository {
    let scratch: ScratchDirectory
    var url: URL { scratch.url }

    static let prompt = "# Webhooks\n\nCheck the endpoint.\n\n## Retries\n\nRetries back off.\n\n# Billing\n\nInvoices monthly.\n"
    static let harness = "model:\n  name: m\n  temperature: 0.2\ntools:\n  search_docs:\n    description: Search the docs.\n"
    static let intent = """
        id: webhooks
        title: Webhooks
        kind: setup-friction
        status: open
        touches:
          - prompts/support.md#webhooks
          - prompts/harness.yaml#tools.search_docs

        """

    init() throws {
        scratch = try ScratchDirectory(prefix: "convo-checker")
        try GitCLI.initRepository(at: scratch.url, files: [
            "prompts/support.md": CheckerRepository.prompt,
            "prompts/harness.yaml": CheckerRepository.harness,
            "intents/webhooks.intent": CheckerRepository.intent,
            "src/app.txt": "app\n",
        ])
    }

    func edit(_ path: String, _ old: String, _ new: String) throws {
        let text = try scratch.read(path)
        #expect(text.contains(old), "\(path) lacks \(old)")
        try scratch.write(path, text.replacingOccurrences(of: old, with: new))
    }

    @discardableResult
    func commit(_ message: String) throws -> ObjectID {
        try GitCLI.run(["add", "-A"], in: url)
        try GitCLI.run(["commit", "-q", "--allow-empty", "-m", message], in: url)
        return try head()
    }

    func head() throws -> ObjectID {
        try #require(ObjectID(hex: try GitCLI.run(["rev-parse", "HEAD"], in: url).trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// Checks HEAD's commits after `base`, oldest first.
    func check(since base: ObjectID) throws -> GovernanceReport {
        let repository = try Repository.discover(from: url.path)
        return try GovernanceRun.check(range: CommitRange(include: [try head()], exclude: [base]), repository: repository,
                                       config: ConvoConfig(), redactor: try Redactor())
    }
}

@Suite("GovernanceChecker")
struct GovernanceCheckerTests {
    @Test func governedSectionChangesNeedACoveringIntentAndOthersDoNot() throws {
        let repo = try CheckerRepository()
        let base = try repo.head()
        try repo.edit("src/app.txt", "app", "app v2")
        try repo.scratch.write("prompts/.gitkeep", "")
        try repo.commit("Not governed, and a hidden file under prompts/")
        try repo.edit("prompts/support.md", "Check the endpoint.", "Check the endpoint.   ")
        try repo.commit("Trailing spaces only: no section changes")
        try repo.edit("prompts/support.md", "Retries back off.", "Retries back off exponentially.")
        try repo.commit("Nested section, covered by #webhooks\n\nIntent: webhooks")
        try repo.edit("prompts/harness.yaml", "Search the docs.", "Search the product docs.")
        try repo.commit("Key below a touched key\n\nIntent: webhooks")
        let report = try repo.check(since: base)
        #expect(report.passed, "\(report.findings.map(\.diagnostic))")
        #expect(report.commitsChecked == 4)
        #expect(report.sectionChanges == 2)
    }

    @Test func eachRuleIsReportedWithCommitFileSectionAndFix() throws {
        let repo = try CheckerRepository()
        let base = try repo.head()
        try repo.edit("prompts/support.md", "Invoices monthly.", "Invoices are monthly.")
        let missing = try repo.commit("No trailer")
        try repo.edit("prompts/support.md", "Invoices are monthly.", "Invoices go out monthly.")
        try repo.commit("Two intents, one unknown\n\nIntent: webhooks\nIntent: billing")
        try repo.edit("prompts/harness.yaml", "temperature: 0.2", "temperature: 0.3")
        try repo.commit("Untouched key\n\nIntent: webhooks")
        let report = try repo.check(since: base)
        #expect(report.findings.map(\.rule) == [.intentRequired, .unknownIntent, .sectionNotTouched, .sectionNotTouched])
        let first = report.findings[0]
        #expect(first.commit == missing)
        #expect(first.location == SourceLocation(file: "prompts/support.md", line: 9))
        #expect(first.section == "prompts/support.md#billing")
        #expect(first.diagnostic.rendered().hasPrefix("error: prompts/support.md:9: commit \(missing.abbreviated()) \"No trailer\": "
                                                      + "changes prompts/support.md#billing but has no `Intent:` trailer [intent-required]"))
        #expect(first.fixes.last == "no intent touches prompts/support.md#billing yet: create one with "
                + "`convo intent new --touches prompts/support.md#billing`")
        #expect(report.findings[1].message == "names intent 'billing', which does not exist at that commit")
        #expect(report.findings[2].message == "changes prompts/support.md#billing, but intent 'webhooks' does not touch it")
        #expect(report.findings[3].section == "prompts/harness.yaml#model.temperature")
    }

    @Test func intentsAreReadAsTheyWereAtEachCommit() throws {
        let repo = try CheckerRepository()
        let base = try repo.head()
        // The intent arrives in the same push, before the commit that names it: fine.
        try repo.scratch.write("intents/billing.intent", "id: billing\ntitle: Billing\nkind: other\nstatus: open\ntouches:\n  - prompts/support.md#billing\n")
        try repo.commit("Add the billing intent")
        try repo.edit("prompts/support.md", "Invoices monthly.", "Invoices are monthly.")
        try repo.commit("Billing edit\n\nIntent: billing")
        // Touches widened only after the commit that needed it: that commit is still refused.
        try repo.edit("prompts/support.md", "Check the endpoint.", "Check the endpoint first.")
        try repo.edit("prompts/support.md", "Invoices are monthly.", "Invoices go out monthly.")
        let early = try repo.commit("Both sections\n\nIntent: webhooks")
        try repo.edit("intents/webhooks.intent", "touches:\n", "touches:\n  - prompts/support.md#billing\n")
        try repo.commit("Link billing too late")
        let report = try repo.check(since: base)
        #expect(report.findings.count == 1, "\(report.findings.map(\.diagnostic))")
        #expect(report.findings.first?.commit == early)
        #expect(report.findings.first?.rule == .sectionNotTouched)
    }

    @Test func anIntentFileThatCannotBeReadIsSaidSoNotBlamedForTheSection() throws {
        let repo = try CheckerRepository()
        try repo.scratch.write("intents/broken.intent", "id: broken\ntitle: [unclosed\n")
        try repo.commit("Add a broken intent")
        let base = try repo.head()
        try repo.edit("prompts/support.md", "Invoices monthly.", "Invoices are monthly.")
        try repo.commit("Billing\n\nIntent: broken")
        let report = try repo.check(since: base)
        #expect(report.findings.map(\.rule) == [.invalidIntentFile])
        #expect(report.findings.first?.message.hasPrefix("names intent 'broken', whose file cannot be read at that commit: invalid YAML") == true,
                "\(report.findings.map(\.message))")
        #expect(report.findings.first?.location.file == "intents/broken.intent")
    }

    @Test func aPlainMergeIsNotChargedButAnEvilMergeIs() throws {
        let repo = try CheckerRepository()
        let base = try repo.head()
        try GitCLI.run(["checkout", "-q", "-b", "side"], in: repo.url)
        try repo.edit("prompts/support.md", "Check the endpoint.", "Check the endpoint first.")
        try repo.commit("Side\n\nIntent: webhooks")
        try GitCLI.run(["checkout", "-q", "main"], in: repo.url)
        try repo.edit("prompts/harness.yaml", "Search the docs.", "Search the product docs.")
        try repo.commit("Main\n\nIntent: webhooks")
        try GitCLI.run(["merge", "-q", "--no-ff", "--no-edit", "side"], in: repo.url)
        let plain = try repo.check(since: base)
        #expect(plain.passed, "\(plain.findings.map(\.diagnostic))")
        #expect(plain.commitsChecked == 3)
        #expect(plain.sectionChanges == 2)

        // Amend the merge with an edit of its own, in a section no one named.
        try repo.edit("prompts/support.md", "Invoices monthly.", "Invoices are monthly.")
        try GitCLI.run(["add", "-A"], in: repo.url)
        try GitCLI.run(["commit", "-q", "--amend", "--no-edit"], in: repo.url)
        let evil = try repo.check(since: base)
        #expect(evil.findings.map(\.section) == ["prompts/support.md#billing"])
        #expect(evil.findings.first?.commit == (try repo.head()))
    }

    @Test func aFileWhoseSectionsCannotBeReadCountsAsAWholeFileChange() throws {
        let repo = try CheckerRepository()
        let base = try repo.head()
        try repo.scratch.write("prompts/harness.yaml", "model: [unclosed\n")
        try repo.commit("Break the YAML\n\nIntent: webhooks")
        let report = try repo.check(since: base)
        let finding = try #require(report.findings.first)
        #expect(report.findings.count == 1)
        #expect(finding.section == "prompts/harness.yaml")
        #expect(finding.location.line == nil)
        #expect(finding.message.contains("its sections cannot be read: invalid YAML"), "\(finding.message)")
    }

    @Test func intentFilesInTheRangeMustValidateAndHoldNoPersonalData() throws {
        let repo = try CheckerRepository()
        let base = try repo.head()
        try repo.edit("intents/webhooks.intent", "status: open\n", "status: opened\nnotes: |\n  Call +1 415 555 0100 or mail ops@relay-support.com.\n")
        try repo.commit("Edit the intent")
        let report = try repo.check(since: base)
        #expect(report.findings.map(\.rule) == [.invalidIntentFile, .personalData, .personalData])
        #expect(report.findings[0].location.line == 4)
        #expect(report.findings[1].location == SourceLocation(file: "intents/webhooks.intent", line: 6))
        #expect(report.findings.map(\.message).contains("holds personal data (email) that would be pushed"))
    }
}

@Suite("PushCommits")
struct PushCommitsTests {
    @Test func rangesForUpdatesNewRefsUnknownTipsDeletionsAndSeveralRefs() throws {
        let repo = try CheckerRepository()
        let remote = try ScratchDirectory(prefix: "convo-remote")
        try GitCLI.run(["init", "-q", "--bare", remote.path], in: remote.url)
        try GitCLI.run(["remote", "add", "origin", remote.path], in: repo.url)
        try GitCLI.run(["push", "-q", "origin", "main"], in: repo.url)
        let pushed = try repo.head()
        try repo.edit("src/app.txt", "app", "one")
        let one = try repo.commit("one")
        try repo.edit("src/app.txt", "one", "two")
        let two = try repo.commit("two")
        try GitCLI.run(["branch", "other", one.hex], in: repo.url)
        let repository = try Repository.discover(from: repo.url.path)
        func commits(_ lines: [(String, ObjectID, String, ObjectID)], remote: String = "origin") throws -> [ObjectID] {
            try PushCommits.commits(for: lines.map { PrePushUpdate(localRef: $0.0, localID: $0.1, remoteRef: $0.2, remoteID: $0.3) },
                                    remote: remote, in: repository)
        }
        #expect(try commits([("refs/heads/main", two, "refs/heads/main", pushed)]) == [one, two])
        #expect(try commits([("refs/heads/main", two, "refs/heads/main", one)]) == [two])
        #expect(try commits([("refs/heads/x", two, "refs/heads/x", .zero)]) == [one, two], "new ref: minus origin/*")
        let unknown = try #require(ObjectID(hex: String(repeating: "ab", count: 20)))
        #expect(try commits([("refs/heads/main", two, "refs/heads/main", unknown)]) == [one, two])
        #expect(try commits([("(delete)", .zero, "refs/heads/main", pushed)]).isEmpty)
        #expect(try commits([("refs/heads/other", one, "refs/heads/other", .zero), ("refs/heads/main", two, "refs/heads/main", one)])
                == [one, two], "each ref's range on its own, each commit once")
        #expect(try commits([("refs/heads/x", two, "refs/heads/x", .zero)], remote: remote.path) == [one, two],
                "a URL remote hides every remote-tracking branch")
    }
}
