import Foundation

/// `PATH#ANCHOR` (or a bare `PATH` for a whole file), the way intents name what they touch.
public struct SectionAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Repository-relative path with `/` separators, no leading `./`.
    public var path: String
    /// Heading path (`setup/api-keys`), region name or dotted key path; nil for the whole file.
    public var anchor: String?

    public init(path: String, anchor: String? = nil) {
        self.path = SectionAddress.normalize(path: path)
        self.anchor = anchor.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Splits at the first `#`; nil when there is no path.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces
        let parts = trimmed.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty else { return nil }
        self.init(path: String(first), anchor: parts.count > 1 ? String(parts[1]) : nil)
        guard !self.path.isEmpty else { return nil }
    }

    public var description: String { anchor.map { "\(path)#\($0)" } ?? path }

    public static func < (lhs: SectionAddress, rhs: SectionAddress) -> Bool {
        lhs.description < rhs.description
    }

    /// Whether a change to `address` is covered by an intent touching `self`: the same section,
    /// one of its descendants (`#a` covers `#a/b`, `#a.b` covers `#a.b.c`), or, for a bare path,
    /// any section of that file.
    public func covers(_ address: SectionAddress) -> Bool {
        guard path == address.path else { return false }
        guard let anchor else { return true }
        guard let other = address.anchor else { return false }
        if other == anchor { return true }
        guard other.hasPrefix(anchor) else { return false }
        let next = other[other.index(other.startIndex, offsetBy: anchor.count)]
        return next == "/" || next == "."
    }

    static func normalize(path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        while path.contains("//") { path = path.replacingOccurrences(of: "//", with: "/") }
        return path
    }
}

/// Whether an intent's `touches` entry covers a changed section address; both are strings as
/// they appear in intent files and hook messages.
public func covers(touch: String, address: String) -> Bool {
    guard let touch = SectionAddress(touch), let address = SectionAddress(address) else { return false }
    return touch.covers(address)
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice.removeLast() }
        return String(slice)
    }
}
