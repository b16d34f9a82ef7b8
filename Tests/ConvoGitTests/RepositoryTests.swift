import ConvoBase
import ConvoGit
import ConvoTestSupport
import Foundation
import Testing

@Suite struct RepositoryTests {
    @Test func discoversTheRepositoryFromASubdirectory() throws {
        let scratch = try ScratchRepository(files: ["prompts/deep/support.md": "hello\n"])
        let repository = try Repository.discover(from: scratch.path + "/prompts/deep")
        #expect(repository.workTree == scratch.path)
        #expect(repository.gitDirectory == scratch.path + "/.git")
        #expect(repository.commonDirectory == scratch.path + "/.git")
        #expect(!repository.isBare)
        #expect(try repository.workTreePath("prompts/support.md") == scratch.path + "/prompts/support.md")
    }

    @Test func openDoesNotSearchUpward() throws {
        let scratch = try ScratchRepository(files: ["prompts/support.md": "hello\n"])
        #expect {
            try Repository.open(at: scratch.path + "/prompts")
        } throws: { error in
            (error as? GitError)?.kind == .notARepository
        }
    }

    @Test func outsideARepositoryTheErrorNamesTheOperationAndSuggestsGitInit() throws {
        let directory = try ScratchDirectory(prefix: "convo-norepo")
        LibGit2Isolation.ensure()
        do {
            _ = try Repository.discover(from: directory.path)
            Issue.record("found a repository in \(directory.path)")
        } catch let error as GitError {
            #expect(error.kind == .notARepository)
            #expect(error.message.hasPrefix("find a git repository from '\(directory.path)' failed: "))
            #expect(error.message.contains("could not find repository"))  // libgit2's own text
            #expect(error.message.contains("GIT_ENOTFOUND"))
            #expect(error.code == -3)
            #expect(error.hints.contains { $0.contains("git init") })
            #expect(error.exitStatus == .usage)
        }
    }

    @Test func bareRepositoryHasNoWorkTree() throws {
        let scratch = try ScratchRepository(bare: true)
        let repository = try scratch.open()
        #expect(repository.isBare)
        #expect(repository.workTree == nil)
        #expect(repository.gitDirectory == scratch.path)
        #expect(try repository.head() == .unborn(reference: "refs/heads/main"))
        #expect(throws: GitError.self) { try repository.status() }
    }

    @Test func reportsAnUnbornHead() throws {
        let scratch = try ScratchRepository()
        let repository = try scratch.open()
        let head = try repository.head()
        #expect(head == .unborn(reference: "refs/heads/main"))
        #expect(head.isUnborn)
        #expect(head.branchName == "main")
        #expect(head.target == nil)
        #expect(try repository.fileContentsAtHead("README.md") == nil)
    }

    @Test func reportsTheBranchHeadAndADetachedHead() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        let first = try scratch.headID()
        let second = try scratch.commit(["a.txt": "2\n"])
        let repository = try scratch.open()
        #expect(try repository.head() == .branch(reference: "refs/heads/main", target: second))

        try scratch.git("checkout", "-q", "--detach", first.hex)
        let head = try repository.head()
        #expect(head == .detached(first))
        #expect(head.isDetached)
        #expect(head.branchName == nil)
        #expect(head.target?.hex == (try scratch.gitLine("rev-parse", "HEAD")))
    }

    @Test func reportsOperationsInProgress() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "base\n"])
        let repository = try scratch.open()
        #expect(try repository.state() == .none)

        try scratch.git("checkout", "-q", "-b", "other")
        try scratch.commit(["a.txt": "other\n"])
        try scratch.git("checkout", "-q", "main")
        try scratch.commit(["a.txt": "main\n"])
        let merge = try GitCLI.result(["merge", "other"], in: scratch.url)
        #expect(merge.status != 0)
        #expect(try repository.state() == .merge)
        #expect(try repository.state().isInProgress)
        #expect(try repository.index().hasConflicts)

        try scratch.git("merge", "--abort")
        #expect(try repository.state() == .none)
        _ = try GitCLI.result(["cherry-pick", "other"], in: scratch.url)
        #expect(try repository.state() == .cherryPick)
        #expect(try repository.state().phrase == "a cherry-pick")

        try scratch.git("cherry-pick", "--abort")
        _ = try GitCLI.result(["rebase", "other"], in: scratch.url)
        #expect(try repository.state().phrase == "a rebase")
    }

    @Test func anUnsupportedExtensionGetsAClearMessage() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        try scratch.git("config", "core.repositoryformatversion", "1")
        try scratch.git("config", "extensions.worktreeConfig", "true")
        do {
            _ = try Repository.discover(from: scratch.path)
            Issue.record("opened a repository with extensions.worktreeConfig")
        } catch let error as GitError {
            #expect(error.kind == .unsupportedExtension("extensions.worktreeconfig"))
            #expect(error.message.contains("unsupported extension name"))
            #expect(error.hints.first?.contains("uses extensions.worktreeconfig; libgit2 1.5 can't open it") == true)
        }
    }

    @Test func aLinkedWorktreeSharesTheCommonDirectory() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        let linked = scratch.path + "-linked"
        defer { try? FileManager.default.removeItem(atPath: linked) }
        try scratch.git("worktree", "add", "-q", "-b", "side", linked)
        let repository = try Repository.discover(from: linked)
        #expect(repository.workTree == linked)
        #expect(repository.commonDirectory == scratch.path + "/.git")
        #expect(repository.gitDirectory == scratch.path + "/.git/worktrees/" + URL(fileURLWithPath: linked).lastPathComponent)
        #expect(try repository.head().branchName == "side")
        #expect(try repository.hooksDirectory() == scratch.path + "/.git/hooks")
    }
}

