import ConvoGit
import Foundation
import Testing

@Suite struct TreeBuildingTests {
    let files = [
        "README.md": "# Demo\n",
        "prompts/support.md": "# Support\n",
        "prompts/tools/search.yaml": "name: search\n",
        "prompts/tools/old.yaml": "name: old\n",
        "intents/refunds.intent": "id: refunds\n",
        "notes/only.txt": "alone\n",
    ]

    @Test func addsChangesAndDeletesNestedFilesWithoutTouchingTheIndex() throws {
        let scratch = try ScratchRepository(files: files)
        let repository = try scratch.open()
        let head = try scratch.headID()
        let tree = try repository.buildTree(from: head, applying: [
            .write(path: "prompts/support.md", contents: Data("# Support v2\n".utf8)),
            .write(path: "prompts/tools/new/deep/file.md", contents: Data("deep\n".utf8)),
            .write(path: "scripts/run.sh", contents: Data("#!/bin/sh\n".utf8), mode: .executable),
            .delete(path: "prompts/tools/old.yaml"),
            .delete(path: "notes/only.txt"),
        ])
        let commit = try repository.createCommit(tree: tree, parents: [head], author: testSignature(),
                                                 committer: testSignature(), message: "Edit prompts")
        let listed = try lsTree(scratch, commit.hex)
        #expect(Set(listed.keys) == ["README.md", "prompts/support.md", "prompts/tools/search.yaml",
                                     "prompts/tools/new/deep/file.md", "scripts/run.sh", "intents/refunds.intent"])
        #expect(listed["scripts/run.sh"]?.hasPrefix("100755 blob") == true)
        #expect(try scratch.gitLine("show", "\(commit.hex):prompts/support.md") == "# Support v2")
        #expect(try scratch.gitLine("show", "\(commit.hex):prompts/tools/new/deep/file.md") == "deep")
        // Unchanged entries keep their blob ids.
        #expect(listed["README.md"] == (try lsTree(scratch, "HEAD"))["README.md"])
        // HEAD, the index and the work tree are untouched.
        #expect(try scratch.headID() == head)
        #expect(try scratch.gitLine("status", "--porcelain") == "")
        #expect(try scratch.gitLine("fsck", "--strict", "--no-dangling") == "")
    }

    @Test func turnsFilesIntoDirectoriesAndBack() throws {
        let scratch = try ScratchRepository(files: ["a": "file\n", "b/c.txt": "in dir\n"])
        let repository = try scratch.open()
        // The file `a` becomes a directory simply by writing below it; `b` goes as a whole.
        let tree = try repository.buildTree(from: try scratch.headID(), applying: [
            .write(path: "a/inside.txt", contents: Data("now a dir\n".utf8)),
            .delete(path: "b"),
            .write(path: "b2", contents: Data("x\n".utf8)),
        ])
        let listed = try lsTree(scratch, tree.hex)
        #expect(Set(listed.keys) == ["a/inside.txt", "b2"])

        let back = try repository.buildTree(from: tree, applying: [.write(path: "a", contents: Data("file again\n".utf8))])
        #expect(Set(try lsTree(scratch, back.hex).keys) == ["a", "b2"])
    }

    @Test func startsFromNothingAndCanEmptyATree() throws {
        let scratch = try ScratchRepository(files: ["x/y.txt": "1\n"])
        let repository = try scratch.open()
        let fresh = try repository.buildTree(from: nil, applying: [.write(path: "one/two.txt", contents: Data("2\n".utf8))])
        #expect(Array(try lsTree(scratch, fresh.hex).keys) == ["one/two.txt"])
        let empty = try repository.buildTree(from: try scratch.headID(), applying: [.delete(path: "x/y.txt")])
        #expect(empty.hex == "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
        let blob = try repository.writeBlob(Data("shared\n".utf8))
        let reused = try repository.buildTree(from: nil, applying: [.writeBlob(path: "s.txt", blob: blob)])
        #expect(try repository.entry(at: "s.txt", in: reused)?.id == blob)
    }

    @Test(arguments: [
        [TreeChange.write(path: "../escape", contents: Data())],
        [.write(path: "/abs", contents: Data())],
        [.write(path: "a//b", contents: Data())],
        [.write(path: ".git/config", contents: Data())],
        [.write(path: "", contents: Data())],
        [.write(path: "a", contents: Data()), .write(path: "a", contents: Data("2".utf8))],
        [.write(path: "a", contents: Data()), .write(path: "a/b", contents: Data())],
        [.write(path: "a/b", contents: Data()), .write(path: "a", contents: Data())],
        [.write(path: "dir", contents: Data(), mode: .tree)],
    ])
    func refusesBadChanges(changes: [TreeChange]) throws {
        let scratch = try ScratchRepository(files: ["x.txt": "1\n"])
        let repository = try scratch.open()
        #expect {
            try repository.buildTree(from: try scratch.headID(), applying: changes)
        } throws: { error in
            (error as? GitError)?.kind == .invalidInput && (error as? GitError)?.operation.hasPrefix("build a tree") == true
        }
    }

    @Test func deletingAMissingPathIsAnError() throws {
        let scratch = try ScratchRepository(files: ["x.txt": "1\n"])
        let repository = try scratch.open()
        for path in ["nope.txt", "x.txt/below", "no/dir/file"] {
            #expect {
                try repository.buildTree(from: try scratch.headID(), applying: [.delete(path: path)])
            } throws: { ($0 as? GitError)?.kind == .notFound }
        }
    }
}

