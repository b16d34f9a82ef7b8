import ConvoBase
public import ConvoGit
public import ConvoSections

/// The sections one commit changed in one governed file.
public struct FileSectionChanges: Sendable, Hashable {
    public var path: String
    /// The blob before (nil when the commit added the file) and after (nil when it deleted it).
    public var oldBlob: ObjectID?
    public var newBlob: ObjectID?
    /// Sorted by address. For a file whose sections cannot be read, the whole-file address.
    public var changes: [SectionChange]
    /// Why the sections of one version could not be read; nil when both parsed.
    public var unreadableReason: String?

    public init(path: String, oldBlob: ObjectID?, newBlob: ObjectID?, changes: [SectionChange], unreadableReason: String? = nil) {
        self.path = path
        self.oldBlob = oldBlob
        self.newBlob = newBlob
        self.changes = changes
        self.unreadableReason = unreadableReason
    }
}

/// What a commit did that the governance rules care about.
public struct CommitSectionChanges: Sendable {
    public var commit: CommitInfo
    /// Governed files whose sections changed, sorted by path.
    public var files: [FileSectionChanges]
    /// Intent files (`intents/*.intent`) the commit added or modified, with their new blobs.
    public var intentFiles: [(path: String, blob: ObjectID)]

    public var sectionChanges: [(file: FileSectionChanges, change: SectionChange)] {
        files.flatMap { file in file.changes.map { (file, $0) } }
    }
}

/// Which governed sections commits changed, computed from parsed sections rather than line hunks.
///
/// Merge commits: a merge is charged only with what it changed relative to *every* parent (the
/// edits made while resolving it, as `git log --cc` shows), because each merged-in commit is
/// walked and charged on its own. A plain merge therefore changes no section.
public final class SectionHistory {
    public let repository: Repository
    public let cache: SectionCache
    private let isGoverned: (String) -> Bool
    private let pathspecs: [String]

    /// Where intent files live, relative to the repository root.
    public static let intentsDirectory = "intents/"

    /// - Parameters:
    ///   - governed: the config's globs (`prompts/**`).
    ///   - cache: share one cache between users of the same repository.
    public init(repository: Repository, governed: [String], cache: SectionCache? = nil) {
        self.repository = repository
        self.cache = cache ?? SectionCache(repository: repository)
        let globs = governed.map(Glob.init)
        self.isGoverned = { path in SectionHistory.isGoverned(path, globs: globs) }
        self.pathspecs = SectionHistory.pathspecs(for: governed)
    }

    /// Whether a path is governed: it matches a glob and has no hidden component (`.gitkeep`,
    /// `.draft/x.md`), as `convo sections` lists governed files.
    public static func isGoverned(_ path: String, globs: [Glob]) -> Bool {
        !path.split(separator: "/").contains { $0.hasPrefix(".") } && globs.contains { $0.matches(path) }
    }

    /// The directories a diff must look at: each glob's literal directory prefix, and `intents`.
    /// Empty (everything) when a glob starts with a wildcard.
    public static func pathspecs(for governed: [String]) -> [String] {
        var prefixes = Set<String>()
        for pattern in governed {
            let segments = pattern.split(separator: "/", omittingEmptySubsequences: true)
            let literal = segments.prefix { !$0.contains(where: { "*?[".contains($0) }) }
            // A glob without wildcards names one file: the whole of it is the pathspec.
            let prefix = literal.joined(separator: "/")
            if prefix.isEmpty { return [] }
            prefixes.insert(prefix)
        }
        prefixes.insert(String(intentsDirectory.dropLast()))
        return prefixes.sorted()
    }

    public func isGovernedPath(_ path: String) -> Bool { isGoverned(path) }

    /// Whether `path` is an intent file (`intents/ID.intent`, not in a subdirectory).
    public static func isIntentFile(_ path: String) -> Bool {
        path.hasPrefix(intentsDirectory) && path.hasSuffix(".intent")
            && !path.dropFirst(intentsDirectory.count).contains("/")
    }

    /// The governed sections and intent files `commit` changed.
    public func changes(in commit: CommitInfo) throws -> CommitSectionChanges {
        try changes(in: commit, diffs: try diffs(of: commit))
    }

