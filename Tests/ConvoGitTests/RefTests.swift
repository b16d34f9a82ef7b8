import ConvoGit
import ConvoTestSupport
import Foundation
import Testing

@Suite struct RefTests {
    @Test func createdBranchesAreListedByGitWithTheirReflog() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        let repository = try scratch.open()
        let head = try scratch.headID()
        try repository.createBranch("convo/webhook-not-firing", at: head, reflogMessage: "convo propose: webhook-not-firing")
        #expect(try scratch.gitLines("branch", "--format=%(refname:short)") == ["convo/webhook-not-firing", "main"])
        #expect(try scratch.gitLine("rev-parse", "convo/webhook-not-firing") == head.hex)
        #expect(try scratch.gitLine("reflog", "show", "--format=%gs", "convo/webhook-not-firing")
                == "convo propose: webhook-not-firing")
        let branches = try repository.branches()
        #expect(branches.map(\.name) == ["convo/webhook-not-firing", "main"])
        #expect(branches.map(\.isHead) == [false, true])
        #expect(branches.allSatisfy { $0.target == head && !$0.isRemote })

        #expect {
            try repository.createBranch("convo/webhook-not-firing", at: head, reflogMessage: "again")
        } throws: { ($0 as? GitError)?.kind == .alreadyExists }
    }

    @Test func compareAndSwapRefusesWhenTheBranchMoved() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        let first = try scratch.headID()
        let second = try scratch.commit(["a.txt": "2\n"])
        let third = try scratch.commit(["a.txt": "3\n"])
        let repository = try scratch.open()
        try repository.createBranch("topic", at: first, reflogMessage: "create topic")
        try repository.moveBranch("topic", to: second, from: first, reflogMessage: "advance topic")
        #expect(try scratch.gitLines("reflog", "show", "--format=%gs", "topic") == ["advance topic", "create topic"])

        // Someone else moves it; our stale expectation must fail and change nothing.
        try scratch.git("update-ref", "refs/heads/topic", third.hex)
        do {
            try repository.moveBranch("topic", to: first, from: second, reflogMessage: "stale")
            Issue.record("moved a branch that had moved")
        } catch let error as GitError {
            #expect(error.kind == .referenceMoved)
            #expect(error.message.contains("update reference 'refs/heads/topic'"))
            #expect(error.hints.first?.contains("run the command again") == true)
        }
        #expect(try scratch.gitLine("rev-parse", "topic") == third.hex)
        #expect {
            try repository.moveBranch("missing", to: first, from: second, reflogMessage: "x")
        } throws: { ($0 as? GitError)?.kind == .referenceMoved }

        try repository.updateReference("refs/heads/topic", to: first, expecting: .any, reflogMessage: "reset topic")
        #expect(try repository.referenceTarget("refs/heads/topic") == first)
        #expect(try repository.referenceTarget("refs/heads/none") == nil)
    }

    @Test func deletesBranchesButNotTheCheckedOutOne() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        let repository = try scratch.open()
        try repository.createBranch("gone", at: try scratch.headID(), reflogMessage: "create")
        try repository.deleteBranch("gone")
        #expect(try scratch.gitLines("branch", "--format=%(refname:short)") == ["main"])
        #expect(throws: GitError.self) { try repository.deleteBranch("main") }
        #expect {
            try repository.deleteBranch("never-was")
        } throws: { ($0 as? GitError)?.kind == .notFound }
    }

    @Test func pointsHeadAtBranchesAndCommits() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        let repository = try scratch.open()
        let head = try scratch.headID()
        try repository.createBranch("convo/x", at: head, reflogMessage: "create")
        try repository.setHead(toBranch: "convo/x")
        #expect(try scratch.gitLine("symbolic-ref", "HEAD") == "refs/heads/convo/x")
        #expect(try repository.head() == .branch(reference: "refs/heads/convo/x", target: head))
        try repository.detachHead(at: head)
        #expect(try repository.head() == .detached(head))
        try repository.setHead(toBranch: "orphan")
        #expect(try repository.head() == .unborn(reference: "refs/heads/orphan"))
    }

    @Test(arguments: ["", "has space", "double..dot", "end.lock", "-leading", "a~1", "colon:x", "HEAD", "nul\0byte"])
    func refusesInvalidBranchNames(name: String) throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        let repository = try scratch.open()
        #expect(!Repository.isValidBranchName(name))
        #expect {
            try repository.createBranch(name, at: try scratch.headID(), reflogMessage: "x")
        } throws: { ($0 as? GitError)?.kind == .invalidInput }
        if !name.utf8.contains(0) {  // a NUL cannot be passed to a process
            let gitAccepts = try GitCLI.result(["check-ref-format", "--branch", name], in: scratch.url).status == 0
            #expect(!gitAccepts)
        }
    }

    @Test func listsRemoteTrackingBranchesAndGlobs() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        let head = try scratch.headID()
        try scratch.git("update-ref", "refs/remotes/origin/main", head.hex)
        try scratch.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main")
        try scratch.git("tag", "v1")
        let repository = try scratch.open()
        #expect(try repository.branches(.remote).map(\.name) == ["origin/HEAD", "origin/main"])
        #expect(try repository.branches(.all).map(\.referenceName)
                == ["refs/heads/main", "refs/remotes/origin/HEAD", "refs/remotes/origin/main"])
        let references = try repository.references()
        #expect(references.map(\.name) == (try scratch.gitLines("for-each-ref", "--format=%(refname)")))
        let originHead = try #require(references.first { $0.name == "refs/remotes/origin/HEAD" })
        #expect(originHead.symbolicTarget == "refs/remotes/origin/main")
        #expect(originHead.target == head)
        #expect(try repository.references(matching: "refs/tags/*").map(\.shortName) == ["v1"])
    }
}
