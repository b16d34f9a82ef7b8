internal import CLibgit2

/// An open git repository.
///
/// libgit2 objects must not be used from two threads at once, so a `Repository` is a
/// non-`Sendable` class that lives inside one task (the running command). Everything it returns
/// is a `Sendable` value.
public final class Repository {
    let pointer: OpaquePointer

    /// The work-tree root without a trailing slash; nil for a bare repository.
    public let workTree: String?
    /// The repository's git directory (`.git`, or `.git/worktrees/NAME` in a linked worktree).
    public let gitDirectory: String
    /// The directory shared by all worktrees (`.git` of the main one): where hooks live.
    public let commonDirectory: String

    public var isBare: Bool { workTree == nil }

    private init(pointer: OpaquePointer) {
        self.pointer = pointer
        workTree = git_repository_workdir(pointer).map { Repository.trimSlash(String(cString: $0)) }
        gitDirectory = Repository.trimSlash(git_repository_path(pointer).map { String(cString: $0) } ?? "")
        commonDirectory = Repository.trimSlash(git_repository_commondir(pointer).map { String(cString: $0) } ?? "")
    }

    deinit {
        git_repository_free(pointer)
    }

    /// Opens the repository containing `path`, searching upward like `git` does, so commands
    /// work from any subdirectory of a work tree.
    /// - Throws: `GitError` of kind `.notARepository`, `.notOwned` or `.unsupportedExtension`.
    public static func discover(from path: String) throws -> Repository {
        try open(path, flags: 0, operation: "find a git repository from '\(path)'")
    }

    /// Opens the repository whose work tree or git directory is exactly `path`.
    public static func open(at path: String) throws -> Repository {
        try open(path, flags: GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, operation: "open the git repository at '\(path)'")
    }

    /// Creates a new, empty repository with a work tree at `path` (making the directory if
    /// needed), HEAD pointing at the unborn `initialBranch`; like `git init -b BRANCH`.
    public static func create(at path: String, initialBranch: String = "main") throws -> Repository {
        try LibGit2.ensureReady()
        let operation = "create a git repository at '\(path)'"
        var options = git_repository_init_options()
        _ = try check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)), operation)
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | GIT_REPOSITORY_INIT_NO_REINIT.rawValue
        var pointer: OpaquePointer?
        let code = initialBranch.withCString { branch -> Int32 in
            options.initial_head = branch
            return git_repository_init_ext(&pointer, path, &options)
        }
        _ = try check(code, operation)
        guard let pointer else {
            throw GitError(operation: operation, detail: "libgit2 returned no repository", kind: .other)
        }
        return Repository(pointer: pointer)
    }

    private static func open(_ path: String, flags: UInt32, operation: String) throws -> Repository {
        try LibGit2.ensureReady()
        var pointer: OpaquePointer?
        let code = git_repository_open_ext(&pointer, path, flags, nil)
        if code < 0 {
            var error = GitError.capture(code, operation: operation)
            if code == GIT_ENOTFOUND.rawValue && error.kind == .notFound { error.kind = .notARepository }
            error.path = path
            throw error
        }
        guard let pointer else {
            throw GitError(operation: operation, detail: "libgit2 returned no repository", kind: .other)
        }
        return Repository(pointer: pointer)
    }

    private static func trimSlash(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// The absolute path of `relative` inside the work tree.
    /// - Throws: `GitError` of kind `.bareRepository` when there is no work tree.
    public func workTreePath(_ relative: String) throws -> String {
        guard let workTree else {
            throw GitError(operation: "locate '\(relative)' in the work tree",
                           detail: "the repository at '\(gitDirectory)' is bare", kind: .bareRepository)
        }
        return relative.isEmpty ? workTree : workTree + "/" + relative
    }
}

/// libgit2 objects must stay on one thread at a time; keep a `Repository` inside one task.
@available(*, unavailable)
extension Repository: Sendable {}

/// Where HEAD points.
public enum Head: Sendable, Hashable {
    /// On a branch with commits: its full reference name and the commit it points to.
    case branch(reference: String, target: ObjectID)
    /// On a branch without commits yet (a fresh `git init`).
    case unborn(reference: String)
    /// Detached at a commit.
    case detached(ObjectID)

