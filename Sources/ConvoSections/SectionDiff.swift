/// How one section differs between two versions of a file.
public struct SectionChange: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case added
        case removed
        case changed
    }

    /// `PATH#ANCHOR` or `PATH`, what a `touches` entry must cover.
    public var address: String
    public var kind: Kind
    /// Where the section is in the new version (for added and changed) or the old (for removed).
    public var startLine: Int
    public var endLine: Int

    public init(address: String, kind: Kind, startLine: Int, endLine: Int) {
        self.address = address
        self.kind = kind
        self.startLine = startLine
        self.endLine = endLine
    }

    public static func < (lhs: SectionChange, rhs: SectionChange) -> Bool {
        (lhs.address, lhs.kind.rawValue) < (rhs.address, rhs.kind.rawValue)
    }

    public var description: String { "\(kind.rawValue) \(address)" }
}

/// Which sections changed between two versions of a file, from their parsed sections rather than
/// from line hunks: an edit is reported on the innermost section it touched and on no parent,
/// moving text within a section reports only that section, and reformatting or reordering YAML
/// keys reports nothing.
public enum SectionDiff {
    /// The changes, sorted by address. A nil version means the file does not exist there, so every
    /// section of the other version is added or removed. A file of a type convo reads no sections
    /// from (a governed `.txt`) has only its whole-file section.
    /// - Throws: `SectionError` when either version cannot be parsed (callers such as the pre-push
    ///   hook may then treat the whole file as changed).
    public static func changes(path: String, old: String?, new: String?) throws(SectionError) -> [SectionChange] {
        let format = SectionFormat(path: path) ?? .plain
        let before = try old.map { text throws(SectionError) in try SectionParser.parse(path: path, text: text, format: format) }
        let after = try new.map { text throws(SectionError) in try SectionParser.parse(path: path, text: text, format: format) }
        return changes(from: before, to: after)
    }

    /// The changes between two parsed versions of the same file.
    public static func changes(from old: FileSections?, to new: FileSections?) -> [SectionChange] {
        var oldByAnchor: [String: Section] = [:]
        for section in old?.sections ?? [] { oldByAnchor[section.anchor ?? ""] = section }
        var newByAnchor: [String: Section] = [:]
        for section in new?.sections ?? [] { newByAnchor[section.anchor ?? ""] = section }

        var result: [SectionChange] = []
        for (anchor, section) in newByAnchor {
            guard let previous = oldByAnchor[anchor] else {
                result.append(SectionChange(address: section.address, kind: .added,
                                            startLine: section.startLine, endLine: section.endLine))
                continue
            }
            if previous.kind != section.kind || previous.content != section.content
                || keptOrder(previous.childOrder, newAnchors: newByAnchor) != keptOrder(section.childOrder, newAnchors: oldByAnchor) {
                result.append(SectionChange(address: section.address, kind: .changed,
                                            startLine: section.startLine, endLine: section.endLine))
            }
        }
        for (anchor, section) in oldByAnchor where newByAnchor[anchor] == nil {
            result.append(SectionChange(address: section.address, kind: .removed,
                                        startLine: section.startLine, endLine: section.endLine))
        }
        return result.sorted()
    }

    /// The children present in both versions, in order: adding or removing a child is a change
    /// to the child alone, reordering the kept ones is a change to the parent.
    private static func keptOrder(_ children: [String], newAnchors other: [String: Section]) -> [String] {
        children.filter { other[$0] != nil }
    }
}
