public import ConvoBase

/// A unified diff (`git diff`, `diff -u`), read so it can be applied in memory to the versions of
/// files in HEAD: `convo propose --patch` never touches the work tree before the commit exists.
public struct UnifiedPatch: Sendable, Hashable {
    /// The changes to one file.
    public struct FilePatch: Sendable, Hashable {
        /// The path before (nil for a new file) and after (nil for a deletion), `a/`/`b/` removed.
        public var oldPath: String?
        public var newPath: String?
        public var hunks: [Hunk]
        /// The line of the patch text where this file's header starts, for messages.
        public var line: Int

        /// The path the change is about.
        public var path: String { newPath ?? oldPath ?? "" }
    }

    /// One `@@ -a,b +c,d @@` block: where it applies in the old file and the lines it holds.
    public struct Hunk: Sendable, Hashable {
        public var oldStart: Int
        public var oldCount: Int
        public var newStart: Int
        public var newCount: Int
        public var lines: [Line]
        /// The `@@ … @@` line, for messages.
        public var header: String
        public var line: Int
        /// `\ No newline at end of file` after the old or new side's last line.
        public var oldMissingNewline = false
        public var newMissingNewline = false
    }

    /// A hunk line without its ` `, `-` or `+` marker.
    public enum Line: Sendable, Hashable {
        case context(String)
        case removed(String)
        case added(String)
    }

    public var files: [FilePatch]

    /// Reads a patch. `name` is how the patch is named in messages (its file name).
    /// - Throws: `PatchError` naming the line for a malformed header or hunk, or a patch with no files.
    public static func parse(_ text: String, name: String) throws(PatchError) -> UnifiedPatch {
        // "\r\n" is one Character in Swift: split on either form.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var files: [FilePatch] = []
        var index = 0
        func fail(_ message: String, _ line: Int) -> PatchError {
            PatchError(message, file: name, line: line + 1,
                       hints: ["write the patch with `git diff > FILE` (or `diff -u OLD NEW`), paths relative to the repository root"])
        }
        while index < lines.count {
            let line = lines[index]
            guard line.hasPrefix("--- ") else {
                index += 1
                continue
            }
            let headerLine = index
            guard index + 1 < lines.count, lines[index + 1].hasPrefix("+++ ") else {
                throw fail("'--- ' is not followed by a '+++ ' line", index)
            }
            let oldPath = path(fromHeader: line)
            let newPath = path(fromHeader: lines[index + 1])
            index += 2
            var hunks: [Hunk] = []
            while index < lines.count, lines[index].hasPrefix("@@") {
                guard var hunk = hunkHeader(lines[index], line: index + 1) else {
                    throw fail("malformed hunk header '\(lines[index])'", index)
                }
                index += 1
                var oldSeen = 0, newSeen = 0
                while index < lines.count, oldSeen < hunk.oldCount || newSeen < hunk.newCount
                        || (index < lines.count && lines[index].hasPrefix("\\")) {
                    let body = lines[index]
                    if body.hasPrefix("\\") {
                        // "\ No newline at end of file" belongs to the line just before it.
                        switch hunk.lines.last {
                        case .removed?: hunk.oldMissingNewline = true
                        case .added?: hunk.newMissingNewline = true
                        case .context?:
                            hunk.oldMissingNewline = true
                            hunk.newMissingNewline = true
                        case nil: break
                        }
                        index += 1
                        continue
                    }
                    guard oldSeen < hunk.oldCount || newSeen < hunk.newCount else { break }
                    let content = String(body.dropFirst())
                    switch body.first {
                    case " ", nil:
                        hunk.lines.append(.context(content))
                        oldSeen += 1
                        newSeen += 1
                    case "-":
                        hunk.lines.append(.removed(content))
                        oldSeen += 1
                    case "+":
                        hunk.lines.append(.added(content))
                        newSeen += 1
                    default:
                        throw fail("hunk '\(hunk.header)' ends early: expected \(hunk.oldCount) old and \(hunk.newCount) new lines", index)
                    }
                    index += 1
                }
                guard oldSeen == hunk.oldCount, newSeen == hunk.newCount else {
                    throw fail("hunk '\(hunk.header)' ends early: expected \(hunk.oldCount) old and \(hunk.newCount) new lines", index - 1)
                }
                hunks.append(hunk)
            }
            guard oldPath != nil || newPath != nil else { throw fail("both sides of the file header are /dev/null", headerLine) }
            files.append(FilePatch(oldPath: oldPath, newPath: newPath, hunks: hunks, line: headerLine + 1))
        }
        guard !files.isEmpty else {
            throw PatchError("'\(name)' holds no file changes (no '--- ' / '+++ ' headers)", file: name,
                             hints: ["write the patch with `git diff > FILE`"])
        }
        return UnifiedPatch(files: files)
    }

    /// `--- a/prompts/x.md\t2026-…` → `prompts/x.md`; `/dev/null` → nil.
    private static func path(fromHeader line: String) -> String? {
        var path = String(line.dropFirst(4))
        if let tab = path.firstIndex(of: "\t") { path = String(path[..<tab]) }
        if path.hasPrefix("\""), path.hasSuffix("\""), path.count >= 2 { path = String(path.dropFirst().dropLast()) }
        path = path.trimmingCharacters(in: .whitespaces)
        if path == "/dev/null" { return nil }
        if path.hasPrefix("a/") || path.hasPrefix("b/") { path = String(path.dropFirst(2)) }
        while path.hasPrefix("./") { path = String(path.dropFirst(2)) }
        return path
    }