    /// The branch's short name (`main`), or nil when detached.
    public var branchName: String? {
        switch self {
        case .branch(let reference, _), .unborn(let reference):
            reference.hasPrefix("refs/heads/") ? String(reference.dropFirst("refs/heads/".count)) : reference
        case .detached:
            nil
        }
    }

    /// The full reference name HEAD points to, or nil when detached.
    public var referenceName: String? {
        switch self {
        case .branch(let reference, _), .unborn(let reference): reference
        case .detached: nil
        }
    }

    /// The commit HEAD resolves to; nil when unborn.
    public var target: ObjectID? {
        switch self {
        case .branch(_, let target), .detached(let target): target
        case .unborn: nil
        }
    }

    public var isUnborn: Bool { if case .unborn = self { true } else { false } }
    public var isDetached: Bool { if case .detached = self { true } else { false } }
}

/// An operation git has left half done; convo refuses to commit in the middle of one.
public enum RepositoryState: String, Sendable, Hashable {
    case none, merge, revert, revertSequence, cherryPick, cherryPickSequence, bisect
    case rebase, rebaseInteractive, rebaseMerge, applyMailbox, applyMailboxOrRebase

    /// True for everything but `.none`.
    public var isInProgress: Bool { self != .none }

    /// For messages: "a merge", "a rebase".
    public var phrase: String {
        switch self {
        case .none: "no operation"
        case .merge: "a merge"
        case .revert, .revertSequence: "a revert"
        case .cherryPick, .cherryPickSequence: "a cherry-pick"
        case .bisect: "a bisect"
        case .rebase, .rebaseInteractive, .rebaseMerge: "a rebase"
        case .applyMailbox, .applyMailboxOrRebase: "a `git am`"
        }
    }
}

extension Repository {
    /// Reads HEAD without failing on the two states a fresh or mid-operation repository has:
    /// unborn and detached.
    public func head() throws -> Head {
        var reference: OpaquePointer?
        try check(git_reference_lookup(&reference, pointer, "HEAD"), "read HEAD")
        defer { git_reference_free(reference) }
        if git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC {
            guard let targetName = git_reference_symbolic_target(reference).map({ String(cString: $0) }) else {
                throw GitError(operation: "read HEAD", detail: "HEAD is symbolic but names nothing", kind: .other)
            }
            var oid = git_oid()
            let code = git_reference_name_to_id(&oid, pointer, targetName)
            if code == GIT_ENOTFOUND.rawValue { return .unborn(reference: targetName) }
            try check(code, "resolve HEAD (\(targetName))")
            return .branch(reference: targetName, target: ObjectID(oid))
        }
        guard let target = git_reference_target(reference) else {
            throw GitError(operation: "read HEAD", detail: "HEAD has no target", kind: .other)
        }
        return .detached(ObjectID(target))
    }

    /// The operation in progress, if any (merge, rebase, cherry-pick, …).
    public func state() throws -> RepositoryState {
        let code = try check(git_repository_state(pointer), "read the repository state")
        switch code {
        case Int32(GIT_REPOSITORY_STATE_MERGE.rawValue): return .merge
        case Int32(GIT_REPOSITORY_STATE_REVERT.rawValue): return .revert
        case Int32(GIT_REPOSITORY_STATE_REVERT_SEQUENCE.rawValue): return .revertSequence
        case Int32(GIT_REPOSITORY_STATE_CHERRYPICK.rawValue): return .cherryPick
        case Int32(GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE.rawValue): return .cherryPickSequence
        case Int32(GIT_REPOSITORY_STATE_BISECT.rawValue): return .bisect
        case Int32(GIT_REPOSITORY_STATE_REBASE.rawValue): return .rebase
        case Int32(GIT_REPOSITORY_STATE_REBASE_INTERACTIVE.rawValue): return .rebaseInteractive
        case Int32(GIT_REPOSITORY_STATE_REBASE_MERGE.rawValue): return .rebaseMerge
        case Int32(GIT_REPOSITORY_STATE_APPLY_MAILBOX.rawValue): return .applyMailbox
        case Int32(GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE.rawValue): return .applyMailboxOrRebase
        default: return .none
        }
    }
}
