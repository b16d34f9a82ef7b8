import ConvoBase
import ConvoGit
import ConvoIntents
import ConvoTestSupport
import Foundation
@testable import ConvoWatch
import Testing

/// Weeks 2026-W40 … W51 with `total` conversations each; the intent has `before` a week up to
/// W47 and `after` a week from W49 (the merge week W48 sits between).
func input(before: Int, after: Int, total: Int = 1000, through: Int = 51, totals: ((Int) -> Int)? = nil) -> WatchInput {
    var intentWeekly: [ISOWeek: Int] = [:]
    var weekTotals: [ISOWeek: Int] = [:]
    for week in 40...through {
        let iso = ISOWeek(year: 2026, week: week)
        let weekTotal = totals?(week) ?? total
        weekTotals[iso] = weekTotal
        let share = week < 48 ? before : (week == 48 ? (before + after) / 2 : after)
        intentWeekly[iso] = share * weekTotal / total
    }
    return WatchInput(intent: "webhook-not-firing", mergedAt: (Day(year: 2026, month: 11, day: 25) ?? Day(daysSinceEpoch: 0)).start,
                      intentWeekly: intentWeekly, totals: weekTotals)
}

@Suite("ShareTest")
struct ShareTestTests {
    @Test func aShareThatHalvesDropped() throws {
        let result = try ShareTest.evaluate(input(before: 60, after: 30))
        #expect(result.verdict == .dropped)
        #expect(result.mergeWeek == ISOWeek(year: 2026, week: 48))
        #expect(result.before.weeks == (40...47).map { ISOWeek(year: 2026, week: $0) })
        #expect(result.after.weeks == (49...51).map { ISOWeek(year: 2026, week: $0) })
        #expect(result.before.conversations == 480 && result.before.total == 8000)
        #expect(result.after.conversations == 90 && result.after.total == 3000)
        #expect(result.relativeChange == -0.5)
        #expect((result.pValue ?? 1) < 1e-6)
        #expect(result.reason.hasPrefix("share 6.0% before (480 of 8000, 2026-W40..2026-W47), 3.0% after (90 of 3000, 2026-W49..2026-W51): down 50%"))
    }

    @Test func aShareThatHoldsDidNotDropWhateverTheTraffic() throws {
        let same = try ShareTest.evaluate(input(before: 60, after: 60))
        #expect(same.verdict == .notDropped)
        #expect(same.relativeChange == 0)
        #expect((same.pValue ?? 0) > 0.4)
        // Traffic doubles after the merge and so does the intent's count: the share, and the verdict, hold.
        let busier = try ShareTest.evaluate(input(before: 60, after: 60, totals: { $0 > 48 ? 2000 : 1000 }))
        #expect(busier.verdict == .notDropped, "\(busier.reason)")
        #expect(busier.after.conversations == 360)
        // Traffic halves and the intent's count with it: counts fall, the share does not.
        let quieter = try ShareTest.evaluate(input(before: 60, after: 60, totals: { $0 > 48 ? 500 : 1000 }))
        #expect(quieter.verdict == .notDropped)
    }

    @Test func aSignificantButSmallFallDoesNotCount() throws {
        // 6% → 5.4% on heavy traffic: p is tiny, but a 10% fall is below the 25% required.
        let result = try ShareTest.evaluate(input(before: 600, after: 540, total: 10000))
        #expect((result.pValue ?? 1) < 0.05)
        #expect(result.verdict == .notDropped)
        #expect(result.reason.contains("a fall of 10% is less than the 25% required"), "\(result.reason)")
    }

