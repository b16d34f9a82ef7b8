/// One `Key: value` line of a commit message's trailer block.
public struct Trailer: Sendable, Hashable, CustomStringConvertible {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }

    /// `Key: value`, the form git writes and `git interpret-trailers --parse` prints.
    public var description: String { "\(key): \(value)" }

    /// Keys compare case-insensitively (`Intent` and `intent` are the same trailer to git).
    public func hasKey(_ other: String) -> Bool { key.lowercased() == other.lowercased() }
}

/// Reading and writing commit-message trailers by git's rules (`git-interpret-trailers(1)`,
/// git 2.39 `trailer.c`).
///
/// This is a Swift port of git's algorithm rather than a call to libgit2's
/// `git_message_trailers`: libgit2 1.5.1 drops continuation lines folded with a tab and reads the
/// trailer after an empty value (`Acked-by:`) as that value's continuation, where git does
/// neither. The tests hold both parsing and appending to `git interpret-trailers`' output.
public enum Trailers {
    /// The trailers of `message`, in order, repeated keys kept, folded values joined with single
    /// spaces: what `git interpret-trailers --parse` prints.
    public static func parse(_ message: String) -> [Trailer] {
        let layout = MessageLayout(message)
        guard let start = layout.trailerStart else { return [] }
        var entries: [String] = []
        var lastIsTrailer = false
        for line in layout.lines[start..<layout.trailerEnd] {
            if lastIsTrailer, let first = line.utf8.first, isSpace(first), let last = entries.indices.last {
                entries[last] += "\n" + line
                continue
            }
            entries.append(String(line))
            lastIsTrailer = (separatorPosition(line[...]) ?? 0) >= 1
        }
        return entries.compactMap { entry in
            guard !entry.hasPrefix("#"), let separator = separatorPosition(entry[...]), separator >= 1 else { return nil }
            let bytes = Array(entry.utf8)
            let key = trim(bytes[..<separator])
            let value = trim(bytes[(separator + 1)...])
            return Trailer(String(decoding: key, as: UTF8.self), unfold(String(decoding: value, as: UTF8.self)))
        }
    }

    /// The values of every trailer named `key` (case-insensitively), in order.
    public static func values(of key: String, in trailers: [Trailer]) -> [String] {
        trailers.filter { $0.hasKey(key) }.map(\.value)
    }

    /// Appends `trailers` to `message` as `git interpret-trailers --if-exists add --trailer` does:
    /// onto the existing trailer block when there is one, else as a new block after exactly one
    /// blank line; before a `---` divider and trailing comment lines. Unlike git, the result
    /// always ends with exactly one newline and no trailing blank lines, and a message without a
    /// final newline is treated as if it had one.
    /// - Parameter skippingDuplicates: leave out a trailer whose key (case-insensitively) and
    ///   value are already present (git's `--if-exists addIfDifferent`).
    /// - Throws: `GitError` of kind `.invalidInput` when a key is not a trailer token (ASCII
    ///   letters, digits and `-`). Values are put on one line: newlines become spaces.
    public static func appending(_ trailers: [Trailer], to message: String,
                                 skippingDuplicates: Bool = false) throws -> String {
        for trailer in trailers where !isToken(trailer.key) {
            throw GitError(operation: "add trailer '\(trailer.key)'",
                           detail: "'\(trailer.key)' is not a trailer key (use letters, digits and '-')",
                           kind: .invalidInput)
        }
        let text = message.isEmpty || message.utf8.last == UInt8(ascii: "\n") ? message : message + "\n"
        let layout = MessageLayout(text)
        var present = skippingDuplicates ? parse(text) : []
        var added: [String] = []
        for trailer in trailers {
            let candidate = Trailer(trailer.key, unfold(trailer.value.replacingNewlinesWithSpaces()))
            if skippingDuplicates && present.contains(where: { $0.hasKey(candidate.key) && $0.value == candidate.value }) {
                continue
            }
            present.append(candidate)
            added.append(candidate.description)
        }
        guard !added.isEmpty else { return finished(layout.lines.map(String.init)) }

        let before = layout.lines[..<layout.trailerEnd].map(String.init)
        var output = before
        // git adds a blank line unless the text before the (possibly empty) block ends with one.
        let blockStart = layout.trailerStart ?? layout.trailerEnd
        let endsWithBlank = blockStart > 0 && isBlank(layout.lines[blockStart - 1])
        if !endsWithBlank { output.append("") }
        output += added
        output += layout.lines[layout.trailerEnd...].map(String.init)
        return finished(output)
    }

    private static func finished(_ lines: [String]) -> String {
        var lines = lines
        while let last = lines.last, isBlank(last[...]) { lines.removeLast() }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Joins folded lines the way git does: a newline and the whitespace after it become one
    /// space; whitespace at either end is dropped.
    static func unfold(_ value: String) -> String {
        var out: [UInt8] = []
        var bytes = Array(value.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "\n") {
                while let next = bytes.first, isSpace(next) { bytes.removeFirst() }
                out.append(UInt8(ascii: " "))
            } else {
                out.append(byte)
            }
        }
        return String(decoding: trim(out[...]), as: UTF8.self)
    }