    /// `@@ -70,6 +70,7 @@ optional section` (counts default to 1).
    private static func hunkHeader(_ line: String, line number: Int) -> Hunk? {
        let parts = line.split(separator: " ")
        guard parts.count >= 4, parts[0] == "@@", parts[3].hasPrefix("@@"),
              let old = range(parts[1], sign: "-"), let new = range(parts[2], sign: "+") else { return nil }
        return Hunk(oldStart: old.start, oldCount: old.count, newStart: new.start, newCount: new.count, lines: [],
                    header: line, line: number)
    }

    private static func range(_ text: Substring, sign: Character) -> (start: Int, count: Int)? {
        guard text.first == sign else { return nil }
        let numbers = text.dropFirst().split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(numbers.count), let start = Int(numbers[0]), start >= 0 else { return nil }
        let count = numbers.count == 2 ? Int(numbers[1]) : 1
        guard let count, count >= 0 else { return nil }
        return (start, count)
    }
}

extension UnifiedPatch.FilePatch {
    /// Applies the hunks to `old` (nil when the file does not exist) and returns the new text (nil
    /// when the patch deletes the file). Each hunk must match exactly; like `git apply`, a hunk
    /// whose context sits a few lines away from where the header says is found by searching
    /// outward from there.
    /// - Throws: `PatchError` naming the hunk and the first line that differs.
    public func apply(to old: String?, patchName: String) throws(PatchError) -> String? {
        if oldPath == nil, old != nil {
            throw PatchError("the patch creates '\(path)', which exists already", file: patchName, line: line,
                             hints: ["make the patch against HEAD (`git diff HEAD`)"])
        }
        if oldPath != nil, old == nil {
            throw PatchError("the patch changes '\(oldPath ?? path)', which does not exist in HEAD", file: patchName, line: line,
                             hints: ["make the patch against HEAD (`git diff HEAD`)"])
        }
        var lines = old.map(TextLines.init) ?? TextLines(lines: [], endsWithNewline: true)
        var offset = 0
        for hunk in hunks {
            let expected = hunk.lines.compactMap { line -> String? in
                switch line {
                case .context(let text), .removed(let text): text
                case .added: nil
                }
            }
            let replacement = hunk.lines.compactMap { line -> String? in
                switch line {
                case .context(let text), .added(let text): text
                case .removed: nil
                }
            }
            // A hunk of 0 old lines inserts after line oldStart; otherwise it starts at oldStart.
            let wanted = (hunk.oldCount == 0 ? hunk.oldStart : hunk.oldStart - 1) + offset
            guard let at = TextLines.find(expected, in: lines.lines, near: wanted) else {
                throw mismatch(hunk, expected: expected, lines: lines.lines, at: wanted, patchName: patchName)
            }
            lines.lines.replaceSubrange(at..<(at + expected.count), with: replacement)
            offset += replacement.count - expected.count + (at - wanted)
            if at + replacement.count == lines.lines.count {
                if hunk.newMissingNewline { lines.endsWithNewline = false } else if hunk.oldMissingNewline { lines.endsWithNewline = true }
            }
        }
        if newPath == nil {
            guard lines.lines.isEmpty else {
                throw PatchError("the patch deletes '\(path)' but leaves \(lines.lines.count) of its lines", file: patchName, line: line)
            }
            return nil
        }
        return lines.text
    }

    private func mismatch(_ hunk: UnifiedPatch.Hunk, expected: [String], lines: [String], at wanted: Int,
                          patchName: String) -> PatchError {
        var detail = "the file has \(lines.count) lines"
        for (position, text) in expected.enumerated() {
            let index = wanted + position
            guard index >= 0, index < lines.count else { break }
            if lines[index] != text {
                detail = "line \(index + 1) of \(path) is '\(lines[index])' where the patch expects '\(text)'"
                break
            }
        }
        return PatchError("hunk '\(hunk.header)' does not apply to \(path) as it is in HEAD: \(detail)", file: patchName, line: hunk.line,
                          hints: ["make the patch against HEAD (`git diff HEAD -- \(path)`), or edit the file and run `convo propose` without --patch"])
    }
}

/// A text as lines, remembering whether it ended with a newline and which newline it uses.
struct TextLines {
    var lines: [String]
    var endsWithNewline: Bool
    /// `\r\n` for a file that uses it, else `\n`.
    var newline = "\n"

    init(lines: [String], endsWithNewline: Bool) {
        self.lines = lines
        self.endsWithNewline = endsWithNewline
    }

    init(_ text: String) {
        // "\r\n" is one Character in Swift: split on either form.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        endsWithNewline = text.isEmpty || text.hasSuffix("\n") || text.hasSuffix("\r\n")
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
        if text.contains("\r\n") { newline = "\r\n" }
    }

    var text: String {
        lines.isEmpty ? "" : lines.joined(separator: newline) + (endsWithNewline ? newline : "")
    }

    /// Where `needle` occurs in `haystack`, trying `near` first and then further away on
    /// either side (before first at equal distance).
    static func find(_ needle: [String], in haystack: [String], near: Int) -> Int? {
        let last = haystack.count - needle.count
        guard last >= 0 else { return nil }
        func matches(_ start: Int) -> Bool {
            guard start >= 0, start <= last else { return false }
            for (offset, line) in needle.enumerated() where haystack[start + offset] != line { return false }
            return true
        }
        let origin = min(max(near, 0), last)
        for distance in 0...max(origin, last - origin) {
            if matches(origin - distance) { return origin - distance }
            if distance > 0, matches(origin + distance) { return origin + distance }
        }
        return nil
    }
}

/// A patch that cannot be read or does not apply.
public struct PatchError: UserFacingError, Equatable {
    public var location: SourceLocation?
    public var message: String
    public var hints: [String]

    public init(_ message: String, file: String, line: Int? = nil, hints: [String] = []) {
        self.location = SourceLocation(file: file, line: line)
        self.message = message
        self.hints = hints
    }

    public var exitStatus: ExitStatus { .usage }
}
