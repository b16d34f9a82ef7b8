import ConvoBase
import ConvoSections
import Foundation
import Yams

/// An `.intent` file as a person left it, updated the way `cargo add` edits a Cargo.toml: only the
/// top-level blocks whose value changes are rewritten (in canonical form); every other byte
/// (comments, spacing, the order the human chose) stays as it was. A block the file lacks is
/// inserted after the nearest field that precedes it in canonical order.
public struct IntentDocument: Sendable {
    /// How the file is named in messages.
    public let file: String
    /// The file's bytes as read; updates return new text and never change this one.
    public let text: String
    /// The file as read; updates need it to be free of errors.
    public let parsed: IntentParseResult

    public init(text: String, file: String) {
        self.file = file
        self.text = text
        self.parsed = IntentReader.read(text, file: file)
    }

    /// The intent when the file has no errors.
    public var intent: Intent? { parsed.intent }

    /// The file with the tool-owned blocks (status, signals, evidence, impact, weekly, change,
    /// history) taken from `updated`.
    public func updatingOwnedBlocks(from updated: Intent) throws(DiagnosticsError) -> String {
        try updating(IntentField.toolOwned, from: updated)
    }

    /// The file with `fields` taken from `updated`; unchanged fields keep their bytes, so running
    /// the same update twice changes nothing.
    /// - Throws: the file's own problems when it is not a mapping of fields; an internal error when
    ///   the edited text would not read back as intended (the file is then left as it was).
    public func updating(_ fields: Set<IntentField>, from updated: Intent) throws(DiagnosticsError) -> String {
        // Problems in fields the update does not rewrite (an unknown key, a mistyped kind) stay the
        // human's to fix; only a file that is not a mapping of fields at all cannot be updated.
        guard let current = parsed.partial else { throw DiagnosticsError(parsed.diagnostics, exitStatus: .usage) }
        var expected = current
        for field in fields { IntentDocument.copy(field, from: updated, into: &expected) }
        let changed = fields.filter { IntentWriter.block(for: $0, of: current) != IntentWriter.block(for: $0, of: expected) }
        guard !changed.isEmpty else { return text }

        guard let layout = Layout(text: text) else {
            // A flow-style or otherwise unusual top level: no blocks to keep, so write it whole.
            return IntentWriter.write(expected)
        }
        var edits: [Edit] = []
        for field in changed.sorted() {
            let replacement = IntentWriter.block(for: field, of: expected).map(Layout.lines) ?? []
            if let span = layout.spans[field] {
                var lines = replacement
                if let comment = layout.keyLineComment(field), !lines.isEmpty {
                    lines[0] = Layout.attach(comment, to: lines[0])
                }
                edits.append(Edit(start: span.lowerBound, end: span.upperBound, lines: lines, order: field.canonicalIndex))
            } else if !replacement.isEmpty {
                edits.append(Edit(start: layout.insertionPoint(for: field), end: layout.insertionPoint(for: field),
                                  lines: replacement, order: field.canonicalIndex))
            }
        }
        var lines = layout.lines
        for edit in edits.sorted(by: { ($0.start, $0.order) > ($1.start, $1.order) }) {
            lines.replaceSubrange(edit.start..<edit.end, with: edit.lines)
        }
        let result = lines.joined(separator: layout.newline) + (layout.endsWithNewline ? layout.newline : "")
        guard IntentReader.read(result, file: file).partial == expected else {
            throw DiagnosticsError([Diagnostic(.error, at: SourceLocation(file: file),
                                               "cannot update \(changed.sorted().map(\.rawValue).joined(separator: ", ")) in place",
                                               hints: ["rewrite the file's top level as one `key: value` per line, or report this as a bug"])],
                                   exitStatus: .internalFailure)
        }
        return result
    }

    static func copy(_ field: IntentField, from source: Intent, into target: inout Intent) {
        switch field {
        case .id: target.id = source.id
        case .title: target.title = source.title
        case .kind: target.kind = source.kind
        case .status: target.status = source.status
        case .stage: target.stage = source.stage
        case .fixCost: target.fixCost = source.fixCost
        case .summary: target.summary = source.summary
        case .touches: target.touches = source.touches
        case .signals: target.signals = source.signals
        case .evidence: target.evidence = source.evidence
        case .impact: target.impact = source.impact
        case .weekly: target.weekly = source.weekly
        case .change: target.change = source.change
        case .history: target.history = source.history
        case .notes: target.notes = source.notes
        }
    }

    private struct Edit {
        var start: Int
        var end: Int
        var lines: [String]
        var order: Int
    }

    /// Where each top-level block of the file is, as 0-based line ranges.
    struct Layout {
        let lines: [String]
        let newline: String
        let endsWithNewline: Bool
        /// Top-level keys in file order: (line index, field if known).
        let keys: [(line: Int, field: IntentField?)]
        let spans: [IntentField: Range<Int>]

