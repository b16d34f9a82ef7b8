import ConvoBase
import ConvoIntents
import ConvoWatch
import Foundation

extension ReportPage {
    /// One section per intent, in ranking order: the target of the ranking table's links.
    static func intentSections(_ report: Report, into html: inout HTMLWriter) {
        html.element("h2", ["id": "intents"], text: "Intents in detail")
        html.element("p", ["class": "lede"], text: "Weekly volume, the factors of each priority, and what users said (redacted).")
        for row in report.rows { intentSection(row, report: report, into: &html) }
    }

    static func intentSection(_ row: ReportRow, report: Report, into html: inout HTMLWriter) {
        let intent = row.intent
        html.element("section", ["class": "intent", "id": anchor(intent)], newline: true) { html in
            html.element("div", ["class": "intent-head"]) { html in
                if let rank = row.rank { html.element("span", ["class": "rank-number"], text: "#\(rank)") }
                html.element("h3", text: intent.title)
                kindBadge(intent.kind, into: &html)
                statusBadge(intent.status, into: &html)
            }
            html.element("p", ["class": "facts"]) { html in
                html.element("span", ["class": "mono"], text: intent.id)
                html.text(" · " + facts(row))
            }
            if let summary = intent.summary?.trimmingCharacters(in: .whitespacesAndNewlines), !summary.isEmpty {
                html.element("p", ["class": "summary"], text: summary)
            }
            factors(row, into: &html)
            if intent.weekly.values.contains(where: { $0 > 0 }) {
                WeeklyChart(weeks: report.weeks, counts: intent.weekly, totals: report.traffic?.weekly ?? [:], mergedOn: row.mergedOn,
                            label: "Weekly conversations: \(intent.title)").render(into: &html)
                legend(row, hasShares: !(report.traffic?.weekly.isEmpty ?? true), into: &html)
            } else if row.factors != nil {
                html.element("p", ["class": "none"], text: "No weekly counts yet.")
            }
            if let watch = row.watch { verdict(watch, into: &html) }
            html.element("div", ["class": "columns"]) { html in
                html.element("div") { exemplars(intent, into: &$0) }
                html.element("div") { samples(intent, quotes: report.quotes, into: &$0) }
            }
            if !intent.signals.keywords.isEmpty || !intent.touches.isEmpty {
                html.element("p", ["class": "keywords"]) { html in
                    if !intent.signals.keywords.isEmpty {
                        html.text("Keywords: " + intent.signals.keywords.joined(separator: ", "))
                    }
                    if !intent.touches.isEmpty {
                        if !intent.signals.keywords.isEmpty { html.text(" · ") }
                        html.text("Touches: ")
                        for (index, address) in intent.touches.enumerated() {
                            if index > 0 { html.text(", ") }
                            html.element("code", text: address)
                        }
                    }
                }
            }
            html.element("a", ["class": "back", "href": "#ranking"], text: "↑ Back to the ranking")
        }
    }

    /// Stage, the days seen, accounts and churn, and the change: what is known, in one line.
    static func facts(_ row: ReportRow) -> String {
        let intent = row.intent
        var parts: [String?] = [intent.stage.map { "stage \($0)" }]
        if let evidence = intent.evidence {
            if let first = evidence.firstSeen, let last = evidence.lastSeen {
                parts.append(first == last ? "seen \(first)" : "seen \(first) to \(last)")
            }
            parts.append(plural(evidence.accounts, "account"))
            if evidence.churned > 0 { parts.append("\(Numbers.grouped(evidence.churned)) churned within the window") }
        }
        if let change = intent.change {
            parts.append(change.branch.map { "branch \($0)" })
            parts.append(change.commit.map { "commit \(String($0.prefix(12)))" })
        }
        if let merged = row.mergedOn { parts.append("merged \(merged)") }
        let text = joined(parts)
        return text.isEmpty ? "no evidence yet" : text
    }

    static func factors(_ row: ReportRow, into html: inout HTMLWriter) {
        guard let factors = row.factors else {
            html.element("p", ["class": "none"]) { $0.prose("Not measured yet: `convo cluster` fills in its evidence and impact.") }
            return
        }
        let items = [
            (Numbers.grouped(factors.frequency), "conversations", false),
            (Numbers.fixed(factors.revenueExposure, 2), "revenue exposure", false),
            ("×" + Numbers.compact(factors.stageWeight), "stage weight", false),
            ("÷" + Numbers.compact(factors.fixCost), "fix cost", false),
            ((factors.origin == .estimated ? "≈" : "") + Numbers.fixed(factors.priority, 1), "priority", true),
        ]
        html.element("div", ["class": "factors"]) { html in
            for (figure, caption, total) in items {
                html.element("div", ["class": total ? "factor total" : "factor"]) { html in
                    html.element("span", ["class": "figure"], text: figure)
                    html.element("span", ["class": "caption"], text: caption)
                }
            }
        }
    }

    static func legend(_ row: ReportRow, hasShares: Bool, into html: inout HTMLWriter) {
        html.element("p", ["class": "legend"]) { html in
            html.element("span") { html in
                html.element("span", ["class": "key key-bar"], text: "")
                html.text(row.mergedOn == nil ? "conversations per ISO week" : "conversations per week, before the merge")
            }
            if row.mergedOn != nil {
                html.element("span") { html in
                    html.element("span", ["class": "key key-after"], text: "")
                    html.text("after the merge")
                }
                html.element("span") { html in
                    html.element("span", ["class": "key key-merge"], text: "")
                    html.text("change merged")
                }
            }
            if hasShares {
                html.element("span") { html in
                    html.element("span", ["class": "key key-share"], text: "")
                    html.text("share of all conversations (right axis)")
                }
            }
        }
    }

    static func verdict(_ watch: WatchResult, into html: inout HTMLWriter) {
        html.element("p", ["class": "verdict"]) { html in
            html.text("After the merge: ")
            badge(watch.verdict.rawValue, "verdict-" + watch.verdict.rawValue, into: &html)
            html.text(" " + watch.reason)
        }
    }

    static func exemplars(_ intent: Intent, into html: inout HTMLWriter) {
        html.element("h4", text: "What users say")
        guard !intent.signals.exemplars.isEmpty else {
            html.element("p", ["class": "none"], text: "No exemplars recorded.")
            return
        }
        html.element("ul", ["class": "quotes"]) { html in
            for exemplar in intent.signals.exemplars { html.element("li", text: exemplar) }
        }
    }

    static func samples(_ intent: Intent, quotes: [String: String], into html: inout HTMLWriter) {
        html.element("h4", text: "Sample conversations")
        let sample = intent.evidence?.sample ?? []
        guard !sample.isEmpty else {
            html.element("p", ["class": "none"], text: "No sample yet.")
            return
        }
        html.element("ul", ["class": "samples"]) { html in
            for id in sample {
                html.element("li") { html in
                    html.element("code", text: id)
                    if let quote = quotes[id] { html.element("span", ["class": "quote"], text: "“" + quote + "”") }
                }
            }
        }
        html.element("p", ["class": "caption"]) { html in
            html.text("Read one with ")
            html.element("code", text: "convo conversations show ID")
        }
    }
}
