/// Every section of one version of one file.
public struct FileSections: Sendable, Hashable {
    public var path: String
    /// How the sections were found (by extension, or `.plain` for a governed file of another type).
    public var format: SectionFormat
    /// Lines in the file; the whole-file section spans `1...max(1, lineCount)`.
    public var lineCount: Int
    /// The whole-file section first, then the others in document order.
    public var sections: [Section]

    public init(path: String, format: SectionFormat, lineCount: Int, sections: [Section]) {
        self.path = path
        self.format = format
        self.lineCount = lineCount
        self.sections = sections
    }

    /// All addresses, in document order.
    public var addresses: [String] { sections.map(\.address) }

    /// The section with this anchor (nil anchor: the whole file).
    public func section(anchor: String?) -> Section? {
        sections.first { $0.anchor == anchor }
    }

    /// The innermost section holding `line`: the one that starts last among those containing it
    /// (then the shortest), or the whole-file section when no other holds it. This is what
    /// `convo blame FILE:LINE` reports.
    public func innermost(line: Int) -> Section? {
        var best: Section?
        for section in sections where section.kind != .file && section.contains(line: line) {
            if let current = best {
                if section.startLine > current.startLine
                    || (section.startLine == current.startLine && section.endLine < current.endLine) {
                    best = section
                }
            } else {
                best = section
            }
        }
        return best ?? sections.first { $0.kind == .file }
    }
}
