/// What kind of thing a section is, as `convo sections --json` prints it.
public enum SectionKind: String, Sendable, Hashable, CaseIterable {
    /// A Markdown heading and the text under it.
    case markdownHeading = "markdown-heading"
    /// A `<!-- convo:section NAME -->` … `<!-- /convo:section -->` region.
    case markdownRegion = "markdown-region"
    /// A key of a YAML mapping, addressed by its dotted path.
    case yamlKey = "yaml-key"
    /// A key of a JSON object, addressed by its dotted path.
    case jsonKey = "json-key"
    /// The whole file (address `PATH`, no anchor).
    case file
}

/// One addressable part of a governed file.
///
/// Sections nest (`#setup` contains `#setup/api-keys`), but each one's ``content`` is only its
/// *own* text, without its children, so that an edit is attributed to the innermost section it
/// touched and to no parent.
public struct Section: Sendable, Hashable {
    /// The file, relative to the repository root (`prompts/support.md`).
    public var path: String
    /// The anchor after `#`; nil for the whole-file section.
    public var anchor: String?
    public var kind: SectionKind
    /// First and last line (1-based, inclusive) of the section including its children.
    /// Trailing blank lines are not part of a section.
    public var startLine: Int
    public var endLine: Int
    /// Heading text, region name or key, for display; nil for the file.
    public var title: String?
    /// The section's own content, normalised for comparison: for Markdown the lines it owns
    /// (trailing spaces and surrounding blank lines dropped); for YAML and JSON keys the value as
    /// canonical JSON (`{}` for a mapping, whose keys are sections of their own).
    public var content: String
    /// Anchors of the direct children in document order; a Markdown parent counts as changed
    /// when the order of the children it keeps changes. Empty for structured files.
    public var childOrder: [String]

    public init(path: String, anchor: String?, kind: SectionKind, startLine: Int, endLine: Int,
                title: String? = nil, content: String, childOrder: [String] = []) {
        self.path = path
        self.anchor = anchor
        self.kind = kind
        self.startLine = startLine
        self.endLine = endLine
        self.title = title
        self.content = content
        self.childOrder = childOrder
    }

    /// `PATH#ANCHOR`, or `PATH` for the whole file.
    public var address: String { SectionAddress(path: path, anchor: anchor).description }

    /// Whether `line` falls inside the section.
    public func contains(line: Int) -> Bool { startLine <= line && line <= endLine }
}
