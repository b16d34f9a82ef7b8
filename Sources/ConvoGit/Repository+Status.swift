internal import CLibgit2

/// How a path differs on one side of `git status`: HEAD→index or index→work tree.
public enum StatusChange: String, Sendable, Hashable {
    case added, modified, deleted, renamed, typeChanged
    /// In the work tree only (`??`).
    case untracked
    /// Ignored by `.gitignore` (`!!`), listed only on request.
    case ignored
    /// An unresolved merge conflict.
    case conflicted

    /// The letter `git status --porcelain` uses.
    var porcelainLetter: Character {
        switch self {
        case .added: "A"
        case .modified: "M"
        case .deleted: "D"
        case .renamed: "R"
        case .typeChanged: "T"
        case .untracked: "?"
        case .ignored: "!"
        case .conflicted: "U"
        }
    }
}

/// One line of `git status`: a path with its staged and unstaged change.
public struct StatusEntry: Sendable, Hashable {
    /// The path now (in the work tree, or the index when deleted there).
    public var path: String
    /// The path in HEAD when the index records a rename.
    public var originalPath: String?
    /// The staged change (HEAD→index); nil when none.
    public var index: StatusChange?
    /// The unstaged change (index→work tree); nil when none.
    public var workTree: StatusChange?

    public init(path: String, originalPath: String? = nil, index: StatusChange?, workTree: StatusChange?) {
        self.path = path
        self.originalPath = originalPath
        self.index = index
        self.workTree = workTree
    }

    /// The two-letter code of `git status --porcelain`: `M `, ` M`, `??`, `A `, `UU`…
    public var porcelainCode: String {
        if index == .untracked || workTree == .untracked { return "??" }
        if index == .ignored || workTree == .ignored { return "!!" }
        if index == .conflicted || workTree == .conflicted { return "UU" }
        return String(index?.porcelainLetter ?? " ") + String(workTree?.porcelainLetter ?? " ")
    }
}

/// What `status` lists besides tracked changes.
public struct StatusOptions: Sendable, Hashable {
    /// Git pathspecs (`prompts/`, `intents/*.intent`); empty for the whole work tree.
    public var paths: [String]
    /// List untracked files, each file inside an untracked directory separately (`-uall`).
    public var includeUntracked: Bool
    public var includeIgnored: Bool
    /// Pair staged deletions with additions (`R` entries), as `git status` does by default.
    public var detectRenames: Bool

    public init(paths: [String] = [], includeUntracked: Bool = true, includeIgnored: Bool = false,
                detectRenames: Bool = false) {
        self.paths = paths
        self.includeUntracked = includeUntracked
        self.includeIgnored = includeIgnored
        self.detectRenames = detectRenames
    }
}

extension Repository {
    /// The changed paths of the index and work tree, like `git status --porcelain -uall`, in
    /// its order: tracked changes, untracked files, ignored files, each sorted by path. Submodules are left out.
    /// - Throws: `GitError` of kind `.bareRepository` for a bare repository.
    public func status(_ options: StatusOptions = StatusOptions()) throws -> [StatusEntry] {
        let operation = options.paths.isEmpty ? "read the work-tree status"
            : "read the work-tree status of \(options.paths.joined(separator: ", "))"
        guard !isBare else {
            throw GitError(operation: operation, detail: "the repository at '\(gitDirectory)' is bare", kind: .bareRepository)
        }
        return try withStringArray(options.paths) { pathspec in
            var statusOptions = git_status_options()
            try check(git_status_options_init(&statusOptions, UInt32(GIT_STATUS_OPTIONS_VERSION)), operation)
            statusOptions.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
            var flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
            if options.includeUntracked {
                flags |= GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
            }
            if options.includeIgnored {
                flags |= GIT_STATUS_OPT_INCLUDE_IGNORED.rawValue | GIT_STATUS_OPT_RECURSE_IGNORED_DIRS.rawValue
            }
            if options.detectRenames { flags |= GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX.rawValue }
            statusOptions.flags = flags
            if !options.paths.isEmpty { statusOptions.pathspec = pathspec }

            var list: OpaquePointer?
            try check(git_status_list_new(&list, pointer, &statusOptions), operation)
            defer { git_status_list_free(list) }
            var entries: [StatusEntry] = []
            for index in 0..<git_status_list_entrycount(list) {
                guard let entry = git_status_byindex(list, index)?.pointee,
                      let parsed = StatusEntry(entry) else { continue }
                entries.append(parsed)
            }
            // git's order: tracked changes, then untracked files, then ignored ones; by path within each.
            return entries.sorted { lhs, rhs in
                lhs.listingGroup != rhs.listingGroup ? lhs.listingGroup < rhs.listingGroup : lhs.path.precedesBytewise(rhs.path)
            }
        }
    }

    /// Whether any of `paths` (git pathspecs) has staged, unstaged or untracked changes;
    /// convo refuses to overwrite such files.
    public func isDirty(paths: [String]) throws -> Bool {
        !(try status(StatusOptions(paths: paths))).isEmpty
    }
}

extension StatusEntry {
    var listingGroup: Int {
        if workTree == .untracked { return 1 }
        if workTree == .ignored { return 2 }
        return 0
    }
}

extension StatusEntry {
    init?(_ entry: git_status_entry) {
        let flags = entry.status.rawValue
        func has(_ flag: git_status_t) -> Bool { flags & flag.rawValue != 0 }
        var index: StatusChange?
        if has(GIT_STATUS_INDEX_NEW) { index = .added }
        if has(GIT_STATUS_INDEX_MODIFIED) { index = .modified }
        if has(GIT_STATUS_INDEX_DELETED) { index = .deleted }
        if has(GIT_STATUS_INDEX_RENAMED) { index = .renamed }
        if has(GIT_STATUS_INDEX_TYPECHANGE) { index = .typeChanged }
        var workTree: StatusChange?
        if has(GIT_STATUS_WT_NEW) { workTree = .untracked }
        if has(GIT_STATUS_WT_MODIFIED) { workTree = .modified }
        if has(GIT_STATUS_WT_DELETED) { workTree = .deleted }
        if has(GIT_STATUS_WT_RENAMED) { workTree = .renamed }
        if has(GIT_STATUS_WT_TYPECHANGE) { workTree = .typeChanged }
        if has(GIT_STATUS_IGNORED) { workTree = .ignored }
        if has(GIT_STATUS_CONFLICTED) {
            index = .conflicted
            workTree = .conflicted
        }
        if index == nil && workTree == nil { return nil }

        let headToIndex = entry.head_to_index?.pointee
        let indexToWorkTree = entry.index_to_workdir?.pointee
        let newPath = indexToWorkTree?.new_file.path ?? headToIndex?.new_file.path
        guard let newPath else { return nil }
        var original: String?
        if index == .renamed, let oldPath = headToIndex?.old_file.path {
            original = String(cString: oldPath)
        }
        self.init(path: String(cString: newPath), originalPath: original, index: index, workTree: workTree)
    }
}
