public import ConvoBase
public import ConvoGit
import ConvoHooks
public import ConvoSections

/// One commit that changed a section: `convo blame`'s answer to "why is this in the prompt?".
public struct BlameEntry: Sendable, Hashable {
    public var commit: ObjectID
    /// Who wrote the change, and when (the author date, as `git log` shows it).
    public var author: Signature
    /// The commit's title (`%s`).
    public var title: String
    /// `Intent:` trailer values, in order.
    public var intents: [String]
    /// `Conversation-Id:` trailer values, in order.
    public var conversations: [String]
    /// What it changed: the section asked about, or sections below it.
    public var changes: [SectionChange]

    public var json: JSONValue {
        .object([
            "commit": .string(commit.hex),
            "author": .string(author.description),
            "date": .string(author.time.timestamp.iso8601),
            "title": .string(title),
            "intents": .array(intents.map(JSONValue.string)),
            "conversations": .array(conversations.map(JSONValue.string)),
            "changes": .array(changes.map { .object(["section": .string($0.address), "kind": .string($0.kind.rawValue)]) }),
        ])
    }
}

/// The commits that changed one section, newest first, from parsed sections of each version of
/// the file (not `git blame`'s lines): moving text within the section, or editing another
/// section, does not count; editing the section's own text does, wherever its lines moved.
///
/// Merges count only for what they changed relative to every parent (edits made while resolving
/// them), as in `SectionHistory`; the merged commits themselves are listed. Renames are not
/// followed: history stops where the file got its current name.
public final class SectionBlame {
    public let repository: Repository
    private let cache: SectionCache

    public init(repository: Repository, cache: SectionCache? = nil) {
        self.repository = repository
        self.cache = cache ?? SectionCache(repository: repository)
    }

    /// - Parameters:
    ///   - address: `PATH#ANCHOR` (or `PATH` for every change to the file).
    ///   - includeNested: also list changes to sections nested in it (`#webhooks` lists edits to
    ///     `#webhooks/delivery-and-retries`), as an intent touching it would cover them.
    ///   - start: the commit whose history is searched (HEAD).
    public func blame(_ address: SectionAddress, includeNested: Bool, from start: ObjectID) throws -> [BlameEntry] {
        let target = address.description
        func matches(_ change: SectionChange) -> Bool {
            change.address == target || (includeNested && address.covers(SectionAddress(change.address) ?? address))
        }
        var entries: [BlameEntry] = []
        for id in try repository.commits(in: CommitRange(include: [start]), order: [.topological, .time]) {
            let commit = try repository.commit(id)
            let blob = try fileBlob(address.path, in: commit.tree)
            var parentBlobs: [ObjectID?] = []
            for parent in commit.parents { parentBlobs.append(try fileBlob(address.path, in: parent)) }
            if parentBlobs.isEmpty { parentBlobs = [nil] }
            // Unchanged against some parent: nothing of this file is this commit's doing.
            guard blob != nil || parentBlobs.contains(where: { $0 != nil }),
                  !parentBlobs.contains(where: { $0 == blob }) else { continue }
            var common: [SectionChange]?
            for parentBlob in parentBlobs {
                let found = try changes(path: address.path, old: parentBlob, new: blob).filter(matches)
                common = common.map { kept in kept.filter { change in found.contains { $0.address == change.address } } } ?? found
            }
            guard let changes = common, !changes.isEmpty else { continue }
            let trailers = commit.trailers
            entries.append(BlameEntry(commit: id, author: commit.author, title: commit.summary,
                                      intents: Trailers.values(of: "Intent", in: trailers),
                                      conversations: Trailers.values(of: "Conversation-Id", in: trailers), changes: changes))
        }
        return entries
    }

    /// The section holding line `line` of `path` in `text` (the innermost one), for `FILE:LINE`.
    public static func section(atLine line: Int, path: String, text: String) throws(SectionError) -> Section? {
        try SectionParser.parse(path: path, text: text, format: SectionFormat(path: path) ?? .plain).innermost(line: line)
    }

    private func fileBlob(_ path: String, in treeish: ObjectID) throws -> ObjectID? {
        guard let entry = try repository.entry(at: path, in: treeish), entry.mode.isFile else { return nil }
        return entry.id
    }

    private func changes(path: String, old: ObjectID?, new: ObjectID?) throws -> [SectionChange] {
        let before = try old.map { try cache.sections(path: path, blob: $0) }
        let after = try new.map { try cache.sections(path: path, blob: $0) }
        if case .unreadable? = before { return [SectionChange(address: path, kind: .changed, startLine: 1, endLine: 1)] }
        if case .unreadable? = after { return [SectionChange(address: path, kind: .changed, startLine: 1, endLine: 1)] }
        return SectionDiff.changes(from: before?.sections, to: after?.sections)
    }
}

@available(*, unavailable)
extension SectionBlame: Sendable {}
