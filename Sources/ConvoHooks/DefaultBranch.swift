public import ConvoGit

/// Where a repository's main line is, for `convo check` (what is not there yet), `convo watch`
/// (what has merged) and `convo pr` (the pull request's base).
public enum DefaultBranch {
    /// The remote's default branch as this clone knows it: `refs/remotes/<remote>/HEAD`'s target
    /// (set by `git clone` or `git remote set-head`), else `refs/remotes/<remote>/main` or
    /// `…/master`, else the upstream of the local `init.defaultBranch`, `main` or `master`.
    /// Nil when none exists.
    public static func remoteTracking(in repository: Repository, remote: String = "origin") throws -> String? {
        if let head = try repository.remoteDefaultBranch(remote), try repository.referenceTarget(head) != nil { return head }
        for name in ["main", "master"] where try repository.referenceTarget("refs/remotes/\(remote)/\(name)") != nil {
            return "refs/remotes/\(remote)/\(name)"
        }
        for name in try localCandidates(repository) where try repository.referenceTarget("refs/heads/\(name)") != nil {
            if let upstream = try repository.upstream(ofBranch: name), try repository.referenceTarget(upstream) != nil {
                return upstream
            }
        }
        return nil
    }

    /// The main line to judge "merged" by: the remote-tracking default branch when there is one,
    /// else the local `init.defaultBranch`, `main` or `master`.
    public static func mainLine(in repository: Repository, remote: String = "origin") throws -> String? {
        if let tracking = try remoteTracking(in: repository, remote: remote) { return tracking }
        for name in try localCandidates(repository) where try repository.referenceTarget("refs/heads/\(name)") != nil {
            return "refs/heads/\(name)"
        }
        return nil
    }

    /// A full reference name without `refs/heads/` or `refs/remotes/<remote>/`: the branch name
    /// a pull request's `base` wants.
    public static func branchName(of reference: String, remote: String = "origin") -> String {
        for prefix in ["refs/remotes/\(remote)/", "refs/heads/"] where reference.hasPrefix(prefix) {
            return String(reference.dropFirst(prefix.count))
        }
        return reference
    }

    private static func localCandidates(_ repository: Repository) throws -> [String] {
        var names = [try repository.initialBranchName(), "main", "master"]
        var seen = Set<String>()
        names = names.filter { seen.insert($0).inserted }
        return names
    }
}
