public import ConvoGit

/// Which commits a push sends: for each update, the local tip's history minus what the remote
/// already has.
public enum PushCommits {
    /// The commits the updates would send, oldest first, each once.
    ///
    /// - An update: the local tip, minus the remote's old tip (a force push checks only what is
    ///   new on the local side).
    /// - A new ref (remote sha all zeros) or an old tip this repository has never fetched: the
    ///   local tip minus everything known on that remote (`refs/remotes/<remote>/*`), as
    ///   pre-commit's `git rev-list <local> --not --remotes=<remote>`. When the remote is a URL
    ///   rather than a configured remote, minus every remote-tracking branch.
    /// - A deletion: nothing.
    ///
    /// A local side that is not a commit (a tag of a tree) sends no commits and is skipped.
    /// - Parameter remote: the remote's name as git passed it (`$1`).
    public static func commits(for updates: [PrePushUpdate], remote: String, in repository: Repository) throws -> [ObjectID] {
        var ranges: [CommitRange] = []
        let knownRemotes = Set(try repository.remoteNames())
        let remoteGlob = knownRemotes.contains(remote) ? "refs/remotes/\(remote)/*" : "refs/remotes/*"
        for update in updates where !update.isDeletion {
            guard let local = try? repository.resolveCommit(update.localID.hex) else { continue }
            if !update.isNewRef, try repository.odbContains(update.remoteID),
               let old = try? repository.resolveCommit(update.remoteID.hex) {
                ranges.append(CommitRange(include: [local], exclude: [old]))
            } else {
                ranges.append(CommitRange(include: [local], excludeGlobs: [remoteGlob]))
            }
        }
        // Each range is walked on its own: one ref's old tip must not hide another ref's commits.
        var seen = Set<ObjectID>()
        var result: [ObjectID] = []
        for range in ranges {
            for id in try repository.commits(in: range, order: [.topological, .reverse]) where seen.insert(id).inserted {
                result.append(id)
            }
        }
        return result
    }
}
