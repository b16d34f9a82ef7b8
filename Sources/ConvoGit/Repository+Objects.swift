internal import CLibgit2
public import Foundation

/// The mode of a tree entry: what kind of thing sits at a path.
public enum FileMode: UInt32, Sendable, Hashable {
    case blob = 0o100644
    case executable = 0o100755
    case link = 0o120000
    case tree = 0o040000
    /// A submodule's commit.
    case commit = 0o160000

    /// Maps libgit2's raw mode; the legacy group-writable blob mode reads as `.blob`.
    init?(raw: UInt32) {
        if raw == 0o100664 {
            self = .blob
        } else {
            self.init(rawValue: raw)
        }
    }

    /// True for regular files, executables and symlinks: what has contents in a blob.
    public var isFile: Bool { self == .blob || self == .executable || self == .link }
}

/// One entry of a tree, with its path from the tree's root.
public struct TreeEntry: Sendable, Hashable {
    public var path: String
    public var id: ObjectID
    public var mode: FileMode

    public init(path: String, id: ObjectID, mode: FileMode) {
        self.path = path
        self.id = id
        self.mode = mode
    }

    /// The last path component.
    public var name: String { path.split(separator: "/").last.map(String.init) ?? path }
}

/// Everything convo reads from a commit, copied out of libgit2.
public struct CommitInfo: Sendable, Hashable {
    public var id: ObjectID
    /// The root tree: pass it to `entry(at:in:)` or `diff(from:to:)`.
    public var tree: ObjectID
    /// First parent first; the first parent is the branch the commit was made on.
    public var parents: [ObjectID]
    public var author: Signature
    public var committer: Signature
    /// The full message, leading blank lines removed (as `git log --format=%B` shows it).
    public var message: String
    /// The first paragraph joined into one line (`%s`).
    public var summary: String
    /// Everything after the first paragraph, trimmed; nil when there is none (`%b`).
    public var body: String?

    /// The trailers, parsed and unfolded as `git interpret-trailers --parse` does.
    public var trailers: [Trailer] { Trailers.parse(message) }

    public var isMerge: Bool { parents.count > 1 }
}

extension Repository {
    /// Reads a commit.
    /// - Throws: `GitError` of kind `.notFound` when there is no such commit.
    public func commit(_ id: ObjectID) throws -> CommitInfo {
        try withCommit(id, "read commit \(id.abbreviated())") { commit in
            let operation = "read commit \(id.abbreviated())"
            guard let author = git_commit_author(commit), let committer = git_commit_committer(commit),
                  let tree = git_commit_tree_id(commit) else {
                throw GitError(operation: operation, detail: "the commit lacks an author, committer or tree", kind: .other)
            }
            var parents: [ObjectID] = []
            let count = git_commit_parentcount(commit)
            parents.reserveCapacity(Int(count))
            for index in 0..<count {
                guard let parent = git_commit_parent_id(commit, index) else { continue }
                parents.append(ObjectID(parent))
            }
            return CommitInfo(
                id: id, tree: ObjectID(tree), parents: parents,
                author: Signature(author), committer: Signature(committer),
                message: git_commit_message(commit).map { String(cString: $0) } ?? "",
                summary: git_commit_summary(commit).map { String(cString: $0) } ?? "",
                body: git_commit_body(commit).map { String(cString: $0) })
        }
    }

