internal import CLibgit2

/// A set of commits as `git rev-list INCLUDE... --not EXCLUDE... --glob=...` describes it.
public struct CommitRange: Sendable, Hashable {
    /// Commits whose ancestry is listed.
    public var include: [ObjectID]
    /// Commits whose ancestry is left out. Each must exist locally: check with
    /// `Repository.odbContains(_:)` first (a pre-push remote SHA may be unknown here).
    public var exclude: [ObjectID]
    /// Reference globs whose ancestry is left out, e.g. `refs/remotes/origin/*` for "not yet on
    /// any branch of origin".
    public var excludeGlobs: [String]

    public init(include: [ObjectID], exclude: [ObjectID] = [], excludeGlobs: [String] = []) {
        self.include = include
        self.exclude = exclude
        self.excludeGlobs = excludeGlobs
    }
}

/// The order a walk lists commits in.
public struct WalkOrder: OptionSet, Sendable, Hashable {
    /// libgit2's `GIT_SORT_*` bits.
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Parents after all of their children (`--topo-order`).
    public static let topological = WalkOrder(rawValue: GIT_SORT_TOPOLOGICAL.rawValue)
    /// By committer time, newest first (`--date-order` with `.topological`).
    public static let time = WalkOrder(rawValue: GIT_SORT_TIME.rawValue)
    /// Oldest first (`--reverse`).
    public static let reverse = WalkOrder(rawValue: GIT_SORT_REVERSE.rawValue)
}

extension Repository {
    /// The commits of `range`, like `git rev-list`.
    /// - Parameters:
    ///   - firstParentOnly: follow only first parents (`--first-parent`), the history of a
    ///     branch as merged into it.
    ///   - limit: stop after this many commits.
    /// - Throws: `GitError` of kind `.notFound` when an excluded or included commit is not in
    ///   the object database.
    public func commits(in range: CommitRange, order: WalkOrder = .topological, firstParentOnly: Bool = false,
                        limit: Int? = nil) throws -> [ObjectID] {
        let operation = "walk commits"
        var walk: OpaquePointer?
        try check(git_revwalk_new(&walk, pointer), operation)
        defer { git_revwalk_free(walk) }
        try check(git_revwalk_sorting(walk, order.rawValue), operation)
        if firstParentOnly { try check(git_revwalk_simplify_first_parent(walk), operation) }
        for id in range.include {
            var oid = id.oid
            try check(git_revwalk_push(walk, &oid), "\(operation): start from \(id.abbreviated())")
        }
        for id in range.exclude {
            var oid = id.oid
            try check(git_revwalk_hide(walk, &oid), "\(operation): leave out \(id.abbreviated())")
        }
        for glob in range.excludeGlobs {
            try check(git_revwalk_hide_glob(walk, glob), "\(operation): leave out '\(glob)'")
        }
        var result: [ObjectID] = []
        var oid = git_oid()
        while limit.map({ result.count < $0 }) ?? true {
            let code = git_revwalk_next(&oid, walk)
            if code == GIT_ITEROVER.rawValue { break }
            try check(code, operation)
            result.append(ObjectID(oid))
        }
        return result
    }

    /// Parses a revision range as `git rev-list` reads it: `A..B` (B not A), `A...B` (either but
    /// not both), or a single revision (its whole history).
    public func revisionRange(_ spec: String) throws -> CommitRange {
        let operation = "read revision range '\(spec)'"
        var revspec = git_revspec()
        try check(git_revparse(&revspec, pointer, spec), operation)
        defer {
            git_object_free(revspec.from)
            git_object_free(revspec.to)
        }
        func commitID(_ object: OpaquePointer?) throws -> ObjectID? {
            guard let object else { return nil }
            var commit: OpaquePointer?
            try check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), operation)
            defer { git_object_free(commit) }
            return ObjectID(git_object_id(commit))
        }
        let from = try commitID(revspec.from)
        let to = try commitID(revspec.to)
        if revspec.flags & GIT_REVSPEC_SINGLE.rawValue != 0 || to == nil {
            return CommitRange(include: from.map { [$0] } ?? [])
        }
        guard let to else { return CommitRange(include: []) }
        guard let from else { return CommitRange(include: [to]) }
        if revspec.flags & GIT_REVSPEC_MERGE_BASE.rawValue != 0 {
            return CommitRange(include: [from, to], exclude: try mergeBases(from, to))
        }
        return CommitRange(include: [to], exclude: [from])
    }

    /// Whether the object database has `id` (pre-push: the remote's old tip may be unknown here).
    public func odbContains(_ id: ObjectID) throws -> Bool {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "open the object database")
        defer { git_odb_free(odb) }
        var oid = id.oid
        return git_odb_exists(odb, &oid) != 0
    }

    /// The best common ancestor of two commits; nil when their histories are unrelated.
    public func mergeBase(_ first: ObjectID, _ second: ObjectID) throws -> ObjectID? {
        var out = git_oid()
        var one = first.oid, two = second.oid
        let code = git_merge_base(&out, pointer, &one, &two)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "find the merge base of \(first.abbreviated()) and \(second.abbreviated())")
        return ObjectID(out)
    }

    /// All best common ancestors (criss-cross merges have several), sorted.
    public func mergeBases(_ first: ObjectID, _ second: ObjectID) throws -> [ObjectID] {
        var out = git_oidarray()
        var one = first.oid, two = second.oid
        let code = git_merge_bases(&out, pointer, &one, &two)
        if code == GIT_ENOTFOUND.rawValue { return [] }
        try check(code, "find the merge bases of \(first.abbreviated()) and \(second.abbreviated())")
        defer { git_oidarray_dispose(&out) }
        guard let ids = out.ids else { return [] }
        return (0..<out.count).map { ObjectID(ids[$0]) }.sorted()
    }

    /// Whether `commit` has `ancestor` in its history. A commit is not its own descendant.
    public func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws -> Bool {
        var one = commit.oid, two = ancestor.oid
        let code = try check(git_graph_descendant_of(pointer, &one, &two),
                             "check whether \(commit.abbreviated()) descends from \(ancestor.abbreviated())")
        return code == 1
    }
}