@Suite struct CommitCreationTests {
    @Test func commitsPassFsckAndShowAuthorDateAndMessageExactly() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        let repository = try scratch.open()
        let head = try scratch.headID()
        let tree = try repository.buildTree(from: head, applying: [.write(path: "a.txt", contents: Data("2\n".utf8))])
        let author = testSignature("Ada Lovelace", email: "ada@example.com", seconds: 1_700_000_000, offset: 330)
        let committer = testSignature("Grace Hopper", email: "grace@example.com", seconds: 1_700_003_600, offset: -480)
        let message = "Fix webhook setup friction (61 conversations, trial churn)  \n\n\n"
            + "The agent gave endpoint debugging steps.\n\nIntent: webhook-not-firing\nConversation-Id: c_0a91\n\n"
        let commit = try repository.createCommit(tree: tree, parents: [head], author: author, committer: committer,
                                                 message: message)
        #expect(try scratch.gitLine("fsck", "--strict", "--no-dangling") == "")
        let shown = try scratch.gitLine("log", "-1", "--date=raw", "--format=%an|%ae|%ad|%cn|%ce|%cd|%P|%T", commit.hex)
        #expect(shown == "Ada Lovelace|ada@example.com|1700000000 +0530|Grace Hopper|grace@example.com|1700003600 -0800|"
                + "\(head.hex)|\(tree.hex)")
        #expect(try scratch.gitLine("log", "-1", "--date=iso-strict", "--format=%ad", commit.hex) == "2023-11-15T03:43:20+05:30")
        let expected = "Fix webhook setup friction (61 conversations, trial churn)\n\n"
            + "The agent gave endpoint debugging steps.\n\nIntent: webhook-not-firing\nConversation-Id: c_0a91\n"
        #expect(try scratch.git("cat-file", "commit", commit.hex).hasSuffix("\n\n" + expected))
        #expect(try repository.commit(commit).message == expected)
        #expect(try scratch.gitLine("log", "-1", "--format=%(trailers:key=Conversation-Id,valueonly)", commit.hex) == "c_0a91")
        // Not asked to move a ref, so nothing moved.
        #expect(try scratch.headID() == head)
    }

    @Test func canAdvanceARefLikeGitCommit() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        let repository = try scratch.open()
        let head = try scratch.headID()
        let tree = try repository.buildTree(from: head, applying: [.write(path: "b.txt", contents: Data("b\n".utf8))])
        let commit = try repository.createCommit(tree: tree, parents: [head], author: testSignature(),
                                                 committer: testSignature(), message: "Add b",
                                                 updatingReference: "refs/heads/main")
        #expect(try scratch.headID() == commit)
        #expect(try scratch.gitLine("reflog", "show", "-1", "--format=%gs", "main") == "commit: Add b")
        // The ref has moved on, so a commit that names the old tip as parent is refused.
        #expect {
            try repository.createCommit(tree: tree, parents: [head], author: testSignature(), committer: testSignature(),
                                        message: "Stale", updatingReference: "refs/heads/main")
        } throws: { ($0 as? GitError)?.kind == .referenceMoved }
    }

    @Test func rootCommitsAndMergeCommits() throws {
        let scratch = try ScratchRepository()
        let repository = try scratch.open()
        let tree = try repository.buildTree(from: nil, applying: [.write(path: "a.txt", contents: Data("1\n".utf8))])
        let root = try repository.createCommit(tree: tree, parents: [], author: testSignature(), committer: testSignature(),
                                               message: "Root")
        let side = try repository.createCommit(tree: tree, parents: [root], author: testSignature(),
                                               committer: testSignature(), message: "Side")
        let merge = try repository.createCommit(tree: tree, parents: [root, side], author: testSignature(),
                                                committer: testSignature(), message: "Merge")
        #expect(try repository.commit(merge).parents == [root, side])
        #expect(try repository.commit(merge).isMerge)
        #expect(try scratch.gitLine("log", "--format=%P", "-1", merge.hex) == "\(root.hex) \(side.hex)")
        #expect(try scratch.gitLine("fsck", "--strict", "--no-dangling") == "")
    }

    @Test func refusesEmptyMessagesAndBadSignatures() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        let repository = try scratch.open()
        let head = try scratch.headID()
        let tree = try repository.treeID(of: head)
        #expect {
            try repository.createCommit(tree: tree, parents: [head], author: testSignature(), committer: testSignature(),
                                        message: "  \n\n")
        } throws: { ($0 as? GitError)?.kind == .invalidInput }
        do {
            _ = try repository.createCommit(tree: tree, parents: [head], author: testSignature("Bad <Name>"),
                                            committer: testSignature(), message: "x")
            Issue.record("accepted a name with angle brackets")
        } catch let error as GitError {
            #expect(error.operation.hasPrefix("create commit 'x': make signature"))
            #expect(error.message.contains("angle brackets"))
        }
        for (name, email) in [("Line\nBreak", "a@example.com"), ("Name", "a@example.com\nInjected: header")] {
            #expect {
                try repository.createCommit(tree: tree, parents: [head], author: testSignature(name, email: email),
                                            committer: testSignature(), message: "x")
            } throws: { ($0 as? GitError)?.kind == .invalidInput }
        }
        #expect {
            try repository.createCommit(tree: tree, parents: [head], author: testSignature(), committer: testSignature(),
                                        message: "nul\0byte")
        } throws: { ($0 as? GitError)?.kind == .invalidInput }
    }
}
