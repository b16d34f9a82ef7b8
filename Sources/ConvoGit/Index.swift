internal import CLibgit2
public import Foundation

/// One staged file.
public struct IndexEntry: Sendable, Hashable {
    public var path: String
    public var id: ObjectID
    public var mode: FileMode
    /// 0 normally; 1–3 for the sides of an unresolved conflict.
    public var stage: Int

    public init(path: String, id: ObjectID, mode: FileMode, stage: Int = 0) {
        self.path = path
        self.id = id
        self.mode = mode
        self.stage = stage
    }
}

/// The repository's index (staging area), for commands that commit on the checked-out branch
/// and must leave `git status` clean for the paths they committed.
///
/// Changes stay in memory until `write()`. Like `Repository`, an `Index` belongs to one task;
/// it keeps its repository alive.
public final class Index {
    let pointer: OpaquePointer
    private let repository: Repository

    init(pointer: OpaquePointer, repository: Repository) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit {
        git_index_free(pointer)
    }

    /// Stages `contents` as the file at `path`, writing the blob. The work tree is not touched:
    /// write the same bytes there, or `git status` will show the difference.
    public func add(path: String, contents: Data, mode: FileMode = .blob) throws {
        try withNewEntry(path: path, mode: mode, operation: "stage '\(path)'") { entry in
            contents.withUnsafeBytes { raw in git_index_add_from_buffer(pointer, &entry, raw.baseAddress, raw.count) }
        }
    }

    /// Stages an existing blob as the file at `path`.
    public func add(path: String, blob: ObjectID, mode: FileMode = .blob) throws {
        try withNewEntry(path: path, mode: mode, operation: "stage '\(path)' as \(blob.abbreviated())") { entry in
            entry.id = blob.oid
            return git_index_add(pointer, &entry)
        }
    }

    /// Validates `path` and `mode`, then lends an entry for them to a libgit2 add call.
    private func withNewEntry(path: String, mode: FileMode, operation: String,
                              _ add: (inout git_index_entry) -> Int32) throws {
        _ = try Repository.validatedComponents(path, operation)
        guard mode.isFile else {
            throw GitError(operation: operation, detail: "'\(path)' can only be staged as a file", kind: .invalidInput)
        }
        try path.withCString { cPath in
            var entry = git_index_entry()
            entry.mode = mode.rawValue
            entry.path = cPath
            try check(add(&entry), operation)
        }
    }

    /// Stages the work-tree file at `path` as it is now (`git add PATH`), recording its stat
    /// data so later status checks need not re-hash it.
    public func addFromWorkTree(path: String) throws {
        try check(git_index_add_bypath(pointer, path), "stage '\(path)' from the work tree")
    }

    /// Unstages `path` (`git rm --cached PATH`). Removing a path that is not staged is not an error.
    public func remove(path: String) throws {
        let code = git_index_remove(pointer, path, 0)
        if code == GIT_ENOTFOUND.rawValue { return }
        try check(code, "unstage '\(path)'")
    }

    /// The staged entry at `path` (stage 0), or nil.
    public func entry(at path: String) -> IndexEntry? {
        guard let raw = git_index_get_bypath(pointer, path, 0)?.pointee else { return nil }
        return IndexEntry(raw)
    }

    /// Every entry, in index order (by path, then stage).
    public var entries: [IndexEntry] {
        (0..<git_index_entrycount(pointer)).compactMap { git_index_get_byindex(pointer, $0)?.pointee }
            .compactMap(IndexEntry.init)
    }

    /// Whether a merge left unresolved conflicts.
    public var hasConflicts: Bool { git_index_has_conflicts(pointer) != 0 }

    /// Writes the index to disk (`.git/index`), atomically through a lock file.
    public func write() throws {
        try check(git_index_write(pointer), "write the index")
    }

    /// Writes the staged content as tree objects and returns the root (`git write-tree`).
    public func writeTree() throws -> ObjectID {
        var oid = git_oid()
        try check(git_index_write_tree(&oid, pointer), "write the index as a tree")
        return ObjectID(oid)
    }

    /// Re-reads the index from disk, dropping unsaved changes when `force`.
    public func reload(force: Bool = false) throws {
        try check(git_index_read(pointer, force ? 1 : 0), "read the index")
    }
}

@available(*, unavailable)
extension Index: Sendable {}

extension IndexEntry {
    init?(_ entry: git_index_entry) {
        guard let path = entry.path, let mode = FileMode(raw: entry.mode) else { return nil }
        var oid = entry.id
        self.init(path: String(cString: path), id: ObjectID(&oid),
                  mode: mode, stage: Int((entry.flags >> 12) & 0x3))
    }
}

extension Repository {
    /// The repository's own index, as `git add` and `git commit` use it.
    public func index() throws -> Index {
        var index: OpaquePointer?
        try check(git_repository_index(&index, pointer), "open the index")
        guard let index else { throw GitError(operation: "open the index", detail: "libgit2 returned no index", kind: .other) }
        return Index(pointer: index, repository: self)
    }
}
