internal import CLibgit2

extension Repository {
    /// Writes a commit object.
    ///
    /// - Parameters:
    ///   - updatingReference: a ref to point at the new commit (`"HEAD"`, `"refs/heads/x"`), with
    ///     the reflog entry `git commit` would write. libgit2 then requires the ref's current tip
    ///     to be the first parent. Pass nil and move the ref with `updateReference` to choose the
    ///     reflog message and compare-and-swap on the old value.
    ///   - cleanUpMessage: normalise the message as `git commit` does (trailing whitespace and
    ///     surplus blank lines removed, exactly one final newline); comment lines are kept.
    /// - Throws: `GitError` (`.invalidInput` for an empty message or a bad signature,
    ///   `.referenceMoved` when `updatingReference` has moved off the first parent).
    public func createCommit(tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature,
                             message: String, updatingReference: String? = nil,
                             cleanUpMessage: Bool = true) throws -> ObjectID {
        let operation = "create commit '\(message.prefix { !$0.isNewline })'"
        guard !message.utf8.contains(0) else {
            throw GitError(operation: operation, detail: "the commit message contains a NUL byte", kind: .invalidInput)
        }
        let text = cleanUpMessage ? try CommitMessage.cleanedUp(message) : message
        guard !text.trimmingSpaces().isEmpty else {
            throw GitError(operation: operation, detail: "the commit message is empty", kind: .invalidInput)
        }
        return try withTree(tree, operation) { treePointer in
            var parentPointers: [OpaquePointer?] = []
            defer { parentPointers.forEach { git_commit_free($0) } }
            for parent in parents {
                var oid = parent.oid
                var commit: OpaquePointer?
                try check(git_commit_lookup(&commit, pointer, &oid), "\(operation): read parent \(parent.abbreviated())")
                parentPointers.append(commit)
            }
            return try author.withGitSignature(operation) { authorSignature in
                try committer.withGitSignature(operation) { committerSignature in
                    var oid = git_oid()
                    let code = parentPointers.withUnsafeMutableBufferPointer { buffer in
                        git_commit_create(&oid, pointer, updatingReference, authorSignature, committerSignature,
                                          nil, text, treePointer, buffer.count, buffer.baseAddress)
                    }
                    try check(code, operation)
                    return ObjectID(oid)
                }
            }
        }
    }
}

/// Commit-message helpers shared by everything that writes commits.
public enum CommitMessage {
    /// What `git commit --cleanup=whitespace` does: strips trailing whitespace from lines,
    /// leading and trailing blank lines, and collapses runs of blank lines; ends with one
    /// newline. Comment lines stay, since a trailer value or a Markdown heading may start with `#`.
    public static func cleanedUp(_ message: String) throws -> String {
        try LibGit2.ensureReady()
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try check(git_message_prettify(&buffer, message, 0, CChar(UInt8(ascii: "#"))), "clean up a commit message")
        guard let text = buffer.ptr else { return "" }
        return String(cString: text)
    }
}
