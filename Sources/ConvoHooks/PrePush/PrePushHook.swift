public import ConvoBase
public import ConvoGit

/// `convo hook pre-push` and `convo check` as library calls, so tests and benchmarks run exactly
/// what the commands run.
public enum GovernanceRun {
    /// Checks a push. `input` is git's stdin; when it is empty and the pre-commit framework's
    /// variables are set, the push they describe is checked instead.
    /// - Parameters:
    ///   - remote: `$1`, the remote's name (or its URL when pushing to a URL); nil under pre-commit,
    ///     which passes no arguments (then `PRE_COMMIT_REMOTE_NAME`, else `origin`).
    public static func prePush(remote: String?, input: String, environment: [String: String], repository: Repository,
                               config: ConvoConfig, redactor: Redactor) throws -> GovernanceReport {
        var updates = try PrePushUpdate.parse(input)
        var remoteName = remote
        if updates.isEmpty, let preCommit = PreCommitPush(environment: environment) {
            updates = [try preCommit.update(in: repository)]
            remoteName = remoteName ?? preCommit.remoteName
        }
        let commits = try PushCommits.commits(for: updates, remote: remoteName ?? "origin", in: repository)
        return try GovernanceChecker(repository: repository, config: config, redactor: redactor).check(commits)
    }

    /// Checks the commits of a revision range (`origin/main..HEAD`), oldest first.
    public static func check(range: CommitRange, repository: Repository, config: ConvoConfig,
                             redactor: Redactor) throws -> GovernanceReport {
        let commits = try repository.commits(in: range, order: [.topological, .reverse])
        return try GovernanceChecker(repository: repository, config: config, redactor: redactor).check(commits)
    }

    /// `convo check`'s default range: HEAD minus the remote's default branch.
    /// - Throws: `ConvoError.usage` when no default branch can be found, saying how to name a range.
    public static func defaultRange(in repository: Repository, remote: String = "origin") throws -> (CommitRange, description: String) {
        guard let head = try repository.head().target else {
            throw ConvoError.usage("HEAD has no commits yet, so there is nothing to check")
        }
        guard let base = try DefaultBranch.remoteTracking(in: repository, remote: remote),
              let baseID = try repository.referenceTarget(base) else {
            throw ConvoError.usage("cannot tell which commits are new: there is no \(remote)/HEAD, \(remote)/main or \(remote)/master, "
                                   + "and the default branch has no upstream",
                                   hints: ["name the range: `convo check main..HEAD` (or `origin/main..HEAD` after `git fetch`)",
                                           "in CI, fetch the base branch first (`git fetch origin main`)"])
        }
        let short = base.hasPrefix("refs/remotes/") ? String(base.dropFirst("refs/remotes/".count)) : base
        return (CommitRange(include: [head], exclude: [baseID]), "\(short)..HEAD")
    }
}
