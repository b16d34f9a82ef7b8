import ConvoBase

/// An intent's conversations per week as an SVG bar chart: counts on the left axis, weeks along
/// the bottom, the day its change merged as a dashed vertical line with a label, and, when all
/// traffic is known, the intent's share of it as a line on the right axis.
///
/// Bars after the merge are drawn in a second colour, so "did it drop?" reads at a glance.
/// Every bar has a `<title>` (a native tooltip, no script) with the exact figures.
struct WeeklyChart {
    var weeks: [ISOWeek]
    var counts: [ISOWeek: Int]
    /// All conversations per week; empty when unknown (no share line then).
    var totals: [ISOWeek: Int]
    var mergedOn: Day?
    /// The accessible name: "Weekly conversations: Webhook not firing after setup".
    var label: String

    static let width = 720.0
    static let height = 240.0
    static let top = 34.0
    static let bottom = 42.0
    static let left = 48.0

    var hasShares: Bool { weeks.contains { (totals[$0] ?? 0) > 0 } }

    func render(into html: inout HTMLWriter) {
        let right = hasShares ? 56.0 : 16.0
        let plotWidth = WeeklyChart.width - WeeklyChart.left - right
        let plotHeight = WeeklyChart.height - WeeklyChart.top - WeeklyChart.bottom
        let bottomY = WeeklyChart.top + plotHeight
        let largest = weeks.map { counts[$0] ?? 0 }.max() ?? 0
        let scale = AxisScale(fitting: Double(largest), integral: true)
        let band = weeks.isEmpty ? plotWidth : plotWidth / Double(weeks.count)
        let barWidth = min(band * 0.72, 56)
        func y(_ value: Double) -> Double { bottomY - value / scale.maximum * plotHeight }
        func c(_ value: Double) -> String { Numbers.coordinate(value) }

        html.open("svg", ["class": "chart weekly", "viewBox": "0 0 \(c(WeeklyChart.width)) \(c(WeeklyChart.height))",
                          "role": "img", "aria-label": label, "xmlns": "http://www.w3.org/2000/svg"])
        html.element("title", text: label)

        // Horizontal grid and the count axis.
        for tick in scale.ticks {
            let ty = y(tick)
            html.void("line", ["class": tick == 0 ? "axis" : "grid", "x1": c(WeeklyChart.left), "x2": c(WeeklyChart.left + plotWidth),
                               "y1": c(ty), "y2": c(ty)])
            html.element("text", ["class": "tick", "x": c(WeeklyChart.left - 8), "y": c(ty + 4), "text-anchor": "end"],
                         text: scale.label(tick))
        }

        guard !weeks.isEmpty, largest > 0 else {
            html.element("text", ["class": "empty-note", "x": c(WeeklyChart.left + plotWidth / 2), "y": c(WeeklyChart.top + plotHeight / 2),
                                  "text-anchor": "middle"], text: "no weekly counts yet")
            html.close("svg", newline: true)
            return
        }

        let mergeWeek = mergedOn?.isoWeek
        let showValues = weeks.count <= 16
        // Drawn after the share line, so no dot covers a figure.
        var values = HTMLWriter()
        for (index, week) in weeks.enumerated() {
            let count = max(0, counts[week] ?? 0)
            let x = WeeklyChart.left + band * Double(index) + (band - barWidth) / 2
            var tooltip = "\(week) (from \(WeeklyChart.shortDate(week.monday))): \(Numbers.grouped(count)) conversation\(count == 1 ? "" : "s")"
            if let total = totals[week], total > 0 {
                tooltip += ", \(Numbers.percent(Double(count) / Double(total))) of \(Numbers.grouped(total))"
            }
            let after = mergeWeek.map { week > $0 } ?? false
            html.element("rect", ["class": after ? "bar after" : "bar", "x": c(x), "y": c(y(Double(count))), "width": c(barWidth),
                                  "height": c(bottomY - y(Double(count))), "rx": "2"]) { html in
                html.element("title", text: tooltip)
            }
            if showValues && count > 0 {
                // Inside the bar's top when it is tall enough (white, outlined in the bar's colour).
                let inside = bottomY - y(Double(count)) >= 20
                let style = inside ? (after ? "value inside after" : "value inside") : "value"
                values.element("text", ["class": style, "x": c(x + barWidth / 2),
                                        "y": c(inside ? y(Double(count)) + 14 : y(Double(count)) - 5), "text-anchor": "middle"],
                               text: Numbers.grouped(count))
            }
        }

        // Week labels: the ISO week, and the date its Monday falls on; every n-th when crowded.
        let every = max(1, Int((Double(weeks.count) / 12).rounded(.up)))
        for (index, week) in weeks.enumerated() where index % every == 0 {
            let x = c(WeeklyChart.left + band * (Double(index) + 0.5))
            html.element("text", ["class": "week", "x": x, "y": c(bottomY + 16), "text-anchor": "middle"],
                         text: "W" + (week.week < 10 ? "0" : "") + String(week.week))
            html.element("text", ["class": "week-date", "x": x, "y": c(bottomY + 30), "text-anchor": "middle"],
                         text: WeeklyChart.shortDate(week.monday))
        }

        if hasShares { renderShares(into: &html, band: band, plotWidth: plotWidth, plotHeight: plotHeight) }
        html.append(values)
        if let mergedOn, let index = weeks.firstIndex(of: mergedOn.isoWeek) {
            let x = WeeklyChart.left + band * (Double(index) + (Double(mergedOn.weekday) - 0.5) / 7)
            html.void("line", ["class": "merge-line", "x1": c(x), "x2": c(x), "y1": c(WeeklyChart.top - 10), "y2": c(bottomY)])
            let leftHalf = x < WeeklyChart.left + plotWidth * 0.6
            html.element("text", ["class": "merge-label", "x": c(leftHalf ? x + 5 : x - 5), "y": c(WeeklyChart.top - 14),
                                  "text-anchor": leftHalf ? "start" : "end"],
                         text: "change merged \(mergedOn.iso8601)")
        }
        html.close("svg", newline: true)
    }