    /// The changed paths under the governed directories and `intents/`, against each parent (or
    /// the empty tree for a root commit): one list per parent, first parent first.
    public func diffs(of commit: CommitInfo) throws -> [[FileChange]] {
        if commit.parents.isEmpty { return [try repository.diff(from: nil, to: commit.tree, paths: pathspecs)] }
        return try commit.parents.map { try repository.diff(from: $0, to: commit.tree, paths: pathspecs) }
    }

    /// The changes of many commits, with every governed file version they involve read first and
    /// parsed in parallel: what the pre-push hook and `convo check` run over a long push.
    public func changes(in commits: [CommitInfo]) throws -> [CommitSectionChanges] {
        let diffs = try commits.map { try self.diffs(of: $0) }
        var files: [(path: String, blob: ObjectID)] = []
        for perParent in diffs {
            for change in perParent.joined() where isGoverned(change.path) {
                if let old = change.oldID { files.append((change.path, old)) }
                if let new = change.newID { files.append((change.path, new)) }
            }
        }
        try cache.prefetch(files)
        return try zip(commits, diffs).map { try changes(in: $0, diffs: $1) }
    }

    private func changes(in commit: CommitInfo, diffs: [[FileChange]]) throws -> CommitSectionChanges {
        guard diffs.count > 1 else {
            var files: [FileSectionChanges] = []
            var intents: [(path: String, blob: ObjectID)] = []
            for change in diffs.first ?? [] {
                if let file = try sectionChanges(change) { files.append(file) }
                if SectionHistory.isIntentFile(change.path), let blob = change.newID { intents.append((change.path, blob)) }
            }
            return CommitSectionChanges(commit: commit, files: files, intentFiles: intents)
        }
        // A merge: only files and sections that differ from every parent.
        let perParent = diffs.map { diff in Dictionary(diff.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first }) }
        guard let first = perParent.first else { return CommitSectionChanges(commit: commit, files: [], intentFiles: []) }
        var files: [FileSectionChanges] = []
        var intents: [(path: String, blob: ObjectID)] = []
        for path in first.keys.sorted() where perParent.allSatisfy({ $0[path] != nil }) {
            if SectionHistory.isIntentFile(path), let blob = first[path]?.newID { intents.append((path, blob)) }
            var common: Set<String>?
            var reference: FileSectionChanges?
            for byPath in perParent {
                guard let change = byPath[path], let file = try sectionChanges(change) else {
                    common = []
                    break
                }
                let addresses = Set(file.changes.map(\.address))
                common = common.map { $0.intersection(addresses) } ?? addresses
                if reference == nil { reference = file }
            }
            if var file = reference, let common, !common.isEmpty {
                file.changes = file.changes.filter { common.contains($0.address) }
                files.append(file)
            }
        }
        return CommitSectionChanges(commit: commit, files: files, intentFiles: intents)
    }

    /// The section changes of one changed path, or nil when it is not governed or no section
    /// changed (a whitespace-only edit the section parser normalises away).
    public func sectionChanges(_ change: FileChange) throws -> FileSectionChanges? {
        guard isGoverned(change.path) else { return nil }
        // Diffs run without rename detection, so a rename is a deletion plus an addition.
        let oldBlob = change.oldID
        let newBlob = change.newID
        let changes: [SectionChange]
        var reason: String?
        let old = try oldBlob.map { try cache.sections(path: change.path, blob: $0) }
        let new = try newBlob.map { try cache.sections(path: change.path, blob: $0) }
        switch (old, new) {
        case (.unreadable(_, let why)?, _), (_, .unreadable(_, let why)?):
            reason = why
            changes = [SectionChange(address: change.path, kind: .changed, startLine: 1, endLine: 1)]
        default:
            changes = SectionDiff.changes(from: old?.sections, to: new?.sections)
        }
        guard !changes.isEmpty else { return nil }
        return FileSectionChanges(path: change.path, oldBlob: oldBlob, newBlob: newBlob, changes: changes,
                                  unreadableReason: reason)
    }
}

@available(*, unavailable)
extension SectionHistory: Sendable {}
