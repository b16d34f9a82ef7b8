import ConvoBase

extension ReportPage {
    /// The ranking table: one row per intent, every factor of its priority in its own column.
    static func ranking(_ report: Report, into html: inout HTMLWriter) {
        html.element("h2", ["id": "ranking"], text: "Intents by priority")
        html.element("p", ["class": "lede"],
                     text: "priority = conversations × revenue exposure × stage weight ÷ fix cost. Click an intent for its weekly "
                         + "volume and what users said.")
        html.element("p", ["class": "weights"], text: weightsText(report.rankSettings))
        html.element("div", ["class": "table-wrap"]) { rankingTable(report, into: &$0) }
        if report.rows.contains(where: { $0.factors?.origin == .estimated }) {
            html.element("p", ["class": "footnote"],
                         text: "≈ scored from the intent file's evidence with these weights (no impact block yet; MRR and churn not counted).")
        }
    }

    static func rankingTable(_ report: Report, into html: inout HTMLWriter) {
        html.element("table", ["class": "ranking"], newline: true) { html in
            html.element("thead") { html in
                html.element("tr") { html in
                    html.element("th", ["class": "num"], text: "#")
                    html.element("th", text: "Intent")
                    html.element("th", text: "Kind · status")
                    html.element("th", ["class": "num"], text: "Conversations")
                    html.element("th", ["class": "num"], text: "Exposure")
                    html.element("th", ["class": "num"], text: "Stage")
                    html.element("th", ["class": "num"], text: "Fix cost")
                    html.element("th", ["class": "num"], text: "Priority")
                    html.element("th", ["class": "hide-narrow"], text: "Weekly")
                }
            }
            html.newline()
            html.element("tbody", newline: true) { html in
                for row in report.rows { rankingRow(row, report: report, into: &html) }
            }
        }
    }

    static func rankingRow(_ row: ReportRow, report: Report, into html: inout HTMLWriter) {
        let intent = row.intent
        html.element("tr", newline: true) { html in
            html.element("td", ["class": "rank num"], text: row.rank.map(String.init) ?? "–")
            html.element("td") { html in
                html.element("a", ["class": "intent-link", "href": "#" + anchor(intent)], text: intent.title)
                html.element("span", ["class": "id mono"], text: intent.id)
                if !intent.touches.isEmpty {
                    html.element("span", ["class": "touches"]) { html in
                        for (index, address) in intent.touches.enumerated() {
                            if index > 0 { html.raw(" ") }
                            html.element("code", text: address)
                        }
                    }
                }
            }
            html.element("td") { html in
                html.element("div", ["class": "badge-stack"]) { html in
                    kindBadge(intent.kind, into: &html)
                    statusBadge(intent.status, into: &html)
                }
            }
            if let factors = row.factors {
                html.element("td", ["class": "num"], text: Numbers.grouped(factors.frequency))
                html.element("td", ["class": "num"], text: Numbers.fixed(factors.revenueExposure, 2))
                html.element("td", ["class": "num"]) { html in
                    html.text("×" + Numbers.compact(factors.stageWeight))
                    html.element("span", ["class": "caption"], text: intent.stage ?? "—")
                }
                html.element("td", ["class": "num"], text: "÷" + Numbers.compact(factors.fixCost))
                html.element("td", ["class": "num priority"]) { html in
                    if factors.origin == .estimated {
                        html.element("span", ["class": "estimated", "title": "estimated from evidence"], text: "≈")
                    }
                    html.text(Numbers.fixed(factors.priority, 1))
                }
            } else {
                html.element("td", ["class": "unmeasured", "colspan": "5"]) { html in
                    html.text("not measured yet: run ")
                    html.element("code", text: "convo cluster")
                    if let stage = intent.stage { html.element("span", ["class": "caption"], text: "stage " + stage) }
                }
            }
            html.element("td", ["class": "hide-narrow"]) { html in
                Sparkline(weeks: report.weeks, counts: intent.weekly, mergedOn: row.mergedOn,
                          label: "Weekly conversations of \(intent.id)").render(into: &html)
            }
        }
    }

    /// The config's weights in one line, so a reader can recompute a priority.
    static func weightsText(_ settings: RankSettings) -> String {
        func list<V>(_ map: [String: V], _ text: (V) -> String, by order: (String, V) -> Double) -> String {
            map.sorted { (order($0.key, $0.value), $0.key) < (order($1.key, $1.value), $1.key) }
                .map { "\($0.key) \(text($0.value))" }.joined(separator: ", ")
        }
        let plans = list(settings.planWeights, Numbers.compact) { _, weight in weight }
        let stages = list(settings.stageWeights, Numbers.compact) { _, weight in -weight }
        let costs = list(settings.fixCost, Numbers.compact) { _, cost in cost }
        return "Weights (.convo/config.yaml): plans \(plans) · stages \(stages) · fix cost \(costs) · churn within "
            + "\(settings.churnWindowHours) h ×\(Numbers.compact(settings.churnMultiplier))"
    }
}