    /// The share of all conversations, as a line with dots, on its own axis at the right.
    private func renderShares(into html: inout HTMLWriter, band: Double, plotWidth: Double, plotHeight: Double) {
        let bottomY = WeeklyChart.top + plotHeight
        let shares: [(index: Int, week: ISOWeek, share: Double)] = weeks.enumerated().compactMap { index, week in
            guard let total = totals[week], total > 0 else { return nil }
            return (index, week, Double(counts[week] ?? 0) / Double(total) * 100)
        }
        let scale = AxisScale(fitting: shares.map(\.share).max() ?? 0, count: 4, integral: false)
        func y(_ value: Double) -> Double { bottomY - value / scale.maximum * plotHeight }
        func c(_ value: Double) -> String { Numbers.coordinate(value) }
        let axisX = WeeklyChart.left + plotWidth
        for tick in scale.ticks {
            html.element("text", ["class": "tick share-tick", "x": c(axisX + 8), "y": c(y(tick) + 4)], text: scale.label(tick, percent: true))
        }
        let points = shares.map { "\(c(WeeklyChart.left + band * (Double($0.index) + 0.5))),\(c(y($0.share)))" }
        if points.count > 1 {
            html.void("polyline", ["class": "share-line", "points": points.joined(separator: " ")])
        }
        for (point, share) in zip(points, shares) {
            let xy = point.split(separator: ",")
            html.element("circle", ["class": "share-dot", "cx": String(xy[0]), "cy": String(xy[1]), "r": "3"]) { html in
                html.element("title", text: "\(share.week): \(Numbers.fixed(share.share, 1))% of all conversations")
            }
        }
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Nov 16`: short, and the same in every locale.
    static func shortDate(_ day: Day) -> String {
        let parts = day.components
        return months[max(0, min(11, parts.month - 1))] + " " + String(parts.day)
    }
}
