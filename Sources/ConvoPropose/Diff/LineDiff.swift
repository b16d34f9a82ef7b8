/// Line diffs for people to read: a draft's edit before confirmation, a section's text before and
/// after in a PR description.
public enum LineDiff {
    /// One line of a diff: in both texts, only the old one, or only the new one.
    public enum Line: Sendable, Hashable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The lines of `old` and `new` aligned by a longest common subsequence, so unchanged lines
    /// show as context. Inputs beyond `limit` lines on both sides fall back to all-removed then
    /// all-added, keeping the cost bounded.
    public static func lines(old: [String], new: [String], limit: Int = 3000) -> [Line] {
        // Common prefix and suffix first: most edits are small and local.
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        let a = Array(old[prefix..<(old.count - suffix)])
        let b = Array(new[prefix..<(new.count - suffix)])
        var middle: [Line] = []
        if a.count > limit || b.count > limit || a.count * b.count > 4_000_000 {
            middle = a.map(Line.removed) + b.map(Line.added)
        } else {
            // lengths[i][j]: LCS length of a[i...] and b[j...].
            var lengths = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
                }
            }
            var i = 0, j = 0
            while i < a.count || j < b.count {
                if i < a.count, j < b.count, a[i] == b[j] {
                    middle.append(.same(a[i]))
                    i += 1
                    j += 1
                } else if j == b.count || (i < a.count && lengths[i + 1][j] >= lengths[i][j + 1]) {
                    // Removals before additions at the same point, as `diff -u` prints them.
                    middle.append(.removed(a[i]))
                    i += 1
                } else {
                    middle.append(.added(b[j]))
                    j += 1
                }
            }
        }
        return old[..<prefix].map(Line.same) + middle + old[(old.count - suffix)...].map(Line.same)
    }

    /// The diff as ` `/`-`/`+` lines (what a Markdown ```diff block shows), every line included.
    public static func render(_ lines: [Line]) -> String {
        lines.map { line in
            switch line {
            case .same(let text): " " + text
            case .removed(let text): "-" + text
            case .added(let text): "+" + text
            }
        }.joined(separator: "\n")
    }

    /// A unified diff of two texts (`--- a/PATH`, `+++ b/PATH`, hunks with `context` lines
    /// around each change); empty when they are equal.
    /// - Parameter color: ANSI red/green/cyan for a terminal.
    public static func unified(path: String, old: String?, new: String?, context: Int = 3, color: Bool = false) -> String {
        let oldLines = old.map { TextLines($0).lines } ?? []
        let newLines = new.map { TextLines($0).lines } ?? []
        let diff = lines(old: oldLines, new: newLines)
        guard diff.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

        var out = [paint(old == nil ? "--- /dev/null" : "--- a/\(path)", "1"), paint(new == nil ? "+++ /dev/null" : "+++ b/\(path)", "1")]
        // Positions (old line, new line) before each diff line, to number the hunks.
        var positions: [(old: Int, new: Int)] = []
        var oldLine = 0, newLine = 0
        for line in diff {
            positions.append((oldLine, newLine))
            switch line {
            case .same: oldLine += 1; newLine += 1
            case .removed: oldLine += 1
            case .added: newLine += 1
            }
        }
        let changed = diff.indices.filter { if case .same = diff[$0] { false } else { true } }
        var index = 0
        while index < changed.count {
            var start = max(0, changed[index] - context)
            var end = min(diff.count - 1, changed[index] + context)
            var next = index + 1
            while next < changed.count, changed[next] - context <= end + 1 {
                end = min(diff.count - 1, changed[next] + context)
                next += 1
            }
            start = max(0, start)
            let slice = diff[start...end]
            let oldCount = slice.filter { if case .added = $0 { false } else { true } }.count
            let newCount = slice.filter { if case .removed = $0 { false } else { true } }.count
            let oldStart = oldCount == 0 ? positions[start].old : positions[start].old + 1
            let newStart = newCount == 0 ? positions[start].new : positions[start].new + 1
            out.append(paint("@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@", "36"))
            for line in slice {
                switch line {
                case .same(let text): out.append(" " + text)
                case .removed(let text): out.append(paint("-" + text, "31"))
                case .added(let text): out.append(paint("+" + text, "32"))
                }
            }
            index = next
        }
        return out.joined(separator: "\n") + "\n"
    }
}
