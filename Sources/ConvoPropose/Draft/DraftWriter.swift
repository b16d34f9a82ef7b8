public import ConvoBase
public import ConvoIntents
public import ConvoLLM
import ConvoSections
import Foundation

/// One section the chat model rewrote.
public struct DraftedSection: Sendable, Hashable {
    public var address: String
    public var path: String
    /// False when the model gave the section back unchanged.
    public var changed: Bool
}

/// What `--draft` produced: new contents for the files it edited, and what it did per section.
public struct Draft: Sendable {
    /// Path → new text, for files with at least one changed section.
    public var files: [String: String]
    /// Path → the text the draft started from (HEAD's).
    public var originals: [String: String]
    public var sections: [DraftedSection]
}

/// `convo propose --draft`: asks a chat model to rewrite each section the intent touches, from
/// the intent's summary and (redacted) exemplars, one request per section.
///
/// The model gets the section's current text and must answer with the whole replacement in one
/// fenced block. The reply is applied to that section only, and rejected unless the file still
/// parses and every section it changes is covered by the touched address (so a Markdown reply
/// must keep its heading, a YAML reply its key and indentation).
public struct DraftWriter: Sendable {
    public var client: ChatClient
    public var redactor: Redactor

    public init(client: ChatClient, redactor: Redactor) {
        self.client = client
        self.redactor = redactor
    }

    /// - Parameter headText: a governed file's text in HEAD; nil when it does not exist there.
    /// - Throws: `ChatError` for a touched section that does not exist, an unusable reply, or no
    ///   change at all; `HTTPError` when the endpoint cannot be reached.
    public func draft(intent: Intent, headText: (String) throws -> String?) async throws -> Draft {
        guard !intent.touches.isEmpty else {
            throw ChatError("intent '\(intent.id)' touches no section, so --draft has nothing to rewrite", exitStatus: .usage,
                            hints: ["link the sections the fix belongs in: `convo intent link \(intent.id) PATH#ANCHOR`"])
        }
        var current: [String: String] = [:]
        var originals: [String: String] = [:]
        var results: [DraftedSection] = []
        var seen = Set<String>()
        for touch in intent.touches where seen.insert(touch).inserted {
            guard let address = SectionAddress(touch) else { continue }
            if current[address.path] == nil {
                guard let text = try headText(address.path) else {
                    throw ChatError("intent '\(intent.id)' touches \(touch), but \(address.path) does not exist in HEAD", exitStatus: .usage,
                                    hints: ["fix the touches with `convo intent unlink`/`link`"])
                }
                current[address.path] = text
                originals[address.path] = text
            }
            let text = current[address.path] ?? ""
            let parsed = try SectionParser.parse(path: address.path, text: text, format: SectionFormat(path: address.path) ?? .plain)
            guard let section = parsed.section(anchor: address.anchor) else {
                throw ChatError("intent '\(intent.id)' touches \(touch), which is not a section of \(address.path) in HEAD", exitStatus: .usage,
                                hints: ["run `convo sections \(address.path)` to list its addresses"])
            }
            var lines = TextLines(text)
            let range = DraftWriter.ownLines(of: section, in: parsed, lines: lines.lines)
            let original = Array(lines.lines[range])
            let reply = try await client.complete(messages(intent: intent, address: touch, section: original, format: parsed.format))
            let replacement = try DraftWriter.fencedBlock(in: reply, address: touch)
            lines.lines.replaceSubrange(range, with: replacement)
            let candidate = lines.text
            try validate(candidate: candidate, original: text, path: address.path, touch: touch, section: section)
            results.append(DraftedSection(address: touch, path: address.path, changed: candidate != text))
            current[address.path] = candidate
        }
        let files = current.filter { originals[$0.key] != $0.value }
        guard !files.isEmpty else {
            throw ChatError("the chat model returned every section unchanged", hints: ["edit the sections yourself and run `convo propose` without --draft"])
        }
        return Draft(files: files, originals: originals, sections: results)
    }

