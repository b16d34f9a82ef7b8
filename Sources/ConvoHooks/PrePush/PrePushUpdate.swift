public import ConvoBase
public import ConvoGit

/// One line of git's pre-push input: `<local ref> SP <local sha> SP <remote ref> SP <remote sha>`
/// (`githooks(5)`).
public struct PrePushUpdate: Sendable, Hashable {
    /// As given to `git push`: `refs/heads/main`, `HEAD~2`, or `(delete)`.
    public var localRef: String
    /// All zeros for a deletion.
    public var localID: ObjectID
    public var remoteRef: String
    /// All zeros when the remote does not have the ref yet.
    public var remoteID: ObjectID

    public init(localRef: String, localID: ObjectID, remoteRef: String, remoteID: ObjectID) {
        self.localRef = localRef
        self.localID = localID
        self.remoteRef = remoteRef
        self.remoteID = remoteID
    }

    /// The push deletes `remoteRef`: nothing is sent, nothing to check.
    public var isDeletion: Bool { localID.isZero }
    /// The remote does not have `remoteRef` yet.
    public var isNewRef: Bool { remoteID.isZero }

    /// Reads git's pre-push input. Lines are split from the right, as pre-commit does, so a local
    /// ref given as an expression with spaces still parses; blank lines are skipped.
    /// - Throws: `ConvoError.usage` naming the line when it is not four fields with two object names.
    public static func parse(_ input: String) throws(ConvoError) -> [PrePushUpdate] {
        var updates: [PrePushUpdate] = []
        // "\r\n" is one Character in Swift: split on either form.
        for (offset, line) in input.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            guard !line.allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
            var fields: [Substring] = []
            var rest = Substring(line)
            for _ in 0..<3 {
                while let last = rest.last, last == " " || last == "\t" { rest.removeLast() }
                guard let space = rest.lastIndex(where: { $0 == " " || $0 == "\t" }) else { break }
                fields.insert(rest[rest.index(after: space)...], at: 0)
                rest = rest[..<space]
            }
            while let last = rest.last, last == " " || last == "\t" { rest.removeLast() }
            fields.insert(rest, at: 0)
            guard fields.count == 4, !fields[0].isEmpty, let local = ObjectID(hex: fields[1]), let remote = ObjectID(hex: fields[3]) else {
                throw ConvoError.usage("line \(offset + 1) of the pre-push input is not `<local ref> <local sha> <remote ref> <remote sha>`: '\(line)'",
                                       hints: ["git passes this on stdin when it runs the hook; to run it by hand, pipe such lines in"])
            }
            updates.append(PrePushUpdate(localRef: String(fields[0]), localID: local, remoteRef: String(fields[2]), remoteID: remote))
        }
        return updates
    }
}

/// The pre-commit framework's pre-push variables (pre-commit ≥ 2.0), for when convo runs as a
/// pre-commit hook: pre-commit reads git's stdin itself and passes the first pushed ref on in
/// `PRE_COMMIT_FROM_REF` (what the remote has), `PRE_COMMIT_TO_REF` (what is pushed),
/// `PRE_COMMIT_REMOTE_NAME`, `PRE_COMMIT_REMOTE_URL`, `PRE_COMMIT_LOCAL_BRANCH` and
/// `PRE_COMMIT_REMOTE_BRANCH`. When a new branch reaches down to a root commit, it sets no
/// FROM/TO refs at all: then the local branch is checked against everything on the remote.
public struct PreCommitPush: Sendable, Hashable {
    public var fromRef: String?
    public var toRef: String?
    public var remoteName: String?
    public var remoteURL: String?
    public var localBranch: String?
    public var remoteBranch: String?

    /// Reads the variables; nil when pre-commit set none of them (not running under pre-commit).
    public init?(environment: [String: String]) {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        fromRef = value("PRE_COMMIT_FROM_REF")
        toRef = value("PRE_COMMIT_TO_REF")
        remoteName = value("PRE_COMMIT_REMOTE_NAME")
        remoteURL = value("PRE_COMMIT_REMOTE_URL")
        localBranch = value("PRE_COMMIT_LOCAL_BRANCH")
        remoteBranch = value("PRE_COMMIT_REMOTE_BRANCH")
        if toRef == nil && localBranch == nil { return nil }
    }

    /// The push as a pre-push update, resolving the refs (which pre-commit passes as full SHAs,
    /// or a branch name) in `repository`.
    public func update(in repository: Repository) throws -> PrePushUpdate {
        let local = toRef ?? localBranch ?? "HEAD"
        let localID = try repository.resolveCommit(local)
        var remoteID = ObjectID.zero
        if let fromRef {
            remoteID = ObjectID(hex: fromRef) ?? (try? repository.resolveCommit(fromRef)) ?? .zero
        }
        return PrePushUpdate(localRef: localBranch ?? local, localID: localID, remoteRef: remoteBranch ?? "", remoteID: remoteID)
    }
}
