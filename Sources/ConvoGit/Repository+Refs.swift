internal import CLibgit2

/// A reference and what it points to.
public struct ReferenceInfo: Sendable, Hashable {
    /// The full name, `refs/heads/main`.
    public var name: String
    /// The object a direct reference names, or a symbolic one resolves to (nil if dangling).
    public var target: ObjectID?
    /// For a symbolic reference, the name it points to.
    public var symbolicTarget: String?

    /// The name without `refs/heads/`, `refs/remotes/` or `refs/tags/`.
    public var shortName: String { Branch.shorten(name) }
}

/// A local or remote-tracking branch.
public struct Branch: Sendable, Hashable {
    /// `main` for a local branch, `origin/main` for a remote-tracking one.
    public var name: String
    /// `refs/heads/main`, `refs/remotes/origin/main`.
    public var referenceName: String
    /// The commit it points to (nil for a symbolic remote HEAD that dangles).
    public var target: ObjectID?
    public var isRemote: Bool
    /// Whether HEAD points to it.
    public var isHead: Bool

    /// Which branches `branches(_:)` lists: `refs/heads`, `refs/remotes`, or both.
    public enum Kind: Sendable { case local, remote, all }

    static func shorten(_ name: String) -> String {
        for prefix in ["refs/heads/", "refs/remotes/", "refs/tags/"] where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }
}

/// What a reference must hold for an update to go ahead: the compare in compare-and-swap.
public enum ReferenceExpectation: Sendable, Hashable {
    /// Overwrite whatever is there (or create it).
    case any
    /// The reference must not exist yet.
    case absent
    /// The reference must still point to this object.
    case value(ObjectID)
}