    /// Where the `:` of `Token : value` is: a token of letters, digits and `-`, then optional
    /// spaces or tabs (git's `find_separator`).
    static func separatorPosition(_ line: Substring) -> Int? {
        var whitespaceFound = false
        for (offset, byte) in line.utf8.enumerated() {
            if byte == UInt8(ascii: ":") { return offset }
            if !whitespaceFound && (isAlphanumeric(byte) || byte == UInt8(ascii: "-")) { continue }
            if offset != 0 && (byte == 0x20 || byte == 0x09) {
                whitespaceFound = true
                continue
            }
            return nil
        }
        return nil
    }

    /// C's `isspace`, which git's trailer code uses throughout.
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0d).contains(byte) }

    static func isBlank(_ line: Substring) -> Bool { line.utf8.allSatisfy(isSpace) }

    static func isToken(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
    }

    private static func trim(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, isSpace(first) { slice.removeFirst() }
        while let last = slice.last, isSpace(last) { slice.removeLast() }
        return slice
    }
}

/// Where a message's trailer block is, found as git 2.39 finds it.
struct MessageLayout {
    /// The message's lines without their newlines.
    let lines: [Substring]
    /// The first line of the trailer block, or nil when there is none.
    let trailerStart: Int?
    /// The line after the block (or where a new block goes): before a `---` divider, a scissors
    /// line, and trailing blank, comment and `Conflicts:` lines.
    let trailerEnd: Int

    init(_ message: String) {
        // Split on the byte: as a Character, "\r\n" is not "\n".
        var lines = message.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Substring.init)
        let terminated = lines.last == ""
        if terminated { lines.removeLast() }
        self.lines = lines

        // `---` followed by whitespace (a newline counts) starts the patch part (`find_patch_start`).
        let patchStart = lines.indices.first { index in
            let bytes = Array(lines[index].utf8.prefix(4))
            guard bytes.starts(with: [0x2d, 0x2d, 0x2d]) else { return false }
            if bytes.count > 3 { return Trailers.isSpace(bytes[3]) }
            return index < lines.count - 1 || terminated
        } ?? lines.count
        // The scissors line of `git commit -v` ends the message (`wt_status_locate_end`).
        let scissors = lines.indices.first { lines[$0].hasPrefix("# ------------------------ >8 ------------------------") }
        let cutoff = min(patchStart, scissors ?? lines.count)

        // Trailing comments, empty lines and an old `Conflicts:` list are not part of the
        // message body (`ignore_non_trailer`); 0 doubles as "none", as in git.
        var beginningOfComments = 0
        var inConflicts = false
        for index in 0..<cutoff {
            let line = lines[index]
            if line.hasPrefix("#") || line.isEmpty {
                if beginningOfComments == 0 { beginningOfComments = index }
            } else if line == "Conflicts:" {
                inConflicts = true
                if beginningOfComments == 0 { beginningOfComments = index }
            } else if inConflicts && line.hasPrefix("\t") {
                continue
            } else if beginningOfComments != 0 {
                beginningOfComments = 0
                inConflicts = false
            }
        }
        trailerEnd = beginningOfComments != 0 ? beginningOfComments : cutoff
        trailerStart = MessageLayout.trailerStart(lines[..<trailerEnd])
    }

    /// git's `find_trailer_start`: the last paragraph, if it is all trailers, or at least 25%
    /// trailers with a git-generated one among them; never the first paragraph.
    private static func trailerStart(_ lines: ArraySlice<Substring>) -> Int? {
        var endOfTitle = lines.startIndex
        while endOfTitle < lines.endIndex {
            let line = lines[endOfTitle]
            if !line.hasPrefix("#") && Trailers.isBlank(line) { break }
            endOfTitle += 1
        }
        guard endOfTitle < lines.endIndex else { return nil }

        var onlySpaces = true, recognizedPrefix = false
        var trailerLines = 0, nonTrailerLines = 0, possibleContinuationLines = 0
        for index in stride(from: lines.endIndex - 1, through: endOfTitle, by: -1) {
            let line = lines[index]
            if line.hasPrefix("#") {
                nonTrailerLines += possibleContinuationLines
                possibleContinuationLines = 0
                continue
            }
            if Trailers.isBlank(line) {
                if onlySpaces { continue }
                nonTrailerLines += possibleContinuationLines
                if recognizedPrefix && trailerLines * 3 >= nonTrailerLines { return index + 1 }
                if trailerLines > 0 && nonTrailerLines == 0 { return index + 1 }
                return nil
            }
            onlySpaces = false
            let startsWithSpace = line.utf8.first.map(Trailers.isSpace) ?? false
            if line.hasPrefix("Signed-off-by: ") || line.hasPrefix("(cherry picked from commit ") {
                trailerLines += 1
                possibleContinuationLines = 0
                recognizedPrefix = true
            } else if (Trailers.separatorPosition(line) ?? 0) >= 1 && !startsWithSpace {
                trailerLines += 1
                possibleContinuationLines = 0
            } else if startsWithSpace {
                possibleContinuationLines += 1
            } else {
                nonTrailerLines += 1 + possibleContinuationLines
                possibleContinuationLines = 0
            }
        }
        return nil
    }
}

extension String {
    fileprivate func replacingNewlinesWithSpaces() -> String {
        String(map { $0 == "\n" || $0 == "\r\n" || $0 == "\r" ? " " : $0 })
    }
}
