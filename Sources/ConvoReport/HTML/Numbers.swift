import ConvoRank

/// Locale-free number text, so the same data prints the same bytes on every machine: the
/// ranking's own rounding (`NumberText`), with thousands grouped for reading.
enum Numbers {
    /// `3200` → `3,200`.
    static func grouped(_ value: Int) -> String {
        group(String(value))
    }

    /// `value` rounded to `places` decimals, always showing them: `fixed(1234.5, 2)` is `1,234.50`.
    static func fixed(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value < 0 ? "-∞" : "∞") }
        return group(NumberText.fixed(value, places))
    }

    /// Up to two decimals, trailing zeros dropped: `3`, `1.5`, `1.33`. For weights.
    static func compact(_ value: Double) -> String {
        value.isFinite ? group(NumberText.compact(value)) : fixed(value, 0)
    }

    /// A share as a percentage with one decimal: `0.0612` → `6.1%`.
    static func percent(_ share: Double) -> String {
        fixed(share * 100, 1) + "%"
    }

    /// An SVG coordinate: at most one decimal, no trailing zeros, never grouped.
    static func coordinate(_ value: Double) -> String {
        value.isFinite ? NumberText.compact((value * 10).rounded() / 10) : "0"
    }

    /// Commas every three digits of the whole part of `-1234.5`-shaped text; anything else
    /// (`1e+20`) is left as it is.
    static func group(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let unsigned = negative ? text.dropFirst() : Substring(text)
        let whole = unsigned.prefix { $0 != "." }
        guard !whole.isEmpty, whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber) else { return text }
        var out = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (negative ? "-" : "") + out + unsigned.dropFirst(whole.count)
    }
}
