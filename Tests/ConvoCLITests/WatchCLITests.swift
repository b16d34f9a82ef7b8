import ConvoBase
import ConvoTestSupport
import Foundation
import Testing

@Suite("convo watch")
struct WatchCLITests {
    static let weeksBefore = (42...47).map { "2026-W\($0)" }
    static let weeksAfter = (49...51).map { "2026-W\($0)" }

    /// The webhook fix merged on main in 2026-W48, and the intent's weekly counts as a later
    /// `convo cluster` would record them: `before` a week up to W47, `after` from W49.
    func repository(before: Int, after: Int) throws -> GovernedRepository {
        let repo = try GovernedRepository(hook: false)
        try repo.mergeWebhookFix()
        var weekly = WatchCLITests.weeksBefore.map { "\($0): \(before)" }
        weekly.append("2026-W48: \((before + after) / 2)")
        weekly += WatchCLITests.weeksAfter.map { "\($0): \(after)" }
        let text = GovernedRepository.webhookIntent.replacingOccurrences(
            of: "weekly: {2026-W46: 58, 2026-W47: 61}", with: "weekly: {\(weekly.joined(separator: ", "))}")
        try repo.write("intents/webhook-not-firing.intent", text)
        return repo
    }

    func totals(_ repo: GovernedRepository, through last: Int = 51) throws -> String {
        let entries = (42...last).map { "\"2026-W\($0)\": 1000" }
        try repo.write("../totals.json", "{" + entries.joined(separator: ", ") + "}")
        return repo.scratch.file("totals.json").path
    }

    @Test func aShareThatHalvesAfterTheMergeDropped() throws {
        let repo = try repository(before: 60, after: 30)
        let result = try repo.convo(["watch", "--totals", try totals(repo), "--json"])
        #expect(result.status == 0, "\(result)")
        let rows = try #require(try JSONParser.parse(result.stdout).arrayValue)
        #expect(rows.count == 1)
        let row = rows[0]
        #expect(row["intent"]?.stringValue == "webhook-not-firing")
        #expect(row["merged"]?.stringValue == "2026-11-25")
        #expect(row["merge_week"]?.stringValue == "2026-W48")
        #expect(row["verdict"]?.stringValue == "dropped")
        #expect(row["before"]?["conversations"]?.intValue == 360)
        #expect(row["before"]?["total"]?.intValue == 6000)
        #expect(row["after"]?["conversations"]?.intValue == 90)
        #expect(row["after"]?["total"]?.intValue == 3000)
        #expect((row["p_value"]?.doubleValue ?? 1) < 0.0001)
        #expect(row["relative_change"]?.doubleValue == -0.5)
        #expect(row["weekly"]?.arrayValue?.count == 9, "the merge week is in neither window")

        let human = try repo.convo(["watch", "--totals", try totals(repo)])
        #expect(human.stdout.hasPrefix("webhook-not-firing  merged 2026-11-25 (2026-W48)  dropped\n"), "\(human)")
        #expect(human.stdout.contains("share 6.0% before (360 of 6000, 2026-W42..2026-W47), 3.0% after (90 of 3000, 2026-W49..2026-W51): down 50%"))
    }

    @Test func aShareThatHoldsDidNotDropAndReopenRecordsWhy() throws {
        let repo = try repository(before: 60, after: 60)
        let totalsPath = try totals(repo)
        let result = try repo.convo(["watch", "--totals", totalsPath])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("not-dropped"), "\(result)")
        let untouched = try repo.read("intents/webhook-not-firing.intent")

        let reopen = try repo.convo(["watch", "--totals", totalsPath, "--reopen"])
        #expect(reopen.status == 0, "\(reopen)")
        #expect(reopen.stdout.contains("reopened: status set to reopened in intents/webhook-not-firing.intent"))
        let text = try repo.read("intents/webhook-not-firing.intent")
        let sunday = try #require(ISOWeek("2026-W51")).monday.adding(days: 6)
        #expect(text.contains("status: reopened              # open | proposed | merged | resolved | reopened\n"), "\(text)")
        #expect(text.contains("history:\n  - event: reopened\n    date: \(sunday)\n"), "\(text)")
        #expect(text.contains("did not drop after the change merged on 2026-11-25: share 6.0% before (360 of 6000, 2026-W42..2026-W47), "
                              + "6.0% after (180 of 3000, 2026-W49..2026-W51)"), "\(text)")
        // Only status and history changed: every other line is as it was.
        let kept = untouched.split(separator: "\n").filter { !$0.hasPrefix("status:") }
        #expect(kept.allSatisfy { text.split(separator: "\n").contains($0) })

        let again = try repo.convo(["watch", "--totals", totalsPath, "--reopen"])
        #expect(again.status == 0)
        #expect(try repo.read("intents/webhook-not-firing.intent") == text, "running it twice changes no byte")
        let validate = try repo.convo(["intent", "validate"])
        #expect(validate.status == 0, "\(validate)")
    }

    @Test func noFullWeekAfterTheMergeIsTooEarly() throws {
        let repo = try repository(before: 60, after: 10)
        let result = try repo.convo(["watch", "--totals", try totals(repo, through: 48), "--reopen"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("too-early"), "\(result)")
        #expect(result.stdout.contains("no full week of data after the merge week 2026-W48; the test needs 1 week"), "\(result)")
        #expect(try repo.read("intents/webhook-not-firing.intent").contains("status: open "), "too early is not a reason to reopen")
    }

    @Test func theHelpStatesTheTestAndWithoutTotalsItSaysWhereTheyComeFrom() throws {
        let repo = try repository(before: 60, after: 30)
        let help = try repo.convo(["watch", "--help"])
        for phrase in ["one-sided two-proportion z-test", "alpha = 0.05", "fell by at least 25%", "no full week after the merge yet"] {
            #expect(help.stdout.contains(phrase), "\(phrase)\n\(help.stdout)")
        }
        let missing = try repo.convo(["watch"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("pass --totals FILE"), "\(missing)")
        try repo.write("../bad.json", "{\"week 48\": 10}")
        let bad = try repo.convo(["watch", "--totals", repo.scratch.file("bad.json").path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("is not an ISO week and a count"), "\(bad)")
    }
}
