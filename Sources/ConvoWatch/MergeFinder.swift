public import ConvoBase
public import ConvoGit
import Foundation

/// Where an intent's change reached the main line.
public struct MergePoint: Sendable, Hashable {
    /// The first-parent commit of the main line that brought the change in (the merge commit,
    /// or the commit itself after a fast-forward, rebase or squash).
    public var commit: ObjectID
    /// Its committer time: when the main line got it.
    public var time: Timestamp

    public init(commit: ObjectID, time: Timestamp) {
        self.commit = commit
        self.time = time
    }

    /// The committer date (UTC).
    public var day: Day { time.day }
}

/// Finds, for each intent, the first commit on the main line's first-parent history that brought
/// in a commit naming the intent in an `Intent:` trailer.
///
/// A first-parent commit "brings in" itself, and for a merge, every commit of the merged side not
/// already on the main line. Because GitHub's squash merges concatenate the squashed messages, an
/// `Intent: ID` line anywhere in a first-parent commit's message counts too.
public enum MergeFinder {
    /// Every intent id named on the main line, with where it first arrived.
    public static func mergePoints(on mainLine: ObjectID, in repository: Repository) throws -> [String: MergePoint] {
        var found: [String: MergePoint] = [:]
        let spine = try repository.commits(in: CommitRange(include: [mainLine]), order: [.topological, .reverse], firstParentOnly: true)
        for id in spine {
            let commit = try repository.commit(id)
            var named = Set(Trailers.values(of: "Intent", in: commit.trailers))
            named.formUnion(intentLines(in: commit.message))
            if commit.parents.count > 1, let first = commit.parents.first {
                for merged in try repository.commits(in: CommitRange(include: Array(commit.parents.dropFirst()), exclude: [first])) {
                    named.formUnion(Trailers.values(of: "Intent", in: try repository.commit(merged).trailers))
                }
            }
            for intent in named where !intent.isEmpty && found[intent] == nil {
                found[intent] = MergePoint(commit: id, time: commit.committer.time.timestamp)
            }
        }
        return found
    }

    /// `Intent: ID` lines anywhere in a message (squash merges bury trailers in the body).
    static func intentLines(in message: String) -> [String] {
        message.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix("intent:") else { return nil }
            let value = trimmed.dropFirst("intent:".count).trimmingCharacters(in: .whitespaces)
            return Slug.isValid(value) ? value : nil
        }
    }
}