/// Changes libgit2's process-global owner-validation option, so nothing else may run meanwhile.
@Suite(.serialized) struct OwnershipTests {
    @Test(.enabled(if: geteuid() == 0, "needs root to give the repository to another user"))
    func aRepositoryOwnedBySomeoneElseSuggestsSafeDirectory() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        #expect(try LibGit2.ownerValidation())
        let chown = try ProcessRunner.run(URL(fileURLWithPath: "/bin/chown"), ["-R", "nobody", scratch.path])
        #expect(chown.status == 0)
        do {
            _ = try Repository.discover(from: scratch.path)
            Issue.record("opened a repository owned by nobody")
        } catch let error as GitError {
            #expect(error.kind == .notOwned)
            #expect(error.code == -36)
            #expect(error.message.contains("is not owned by current user"))
            #expect(error.hints == ["the repository belongs to another user; if you trust it, run "
                                    + "`git config --global --add safe.directory \(scratch.path)`"])
        }
        try LibGit2.setOwnerValidation(false)
        defer { try? LibGit2.setOwnerValidation(true) }
        #expect(try Repository.discover(from: scratch.path).workTree == scratch.path)
    }

    /// libgit2 1.5.1 reports an unsafe owner as ENOTFOUND about `safe.directory` when no
    /// safe.directory is configured at all; it must still read as an ownership problem.
    @Test func theMissingSafeDirectoryQuirkMapsToNotOwned() {
        let error = GitError(operation: "find a git repository from '/srv/app'",
                             detail: "config value 'safe.directory' was not found", kind: .other)
        #expect(GitError.kind(code: -3, detail: error.detail) == .notOwned)
        #expect(GitError.kind(code: -36, detail: "repository path '/srv/app/' is not owned by current user") == .notOwned)
        var mapped = error
        mapped.kind = .notOwned
        #expect(mapped.hints.first?.contains("safe.directory") == true)
        #expect(GitError.kind(code: -3, detail: "could not find repository at '/x'") == .notARepository)
        #expect(GitError.kind(code: -15, detail: "old reference value does not match") == .referenceMoved)
    }
}
