import ConvoBase

/// The ranking table's trend cell: the same weeks as the big charts, bars only, scaled to the
/// intent's own peak, with a tick where its change merged.
struct Sparkline {
    var weeks: [ISOWeek]
    var counts: [ISOWeek: Int]
    var mergedOn: Day?
    var label: String

    static let width = 112.0
    static let height = 26.0

    func render(into html: inout HTMLWriter) {
        func c(_ value: Double) -> String { Numbers.coordinate(value) }
        html.open("svg", ["class": "spark", "viewBox": "0 0 \(c(Sparkline.width)) \(c(Sparkline.height))", "width": c(Sparkline.width),
                          "height": c(Sparkline.height), "role": "img", "aria-label": label, "xmlns": "http://www.w3.org/2000/svg"])
        html.element("title", text: label)
        let shown = Array(weeks.suffix(26))
        let largest = shown.map { counts[$0] ?? 0 }.max() ?? 0
        html.void("line", ["class": "axis", "x1": "0", "x2": c(Sparkline.width), "y1": c(Sparkline.height - 0.5),
                           "y2": c(Sparkline.height - 0.5)])
        if !shown.isEmpty && largest > 0 {
            let band = Sparkline.width / Double(shown.count)
            let mergeWeek = mergedOn?.isoWeek
            for (index, week) in shown.enumerated() {
                let count = max(0, counts[week] ?? 0)
                guard count > 0 else { continue }
                let height = max(1, Double(count) / Double(largest) * (Sparkline.height - 3))
                let after = mergeWeek.map { week > $0 } ?? false
                html.void("rect", ["class": after ? "bar after" : "bar", "x": c(band * Double(index) + band * 0.15),
                                   "y": c(Sparkline.height - 0.5 - height), "width": c(max(1, band * 0.7)), "height": c(height)])
            }
            if let mergedOn, let index = shown.firstIndex(of: mergedOn.isoWeek) {
                let x = band * (Double(index) + (Double(mergedOn.weekday) - 0.5) / 7)
                html.void("line", ["class": "merge-line", "x1": c(x), "x2": c(x), "y1": "0", "y2": c(Sparkline.height)])
            }
        }
        html.close("svg")
    }
}

/// A horizontal bar for a table cell: `value` of `maximum`, over a light track; `part`, when
/// given, is drawn darker inside it (conversations in intents, of all on a plan).
struct MeterBar {
    var value: Double
    var maximum: Double
    var part: Double?
    var cssClass: String
    var label: String

    static let width = 200.0
    static let height = 12.0

    func render(into html: inout HTMLWriter) {
        func c(_ value: Double) -> String { Numbers.coordinate(value) }
        func width(_ value: Double) -> Double {
            guard maximum > 0, value.isFinite, value > 0 else { return 0 }
            return max(1, min(1, value / maximum) * MeterBar.width)
        }
        // Stretches to its cell (the stylesheet sets the width); the bars scale with it.
        html.open("svg", ["class": "meter " + cssClass, "viewBox": "0 0 \(c(MeterBar.width)) \(c(MeterBar.height))",
                          "width": c(MeterBar.width), "height": c(MeterBar.height), "preserveAspectRatio": "none", "role": "img",
                          "aria-label": label, "xmlns": "http://www.w3.org/2000/svg"])
        html.void("rect", ["class": "track", "x": "0", "y": "0", "width": c(MeterBar.width), "height": c(MeterBar.height), "rx": "2"])
        html.void("rect", ["class": part == nil ? "fill" : "fill light", "x": "0", "y": "0", "width": c(width(value)),
                           "height": c(MeterBar.height), "rx": "2"])
        if let part {
            html.void("rect", ["class": "fill", "x": "0", "y": "0", "width": c(width(part)), "height": c(MeterBar.height), "rx": "2"])
        }
        html.close("svg")
    }
}
