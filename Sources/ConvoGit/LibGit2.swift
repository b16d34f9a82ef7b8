internal import CLibgit2

/// Process-wide libgit2 set-up.
///
/// libgit2 is initialised once, lazily, and never shut down: shutting down at exit races with
/// threads still using libgit2 objects (git2-rs #276, objective-git #262). Every entry point of
/// this module touches `LibGit2.ready` first.
public enum LibGit2 {
    /// The result of `git_libgit2_init` (the new reference count, or a negative error code).
    private static let initialization: Int32 = git_libgit2_init()

    /// Initialises libgit2 if needed; throws if it could not be initialised.
    static func ensureReady() throws {
        let code = initialization
        if code < 0 {
            throw GitError.capture(code, operation: "initialise libgit2")
        }
    }

    /// The linked libgit2 version, e.g. `1.5.1`, for `convo --version` and bug reports.
    public static var version: String {
        _ = initialization
        var major: Int32 = 0, minor: Int32 = 0, revision: Int32 = 0
        guard git_libgit2_version(&major, &minor, &revision) == 0 else { return "unknown" }
        return "\(major).\(minor).\(revision)"
    }

    /// The configuration levels whose file location can be redirected.
    public enum ConfigLevel: Sendable {
        case system, xdg, global, programData

        var raw: Int32 {
            switch self {
            case .system: GIT_CONFIG_LEVEL_SYSTEM.rawValue
            case .xdg: GIT_CONFIG_LEVEL_XDG.rawValue
            case .global: GIT_CONFIG_LEVEL_GLOBAL.rawValue
            case .programData: GIT_CONFIG_LEVEL_PROGRAMDATA.rawValue
            }
        }
    }

    /// Makes libgit2 look for the config file of `level` in `directory` (nil restores the
    /// default). Process-global: tests use it to keep the developer's `~/.gitconfig` out, since
    /// libgit2 1.5 ignores `GIT_CONFIG_GLOBAL`/`GIT_CONFIG_NOSYSTEM`.
    public static func setConfigSearchPath(_ level: ConfigLevel, to directory: String?) throws {
        try ensureReady()
        let code: Int32
        if let directory {
            code = directory.withCString { convo_git_opts_set_search_path(level.raw, $0) }
        } else {
            code = convo_git_opts_set_search_path(level.raw, nil)
        }
        try check(code, "set the config search path")
    }

    /// Whether opening a repository checks that the current user owns it (`safe.directory`).
    /// Process-global; turn it off only in tests.
    public static func ownerValidation() throws -> Bool {
        try ensureReady()
        var enabled: Int32 = 0
        try check(convo_git_opts_get_owner_validation(&enabled), "read the owner-validation option")
        return enabled != 0
    }

    /// See `ownerValidation()`.
    public static func setOwnerValidation(_ enabled: Bool) throws {
        try ensureReady()
        try check(convo_git_opts_set_owner_validation(enabled ? 1 : 0), "set the owner-validation option")
    }
}
