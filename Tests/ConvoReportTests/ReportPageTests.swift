import ConvoBase
import ConvoIntents
import ConvoModel
@testable import ConvoReport
import ConvoStore
import ConvoTestSupport
import Foundation
import Testing

@Suite("report page")
struct ReportPageTests {
    static func week(_ text: String) -> ISOWeek { ISOWeek(text) ?? ISOWeek(year: 2026, week: 1) }
    static func day(_ text: String) -> Day { Day(iso8601: text) ?? Day(daysSinceEpoch: 0) }

    static func measured(_ id: String, priority: Double, frequency: Int, kind: IntentKind = .bugReport,
                         weekly: [String: Int] = [:], change: Intent.Change? = nil) -> Intent {
        Intent(id: id, title: "Title of \(id)", kind: kind, stage: "onboarding", touches: ["prompts/support.md#webhooks"],
               evidence: Intent.Evidence(conversations: frequency, accounts: frequency, plans: ["trial": frequency], sample: ["c_\(id)"]),
               impact: Intent.Impact(frequency: frequency, revenueExposure: 3, stageWeight: 3, fixCost: 1, priority: priority),
               weekly: Dictionary(uniqueKeysWithValues: weekly.map { (week($0.key), $0.value) }), change: change)
    }

    static func render(_ input: ReportInput) -> String { ReportPage.render(Report(input)) }