    @Test func tooFewWeeksOrConversationsIsTooEarly() throws {
        let mergeWeekOnly = try ShareTest.evaluate(input(before: 60, after: 10, through: 48))
        #expect(mergeWeekOnly.verdict == .tooEarly)
        #expect(mergeWeekOnly.reason == "no full week of data after the merge week 2026-W48; the test needs 1 week")
        #expect(mergeWeekOnly.pValue == nil)
        // One full week after the merge week is enough to judge.
        let oneWeek = try ShareTest.evaluate(input(before: 60, after: 30, through: 49))
        #expect(oneWeek.verdict == .dropped, "\(oneWeek.reason)")
        #expect(oneWeek.after.weeks == [ISOWeek(year: 2026, week: 49)])
        let rare = try ShareTest.evaluate(input(before: 1, after: 0, total: 1000))
        #expect(rare.verdict == .tooEarly)
        #expect(rare.reason.contains("too few to tell"), "\(rare.reason)")
        var noBaseline = input(before: 60, after: 30)
        noBaseline.totals = noBaseline.totals.filter { $0.key.week >= 48 }
        #expect(try ShareTest.evaluate(noBaseline).verdict == .tooEarly)
    }

    @Test func aMergeAtTheStartOfAWeekLeavesTheWholeWeekAfter() throws {
        var monday = input(before: 60, after: 30, through: 48)
        let week = ISOWeek(year: 2026, week: 48)
        monday.mergedAt = week.monday.start
        // The input's week 48 is half-way; make it wholly "after", as it would be after such a merge.
        monday.intentWeekly[week] = 30
        let result = try ShareTest.evaluate(monday)
        #expect(result.after.weeks == [week])
        #expect(result.before.weeks.last == ISOWeek(year: 2026, week: 47))
        #expect(result.verdict == .dropped, "\(result.reason)")
        // A minute later the merge week is part before and part after again, so in neither window.
        monday.mergedAt = week.monday.start.adding(milliseconds: 60_000)
        let later = try ShareTest.evaluate(monday)
        #expect(later.verdict == .tooEarly)
        #expect(later.after.weeks.isEmpty)
    }

    @Test func windowsHoldAtMostEightWeeksAndSkipEmptyWeeks() throws {
        var settings = WatchSettings()
        settings.windowWeeks = 3
        let result = try ShareTest.evaluate(input(before: 60, after: 30, totals: { $0 == 46 ? 0 : 1000 }), settings: settings)
        #expect(result.before.weeks.map(\.week) == [44, 45, 47])
        #expect(result.after.weeks.map(\.week) == [49, 50, 51])
    }

    @Test func countsAboveTheTotalsAreBadInput() {
        var bad = input(before: 60, after: 30)
        bad.intentWeekly[ISOWeek(year: 2026, week: 44)] = 5000
        #expect { try ShareTest.evaluate(bad) } throws: { ($0 as? ConvoError)?.exitStatus == .usage }
    }

    @Test func theZTestMatchesAWorkedExample() {
        // 60/1000 vs 30/1000: pooled 0.045, se = sqrt(0.045·0.955·0.002) = 0.009271, z = 3.236.
        let (z, p) = ShareTest.zTest(x1: 60, n1: 1000, x2: 30, n2: 1000)
        #expect(abs(z - 3.2359) < 0.001)
        #expect(abs(p - 0.000606) < 0.00001)
        #expect(ShareTest.zTest(x1: 0, n1: 10, x2: 0, n2: 10) == (0, 1))
    }
}

