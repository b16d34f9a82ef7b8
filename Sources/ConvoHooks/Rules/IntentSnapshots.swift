public import ConvoGit
public import ConvoIntents

/// Intent files as they were at given commits: each distinct file version is read once, however
/// many commits share it.
public final class IntentSnapshots {
    public let cache: SectionCache
    private var byBlob: [ObjectID: IntentParseResult] = [:]
    private var idsByTree: [ObjectID: [String]] = [:]

    public init(cache: SectionCache) {
        self.cache = cache
    }

    /// What a commit's tree has at `intents/ID.intent`.
    public enum Lookup {
        /// No such file at that commit.
        case missing
        /// The file, read; it may hold problems (`result.intent` is then nil, `result.partial` may not be).
        case found(path: String, blob: ObjectID, result: IntentParseResult)
    }

    /// Intent `id` in the tree of `commit`.
    public func intent(_ id: String, in commit: CommitInfo) throws -> Lookup {
        let path = SectionHistory.intentsDirectory + id + ".intent"
        // An id that is not a plain file name cannot name an intent file (`../x`, `a/b`).
        guard !id.isEmpty, !id.contains("/"), id != ".", id != "..",
              let entry = try cache.repository.entry(at: path, in: commit.tree), entry.mode.isFile else {
            return .missing
        }
        return .found(path: path, blob: entry.id, result: try read(path: path, blob: entry.id))
    }

    /// The intent file at `path` with contents `blob`, read once per blob.
    public func read(path: String, blob: ObjectID) throws -> IntentParseResult {
        if let cached = byBlob[blob] { return cached }
        let text = try cache.text(of: blob) ?? ""
        let result = IntentReader.read(text, file: path)
        byBlob[blob] = result
        return result
    }

    /// The ids of every intent file in `commit`'s tree, sorted: for did-you-mean hints and for
    /// suggesting intents that touch a section.
    public func ids(in commit: CommitInfo) throws -> [String] {
        if let cached = idsByTree[commit.tree] { return cached }
        let entries = try cache.repository.treeEntries(of: commit.tree, under: String(SectionHistory.intentsDirectory.dropLast()))
        let ids = entries.filter { $0.mode.isFile && SectionHistory.isIntentFile($0.path) }
            .map { String($0.name.dropLast(".intent".count)) }.sorted()
        idsByTree[commit.tree] = ids
        return ids
    }
}

@available(*, unavailable)
extension IntentSnapshots: Sendable {}