    /// The `id="intent-…"` sections in page order.
    static func sectionOrder(_ html: String) -> [String] {
        html.components(separatedBy: "<section class=\"intent\" id=\"intent-").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    // MARK: Ranking

    @Test func intentsRankByPriorityThenConversationsThenIdWithUnmeasuredLast() {
        let intents = [
            Self.measured("a-tie", priority: 10, frequency: 5),
            Self.measured("b-tie-busier", priority: 10, frequency: 7),
            Self.measured("c-top", priority: 20, frequency: 1),
            Intent(id: "z-unmeasured", title: "Z", kind: .other),
            Intent(id: "m-unmeasured", title: "M", kind: .other),
            Self.measured("c-also-tie", priority: 10, frequency: 5),
        ]
        let report = Report(ReportInput(repositoryName: "r", intents: intents))
        #expect(report.rows.map(\.intent.id) == ["c-top", "b-tie-busier", "a-tie", "c-also-tie", "m-unmeasured", "z-unmeasured"])
        #expect(report.rows.map(\.rank) == [1, 2, 3, 4, nil, nil])
        let html = ReportPage.render(report)
        #expect(Self.sectionOrder(html) == report.rows.map(\.intent.id))
        #expect(html.contains("<td class=\"rank num\">–</td>"), "unmeasured intents have no rank number")
        #expect(html.contains("not measured yet: run <code>convo cluster</code>"))
    }

    @Test func evidenceWithoutImpactIsScoredWithTheConfigsWeights() throws {
        let intent = Intent(id: "legacy-sdk", title: "Legacy SDK", kind: .other, stage: "onboarding",
                            touches: ["prompts/harness.yaml#tools.search_docs.description"],
                            evidence: Intent.Evidence(conversations: 4, plans: ["trial": 3, "free": 1]))
        // Defaults: trial 3, free 1 → exposure (3·3 + 1·1) / 4 = 2.5; onboarding ×3; a harness tool ÷3.
        let row = try #require(Report(ReportInput(repositoryName: "r", intents: [intent])).rows.first)
        let factors = try #require(row.factors)
        #expect(factors.origin == .estimated)
        #expect(factors.frequency == 4)
        #expect(factors.revenueExposure == 2.5)
        #expect(factors.stageWeight == 3)
        #expect(factors.fixCost == 3)
        #expect(factors.priority == 10)
        #expect(Self.render(ReportInput(repositoryName: "r", intents: [intent])).contains("≈</span>10.0"))

        // Other weights in the config give another score.
        var settings = RankSettings()
        settings.planWeights["trial"] = 5
        settings.stageWeights["onboarding"] = 2
        settings.fixCost["harness"] = 4
        let reweighted = try #require(Report(ReportInput(repositoryName: "r", intents: [intent], rankSettings: settings)).rows.first?.factors)
        #expect(reweighted.revenueExposure == 4)
        #expect(reweighted.priority == 4 * 4 * 2 / 4)

        // Conversations without a known plan weigh like the cheapest plan, and a stage the
        // config lacks falls back to the neutral weight instead of failing the page.
        var odd = intent
        odd.stage = "no-such-stage"
        odd.evidence = Intent.Evidence(conversations: 4, plans: ["trial": 2])
        let neutral = try #require(Report(ReportInput(repositoryName: "r", intents: [odd])).rows.first?.factors)
        #expect(neutral.revenueExposure == (2 * 3 + 2 * 1) / 4)
        #expect(neutral.stageWeight == 1)
    }

    @Test func recordedImpactIsShownAsWritten() throws {
        let intent = Self.measured("webhook-not-firing", priority: 622.2, frequency: 61)
        let html = Self.render(ReportInput(repositoryName: "r", intents: [intent]))
        for cell in ["<td class=\"num\">61</td>", "<td class=\"num\">3.00</td>", "×3", "÷1", ">622.2</td>"] {
            #expect(html.contains(cell), "missing \(cell)")
        }
        #expect(!html.contains("≈"), "recorded factors are not estimates")
    }

    // MARK: Charts

    @Test func everyChartSharesTheWeeksAndTheMergeIsMarked() throws {
        let merged = Self.measured("webhook-not-firing", priority: 50, frequency: 30,
                                   weekly: ["2026-W46": 10, "2026-W47": 12, "2026-W48": 5, "2026-W49": 3],
                                   change: Intent.Change(branch: "convo/webhook-not-firing"))
        let early = Self.measured("early", priority: 5, frequency: 2, weekly: ["2026-W44": 2])
        let input = ReportInput(repositoryName: "r", intents: [merged, early],
                                mergeTimes: ["webhook-not-firing": Self.day("2026-11-25").start, "early": Self.day("2026-11-18").start])
        let report = Report(input)
        #expect(report.weeks.map(\.description) == ["2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49"])
        let html = ReportPage.render(report)
        for week in 44...49 { #expect(html.contains(">W\(week)</text>"), "week label W\(week)") }
        #expect(html.contains(">Nov 23</text>"), "the Monday of W48 under its label")
        #expect(html.contains("change merged 2026-11-25"))
        #expect(html.contains("change merged 2026-11-18"), "the merge day found on the main line, for an intent without change.merged")
        // W49 is after the merge: one bar of the section's chart in the second colour, with its figures in a tooltip.
        let section = try #require(html.components(separatedBy: "<section class=\"intent\" id=\"intent-webhook-not-firing\">").last?
            .components(separatedBy: "</section>").first)
        #expect(section.components(separatedBy: "<rect class=\"bar after\"").count - 1 == 1)
        #expect(html.contains("<title>2026-W49 (from Nov 30): 3 conversations</title>"))
        // No traffic known: no share line, no verdict.
        #expect(!html.contains("class=\"share-line\""))
        #expect(!html.contains("After the merge:"))

        // An intent file's own change.merged wins over the main line's.
        var own = merged
        own.change?.merged = Self.day("2026-11-27")
        let ownHTML = Self.render(ReportInput(repositoryName: "r", intents: [own], mergeTimes: ["webhook-not-firing": Self.day("2026-11-25").start]))
        #expect(ownHTML.contains("change merged 2026-11-27") && !ownHTML.contains("change merged 2026-11-25"))
    }

    @Test func withTrafficTheChartDrawsSharesAndThePageSaysWhetherTheShareDropped() throws {
        let weeks = (42...52).map { "2026-W\($0)" }
        var weekly: [String: Int] = [:]
        for (index, week) in weeks.enumerated() { weekly[week] = index < 6 ? 60 : 20 }
        let intent = Self.measured("webhook-not-firing", priority: 50, frequency: 30, weekly: weekly,
                                   change: Intent.Change(merged: Self.day("2026-11-25")))
        let totals = Dictionary(uniqueKeysWithValues: weeks.map { (Self.week($0), 1000) })
        let traffic = TrafficSummary(conversations: 11_000, firstDay: Self.day("2026-10-12"), lastDay: Self.day("2026-12-27"),
                                     weekly: totals, plans: ["trial": 6_000, "pro": 5_000])
        let html = Self.render(ReportInput(repositoryName: "r", intents: [intent], traffic: traffic))
        #expect(html.contains("class=\"share-line\""))
        #expect(html.contains("6.0%"), "share axis or tooltip shows the 6% share before the merge")
        #expect(html.contains("<span class=\"badge verdict-dropped\">dropped</span>"))
        #expect(html.contains("Data from 2026-10-12 to 2026-12-27 (77 days)"))
        #expect(html.contains(">11,000</span>"))
        // Plans: all conversations from the store, the intents' share of them.
        #expect(html.contains("<td>trial</td><td class=\"num\">6,000</td>"))
    }

    @Test func chartsShowAtMostAYearOfWeeks() {
        var weekly: [String: Int] = [:]
        var week = Self.week("2024-W01")
        for _ in 0..<120 {
            weekly[week.description] = 3
            week = week.adding(weeks: 1)
        }
        let report = Report(ReportInput(repositoryName: "r", intents: [Self.measured("long", priority: 1, frequency: 360, weekly: weekly)]))
        #expect(report.weeks.count == Report.maximumWeeks)
        #expect(report.weeks.last == week.adding(weeks: -1))
    }

    @Test func absurdHandEditedNumbersStillRender() {
        var huge = Self.measured("huge", priority: .infinity, frequency: Int.max, weekly: ["2026-W48": Int.max, "2026-W49": 1])
        huge.evidence?.plans = ["trial": Int.max, "pro": Int.max]
        huge.change = Intent.Change(merged: Self.day("2026-11-25"))
        let nan = Self.measured("nan", priority: .nan, frequency: Int.max)
        let traffic = TrafficSummary(conversations: 10, weekly: [Self.week("2026-W48"): 5, Self.week("2026-W49"): 5], plans: ["trial": 10])
        let report = Report(ReportInput(repositoryName: "r", intents: [nan, huge], traffic: traffic))
        #expect(report.rows.map(\.intent.id) == ["huge", "nan"], "a NaN priority sorts last")
        #expect(report.conversationsInIntents == Int.max)
        #expect(report.rows.first?.watch == nil, "no share test on counts no week can hold")
        let html = ReportPage.render(report)
        #expect(html.contains(">∞</td>") && html.contains(">n/a</td>"))
        #expect(html.contains(Numbers.grouped(Int.max)))
    }

    // MARK: Text

    @Test func everyPieceOfTextIsEscaped() throws {
        var intent = Self.measured("hostile", priority: 1, frequency: 1, weekly: ["2026-W48": 1])
        intent.title = "<script>alert(\"x\")</script> & 'friends'"
        intent.summary = "</p><p onclick=\"steal()\">\u{7}bell"
        intent.touches = ["prompts/<b>.md#x\"y"]
        intent.signals = Intent.Signals(keywords: ["<i>"], exemplars: ["<img src=x onerror=alert(1)>"])
        intent.evidence?.sample = ["c_<x>"]
        let html = Self.render(ReportInput(repositoryName: "repo<&>", intents: [intent], quotes: ["c_<x>": "</li><li>quote"]))
        for raw in ["<script>", "<img", "<p onclick", "<b>", "<i>", "</li><li>quote", "repo<&>", "\u{7}"] {
            #expect(!html.contains(raw), "unescaped \(raw)")
        }
        for escaped in ["&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;", "&lt;img src=x onerror=alert(1)&gt;",
                        "repo&lt;&amp;&gt;", "c_&lt;x&gt;", "&lt;/li&gt;&lt;li&gt;quote", "\u{FFFD}bell",
                        "href=\"#intent-hostile\""] {
            #expect(html.contains(escaped), "missing \(escaped)")
        }
    }

    @Test func theSameDataWritesTheSameBytesWhateverTheOrder() throws {
        let fixture = try ReportFixture.shared.get()
        let traffic = TrafficSummary(conversations: 7000, firstDay: ReportFixture.start, lastDay: ReportFixture.start.adding(days: 48),
                                     weekly: [Self.week("2026-W44"): 1000, Self.week("2026-W45"): 1000], plans: ["pro": 1, "trial": 2])
        let quotes = Dictionary(uniqueKeysWithValues: fixture.intents.compactMap { $0.evidence?.sample.first }.map { ($0, "quote of \($0)") })
        let first = Self.render(ReportInput(repositoryName: "r", intents: fixture.intents, traffic: traffic, quotes: quotes))
        let second = Self.render(ReportInput(repositoryName: "r", intents: fixture.intents.reversed(), traffic: traffic,
                                             quotes: Dictionary(uniqueKeysWithValues: quotes.reversed().map { ($0.key, $0.value) })))
        #expect(first == second)
        let today = Timestamp(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000)).day
        #expect(!first.contains(today.iso8601), "nothing from the clock: no 'generated at'")
    }

