/// Locale-free number text for reports, so the same ranking prints the same bytes everywhere.
public enum NumberText {
    /// `value` rounded to `places` decimals, always showing them: `fixed(4, 2)` is `4.00`.
    public static func fixed(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e18 else { return String(value) }
        let units = Int64(scaled)
        let whole = units / Int64(scale)
        var text = (value < 0 && units != 0 ? "-" : "") + String(whole)
        if places > 0 {
            let fraction = String(units % Int64(scale))
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return text
    }

    /// Up to two decimals, trailing zeros dropped: `3`, `1.5`, `1.33`. For configured weights.
    public static func compact(_ value: Double) -> String {
        var text = fixed(value, 2)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Rounded to 4 decimals, for JSON: enough to compare, without float noise like `3.4000000000000004`.
    static func rounded(_ value: Double) -> Double {
        guard value.isFinite else { return value }
        return (value * 10_000).rounded() / 10_000
    }
}