        init?(text: String) {
            newline = text.contains("\r\n") ? "\r\n" : "\n"
            endsWithNewline = text.hasSuffix("\n")
            var split = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
            if endsWithNewline { split.removeLast() }
            lines = split
            guard let root = try? Yams.compose(yaml: text), case .mapping(let mapping) = root else { return nil }
            // A flow mapping (`{id: a, …}`) has no blocks to keep.
            if let mark = mapping.mark, mark.line >= 1, mark.line <= split.count,
               split[mark.line - 1].dropFirst(max(0, mark.column - 1)).hasPrefix("{") { return nil }
            var keys: [(line: Int, field: IntentField?)] = []
            for (key, _) in mapping {
                guard let mark = key.mark, mark.column == 1 else { return nil }
                keys.append((mark.line - 1, key.string.flatMap(IntentField.init(rawValue:))))
            }
            self.keys = keys
            var spans: [IntentField: Range<Int>] = [:]
            for (position, key) in keys.enumerated() {
                guard let field = key.field else { continue }
                let limit = position + 1 < keys.count ? keys[position + 1].line : split.count
                var end = limit
                while end > key.line + 1 {
                    let text = split[end - 1]
                    let trimmed = text.trimmingCharacters(in: .whitespaces)
                    if trimmed.isEmpty || text.hasPrefix("#") || trimmed == "..." || trimmed == "---" {
                        end -= 1
                    } else {
                        break
                    }
                }
                spans[field] = key.line..<end
            }
            self.spans = spans
        }

        static func lines(_ block: String) -> [String] {
            var lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines
        }

        /// After the block of the nearest field before `field` in canonical order; else before
        /// the first field after it (and the comment lines just above that field); else at the end.
        func insertionPoint(for field: IntentField) -> Int {
            let before = spans.filter { $0.key < field }.max { $0.key < $1.key }
            if let before { return before.value.upperBound }
            if let after = spans.filter({ $0.key > field }).min(by: { $0.key < $1.key }) {
                var start = after.value.lowerBound
                while start > 0 && lines[start - 1].hasPrefix("#") { start -= 1 }
                return start
            }
            var end = lines.count
            while end > 0 && (lines[end - 1].trimmingCharacters(in: .whitespaces) == "...") { end -= 1 }
            return end
        }

        /// The comment at the end of a field's key line (`status: open   # open | proposed`),
        /// with the column it starts at, so a rewrite can keep it.
        func keyLineComment(_ field: IntentField) -> (column: Int, gap: Int, text: String)? {
            guard let span = spans[field] else { return nil }
            guard lines[span.lowerBound].hasPrefix(field.rawValue + ":") else { return nil }
            let line = Array(lines[span.lowerBound])
            var index = field.rawValue.count + 1  // past `key:`
            guard index <= line.count else { return nil }
            func skipSpaces() { while index < line.count && (line[index] == " " || line[index] == "\t") { index += 1 } }
            skipSpaces()
            if index < line.count {
                switch line[index] {
                case "#": break
                case "\"":
                    index += 1
                    while index < line.count && line[index] != "\"" { index += line[index] == "\\" ? 2 : 1 }
                    index += 1
                case "'":
                    index += 1
                    while index < line.count {
                        if line[index] == "'" {
                            if index + 1 < line.count && line[index + 1] == "'" { index += 2; continue }
                            break
                        }
                        index += 1
                    }
                    index += 1
                case "[", "{":
                    var depth = 0
                    var quote: Character?
                    while index < line.count {
                        let c = line[index]
                        if let open = quote {
                            if c == open { quote = nil }
                        } else if c == "\"" || c == "'" {
                            quote = c
                        } else if c == "[" || c == "{" {
                            depth += 1
                        } else if c == "]" || c == "}" {
                            depth -= 1
                            if depth == 0 { index += 1; break }
                        }
                        index += 1
                    }
                default:
                    // A plain scalar ends where ` #` starts a comment.
                    while index < line.count && !(line[index] == "#" && (line[index - 1] == " " || line[index - 1] == "\t")) {
                        index += 1
                    }
                }
            }
            skipSpaces()
            guard index < line.count, line[index] == "#" else { return nil }
            var gapStart = index
            while gapStart > 0 && (line[gapStart - 1] == " " || line[gapStart - 1] == "\t") { gapStart -= 1 }
            guard gapStart < index else { return nil }  // a comment needs whitespace before its `#`
            return (index, max(1, index - gapStart), String(line[index...]))
        }

        /// `line` with `comment` after it, at the comment's old column when the line is short enough.
        static func attach(_ comment: (column: Int, gap: Int, text: String), to line: String) -> String {
            let padding = line.count < comment.column ? comment.column - line.count : comment.gap
            return line + String(repeating: " ", count: padding) + comment.text
        }
    }
}
