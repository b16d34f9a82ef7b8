/// How a file's sections are found, chosen by its name.
public enum SectionFormat: String, Sendable, Hashable, CaseIterable {
    /// `.md` / `.markdown`: headings and regions.
    case markdown
    /// `.prompt`: YAML front matter (part of the whole-file section), then a Markdown body.
    case prompt
    case yaml
    case json
    /// Any other governed file: only the whole-file section.
    case plain

    /// The format for a path, or nil when the extension is not one convo reads sections from.
    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "md", "markdown": self = .markdown
        case "prompt": self = .prompt
        case "yaml", "yml": self = .yaml
        case "json": self = .json
        default: return nil
        }
    }
}

/// Parses a file's text into its sections.
public enum SectionParser {
    /// The sections of one version of a file, the whole-file section first, then in document order.
    /// - Parameters:
    ///   - path: repository-relative path; it picks the format and prefixes every address.
    ///   - format: overrides the format the extension implies (`.plain` for unknown types).
    /// - Throws: `SectionError` naming the file (and line) for unknown types and unparsable content.
    public static func parse(path: String, text: String, format: SectionFormat? = nil) throws(SectionError) -> FileSections {
        let path = SectionAddress.normalize(path: path)
        guard let format = format ?? SectionFormat(path: path) else { throw SectionError.unsupported(path) }
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let lines = SourceLines(text)
        let sections: [Section]
        switch format {
        case .markdown: sections = try MarkdownSectionParser(path: path, lines: lines, frontMatter: false).parse()
        case .prompt: sections = try MarkdownSectionParser(path: path, lines: lines, frontMatter: true).parse()
        case .yaml: sections = try YAMLSectionParser(path: path, text: text, lines: lines).parse()
        case .json: sections = try JSONSectionParser(path: path, text: text, lines: lines).parse()
        case .plain:
            sections = [Section(path: path, anchor: nil, kind: .file, startLine: 1, endLine: max(1, lines.count),
                                content: lines.normalizedText(1...max(1, lines.count)))]
        }
        return FileSections(path: path, format: format, lineCount: lines.count, sections: sections)
    }
}

/// A file's text split into lines (without terminators, `\r\n` accepted), 1-based.
struct SourceLines {
    let lines: [Substring]

    init(_ text: String) {
        // Split on bytes: much faster than on Characters, and "\r\n" (one Character) needs no care.
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == 0x0A {
                var end = index
                if end > start, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
                lines.append(Substring(utf8[start..<end]))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start != utf8.endIndex { lines.append(Substring(utf8[start...])) }
        self.lines = lines
    }

    var count: Int { lines.count }

    subscript(line: Int) -> Substring { line >= 1 && line <= lines.count ? lines[line - 1] : "" }

    func isBlank(_ line: Int) -> Bool { self[line].allSatisfy { $0 == " " || $0 == "\t" } }

    /// The last line in `start...end` that is not blank (and, with `skipComments`, not a `#`
    /// comment line), but never before `start`.
    func trimmedEnd(start: Int, end: Int, skipComments: Bool = false) -> Int {
        var last = end
        while last > start {
            let text = self[last].trimmingSpaces
            if text.isEmpty || (skipComments && text.hasPrefix("#")) { last -= 1 } else { break }
        }
        return max(start, last)
    }

    /// Lines joined with `\n`, trailing spaces dropped, and leading/trailing blank lines dropped.
    func normalizedText(_ range: ClosedRange<Int>) -> String {
        normalizedText(Array(range))
    }

    func normalizedText(_ numbers: [Int]) -> String {
        var out: [String] = numbers.map { line in
            var text = self[line]
            while let last = text.last, last == " " || last == "\t" { text.removeLast() }
            return String(text)
        }
        while out.first?.isEmpty == true { out.removeFirst() }
        while out.last?.isEmpty == true { out.removeLast() }
        return out.joined(separator: "\n")
    }
}
