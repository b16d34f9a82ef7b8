internal import CLibgit2
public import Foundation

extension Repository {
    /// A config value as git resolves it (repository, then global, then system); nil when unset.
    public func configString(_ key: String) throws -> String? {
        try withConfigSnapshot("read config '\(key)'") { config in
            var value: UnsafePointer<CChar>?
            let code = git_config_get_string(&value, config, key)
            if code == GIT_ENOTFOUND.rawValue { return nil }
            try check(code, "read config '\(key)'")
            return value.map { String(cString: $0) }
        }
    }

    /// A boolean config value (`true`/`yes`/`on`/`1` and their opposites); nil when unset.
    /// - Throws: `GitError` when the value is not a boolean.
    public func configBool(_ key: String) throws -> Bool? {
        try withConfigSnapshot("read config '\(key)'") { config in
            var value: Int32 = 0
            let code = git_config_get_bool(&value, config, key)
            if code == GIT_ENOTFOUND.rawValue { return nil }
            try check(code, "read config '\(key)'")
            return value != 0
        }
    }

    /// A config value in the form `(String) -> String?` that `Signature.resolve` takes; errors
    /// read as unset.
    public var configLookup: (String) -> String? {
        { [self] key in (try? configString(key)) ?? nil }
    }

    /// `core.hooksPath` as written, or nil.
    public func hooksPathSetting() throws -> String? { try configString("core.hooksPath") }

    /// The directory git runs hooks from: `core.hooksPath` (a leading `~/` expanded, a relative
    /// path taken from the work-tree root, or the git directory when bare), else the common
    /// git directory's `hooks`, so linked worktrees share the main repository's hooks.
    public func hooksDirectory(home: String? = ProcessInfo.processInfo.environment["HOME"]) throws -> String {
        guard let setting = try hooksPathSetting(), !setting.isEmpty else { return commonDirectory + "/hooks" }
        if setting.hasPrefix("~/"), let home {
            return home + "/" + setting.dropFirst(2)
        }
        if setting.hasPrefix("/") { return setting }
        return (workTree ?? gitDirectory) + "/" + setting
    }

    /// `init.defaultBranch`, else git's built-in `master`.
    public func initialBranchName() throws -> String {
        try configString("init.defaultBranch") ?? "master"
    }

    /// The configured remotes' names, sorted.
    public func remoteNames() throws -> [String] {
        var names = git_strarray()
        try check(git_remote_list(&names, pointer), "list remotes")
        defer { git_strarray_dispose(&names) }
        guard let strings = names.strings else { return [] }
        return (0..<names.count).compactMap { strings[$0].map { String(cString: $0) } }.sorted()
    }

    /// The fetch URL of remote `name`; nil when there is no such remote.
    public func remoteURL(_ name: String) throws -> String? {
        let operation = "look up remote '\(name)'"
        var remote: OpaquePointer?
        let code = git_remote_lookup(&remote, pointer, name)
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EINVALIDSPEC.rawValue { return nil }
        try check(code, operation)
        defer { git_remote_free(remote) }
        return git_remote_url(remote).map { String(cString: $0) }
    }

    /// The branch a remote's HEAD points to, as `refs/remotes/origin/HEAD` records it after a
    /// clone (`refs/remotes/origin/main`); nil when that ref is missing.
    public func remoteDefaultBranch(_ remote: String = "origin") throws -> String? {
        let name = "refs/remotes/\(remote)/HEAD"
        var reference: OpaquePointer?
        let code = git_reference_lookup(&reference, pointer, name)
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EINVALIDSPEC.rawValue { return nil }
        try check(code, "read '\(name)'")
        defer { git_reference_free(reference) }
        guard git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC else { return nil }
        return git_reference_symbolic_target(reference).map { String(cString: $0) }
    }

    /// The upstream of local branch `branch` (`refs/remotes/origin/main`, from
    /// `branch.<name>.remote` and `.merge`); nil when none is configured.
    public func upstream(ofBranch branch: String) throws -> String? {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let code = git_branch_upstream_name(&buffer, pointer, "refs/heads/" + branch)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "find the upstream of branch '\(branch)'")
        return buffer.ptr.map { String(cString: $0) }
    }

    /// Who commits: see `Signature.resolve` for the order of sources. Reads this repository's
    /// config and the process environment unless given another.
    public func signature(for role: SignatureRole,
                          environment: [String: String] = ProcessInfo.processInfo.environment,
                          now: GitTime = .now()) throws -> Signature {
        try Signature.resolve(role, environment: environment, config: configLookup, now: now)
    }

    private func withConfigSnapshot<R>(_ operation: String, _ body: (OpaquePointer?) throws -> R) throws -> R {
        var config: OpaquePointer?
        try check(git_repository_config_snapshot(&config, pointer), operation)
        defer { git_config_free(config) }
        return try body(config)
    }
}
