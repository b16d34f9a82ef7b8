import ConvoBase

/// Sections of a JSON file: one per object key, addressed by its dotted path, with the exact lines
/// from the key to the end of its value. The strict `JSONParser` checks the document first (YAML
/// parsers accept things JSON does not, and the other way round); this scan then only locates keys.
struct JSONSectionParser {
    let path: String
    let text: String
    let lines: SourceLines

    func parse() throws(SectionError) -> [Section] {
        let root: JSONValue
        do {
            root = try JSONParser.parse(text)
        } catch {
            throw SectionError("invalid JSON: \(error.message)", file: path, line: error.line,
                               hints: ["check the syntax near line \(error.line), column \(error.column)"])
        }
        var sections = [Section(path: path, anchor: nil, kind: .file, startLine: 1, endLine: max(1, lines.count),
                                content: JSONSectionParser.ownValue(root))]
        var scanner = Scanner(bytes: Array(text.utf8))
        try scanner.value(root, prefix: nil, path: path, into: &sections)
        return sections
    }

    static func ownValue(_ value: JSONValue) -> String {
        if case .object = value { return "{}" }
        var writer = JSONWriter()
        writer.value(value)
        return writer.string
    }

    /// Walks the (already validated) bytes alongside the parsed value, noting where each key starts
    /// and where its value ends.
    private struct Scanner {
        let bytes: [UInt8]
        var position = 0
        var line = 1

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x0A: line += 1; position += 1
                case 0x20, 0x09, 0x0D: position += 1
                default: return
                }
            }
        }

        /// Returns the raw bytes of a string literal, quotes included.
        mutating func stringLiteral() -> ArraySlice<UInt8> {
            let start = position
            position += 1
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "\\") { position += 1 } else if byte == UInt8(ascii: "\"") { break }
            }
            return bytes[start..<min(position, bytes.count)]
        }

        mutating func value(_ value: JSONValue, prefix: String?, path: String, into sections: inout [Section]) throws(SectionError) {
            skipWhitespace()
            guard position < bytes.count else { return }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                position += 1
                var seen: Set<String> = []
                while true {
                    skipWhitespace()
                    guard position < bytes.count else { return }
                    if bytes[position] == UInt8(ascii: "}") { position += 1; return }
                    if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                    let keyLine = line
                    let literal = stringLiteral()
                    let key = (try? JSONParser.parse(String(decoding: literal, as: UTF8.self)))?.stringValue ?? ""
                    guard seen.insert(key).inserted else {
                        throw SectionError("duplicate key '\(key)'", file: path, line: keyLine,
                                           hints: ["each key may appear once in an object"])
                    }
                    skipWhitespace()
                    position += 1  // ':'
                    let anchor = prefix.map { "\($0).\(key)" } ?? key
                    let child = value[key] ?? .null
                    let index = sections.count
                    sections.append(Section(path: path, anchor: anchor, kind: .jsonKey, startLine: keyLine, endLine: keyLine,
                                            title: key, content: JSONSectionParser.ownValue(child)))
                    try self.value(child, prefix: anchor, path: path, into: &sections)
                    sections[index].endLine = line
                }
            case UInt8(ascii: "["):
                position += 1
                let items = value.arrayValue ?? []
                var index = 0
                while true {
                    skipWhitespace()
                    guard position < bytes.count else { return }
                    if bytes[position] == UInt8(ascii: "]") { position += 1; return }
                    if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                    // Items are not sections of their own; keys inside them are not addressed either.
                    var ignored: [Section] = []
                    try self.value(index < items.count ? items[index] : .null, prefix: nil, path: path, into: &ignored)
                    index += 1
                }
            case UInt8(ascii: "\""):
                _ = stringLiteral()
            default:
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
                        || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { break }
                    position += 1
                }
            }
        }
    }
}
