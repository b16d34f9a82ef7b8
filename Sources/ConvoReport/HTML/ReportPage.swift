public import ConvoBase
import ConvoIntents
public import Foundation

/// The report as one self-contained HTML page: inline CSS and SVG, no script, no external
/// fonts or images, so it opens from disk, survives being mailed around, and prints.
///
/// Sections: a header (repository, period, headline figures), the ranking (every factor, with a
/// weekly sparkline and a link to each intent's section), the kinds and plans breakdowns, then
/// one section per intent with its weekly chart, factors and redacted exemplars.
public enum ReportPage {
    /// The page for `report`; the same report always gives the same bytes.
    public static func render(_ report: Report) -> String {
        var html = HTMLWriter()
        html.raw("<!DOCTYPE html>\n")
        html.open("html", ["lang": "en"])
        html.newline()
        html.element("head", newline: true) { html in
            html.void("meta", ["charset": "utf-8"])
            html.void("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
            html.void("meta", ["name": "color-scheme", "content": "light"])
            html.void("meta", ["name": "generator", "content": "convo report"])
            html.element("title", text: "convo report: \(report.repositoryName)")
            html.element("style") { $0.raw("\n" + Stylesheet.css + "\n") }
        }
        html.element("body", newline: true) { html in
            html.element("main", newline: true) { html in
                header(report, into: &html)
                if report.rows.isEmpty {
                    emptyState(report, into: &html)
                } else {
                    ranking(report, into: &html)
                    breakdowns(report, into: &html)
                    intentSections(report, into: &html)
                }
                footer(into: &html)
            }
        }
        html.close("html", newline: true)
        return html.output
    }

    /// The page's file name in its directory.
    public static let fileName = "index.html"

    /// Writes `directory/index.html` (creating the directory), replacing any previous page in one
    /// step, and returns the file's URL.
    @discardableResult
    public static func write(_ report: Report, to directory: URL) throws(ConvoError) -> URL {
        let file = directory.appendingPathComponent(fileName)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(render(report).utf8).write(to: file, options: .atomic)
        } catch {
            throw ConvoError("cannot write the report: \(error.localizedDescription)", at: SourceLocation(file: file.path),
                             hints: ["pass --out DIR with a directory you can write to"])
        }
        return file
    }

    // MARK: Header

    static func header(_ report: Report, into html: inout HTMLWriter) {
        html.element("header", ["class": "page"], newline: true) { html in
            html.element("p", ["class": "eyebrow"], text: "convo report")
            html.element("h1", text: report.repositoryName)
            html.element("p", ["class": "period"], text: periodText(report))
            html.element("div", ["class": "cards"], newline: true) { html in
                let measured = report.rows.filter { $0.factors != nil }.count
                if let traffic = report.traffic {
                    card(Numbers.grouped(traffic.conversations), "conversations captured", into: &html)
                } else {
                    card("—", "conversations captured (no store yet)", into: &html)
                }
                card(Numbers.grouped(report.rows.count), report.rows.count == measured ? "intents" : "intents, \(measured) measured",
                     into: &html)
                var inIntents = "conversations in intents"
                if let total = report.traffic?.conversations, total > 0 {
                    inIntents += " (\(Numbers.percent(Double(report.conversationsInIntents) / Double(total))) of all)"
                }
                card(Numbers.grouped(report.conversationsInIntents), inIntents, into: &html)
                let merged = report.rows.filter { $0.mergedOn != nil }
                let dropped = merged.filter { $0.watch?.verdict == .dropped }.count
                let noun = merged.count == 1 ? "change merged" : "changes merged"
                card(Numbers.grouped(merged.count), merged.isEmpty ? noun : "\(noun), \(dropped) dropped since", into: &html)
            }
        }
    }

    static func card(_ figure: String, _ caption: String, into html: inout HTMLWriter) {
        html.element("div", ["class": "card"]) { html in
            html.element("span", ["class": "figure"], text: figure)
            html.element("span", ["class": "caption"], text: caption)
        }
        html.newline()
    }

    static func periodText(_ report: Report) -> String {
        guard let period = report.period else { return "No conversations captured or measured yet." }
        let first = period.lowerBound.isoWeek, last = period.upperBound.isoWeek
        let weeks = report.weeks.isEmpty ? "" : " · \(first)\(first == last ? "" : " to \(last)")"
        let days = period.upperBound.daysSinceEpoch - period.lowerBound.daysSinceEpoch + 1
        return "Data from \(period.lowerBound.iso8601) to \(period.upperBound.iso8601) (\(days) day\(days == 1 ? "" : "s"))\(weeks)"
    }

    // MARK: Empty state and footer

    static func emptyState(_ report: Report, into html: inout HTMLWriter) {
        html.element("section", ["class": "empty", "id": "ranking"], newline: true) { html in
            html.element("h2", text: "No intents yet")
            html.element("p", text: report.traffic.map { $0.conversations > 0 } == true
                ? "Conversations have been captured, but no intent files exist in intents/ yet. To find them:"
                : "This report ranks the recurring reasons people talk to your agent. To fill it:")
            html.element("ol") { html in
                for step in ["`convo ingest FILE` captures transcripts into the store (or run `convo serve`);",
                             "`convo cluster` groups them into intents, one `intents/ID.intent` file each;",
                             "`convo report` draws this page again."] {
                    html.element("li") { $0.prose(step) }
                }
            }
            html.element("p", ["class": "aside"]) { $0.prose("Intents can also be written by hand with `convo intent new`.") }
        }
    }

    static func footer(into html: inout HTMLWriter) {
        html.element("footer", newline: true) { html in
            html.text("Written by ")
            html.element("code", text: "convo report")
            html.text(" from intents/*.intent, the conversation store and the main line's commits. "
                      + "Quoted user text passed the redactor. priority = conversations × revenue exposure × stage weight ÷ fix cost.")
        }
    }

    // MARK: Shared cells

    static func anchor(_ intent: Intent) -> String { "intent-" + intent.id }

    static func badge(_ text: String, _ cssClass: String, into html: inout HTMLWriter) {
        html.element("span", ["class": "badge " + cssClass], text: text)
    }

    static func kindBadge(_ kind: IntentKind, into html: inout HTMLWriter) {
        badge(kind.rawValue, "kind-" + kind.rawValue, into: &html)
    }

    static func statusBadge(_ status: IntentStatus, into html: inout HTMLWriter) {
        badge(status.rawValue, "status-" + status.rawValue, into: &html)
    }

    /// `a · b · c` from the non-empty parts.
    static func joined(_ parts: [String?]) -> String {
        parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(Numbers.grouped(count)) \(noun)\(count == 1 ? "" : "s")"
    }
}