    @Test func noIntentsGiveAHelpfulEmptyState() throws {
        let html = Self.render(ReportInput(repositoryName: "new-agent", intents: []))
        #expect(html.contains("No intents yet"))
        #expect(html.contains("<code>convo cluster</code>"))
        #expect(html.contains("No conversations captured or measured yet."))
        #expect(!html.contains("Intents by priority"))
        let scratch = try ScratchDirectory(prefix: "convo-report")
        let checked = try HTMLChecker.check(try scratch.write("index.html", html))
        #expect(checked.problems.isEmpty, "\(checked.problems)")
    }

    /// The full simulated report (42 intents): well-formed, nothing external, every link lands.
    @Test func fortyTwoIntentsMakeAWellFormedSelfContainedPage() throws {
        let fixture = try ReportFixture.shared.get()
        #expect(fixture.intents.count >= 40)
        let html = Self.render(ReportInput(repositoryName: "relay", intents: fixture.intents))
        let scratch = try ScratchDirectory(prefix: "convo-report")
        let checked = try HTMLChecker.check(try scratch.write("index.html", html))
        #expect(checked.problems.isEmpty, "\(checked.problems)")
        #expect(checked.tags["section"] == fixture.intents.count)
        // A big chart per intent with weekly counts, a sparkline per row, and meters in the breakdowns.
        #expect((checked.tags["svg"] ?? 0) > 2 * fixture.intents.count - 4)
        #expect(!html.contains("<script"), "no script, and user text that holds one is escaped")
    }

