import ConvoBase

/// Sections of a Markdown file (or the body of a `.prompt` file): a section per heading, its anchor
/// the GitHub-style slug of its text joined to its parents' with `/`, and a section per
/// `convo:section` region, its anchor the region's name.
struct MarkdownSectionParser {
    let path: String
    let lines: SourceLines
    /// Whether a leading `---` … `---` block is front matter (always for `.prompt`; for `.md`
    /// GitHub's rule: only a block that starts on the first line).
    let frontMatter: Bool

    private struct Draft {
        var anchor: String
        var kind: SectionKind
        var title: String
        var level: Int
        var start: Int
        var end: Int
    }

    func parse() throws(SectionError) -> [Section] {
        let body = bodyStart()
        let events = MarkdownScanner(lines: lines).scan(from: body)
        var drafts = try buildDrafts(events)
        let lastLine = max(1, lines.count)
        for index in drafts.indices {
            drafts[index].end = lines.trimmedEnd(start: drafts[index].start, end: drafts[index].end)
        }

        // Each line belongs to the innermost section holding it: the latest-starting one.
        var owned = [[Int]](repeating: [], count: drafts.count)
        var fileOwned: [Int] = []
        let order = drafts.indices.sorted { (drafts[$0].start, drafts[$1].end) < (drafts[$1].start, drafts[$0].end) }
        var active: [Int] = []
        var next = 0
        if lines.count > 0 {
            for line in 1...lines.count {
                while next < order.count && drafts[order[next]].start <= line {
                    active.append(order[next])
                    next += 1
                }
                active.removeAll { drafts[$0].end < line }
                if let owner = active.last { owned[owner].append(line) } else { fileOwned.append(line) }
            }
        }

        // Direct children, by the same containment rule applied to each section's first line.
        var children = [[String]](repeating: [], count: drafts.count)
        var fileChildren: [String] = []
        for (position, index) in order.enumerated() {
            let start = drafts[index].start
            let parent = order[..<position].last { drafts[$0].start < start && drafts[$0].end >= start }
            if let parent { children[parent].append(drafts[index].anchor) } else { fileChildren.append(drafts[index].anchor) }
        }

        var sections = [Section(path: path, anchor: nil, kind: .file, startLine: 1, endLine: lastLine,
                                content: lines.normalizedText(fileOwned), childOrder: fileChildren)]
        for index in order {
            let draft = drafts[index]
            sections.append(Section(path: path, anchor: draft.anchor, kind: draft.kind, startLine: draft.start,
                                    endLine: draft.end, title: draft.title,
                                    content: lines.normalizedText(owned[index]), childOrder: children[index]))
        }
        return sections
    }

    /// The first line after the front matter, or 1.
    private func bodyStart() -> Int {
        guard frontMatter || path.hasSuffix(".md") || path.hasSuffix(".markdown"),
              lines.count >= 2, lines[1].trimmingSpaces == "---" else { return 1 }
        for line in 2...lines.count {
            let text = lines[line].trimmingSpaces
            if text == "---" || text == "..." { return line + 1 }
        }
        return 1
    }

    private func buildDrafts(_ events: [MarkdownScanner.Event]) throws(SectionError) -> [Draft] {
        var drafts: [Draft] = []
        var used: Set<String> = []
        // Open headings, outermost first: (level, draft index).
        var headingStack: [(level: Int, index: Int)] = []
        var openRegions: [Int] = []
        let lastLine = max(1, lines.count)

        for event in events {
            switch event {
            case .heading(let level, let text, let line):
                while let top = headingStack.last, top.level >= level {
                    drafts[top.index].end = line - 1
                    headingStack.removeLast()
                }
                var slug = Slug.make(MarkdownSectionParser.plainText(text), maxLength: 200)
                if slug.isEmpty { slug = "section" }
                let parent = headingStack.last.map { drafts[$0.index].anchor }
                let base = parent.map { "\($0)/\(slug)" } ?? slug
                var anchor = base
                var suffix = 1
                while used.contains(anchor) {
                    anchor = "\(base)-\(suffix)"
                    suffix += 1
                }
                used.insert(anchor)
                drafts.append(Draft(anchor: anchor, kind: .markdownHeading, title: text, level: level,
                                    start: line, end: lastLine))
                headingStack.append((level, drafts.count - 1))
            case .regionStart(let name, let line):
                guard !name.contains(where: { $0 == " " || $0 == "\t" || $0 == "#" }) else {
                    throw SectionError("region name '\(name)' may not contain spaces or '#'", file: path, line: line,
                                       hints: ["name regions like anchors, e.g. <!-- convo:section refund-policy -->"])
                }
                drafts.append(Draft(anchor: name, kind: .markdownRegion, title: name, level: 0, start: line, end: lastLine))
                openRegions.append(drafts.count - 1)
            case .regionEnd(let line):
                guard let open = openRegions.popLast() else {
                    throw SectionError("'<!-- /convo:section -->' closes no open region", file: path, line: line,
                                       hints: ["remove it, or add '<!-- convo:section NAME -->' where the region starts"])
                }
                drafts[open].end = line
            }
        }
        if let open = openRegions.last {
            throw SectionError("region '\(drafts[open].anchor)' is never closed", file: path, line: drafts[open].start,
                               hints: ["add '<!-- /convo:section -->' where the region ends"])
        }
        // A region's name is its address; it may not collide with a heading or another region.
        var seen: [String: Int] = [:]
        for draft in drafts {
            if let first = seen[draft.anchor] {
                throw SectionError("section '\(draft.anchor)' is defined twice (first on line \(first))",
                                   file: path, line: draft.start, hints: ["give the region a name no heading slug uses"])
            }
            seen[draft.anchor] = draft.start
        }
        return drafts
    }

    /// Heading text as GitHub renders it before slugging: link and image targets dropped
    /// (`[Webhooks](https://…)` → `Webhooks`), emphasis and code markers left to the slugger.
    static func plainText(_ text: String) -> String {
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c == "]", text.index(after: index) < text.endIndex, text[text.index(after: index)] == "(" {
                // Skip `(target)` after a link's text.
                var depth = 0
                var cursor = text.index(after: index)
                while cursor < text.endIndex {
                    if text[cursor] == "(" { depth += 1 }
                    if text[cursor] == ")" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    cursor = text.index(after: cursor)
                }
                if cursor < text.endIndex {
                    index = text.index(after: cursor)
                    continue
                }
            }
            out.append(c)
            index = text.index(after: index)
        }
        return out
    }
}