@Suite("Watch")
struct WatchRunTests {
    @Test func reopeningRecordsTheReasonOnceAndOnlyForNotDropped() throws {
        let intent = Intent(id: "webhook-not-firing", title: "W", kind: .other, status: .merged)
        let held = try ShareTest.evaluate(input(before: 60, after: 60))
        let reopened = try #require(Watch.reopened(intent, by: held))
        #expect(reopened.status == .reopened)
        #expect(reopened.history == [Intent.HistoryEntry(event: .reopened, date: Day(year: 2026, month: 12, day: 20),
                                                         reason: "did not drop after the change merged on 2026-11-25: " + held.reason)])
        #expect(Watch.reopened(reopened, by: held) == nil, "the same reason twice changes nothing")
        #expect(Watch.reopened(intent, by: try ShareTest.evaluate(input(before: 60, after: 30))) == nil)
        #expect(Watch.reopened(intent, by: try ShareTest.evaluate(input(before: 60, after: 10, through: 49))) == nil)
    }

    @Test func runsEveryMergedIntentWithTotalsForItsWindow() throws {
        var merged = Intent(id: "b-merged", title: "B", kind: .other)
        merged.weekly = input(before: 60, after: 30).intentWeekly
        var explicit = Intent(id: "a-explicit", title: "A", kind: .other)
        explicit.weekly = merged.weekly
        explicit.change = Intent.Change(merged: Day(year: 2026, month: 11, day: 25))
        let unmerged = Intent(id: "c-open", title: "C", kind: .other)
        let totals = input(before: 60, after: 30).totals
        var asked: [(ISOWeek, ISOWeek)] = []
        let results = try Watch.run(intents: [merged, unmerged, explicit],
                                    mergePoints: ["b-merged": MergePoint(commit: .zero, time: (Day(year: 2026, month: 11, day: 26) ?? Day(daysSinceEpoch: 0)).start.adding(hours: 15))],
                                    totals: { from, through in asked.append((from, through)); return totals },
                                    through: ISOWeek(year: 2026, week: 51))
        #expect(results.map(\.intent) == ["a-explicit", "b-merged"])
        #expect(results.allSatisfy { $0.verdict == .dropped })
        #expect(asked.first.map { "\($0.0)..\($0.1)" } == "2026-W40..2026-W51")
        let json = Watch.json(results[0])
        #expect(json["verdict"]?.stringValue == "dropped")
        #expect(json["test"]?.stringValue == "one-sided two-proportion z-test")
    }
}

@Suite("MergeFinder")
struct MergeFinderTests {
    @Test func findsTheFirstMainLineCommitThatBroughtEachIntentIn() throws {
        let scratch = try ScratchDirectory(prefix: "convo-merge")
        try GitCLI.initRepository(at: scratch.url, files: ["a.txt": "a\n"])
        func commit(_ message: String, date: String) throws {
            try GitCLI.run(["commit", "-q", "--allow-empty", "-m", message], in: scratch.url,
                           environment: ["GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date])
        }
        // A proposal merged with a merge commit: the merge's date counts, not the proposal's.
        try GitCLI.run(["checkout", "-q", "-b", "convo/one"], in: scratch.url)
        try commit("Fix one\n\nIntent: one\nConversation-Id: c_1", date: "2026-11-10T10:00:00Z")
        try GitCLI.run(["checkout", "-q", "main"], in: scratch.url)
        try commit("Unrelated", date: "2026-11-11T10:00:00Z")
        try GitCLI.run(["merge", "-q", "--no-ff", "--no-edit", "convo/one"], in: scratch.url,
                       environment: ["GIT_COMMITTER_DATE": "2026-11-20T10:00:00Z", "GIT_AUTHOR_DATE": "2026-11-20T10:00:00Z"])
        // A squash merge whose message buries the trailer in the body; then the same intent again.
        try commit("Squashed (#12)\n\n* Fix two\n\nIntent: two\n\n* Tidy\n\nCo-authored-by: A <a@example.com>", date: "2026-11-21T10:00:00Z")
        try commit("Fix two again\n\nIntent: two", date: "2026-12-01T10:00:00Z")
        // A branch never merged.
        try GitCLI.run(["checkout", "-q", "-b", "convo/three"], in: scratch.url)
        try commit("Fix three\n\nIntent: three", date: "2026-12-02T10:00:00Z")

        let repository = try Repository.discover(from: scratch.path)
        let points = try MergeFinder.mergePoints(on: try repository.resolveCommit("main"), in: repository)
        #expect(points.keys.sorted() == ["one", "two"])
        #expect(points["one"]?.day == Day(year: 2026, month: 11, day: 20))
        #expect(points["one"]?.commit == (try repository.resolveCommit("main~2")))
        #expect(points["two"]?.day == Day(year: 2026, month: 11, day: 21))
    }
}
