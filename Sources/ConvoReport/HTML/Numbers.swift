/// Locale-free number text, so the same data prints the same bytes on every machine.
enum Numbers {
    /// `3200` → `3,200`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// `value` rounded to `places` decimals, always showing them: `fixed(4, 2)` is `4.00`.
    static func fixed(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value < 0 ? "-∞" : "∞") }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(value) }
        let units = Int64(scaled)
        let whole = units / Int64(scale)
        var text = (value < 0 && units != 0 ? "-" : "") + grouped(Int(whole))
        if places > 0 {
            let fraction = String(units % Int64(scale))
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return text
    }

    /// Up to two decimals, trailing zeros dropped: `3`, `1.5`, `1.33`. For weights.
    static func compact(_ value: Double) -> String {
        var text = fixed(value, 2)
        guard text.contains("."), value.isFinite else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A share as a percentage with one decimal: `0.0612` → `6.1%`.
    static func percent(_ share: Double) -> String {
        fixed(share * 100, 1) + "%"
    }

    /// An SVG coordinate: at most one decimal, no trailing zeros, never `-0`.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = (value * 10).rounded()
        if tenths == 0 { return "0" }
        let text = fixed(tenths / 10, 1).replacingOccurrences(of: ",", with: "")
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
