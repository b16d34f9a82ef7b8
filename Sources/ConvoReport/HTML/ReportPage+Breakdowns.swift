extension ReportPage {
    /// Conversations by intent kind, and by plan (all traffic against those in intents).
    static func breakdowns(_ report: Report, into html: inout HTMLWriter) {
        html.element("h2", ["id": "breakdown"], text: "Where the conversations come from")
        html.element("p", ["class": "lede"], text: "Conversations in intents by kind of problem, and by the customer's plan.")
        html.element("div", ["class": "breakdowns"], newline: true) { html in
            html.element("div") { kinds(report, into: &$0) }
            html.element("div") { plans(report, into: &$0) }
        }
    }

    static func kinds(_ report: Report, into html: inout HTMLWriter) {
        html.element("h3", text: "By kind")
        let total = Report.sum(report.kinds.map(\.conversations))
        let largest = report.kinds.map(\.conversations).max() ?? 0
        html.element("table", ["class": "kinds"], newline: true) { html in
            html.element("thead") { html in
                html.element("tr") { html in
                    html.element("th", text: "Kind")
                    html.element("th", ["class": "num"], text: "Intents")
                    html.element("th", ["class": "num"], text: "Conversations")
                    html.element("th", ["class": "hide-narrow"], text: "")
                }
            }
            html.element("tbody") { html in
                for share in report.kinds {
                    html.element("tr", newline: true) { html in
                        html.element("td") { kindBadge(share.kind, into: &$0) }
                        html.element("td", ["class": "num"], text: Numbers.grouped(share.intents))
                        html.element("td", ["class": "num"]) { html in
                            html.text(Numbers.grouped(share.conversations))
                            if total > 0 {
                                html.element("span", ["class": "caption"], text: Numbers.percent(Double(share.conversations) / Double(total)))
                            }
                        }
                        html.element("td", ["class": "meter-cell hide-narrow"]) { html in
                            MeterBar(value: Double(share.conversations), maximum: Double(largest), part: nil,
                                     cssClass: "kind-" + share.kind.rawValue,
                                     label: "\(share.kind.rawValue): \(share.conversations) conversations").render(into: &html)
                        }
                    }
                }
            }
        }
    }

    static func plans(_ report: Report, into html: inout HTMLWriter) {
        html.element("h3", text: "By plan")
        guard !report.plans.isEmpty else {
            html.element("p", ["class": "none"], text: "No plan is known for any conversation yet.")
            return
        }
        let hasTraffic = report.traffic != nil
        let largest = report.plans.map { $0.all ?? $0.inIntents }.max() ?? 0
        let inIntentsTotal = Report.sum(report.plans.map(\.inIntents))
        html.element("table", ["class": "plans"], newline: true) { html in
            html.element("thead") { html in
                html.element("tr") { html in
                    html.element("th", text: "Plan")
                    if hasTraffic { html.element("th", ["class": "num"], text: "All") }
                    html.element("th", ["class": "num"], text: "In intents")
                    html.element("th", ["class": "hide-narrow"], text: "")
                }
            }
            html.element("tbody") { html in
                for plan in report.plans {
                    html.element("tr", newline: true) { html in
                        html.element("td", text: plan.plan)
                        if let all = plan.all { html.element("td", ["class": "num"], text: Numbers.grouped(all)) }
                        else if hasTraffic { html.element("td", ["class": "num"], text: "0") }
                        html.element("td", ["class": "num"]) { html in
                            html.text(Numbers.grouped(plan.inIntents))
                            if let all = plan.all, all > 0 {
                                html.element("span", ["class": "caption"], text: Numbers.percent(Double(plan.inIntents) / Double(all)) + " of all")
                            } else if !hasTraffic, inIntentsTotal > 0 {
                                html.element("span", ["class": "caption"], text: Numbers.percent(Double(plan.inIntents) / Double(inIntentsTotal)))
                            }
                        }
                        html.element("td", ["class": "meter-cell hide-narrow"]) { html in
                            MeterBar(value: Double(plan.all ?? plan.inIntents), maximum: Double(largest), part: plan.all == nil ? nil : Double(plan.inIntents),
                                     cssClass: "plan", label: "\(plan.plan): \(plan.inIntents) conversations in intents"
                                         + (plan.all.map { " of \($0)" } ?? "")).render(into: &html)
                        }
                    }
                }
            }
        }
        if hasTraffic {
            html.element("p", ["class": "legend"]) { html in
                html.element("span") { html in
                    html.element("span", ["class": "key key-bar"], text: "")
                    html.text("in intents")
                }
                html.element("span") { html in
                    html.element("span", ["class": "key", "style": "background: var(--accent-light)"], text: "")
                    html.text("all conversations on the plan")
                }
            }
        }
    }
}
