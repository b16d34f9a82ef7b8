/// Builds markup in which every piece of text and every attribute value is escaped, and every
/// element is closed, so the page is also well-formed XML (the tests parse it as such).
struct HTMLWriter {
    private(set) var output = ""

    /// Text for an element's content or a quoted attribute value: `& < > " '` become references,
    /// and characters XML forbids (C0 controls other than tab and newlines) become U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Markup written as is: only for constant strings of this module.
    mutating func raw(_ markup: String) {
        output += markup
    }

    /// What another writer built (escaped already), for parts drawn out of order.
    mutating func append(_ other: HTMLWriter) {
        output += other.output
    }

    mutating func text(_ text: String) {
        output += HTMLWriter.escape(text)
    }

    /// Text in which `backquoted` spans become `<code>` (for this module's own sentences).
    mutating func prose(_ text: String) {
        for (index, part) in text.split(separator: "`", omittingEmptySubsequences: false).enumerated() {
            if index % 2 == 1 { element("code", text: String(part)) } else { self.text(String(part)) }
        }
    }

    /// `<tag a="v">`; attributes whose value is nil are left out, the rest keep their order.
    mutating func open(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        output += "<" + tag
        for (name, value) in attributes {
            guard let value else { continue }
            output += " " + name + "=\"" + HTMLWriter.escape(value) + "\""
        }
        output += ">"
    }

    mutating func close(_ tag: String, newline: Bool = false) {
        output += "</" + tag + ">"
        if newline { output += "\n" }
    }

    /// A void element (`<meta/>`, `<rect/>`), self-closed so XML parsers accept it too.
    mutating func void(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        open(tag, attributes)
        output.removeLast()
        output += "/>"
    }

    /// An element holding only text.
    mutating func element(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:], text: String,
                          newline: Bool = false) {
        open(tag, attributes)
        self.text(text)
        close(tag, newline: newline)
    }

    /// An element whose content `body` writes.
    mutating func element(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:], newline: Bool = false,
                          _ body: (inout HTMLWriter) -> Void) {
        open(tag, attributes)
        body(&self)
        close(tag, newline: newline)
    }

    mutating func newline() {
        output += "\n"
    }
}
