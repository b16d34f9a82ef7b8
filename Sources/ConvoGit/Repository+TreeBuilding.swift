internal import CLibgit2
public import Foundation

/// One edit to a tree, by path from the tree's root.
public enum TreeChange: Sendable, Hashable {
    /// Adds or replaces the file at `path` with `contents`.
    case write(path: String, contents: Data, mode: FileMode = .blob)
    /// Adds or replaces the file at `path` with an existing blob.
    case writeBlob(path: String, blob: ObjectID, mode: FileMode = .blob)
    /// Removes the file (or whole directory) at `path`; it must exist.
    case delete(path: String)

    public var path: String {
        switch self {
        case .write(let path, _, _), .writeBlob(let path, _, _), .delete(let path): path
        }
    }
}

extension Repository {
    /// Builds a new tree from `base` (a commit or tree; nil for an empty tree) with `changes`
    /// applied, writing only objects: the index and the work tree are not touched, so convo can
    /// commit onto a branch that is not checked out. Directories left empty disappear, as in git.
    /// - Throws: `GitError` of kind `.invalidInput` for a bad path, the same path twice, a path
    ///   that is both a file and a directory, or a file mode that is not a file's; `.notFound`
    ///   when a deleted path does not exist.
    public func buildTree(from base: ObjectID?, applying changes: [TreeChange]) throws -> ObjectID {
        let operation = "build a tree from \(base.map { $0.abbreviated() } ?? "an empty tree")"
        var root = PendingDirectory()
        for change in changes {
            let components = try Repository.validatedComponents(change.path, operation)
            let leaf: PendingLeaf
            switch change {
            case .write(_, let contents, let mode):
                try Repository.requireFileMode(mode, change.path, operation)
                leaf = .put(try writeBlob(contents), mode)
            case .writeBlob(_, let blob, let mode):
                try Repository.requireFileMode(mode, change.path, operation)
                leaf = .put(blob, mode)
            case .delete:
                leaf = .delete
            }
            try root.insert(leaf, at: components[...], path: change.path, operation)
        }
        let baseTree = try base.map { try treeID(of: $0) }
        if let tree = try build(root, base: baseTree, path: "", operation) { return tree }
        return try writeEmptyTree(operation)
    }

    /// Writes one directory level with a tree builder, recursing into changed sub-directories.
    /// Returns nil when the directory ends up empty.
    private func build(_ directory: PendingDirectory, base: ObjectID?, path: String, _ operation: String) throws -> ObjectID? {
        var builder: OpaquePointer?
        if let base {
            try withTree(base, operation) { tree in
                _ = try check(git_treebuilder_new(&builder, pointer, tree), operation)
            }
        } else {
            try check(git_treebuilder_new(&builder, pointer, nil), operation)
        }
        defer { git_treebuilder_free(builder) }

        for name in directory.leaves.keys.sorted() {
            guard let leaf = directory.leaves[name] else { continue }
            switch leaf {
            case .put(let blob, let mode):
                var oid = blob.oid
                try check(git_treebuilder_insert(nil, builder, name, &oid, git_filemode_t(rawValue: mode.rawValue)),
                          "\(operation): add '\(path + name)'")
            case .delete:
                guard git_treebuilder_get(builder, name) != nil else {
                    throw GitError(operation: operation, detail: "cannot delete '\(path + name)': no such path", kind: .notFound)
                }
                try check(git_treebuilder_remove(builder, name), "\(operation): delete '\(path + name)'")
            }
        }
        for name in directory.directories.keys.sorted() {
            guard let child = directory.directories[name] else { continue }
            var childBase: ObjectID?
            if let existing = git_treebuilder_get(builder, name),
               git_tree_entry_filemode(existing) == GIT_FILEMODE_TREE, let id = git_tree_entry_id(existing) {
                childBase = ObjectID(id)
            }
            if childBase == nil, child.containsDeletion {
                throw GitError(operation: operation, detail: "cannot delete below '\(path + name)': no such directory",
                               kind: .notFound)
            }
            if let tree = try build(child, base: childBase, path: path + name + "/", operation) {
                var oid = tree.oid
                try check(git_treebuilder_insert(nil, builder, name, &oid, GIT_FILEMODE_TREE),
                          "\(operation): add directory '\(path + name)'")
            } else if git_treebuilder_get(builder, name) != nil {
                try check(git_treebuilder_remove(builder, name), "\(operation): remove empty directory '\(path + name)'")
            }
        }
        if git_treebuilder_entrycount(builder) == 0 { return nil }
        var written = git_oid()
        try check(git_treebuilder_write(&written, builder), operation)
        return ObjectID(written)
    }

    private func writeEmptyTree(_ operation: String) throws -> ObjectID {
        var builder: OpaquePointer?
        try check(git_treebuilder_new(&builder, pointer, nil), operation)
        defer { git_treebuilder_free(builder) }
        var written = git_oid()
        try check(git_treebuilder_write(&written, builder), operation)
        return ObjectID(written)
    }

    /// Splits a repository-relative path, refusing what git would refuse or misread:
    /// absolute paths, empty, `.`, `..` and `.git` components, NUL and backslashes.
    static func validatedComponents(_ path: String, _ operation: String) throws -> [String] {
        let components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let bad = components.first { component in
            component.isEmpty || component == "." || component == ".." || component.lowercased() == ".git"
                || component.contains("\0") || component.contains("\\")
        }
        if path.isEmpty || bad != nil {
            throw GitError(operation: operation,
                           detail: "'\(path)' is not a valid repository path (use a relative path like 'prompts/support.md')",
                           kind: .invalidInput)
        }
        return components
    }

    private static func requireFileMode(_ mode: FileMode, _ path: String, _ operation: String) throws {
        guard mode.isFile else {
            throw GitError(operation: operation, detail: "'\(path)' must be written as a file, not with mode \(String(mode.rawValue, radix: 8))",
                           kind: .invalidInput)
        }
    }
}

private enum PendingLeaf {
    case put(ObjectID, FileMode)
    case delete
}

/// The changes below one directory, grouped so each tree is rewritten once.
private struct PendingDirectory {
    var leaves: [String: PendingLeaf] = [:]
    var directories: [String: PendingDirectory] = [:]

    var containsDeletion: Bool {
        leaves.values.contains { if case .delete = $0 { true } else { false } }
            || directories.values.contains(where: \.containsDeletion)
    }

    mutating func insert(_ leaf: PendingLeaf, at components: ArraySlice<String>, path: String, _ operation: String) throws {
        guard let name = components.first else { return }
        if components.count == 1 {
            if leaves[name] != nil || directories[name] != nil {
                throw GitError(operation: operation,
                               detail: "'\(path)' is changed twice, or both as a file and as a directory", kind: .invalidInput)
            }
            leaves[name] = leaf
            return
        }
        if leaves[name] != nil {
            throw GitError(operation: operation,
                           detail: "'\(path)' is below a path that is changed as a file", kind: .invalidInput)
        }
        var child = directories[name] ?? PendingDirectory()
        try child.insert(leaf, at: components.dropFirst(), path: path, operation)
        directories[name] = child
    }
}