extension Repository {
    /// Resolves a reference name (`refs/heads/main`, `HEAD`, `refs/remotes/origin/HEAD`) to the
    /// object it ultimately points to; nil when it does not exist or dangles.
    public func referenceTarget(_ name: String) throws -> ObjectID? {
        var oid = git_oid()
        let code = git_reference_name_to_id(&oid, pointer, name)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "resolve reference '\(name)'")
        return ObjectID(oid)
    }

    /// All references whose full name matches `glob` (fnmatch, `refs/remotes/origin/*`), sorted
    /// by name.
    public func references(matching glob: String = "refs/*") throws -> [ReferenceInfo] {
        let operation = "list references matching '\(glob)'"
        var iterator: OpaquePointer?
        try check(git_reference_iterator_glob_new(&iterator, pointer, glob), operation)
        defer { git_reference_iterator_free(iterator) }
        var result: [ReferenceInfo] = []
        while true {
            var reference: OpaquePointer?
            let code = git_reference_next(&reference, iterator)
            if code == GIT_ITEROVER.rawValue { break }
            try check(code, operation)
            defer { git_reference_free(reference) }
            guard let name = git_reference_name(reference).map({ String(cString: $0) }) else { continue }
            if git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC {
                let symbolic = git_reference_symbolic_target(reference).map { String(cString: $0) }
                result.append(ReferenceInfo(name: name, target: try referenceTarget(name), symbolicTarget: symbolic))
            } else {
                result.append(ReferenceInfo(name: name, target: git_reference_target(reference).map(ObjectID.init),
                                            symbolicTarget: nil))
            }
        }
        return result.sorted { $0.name.precedesBytewise($1.name) }
    }

    /// Local and/or remote-tracking branches, sorted by reference name.
    public func branches(_ kind: Branch.Kind = .local) throws -> [Branch] {
        let head = try head().referenceName
        var result: [Branch] = []
        if kind != .remote {
            result += try references(matching: "refs/heads/*").map {
                Branch(name: $0.shortName, referenceName: $0.name, target: $0.target, isRemote: false, isHead: $0.name == head)
            }
        }
        if kind != .local {
            result += try references(matching: "refs/remotes/*").map {
                Branch(name: $0.shortName, referenceName: $0.name, target: $0.target, isRemote: true, isHead: false)
            }
        }
        return result
    }

    /// Points reference `name` at `target` with a reflog entry carrying `reflogMessage`, only if
    /// the reference still holds what `expecting` says (`git update-ref NAME NEW OLD`), so two
    /// writers can never silently overwrite each other.
    /// - Throws: `GitError` of kind `.referenceMoved` when the reference holds another value,
    ///   `.alreadyExists` when `.absent` was expected and it exists, `.invalidInput` for a bad name.
    public func updateReference(_ name: String, to target: ObjectID, expecting: ReferenceExpectation,
                                reflogMessage: String) throws {
        let operation = "update reference '\(name)' to \(target.abbreviated())"
        try requireValidReferenceName(name, operation)
        var oid = target.oid
        var reference: OpaquePointer?
        let code: Int32
        switch expecting {
        case .any:
            code = git_reference_create(&reference, pointer, name, &oid, 1, reflogMessage)
        case .absent:
            code = git_reference_create(&reference, pointer, name, &oid, 0, reflogMessage)
        case .value(let old):
            var current = old.oid
            code = git_reference_create_matching(&reference, pointer, name, &oid, 1, &current, reflogMessage)
        }
        if code < 0 {
            var error = GitError.capture(code, operation: operation)
            if case .value(let old) = expecting, code == GIT_ENOTFOUND.rawValue || code == GIT_EMODIFIED.rawValue {
                error.kind = .referenceMoved
                error.detail += " (expected \(old.abbreviated()))"
            }
            throw error
        }
        git_reference_free(reference)
    }

    /// Creates branch `name` at `target`; refuses if it exists.
    public func createBranch(_ name: String, at target: ObjectID, reflogMessage: String) throws {
        try requireValidBranchName(name)
        try updateReference("refs/heads/" + name, to: target, expecting: .absent, reflogMessage: reflogMessage)
    }

    /// Moves branch `name` from `old` to `target`; fails with `.referenceMoved` if it no longer
    /// points to `old`.
    public func moveBranch(_ name: String, to target: ObjectID, from old: ObjectID, reflogMessage: String) throws {
        try requireValidBranchName(name)
        try updateReference("refs/heads/" + name, to: target, expecting: .value(old), reflogMessage: reflogMessage)
    }

    /// Deletes local branch `name` and its reflog. libgit2 refuses to delete the checked-out branch.
    public func deleteBranch(_ name: String) throws {
        let operation = "delete branch '\(name)'"
        var reference: OpaquePointer?
        try check(git_branch_lookup(&reference, pointer, name, GIT_BRANCH_LOCAL), operation)
        defer { git_reference_free(reference) }
        try check(git_branch_delete(reference), operation)
    }

    /// Makes HEAD a symbolic reference to branch `name` (which may not exist yet: HEAD is then
    /// unborn). Like `git symbolic-ref HEAD`, this leaves the index and work tree alone.
    public func setHead(toBranch name: String) throws {
        try requireValidBranchName(name)
        try check(git_repository_set_head(pointer, "refs/heads/" + name), "point HEAD at branch '\(name)'")
    }

    /// Detaches HEAD at `commit`, leaving the index and work tree alone.
    public func detachHead(at commit: ObjectID) throws {
        var oid = commit.oid
        try check(git_repository_set_head_detached(pointer, &oid), "detach HEAD at \(commit.abbreviated())")
    }

    /// The identity written into reflog entries convo makes (otherwise `user.*`, else
    /// "unknown"); the signature's time is not used.
    public func setReflogIdentity(_ signature: Signature) throws {
        try check(git_repository_set_ident(pointer, signature.name, signature.email), "set the reflog identity")
    }

    /// Whether `name` is a branch name git accepts (`git check-ref-format --branch`).
    public static func isValidBranchName(_ name: String) -> Bool {
        guard (try? LibGit2.ensureReady()) != nil, !name.utf8.contains(0) else { return false }
        var valid: Int32 = 0
        return git_branch_name_is_valid(&valid, name) == 0 && valid != 0
    }

    private func requireValidBranchName(_ name: String) throws {
        guard Repository.isValidBranchName(name) else {
            throw GitError(operation: "use branch name '\(name)'", detail: "'\(name)' is not a valid branch name",
                           kind: .invalidInput)
        }
    }

    private func requireValidReferenceName(_ name: String, _ operation: String) throws {
        var valid: Int32 = 0
        try check(git_reference_name_is_valid(&valid, name), operation)
        guard valid != 0, !name.utf8.contains(0) else {
            throw GitError(operation: operation, detail: "'\(name)' is not a valid reference name", kind: .invalidInput)
        }
    }
}