    /// The 0-based lines the model rewrites: a Markdown section's own text, up to its first nested
    /// heading (those are sections of their own, rewritten only if touched); a key's whole value;
    /// the whole file for a bare path.
    static func ownLines(of section: Section, in file: FileSections, lines: [String]) -> Range<Int> {
        guard section.kind != .file else { return 0..<lines.count }
        var end = min(section.endLine, lines.count)
        if section.kind == .markdownHeading || section.kind == .markdownRegion {
            let children = Set(section.childOrder)
            if let firstChild = file.sections.filter({ $0.anchor.map(children.contains) ?? false }).map(\.startLine).min() {
                end = max(section.startLine, firstChild - 1)
            }
            // Blank lines before the next heading stay where they are.
            while end > section.startLine, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
        }
        return (section.startLine - 1)..<end
    }

    func messages(intent: Intent, address: String, section: [String], format: SectionFormat) -> [ChatMessage] {
        let system = """
            You revise one section of the system prompt or configuration of a customer-support AI agent. \
            Make the smallest edit that fixes the problem described. Keep the section's heading or key, \
            its indentation and its format. Reply with the complete new text of the section inside one \
            fenced code block, and nothing else.
            """
        var user: [String] = []
        var headline = "A recurring problem"
        if let count = intent.evidence?.conversations, count > 0 { headline += " seen in \(count) conversations" }
        user.append("\(headline) (intent `\(intent.id)`: \(redactor.redact(intent.title))).")
        if let summary = intent.summary { user.append(redactor.redact(summary).trimmingCharacters(in: .whitespacesAndNewlines)) }
        if !intent.signals.exemplars.isEmpty {
            user.append("What users asked:\n" + intent.signals.exemplars.map { "- " + redactor.redact($0) }.joined(separator: "\n"))
        }
        let fence = DraftWriter.fence(for: section)
        user.append("Current text of `\(address)` (\(format.rawValue)):\n\(fence)\n\(section.joined(separator: "\n"))\n\(fence)")
        user.append("Return the complete replacement text of this section in one fenced code block.")
        return [ChatMessage(role: "system", content: system), ChatMessage(role: "user", content: user.joined(separator: "\n\n"))]
    }

    /// A backtick fence longer than any run of backticks at the start of a line of `lines`.
    static func fence(for lines: [String]) -> String {
        let longest = lines.map { $0.trimmingCharacters(in: .whitespaces).prefix { $0 == "`" }.count }.max() ?? 0
        return String(repeating: "`", count: max(3, longest + 1))
    }

    /// The content of the first fenced block (``` or ~~~, with an optional info string), without
    /// leading and trailing blank lines.
    static func fencedBlock(in reply: String, address: String) throws(ChatError) -> [String] {
        let lines = TextLines(reply.replacingOccurrences(of: "\r\n", with: "\n")).lines
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard let marker = trimmed.first, marker == "`" || marker == "~" else { continue }
            let length = trimmed.prefix { $0 == marker }.count
            guard length >= 3 else { continue }
            guard let end = lines[(index + 1)...].firstIndex(where: { candidate in
                let text = candidate.trimmingCharacters(in: .whitespaces)
                return text.count >= length && text.allSatisfy { $0 == marker }
            }) else { break }
            var block = Array(lines[(index + 1)..<end])
            while block.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { block.removeFirst() }
            while block.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { block.removeLast() }
            guard !block.isEmpty else { break }
            return block
        }
        throw ChatError("the chat model's reply for \(address) has no fenced code block with the new section text",
                        hints: ["run again, or try another model (llm.model)"])
    }

    /// The edited file must parse, keep the touched section, and change nothing outside it.
    private func validate(candidate: String, original: String, path: String, touch: String, section: Section) throws(ChatError) {
        let changes: [SectionChange]
        do {
            changes = try SectionDiff.changes(path: path, old: original, new: candidate)
        } catch {
            throw ChatError("the chat model's text for \(touch) breaks \(path): \(error.message)",
                            hints: ["run again, or edit the section yourself"])
        }
        let outside = changes.filter { !covers(touch: touch, address: $0.address) }
        if !outside.isEmpty {
            throw ChatError("the chat model's text for \(touch) also changes "
                            + outside.map(\.address).joined(separator: ", ") + " (a heading or key it must keep?)",
                            hints: ["run again, or edit the section yourself and run `convo propose` without --draft"])
        }
        if section.kind != .file,
           let parsed = try? SectionParser.parse(path: path, text: candidate, format: SectionFormat(path: path) ?? .plain),
           parsed.section(anchor: section.anchor) == nil {
            throw ChatError("the chat model's text for \(touch) drops the section itself", hints: ["run again, or edit the section yourself"])
        }
    }
}
