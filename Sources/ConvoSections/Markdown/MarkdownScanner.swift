/// The block structure of a Markdown file that matters for sections, found line by line the way
/// CommonMark does: ATX and setext headings, fenced code (never headings inside), HTML comment
/// blocks (never headings inside) and `convo:section` region markers.
struct MarkdownScanner {
    enum Event: Equatable {
        /// A heading; `line` is its first line (for setext, the first line of the paragraph).
        case heading(level: Int, text: String, line: Int)
        case regionStart(name: String, line: Int)
        case regionEnd(line: Int)
    }

    let lines: SourceLines

    private enum Paragraph {
        case none
        /// Plain text lines that an `===` / `---` underline turns into a heading.
        case plain(start: Int)
        /// List items, block quotes, tables, HTML: an underline after them is not a heading.
        case other
    }

    /// The events of lines `first...`, in order.
    func scan(from first: Int) -> [Event] {
        var events: [Event] = []
        var fence: (marker: Character, length: Int)?
        var inComment = false
        var paragraph = Paragraph.none
        var line = first
        while line <= lines.count {
            defer { line += 1 }
            let raw = lines[line]
            if let open = fence {
                if MarkdownScanner.closesFence(raw, marker: open.marker, length: open.length) { fence = nil }
                continue
            }
            if inComment {
                if raw.contains("-->") { inComment = false }
                continue
            }
            let (indent, rest) = MarkdownScanner.indentation(raw)
            if rest.isEmpty {
                paragraph = .none
                continue
            }
            if indent >= 4 {
                // Indented code, unless it continues a paragraph (lazily).
                continue
            }
            if let open = MarkdownScanner.fenceOpening(rest) {
                fence = open
                paragraph = .none
                continue
            }
            if rest.hasPrefix("<!--") {
                paragraph = .none
                if let marker = MarkdownScanner.regionMarker(rest) {
                    switch marker {
                    case .start(let name): events.append(.regionStart(name: name, line: line))
                    case .end: events.append(.regionEnd(line: line))
                    }
                    continue
                }
                if !rest.dropFirst(4).contains("-->") { inComment = true }
                continue
            }
            if let (level, text) = MarkdownScanner.atxHeading(rest) {
                events.append(.heading(level: level, text: text, line: line))
                paragraph = .none
                continue
            }
            if let level = MarkdownScanner.setextUnderline(rest) {
                if case .plain(let start) = paragraph {
                    let text = (start..<line).map { lines[$0].trimmingSpaces }.joined(separator: " ")
                    events.append(.heading(level: level, text: text, line: start))
                    paragraph = .none
                    continue
                }
                if level == 2 {
                    // `---` outside a paragraph is a thematic break.
                    paragraph = .none
                    continue
                }
            }
            if MarkdownScanner.isThematicBreak(rest) {
                paragraph = .none
                continue
            }
            if MarkdownScanner.startsContainerOrBlock(rest) {
                paragraph = .other
                continue
            }
            if case .none = paragraph { paragraph = .plain(start: line) }
        }
        return events
    }

    // MARK: Line classification

    /// Leading indentation in columns (a tab advances to the next multiple of 4) and the rest.
    static func indentation(_ line: Substring) -> (Int, Substring) {
        var columns = 0
        var index = line.startIndex
        while index < line.endIndex {
            let c = line[index]
            if c == " " { columns += 1 } else if c == "\t" { columns += 4 - columns % 4 } else { break }
            index = line.index(after: index)
        }
        var rest = line[index...]
        while let last = rest.last, last == " " || last == "\t" { rest.removeLast() }
        return (columns, rest)
    }

    /// A run of at least three backticks or tildes; a backtick fence's info string may not hold a backtick.
    static func fenceOpening(_ rest: Substring) -> (marker: Character, length: Int)? {
        guard let marker = rest.first, marker == "`" || marker == "~" else { return nil }
        let length = rest.prefix { $0 == marker }.count
        guard length >= 3 else { return nil }
        if marker == "`" && rest.dropFirst(length).contains("`") { return nil }
        return (marker, length)
    }

    static func closesFence(_ raw: Substring, marker: Character, length: Int) -> Bool {
        let (indent, rest) = indentation(raw)
        guard indent < 4 else { return false }
        let run = rest.prefix { $0 == marker }.count
        return run >= length && run == rest.count
    }

    enum RegionMarker: Equatable {
        case start(String)
        case end
    }

    /// `<!-- convo:section NAME -->` or `<!-- /convo:section -->`, alone on its line.
    static func regionMarker(_ rest: Substring) -> RegionMarker? {
        guard rest.hasPrefix("<!--"), rest.hasSuffix("-->"), rest.count >= 7 else { return nil }
        let inner = rest.dropFirst(4).dropLast(3).trimmingSpaces
        if inner == "/convo:section" { return .end }
        guard inner.hasPrefix("convo:section") else { return nil }
        let name = inner.dropFirst("convo:section".count)
        guard name.first == " " || name.first == "\t" else { return nil }
        let trimmed = name.trimmingSpaces
        return trimmed.isEmpty ? nil : .start(trimmed)
    }

    /// `# Title`, `## Title ##`: one to six `#`, then a space, a tab or the end of the line.
    static func atxHeading(_ rest: Substring) -> (Int, String)? {
        let level = rest.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        var text = rest.dropFirst(level)
        guard text.isEmpty || text.first == " " || text.first == "\t" else { return nil }
        text = Substring(text.trimmingSpaces)
        // An optional closing sequence of `#`, preceded by a space (or making up the whole text).
        let closing = text.reversed().prefix { $0 == "#" }.count
        if closing > 0 {
            let before = text.dropLast(closing)
            if before.isEmpty {
                text = ""
            } else if before.last == " " || before.last == "\t" {
                text = Substring(before.trimmingSpaces)
            }
        }
        return (level, String(text))
    }

    /// `===` (level 1) or `---` (level 2) underlines, spaces allowed only at the end.
    static func setextUnderline(_ rest: Substring) -> Int? {
        guard let first = rest.first, first == "=" || first == "-" else { return nil }
        guard rest.allSatisfy({ $0 == first }) else { return nil }
        return first == "=" ? 1 : 2
    }

    /// `***`, `- - -`, `___`: three or more of the same character, spaces between.
    static func isThematicBreak(_ rest: Substring) -> Bool {
        guard let first = rest.first, first == "*" || first == "-" || first == "_" else { return false }
        var count = 0
        for c in rest {
            if c == first { count += 1 } else if c != " " && c != "\t" { return false }
        }
        return count >= 3
    }

    /// Lines that start a list item, block quote, table row or HTML block: text after them is not a
    /// plain paragraph that an underline could turn into a heading.
    static func startsContainerOrBlock(_ rest: Substring) -> Bool {
        guard let first = rest.first else { return false }
        if first == ">" || first == "|" || first == "<" { return true }
        if first == "-" || first == "*" || first == "+" {
            let second = rest.dropFirst().first
            return second == nil || second == " " || second == "\t"
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty && digits.count <= 9 {
            let after = rest.dropFirst(digits.count)
            if let mark = after.first, mark == "." || mark == ")" {
                let next = after.dropFirst().first
                return next == nil || next == " " || next == "\t"
            }
        }
        return false
    }
}
