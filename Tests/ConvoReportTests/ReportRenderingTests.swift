import ConvoBase
import ConvoReport
import ConvoTestSupport
import Foundation
import Testing

/// The page as a browser sees it: headless Chromium renders the simulated seven weeks (42
/// intents, a merged fix) to a PNG and dumps the DOM it built. Set `CONVO_REPORT_SCREENSHOTS`
/// to a directory to keep the PNGs for a look.
@Suite("report in a browser", .enabled(if: Chromium.shouldRun, Comment(rawValue: Chromium.skipReason)))
struct ReportRenderingTests {
    /// Colours of the stylesheet, as Chromium paints them.
    static let barBlue = "#2f6fde"
    static let afterGreen = "#1f8a5b"
    static let mergeRed = "#c0392b"
    static let shareViolet = "#7c3aed"

    func write(_ input: ReportInput, in scratch: ScratchDirectory) throws -> URL {
        try scratch.write("report/index.html", ReportPage.render(Report(input)))
    }

    func keep(_ png: URL, as name: String) {
        guard let directory = ProcessInfo.processInfo.environment["CONVO_REPORT_SCREENSHOTS"] else { return }
        let target = URL(fileURLWithPath: directory).appendingPathComponent(name)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: target)
        try? FileManager.default.copyItem(at: png, to: target)
    }

    @Test func theSimulatedWeeksRenderWithChartsMergeMarkerAndEveryIntent() throws {
        let scratch = try ScratchDirectory(prefix: "convo-report-browser")
        let fixture = try ReportFixture.shared.get()
        let page = try write(try fixture.input(storeIn: scratch.url), in: scratch)

        let checked = try HTMLChecker.check(page)
        #expect(checked.problems.isEmpty, "\(checked.problems)")

        let dom = try Chromium.dumpDOM(of: page, scratch: scratch.url)
        #expect(dom.status == 0, "\(dom)")
        let text = dom.stdout
        // Every intent's title, its section and the ranking's link to it.
        for intent in fixture.intents {
            #expect(text.contains(HTMLEscape.text(intent.title)), "title of \(intent.id) missing")
            #expect(text.contains("id=\"intent-\(intent.id)\""), "section of \(intent.id) missing")
            #expect(text.contains("href=\"#intent-\(intent.id)\""), "link to \(intent.id) missing")
        }
        // The factors of the top intent as the intent file records them.
        let top = try #require(fixture.intents.max { ($0.impact?.priority ?? 0) < ($1.impact?.priority ?? 0) })
        let impact = try #require(top.impact)
        #expect(text.contains(">\(grouped(impact.frequency))<"))
        #expect(text.contains(">\(fixed(impact.revenueExposure, 2))<"))
        #expect(text.contains(">×\(compact(impact.stageWeight))<"))
        #expect(text.contains(">÷\(compact(impact.fixCost))<"))
        #expect(text.contains(fixed(impact.priority, 1)))
        // Week labels along the axes, and the merge marker with its date.
        for week in 44...50 { #expect(text.contains(">W\(week)<"), "week label W\(week) missing") }
        #expect(text.contains(">Oct 26<") && text.contains(">Dec 7<"))
        #expect(text.contains("change merged 2026-11-25"))
        #expect(text.contains("class=\"merge-line\""))
        // The watch verdict on the merged intent, from the store's weekly totals.
        #expect(text.contains("class=\"badge verdict-dropped\""), "the webhook fix cut its share to 30%; the page should say it dropped")
        // Quoted and hostile text arrive escaped and redacted.
        #expect(!text.contains("<script>alert"))
        #expect(!text.contains("jane.doe@example.com"))
        #expect(text.contains("&lt;email&gt;"))

        keep(page, as: "report.html")
        let png = scratch.file("report.png")
        let shot = try Chromium.screenshot(of: page, to: png, width: 1280, height: 2400, scratch: scratch.url)
        #expect(shot.status == 0, "\(shot)")
        keep(png, as: "report-top.png")
        let image = try PNGImage(contentsOf: png)
        #expect(image.width == 1280 && image.height == 2400)
        // The first screen: headline, and the ranking with its sparklines (bars before and after
        // the merge, the merge tick).
        #expect(image.count(of: ReportRenderingTests.barBlue) > 1_000, "few sparkline bar pixels")
        #expect(image.count(of: ReportRenderingTests.afterGreen) > 20, "no post-merge sparkline bars")
        #expect(image.nonWhiteRows().count > 1_500, "the page looks mostly empty")

        // The merged intent's own section: the chart's bars, the dashed merge line, the share line.
        // (A page of the top intents, so the section is on the first screen.)
        var few = try fixture.input(storeIn: scratch.url)
        few.intents = few.intents.filter { ["webhook-not-firing", "rate-limit-429", "legacy-sdk-question"].contains($0.id) }
        let section = try scratch.write("few/index.html", ReportPage.render(Report(few)))
        let sectionPNG = scratch.file("section.png")
        let sectionShot = try Chromium.screenshot(of: section, to: sectionPNG, width: 1280, height: 2400, scratch: scratch.url)
        #expect(sectionShot.status == 0, "\(sectionShot)")
        keep(sectionPNG, as: "report-section.png")
        let chart = try PNGImage(contentsOf: sectionPNG)
        #expect(chart.count(of: ReportRenderingTests.barBlue) > 5_000, "few pre-merge bar pixels")
        #expect(chart.count(of: ReportRenderingTests.afterGreen) > 2_000, "few post-merge bar pixels")
        #expect(chart.count(of: ReportRenderingTests.mergeRed) > 100, "no merge line")
        #expect(chart.count(of: ReportRenderingTests.shareViolet) > 100, "no share line")
    }

    @Test func theEmptyStateRendersItsInstructions() throws {
        let scratch = try ScratchDirectory(prefix: "convo-report-browser")
        let page = try write(ReportInput(repositoryName: "new-agent", intents: []), in: scratch)
        let checked = try HTMLChecker.check(page)
        #expect(checked.problems.isEmpty, "\(checked.problems)")
        let dom = try Chromium.dumpDOM(of: page, scratch: scratch.url)
        #expect(dom.stdout.contains("No intents yet"))
        #expect(dom.stdout.contains("convo cluster"))
        let png = scratch.file("empty.png")
        let shot = try Chromium.screenshot(of: page, to: png, width: 1280, height: 900, scratch: scratch.url)
        #expect(shot.status == 0, "\(shot)")
        keep(png, as: "report-empty.png")
        let image = try PNGImage(contentsOf: png)
        #expect(image.nonWhiteRows().count > 150)
    }

    // Number text as the page writes it (locale-free).
    func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        return String(digits.enumerated().flatMap { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
        })
    }

    func fixed(_ value: Double, _ places: Int) -> String {
        let text = String(format: "%.\(places)f", value)
        let parts = text.split(separator: ".", maxSplits: 1)
        let whole = grouped(Int(parts[0]) ?? 0)
        return parts.count > 1 ? whole + "." + parts[1] : whole
    }

    func compact(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

/// How Chromium serializes text content: `&`, `<` and `>` escaped, quotes kept.
enum HTMLEscape {
    static func text(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