    /// Resolves a revision (`HEAD`, `main~2`, an abbreviated name, a tag) to the commit it
    /// names, the way `git rev-parse REV^{commit}` does.
    public func resolveCommit(_ revision: String) throws -> ObjectID {
        let operation = "resolve revision '\(revision)'"
        var object: OpaquePointer?
        try check(git_revparse_single(&object, pointer, revision), operation)
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), operation)
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit))
    }

    /// The tree a commit or tree name stands for.
    public func treeID(of treeish: ObjectID) throws -> ObjectID {
        try withTree(treeish, "find the tree of \(treeish.abbreviated())") { ObjectID(git_tree_id($0)) }
    }

    /// The entry at `path` (e.g. `prompts/support.md`) in a commit's or a tree's tree; nil when
    /// nothing is there.
    public func entry(at path: String, in treeish: ObjectID) throws -> TreeEntry? {
        let operation = "look up '\(path)' in \(treeish.abbreviated())"
        return try withTree(treeish, operation) { tree in
            var entry: OpaquePointer?
            let code = git_tree_entry_bypath(&entry, tree, path)
            if code == GIT_ENOTFOUND.rawValue { return nil }
            try check(code, operation)
            defer { git_tree_entry_free(entry) }
            return try Repository.treeEntry(entry, path: path, operation)
        }
    }

    /// The entries of a commit's or tree's tree: one level, or every file below it when
    /// `recursive` (then sub-trees themselves are not listed, as with `git ls-tree -r`).
    /// Sorted by path, the order git stores them in.
    public func treeEntries(of treeish: ObjectID, under directory: String = "", recursive: Bool = false) throws -> [TreeEntry] {
        let operation = "list the tree of \(treeish.abbreviated())"
        var directory = directory
        while directory.hasSuffix("/") { directory.removeLast() }
        var root = try treeID(of: treeish)
        if !directory.isEmpty {
            guard let entry = try entry(at: directory, in: treeish), entry.mode == .tree else { return [] }
            root = entry.id
        }
        var result: [TreeEntry] = []
        try collectEntries(root, prefix: directory.isEmpty ? "" : directory + "/", recursive: recursive,
                           into: &result, operation)
        // Byte order of full paths is git's tree order for the files `ls-tree -r` lists.
        if recursive { result.sort { $0.path.precedesBytewise($1.path) } }
        return result
    }

    private func collectEntries(_ treeID: ObjectID, prefix: String, recursive: Bool,
                                into result: inout [TreeEntry], _ operation: String) throws {
        var subtrees: [TreeEntry] = []
        try withTree(treeID, operation) { tree in
            for index in 0..<git_tree_entrycount(tree) {
                guard let raw = git_tree_entry_byindex(tree, index),
                      let name = git_tree_entry_name(raw).map({ String(cString: $0) }) else { continue }
                let entry = try Repository.treeEntry(raw, path: prefix + name, operation)
                if recursive && entry.mode == .tree {
                    subtrees.append(entry)
                } else {
                    result.append(entry)
                }
            }
        }
        for subtree in subtrees {
            try collectEntries(subtree.id, prefix: subtree.path + "/", recursive: true, into: &result, operation)
        }
    }

    static func treeEntry(_ entry: OpaquePointer?, path: String, _ operation: String) throws -> TreeEntry {
        guard let id = git_tree_entry_id(entry),
              let mode = FileMode(raw: git_tree_entry_filemode(entry).rawValue) else {
            throw GitError(operation: operation, detail: "unreadable tree entry '\(path)'", kind: .other)
        }
        return TreeEntry(path: path, id: ObjectID(id), mode: mode)
    }

    /// The contents of a blob.
    public func blob(_ id: ObjectID) throws -> Data {
        let operation = "read blob \(id.abbreviated())"
        var oid = id.oid
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, pointer, &oid), operation)
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let bytes = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: bytes, count: size)
    }

    /// The contents of the file at `path` in a commit or tree; nil when there is no file there.
    /// - Throws: `GitError` of kind `.invalidInput` when `path` is a directory or submodule.
    public func fileContents(at path: String, in treeish: ObjectID) throws -> Data? {
        guard let entry = try entry(at: path, in: treeish) else { return nil }
        guard entry.mode.isFile else {
            throw GitError(operation: "read '\(path)' in \(treeish.abbreviated())",
                           detail: "'\(path)' is a \(entry.mode == .tree ? "directory" : "submodule"), not a file",
                           kind: .invalidInput)
        }
        return try blob(entry.id)
    }

    /// The contents of the file at `path` in HEAD's commit; nil when HEAD is unborn or has no
    /// such file.
    public func fileContentsAtHead(_ path: String) throws -> Data? {
        guard let target = try head().target else { return nil }
        return try fileContents(at: path, in: target)
    }

    /// Stores `contents` as a blob (what `git hash-object -w` does).
    public func writeBlob(_ contents: Data) throws -> ObjectID {
        var oid = git_oid()
        let code = contents.withUnsafeBytes { raw in
            git_blob_create_from_buffer(&oid, pointer, raw.baseAddress, raw.count)
        }
        try check(code, "write a blob of \(contents.count) bytes")
        return ObjectID(oid)
    }

    // MARK: Scoped handles

    func withCommit<R>(_ id: ObjectID, _ operation: String, _ body: (OpaquePointer) throws -> R) throws -> R {
        var oid = id.oid
        var commit: OpaquePointer?
        try check(git_commit_lookup(&commit, pointer, &oid), operation)
        defer { git_commit_free(commit) }
        guard let commit else { throw GitError(operation: operation, detail: "libgit2 returned no commit", kind: .other) }
        return try body(commit)
    }

    /// Lends the tree of a commit or tree id (tags are peeled too).
    func withTree<R>(_ treeish: ObjectID, _ operation: String, _ body: (OpaquePointer) throws -> R) throws -> R {
        var oid = treeish.oid
        var object: OpaquePointer?
        try check(git_object_lookup(&object, pointer, &oid, GIT_OBJECT_ANY), operation)
        defer { git_object_free(object) }
        var tree: OpaquePointer?
        try check(git_object_peel(&tree, object, GIT_OBJECT_TREE), operation)
        defer { git_object_free(tree) }
        guard let tree else { throw GitError(operation: operation, detail: "libgit2 returned no tree", kind: .other) }
        return try body(tree)
    }
}