    // MARK: Pieces

    @Test func axesEndOnRoundNumbers() {
        let counts = AxisScale(fitting: 152, integral: true)
        #expect(counts.maximum == 200 && counts.ticks == [0, 50, 100, 150, 200])
        let small = AxisScale(fitting: 3, integral: true)
        #expect(small.ticks == [0, 1, 2, 3])
        let empty = AxisScale(fitting: 0, integral: true)
        #expect(empty.ticks == [0, 1])
        let shares = AxisScale(fitting: 14.9, integral: false)
        #expect(shares.ticks == [0, 5, 10, 15] && shares.label(15, percent: true) == "15%")
        let tiny = AxisScale(fitting: 0.149, integral: false)
        #expect(tiny.maximum > 0.149 && tiny.maximum < 0.2)
        #expect(tiny.label(0.05) == "0.05")
    }

    @Test func numbersAreLocaleFree() {
        #expect(Numbers.grouped(-1_234_567) == "-1,234,567")
        #expect(Numbers.grouped(999) == "999")
        #expect(Numbers.fixed(1234.55, 1) == "1,234.6")
        #expect(Numbers.fixed(-0.004, 2) == "0.00")
        #expect(Numbers.fixed(.nan, 1) == "n/a")
        #expect(Numbers.compact(3) == "3" && Numbers.compact(1.5) == "1.5")
        #expect(Numbers.coordinate(-0.04) == "0" && Numbers.coordinate(12.34) == "12.3" && Numbers.coordinate(1000) == "1000")
    }

    // MARK: Store

    @Test func theStoreGivesTotalsAndRedactedShortQuotes() throws {
        let scratch = try ScratchDirectory(prefix: "convo-report-store")
        let store = try SQLiteStore(path: scratch.file("store.sqlite").path)
        let long = String(repeating: "webhook never fires ", count: 30)
        _ = try store.merge([
            Conversation(id: "c_1", startedAt: Timestamp(iso8601: "2026-11-17T10:00:00Z"), user: UserInfo(plan: "Trial"),
                         turns: [Turn(role: .assistant, content: "Hi!"), Turn(role: .user, content: "mail  me\nat jane.doe@example.com")]),
            Conversation(id: "c_2", startedAt: Timestamp(iso8601: "2026-11-25T10:00:00Z"), user: UserInfo(plan: "pro"),
                         turns: [Turn(role: .user, content: long)]),
            Conversation(id: "c_3", turns: [Turn(role: .user, content: "no start, no plan")]),
        ])
        let traffic = try ReportSources.traffic(from: store)
        #expect(traffic.conversations == 3)
        #expect(traffic.firstDay == Self.day("2026-11-17") && traffic.lastDay == Self.day("2026-11-25"))
        #expect(traffic.weekly == [Self.week("2026-W47"): 1, Self.week("2026-W48"): 1])
        #expect(traffic.plans == ["trial": 1, "pro": 1, "unknown": 1])

        var intent = Self.measured("webhook-not-firing", priority: 1, frequency: 2)
        intent.evidence?.sample = ["c_1", "c_2", "c_missing"]
        let quotes = try ReportSources.quotes(for: [intent], in: store, redactor: try Redactor())
        #expect(quotes["c_1"] == "mail me at <email>")
        let shortened = try #require(quotes["c_2"])
        #expect(shortened.hasSuffix("fires…") && shortened.count <= ReportSources.quoteLength + 1)
        #expect(quotes["c_missing"] == nil)

        // Exemplars pass the redactor again on their way into the page.
        intent.signals.exemplars = ["call me on +1 415 555 0100 or bob@example.org"]
        let input = try ReportSources.input(repositoryName: "r", intents: [intent], config: ConvoConfig(), mergeTimes: [:],
                                            store: store, redactor: try Redactor())
        #expect(input.intents.first?.signals.exemplars.first?.contains("bob@example.org") == false)
        #expect(input.traffic == traffic)
    }
}
