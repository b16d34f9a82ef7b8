internal import CLibgit2
internal import Foundation

/// One path that differs between two trees.
public struct FileChange: Sendable, Hashable {
    /// As `git diff --name-status` letters them; `.renamed` and `.copied` only with rename detection.
    public enum Status: String, Sendable, Hashable {
        case added, deleted, modified, renamed, copied, typeChanged
    }

    public var status: Status
    /// The path before the change; nil when added.
    public var oldPath: String?
    /// The path after the change; nil when deleted.
    public var newPath: String?
    /// The blobs on each side, so contents can be read without looking the path up again.
    public var oldID: ObjectID?
    public var newID: ObjectID?
    public var oldMode: FileMode?
    public var newMode: FileMode?

    public init(status: Status, oldPath: String?, newPath: String?, oldID: ObjectID?, newID: ObjectID?,
                oldMode: FileMode?, newMode: FileMode?) {
        self.status = status
        self.oldPath = oldPath
        self.newPath = newPath
        self.oldID = oldID
        self.newID = newID
        self.oldMode = oldMode
        self.newMode = newMode
    }

    /// The path after the change, or before it for a deletion.
    public var path: String { newPath ?? oldPath ?? "" }
}

extension Repository {
    /// The files that differ between two commits or trees (nil for the empty tree), sorted by
    /// path. Only tree entries are compared, no file contents are read, so this stays fast over
    /// thousands of commits; `detectRenames` reads blobs to pair deletions with additions.
    /// - Parameter paths: git pathspecs limiting the diff (`prompts/`, `*.md`); empty for all.
    public func diff(from old: ObjectID?, to new: ObjectID?, paths: [String] = [],
                     detectRenames: Bool = false) throws -> [FileChange] {
        let operation = "diff \(old.map { $0.abbreviated() } ?? "empty tree")..\(new.map { $0.abbreviated() } ?? "empty tree")"
        return try withOptionalTree(old, operation) { oldTree in
            try withOptionalTree(new, operation) { newTree in
                try withStringArray(paths) { pathspec in
                    var options = git_diff_options()
                    try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), operation)
                    // Report a file that became a symlink as one change, as git does.
                    options.flags = GIT_DIFF_SKIP_BINARY_CHECK.rawValue | GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
                    if !paths.isEmpty { options.pathspec = pathspec }
                    var diff: OpaquePointer?
                    try check(git_diff_tree_to_tree(&diff, pointer, oldTree, newTree, &options), operation)
                    defer { git_diff_free(diff) }
                    if detectRenames {
                        var find = git_diff_find_options()
                        try check(git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)), operation)
                        find.flags = GIT_DIFF_FIND_RENAMES.rawValue
                        try check(git_diff_find_similar(diff, &find), "\(operation): find renames")
                    }
                    return Repository.fileChanges(diff)
                }
            }
        }
    }

    /// What a commit changed relative to its first parent (everything, for a root commit).
    public func changes(in commit: ObjectID, paths: [String] = [], detectRenames: Bool = false) throws -> [FileChange] {
        try changes(in: try self.commit(commit), paths: paths, detectRenames: detectRenames)
    }

    /// The same, for a commit already read (saves a lookup per commit in long walks).
    public func changes(in commit: CommitInfo, paths: [String] = [], detectRenames: Bool = false) throws -> [FileChange] {
        try diff(from: commit.parents.first, to: commit.tree, paths: paths, detectRenames: detectRenames)
    }

    static func fileChanges(_ diff: OpaquePointer?) -> [FileChange] {
        var result: [FileChange] = []
        let count = git_diff_num_deltas(diff)
        result.reserveCapacity(count)
        for index in 0..<count {
            guard let delta = git_diff_get_delta(diff, index)?.pointee,
                  let change = FileChange(delta) else { continue }
            result.append(change)
        }
        return result.sorted { lhs, rhs in
            lhs.path != rhs.path ? lhs.path.precedesBytewise(rhs.path) : (lhs.oldPath ?? "").precedesBytewise(rhs.oldPath ?? "")
        }
    }

    func withOptionalTree<R>(_ treeish: ObjectID?, _ operation: String, _ body: (OpaquePointer?) throws -> R) throws -> R {
        guard let treeish else { return try body(nil) }
        return try withTree(treeish, operation) { try body($0) }
    }
}

extension FileChange {
    init?(_ delta: git_diff_delta) {
        let status: Status
        switch delta.status {
        case GIT_DELTA_ADDED, GIT_DELTA_UNTRACKED: status = .added
        case GIT_DELTA_DELETED: status = .deleted
        case GIT_DELTA_MODIFIED: status = .modified
        case GIT_DELTA_RENAMED: status = .renamed
        case GIT_DELTA_COPIED: status = .copied
        case GIT_DELTA_TYPECHANGE: status = .typeChanged
        default: return nil
        }
        func side(_ file: git_diff_file) -> (path: String?, id: ObjectID, mode: FileMode?) {
            var oid = file.id
            return (file.path.map { String(cString: $0) }, ObjectID(&oid), FileMode(raw: UInt32(file.mode)))
        }
        let old = side(delta.old_file)
        let new = side(delta.new_file)
        let hasOld = status != .added, hasNew = status != .deleted
        self.init(status: status,
                  oldPath: hasOld ? old.path : nil, newPath: hasNew ? new.path : nil,
                  oldID: hasOld ? old.id : nil, newID: hasNew ? new.id : nil,
                  oldMode: hasOld ? old.mode : nil, newMode: hasNew ? new.mode : nil)
    }
}

/// Lends a `git_strarray` of `strings` that lives for the duration of `body`.
func withStringArray<R>(_ strings: [String], _ body: (git_strarray) throws -> R) rethrows -> R {
    var copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    return try copies.withUnsafeMutableBufferPointer { buffer in
        try body(git_strarray(strings: buffer.baseAddress, count: buffer.count))
    }
}
