import Yams

/// Writes strings as YAML scalars that every YAML parser reads back as the same string: plain
/// when that is unambiguous under both YAML 1.1 (PyYAML) and Yams, double-quoted otherwise.
///
/// Dates are the exception by design: `first_seen`, `last_seen` and `merged` are written plain
/// (`2026-11-16`) so YAML parsers read them as dates, as DESIGN.md shows; a *string* that looks
/// like a date is quoted.
public enum YAMLScalar {
    /// Where the scalar goes: inside `[…]` / `{…}` more characters are special.
    public enum Context: Sendable {
        case block
        case flow
    }

    /// The scalar as it should appear after `key: ` or `- `.
    public static func render(_ text: String, in context: Context = .block) -> String {
        isPlainSafe(text, in: context) ? text : doubleQuoted(text)
    }

    /// Whether `text` can be written without quotes and read back as the same string.
    public static func isPlainSafe(_ text: String, in context: Context = .block) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if first == " " || last == " " || last == ":" { return false }
        if text.contains(": ") || text.contains(" #") { return false }
        for scalar in text.unicodeScalars where !isPlainCharacter(scalar) { return false }
        if context == .flow, text.unicodeScalars.contains(where: { ",[]{}:#".unicodeScalars.contains($0) }) {
            return false
        }
        if ["y", "Y", "n", "N"].contains(text) { return false }
        // Anything a resolver would read as null, a bool, a number, a date, `<<` or `=`.
        return Resolver.default.resolveTag(of: Node(text)) == .str
    }

    /// Printable characters that carry no meaning in a plain scalar: ASCII without controls, and
    /// non-ASCII letters, marks, numbers, punctuation and symbols (no spaces, controls or formats).
    static func isPlainCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value >= 0x20 && scalar.value < 0x7F }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .privateUse,
             .unassigned, .surrogate:
            return false
        default:
            return scalar.value != 0xFFFE && scalar.value != 0xFFFF
        }
    }

    /// `"…"` with YAML's escapes for backslash, quote, line breaks and every non-printable character.
    public static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            case "\u{85}": out += "\\N"
            case "\u{A0}": out += "\\_"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if isQuotedPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFF {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else if scalar.value <= 0xFFFF {
                    out += "\\u" + hex(scalar.value, width: 4)
                } else {
                    out += "\\U" + hex(scalar.value, width: 8)
                }
            }
        }
        return out + "\""
    }

    /// Characters PyYAML and libyaml accept literally inside double quotes.
    static func isQuotedPrintable(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value >= 0x20 && value <= 0x7E { return true }
        if value < 0xA0 { return false }
        if value == 0xFEFF || value == 0xFFFE || value == 0xFFFF { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .unassigned, .surrogate:
            return false
        default:
            return true
        }
    }

    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A literal block scalar (`|`, `|-`, `|+`, with an indentation indicator when the first line
    /// starts with a space) holding `text` exactly, or nil when only a quoted string can.
    /// - Parameter indent: the spaces before each content line.
    public static func literalBlock(_ text: String, indent: String) -> (header: String, lines: [String])? {
        guard !text.isEmpty else { return nil }
        for scalar in text.unicodeScalars where scalar != "\n" {
            if scalar == "\t" || !isQuotedPrintable(scalar) { return nil }
        }
        var body = Substring(text)
        var trailing = 0
        while body.last == "\n" {
            body.removeLast()
            trailing += 1
        }
        guard !body.isEmpty else { return nil }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // A trailing space-only line would be read as more indentation, not content.
        if lines.last?.allSatisfy({ $0 == " " }) == true { return nil }
        var header = "|"
        if let firstContent = lines.first(where: { !$0.isEmpty }), firstContent.hasPrefix(" ") {
            header += String(indent.count)
        }
        switch trailing {
        case 0: header += "-"
        case 1: break
        default: header += "+"
        }
        var out = lines.map { $0.isEmpty ? "" : indent + $0 }
        if trailing > 1 { out += Array(repeating: "", count: trailing - 1) }
        return (header, out)
    }
}
