internal import CLibgit2
public import ConvoBase

/// A failed git operation: which operation, libgit2's own words, and its code and class, so that
/// no libgit2 failure reaches a user without saying what convo was trying to do.
public struct GitError: UserFacingError, CustomStringConvertible {
    /// The failures callers and hints tell apart; everything else is `.other`.
    public enum Kind: Sendable, Hashable {
        /// No repository at or above the path.
        case notARepository
        /// The repository belongs to another user and `safe.directory` does not allow it.
        case notOwned
        /// The repository uses a format extension libgit2 1.5 cannot read.
        case unsupportedExtension(String)
        /// An object, reference, path or config entry does not exist.
        case notFound
        /// The thing to create exists already (a branch, say).
        case alreadyExists
        /// A compare-and-swap update found the reference at another value.
        case referenceMoved
        /// A `.lock` file is in the way: another git process, or a crashed one.
        case locked
        /// HEAD names a branch without commits.
        case unbornBranch
        /// The operation needs a work tree and the repository is bare.
        case bareRepository
        /// A malformed name, path or revision.
        case invalidInput
        case other
    }

    /// What convo was doing, e.g. `open repository at '/src/app'`.
    public var operation: String
    /// libgit2's return code (`git_error_code`, negative), or `-1` for checks done in Swift.
    public var code: Int32
    /// libgit2's error class (`git_error_t`); 0 when libgit2 gave none.
    public var errorClass: Int32
    /// libgit2's message from `git_error_last()`, or convo's own for checks done in Swift.
    public var detail: String
    /// What callers branch on (a moved ref, a missing object) without parsing messages.
    public var kind: Kind
    /// The repository path the operation was about, for hints when libgit2's text lacks it.
    public var path: String?

    public init(operation: String, detail: String, kind: Kind, code: Int32 = -1, errorClass: Int32 = 0) {
        self.operation = operation
        self.detail = detail
        self.kind = kind
        self.code = code
        self.errorClass = errorClass
    }

    public var message: String {
        "\(operation) failed: \(detail) (libgit2 \(GitError.codeName(code)), class \(GitError.className(errorClass)))"
    }

    public var hints: [String] {
        switch kind {
        case .notARepository:
            ["run convo inside a git work tree, or create one with `git init`"]
        case .notOwned:
            ["the repository belongs to another user; if you trust it, run "
             + "`git config --global --add safe.directory \(GitError.quotedPath(in: detail) ?? path ?? "<path>")`"]
        case .unsupportedExtension(let name):
            ["this repository uses \(name); libgit2 1.5 can't open it. If the extension is not needed, "
             + "remove it with `git config --unset \(name)`"]
        case .referenceMoved:
            ["another process changed the reference since convo read it; run the command again"]
        case .locked:
            ["another git process is running; if none is, delete the stale `.lock` file named above"]
        case .unbornBranch:
            ["the branch has no commits yet; make a first commit"]
        case .bareRepository:
            ["run convo in a repository with a work tree, not a bare one"]
        case .notFound, .alreadyExists, .invalidInput, .other:
            []
        }
    }

    public var exitStatus: ExitStatus {
        switch kind {
        case .notARepository, .notOwned, .unsupportedExtension: .usage
        default: .finding
        }
    }

    public var description: String { message }

    /// Builds the error for a failed call from libgit2's thread-local error. Call it in the same
    /// synchronous function as the failed call: the message is per thread.
    static func capture(_ code: Int32, operation: String) -> GitError {
        var detail = "libgit2 gave no detail"
        var errorClass: Int32 = 0
        if let last = git_error_last() {
            errorClass = last.pointee.klass
            if let text = last.pointee.message { detail = String(cString: text) }
        }
        return GitError(operation: operation, detail: detail,
                        kind: kind(code: code, detail: detail), code: code, errorClass: errorClass)
    }

    /// How convo reads a libgit2 failure. The message matters too: libgit2 1.5.1 reports an
    /// unsafe owner as ENOTFOUND "config value 'safe.directory' was not found" when no
    /// safe.directory is configured at all, and unsupported extensions as a generic error.
    public static func kind(code: Int32, detail: String) -> Kind {
        if code == GIT_EOWNER.rawValue || detail.contains("not owned by current user")
            || (code == GIT_ENOTFOUND.rawValue && detail.contains("config value 'safe.directory' was not found")) {
            return .notOwned
        }
        if let range = detail.range(of: "unsupported extension name ") {
            return .unsupportedExtension(String(detail[range.upperBound...]).trimmingSpaces())
        }
        switch code {
        case GIT_ENOTFOUND.rawValue:
            return detail.hasPrefix("could not find repository") ? .notARepository : .notFound
        case GIT_EEXISTS.rawValue: return .alreadyExists
        case GIT_EMODIFIED.rawValue: return .referenceMoved
        case GIT_ELOCKED.rawValue: return .locked
        case GIT_EUNBORNBRANCH.rawValue: return .unbornBranch
        case GIT_EBAREREPO.rawValue: return .bareRepository
        case GIT_EINVALIDSPEC.rawValue, GIT_EINVALID.rawValue: return .invalidInput
        default: return .other
        }
    }

    static func codeName(_ code: Int32) -> String {
        let names: [Int32: String] = [
            -1: "GIT_ERROR", -3: "GIT_ENOTFOUND", -4: "GIT_EEXISTS", -5: "GIT_EAMBIGUOUS", -6: "GIT_EBUFS",
            -7: "GIT_EUSER", -8: "GIT_EBAREREPO", -9: "GIT_EUNBORNBRANCH", -10: "GIT_EUNMERGED",
            -11: "GIT_ENONFASTFORWARD", -12: "GIT_EINVALIDSPEC", -13: "GIT_ECONFLICT", -14: "GIT_ELOCKED",
            -15: "GIT_EMODIFIED", -16: "GIT_EAUTH", -17: "GIT_ECERTIFICATE", -18: "GIT_EAPPLIED",
            -19: "GIT_EPEEL", -20: "GIT_EEOF", -21: "GIT_EINVALID", -22: "GIT_EUNCOMMITTED",
            -23: "GIT_EDIRECTORY", -24: "GIT_EMERGECONFLICT", -33: "GIT_EMISMATCH", -34: "GIT_EINDEXDIRTY",
            -35: "GIT_EAPPLYFAIL", -36: "GIT_EOWNER",
        ]
        return names[code] ?? "error \(code)"
    }

    static func className(_ errorClass: Int32) -> String {
        let names = ["none", "nomemory", "os", "invalid", "reference", "zlib", "repository", "config", "regex",
                     "odb", "index", "object", "net", "tag", "tree", "indexer", "ssl", "submodule", "thread",
                     "stash", "checkout", "fetchhead", "merge", "ssh", "filter", "revert", "callback",
                     "cherrypick", "describe", "rebase", "filesystem", "patch", "worktree", "sha1", "http",
                     "internal"]
        return names.indices.contains(Int(errorClass)) ? names[Int(errorClass)] : "\(errorClass)"
    }

    /// The first `'…'`-quoted path in libgit2's message, without a trailing slash.
    static func quotedPath(in detail: String) -> String? {
        let parts = detail.split(separator: "'", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[1].hasPrefix("/") else { return nil }
        var path = String(parts[1])
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }
}

/// Throws a `GitError` naming `operation` when a libgit2 call returned a negative code.
@discardableResult
func check(_ code: Int32, _ operation: @autoclosure () -> String) throws -> Int32 {
    if code < 0 { throw GitError.capture(code, operation: operation()) }
    return code
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
