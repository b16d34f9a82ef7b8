import ConvoGit
import Foundation
import Testing

@Suite struct ObjectTests {
    let files = [
        "README.md": "# Demo\n",
        "prompts/support.md": "# Support\n\nBe kind.\n",
        "prompts/wandb/config-defaults.yaml": "lr:\n  value: 0.1\n",
        "intents/refunds.intent": "id: refunds\n",
        "a-b.txt": "dash\n",
        "a.txt": "dot\n",
    ]

    @Test func objectIDsRoundTripHexAndCompareLikeHex() throws {
        let hex = "0123456789abcdefFEDCBA9876543210deadBEEF"
        let id = try #require(ObjectID(hex: hex))
        #expect(id.hex == hex.lowercased())
        #expect(id.abbreviated() == "0123456")
        #expect(ObjectID(hex: "0123") == nil)
        #expect(ObjectID(hex: String(repeating: "g", count: 40)) == nil)
        #expect(ObjectID.zero.hex == String(repeating: "0", count: 40))
        #expect(ObjectID.zero.isZero)
        let ids = ["ff", "0a", "a0", "09"].compactMap { ObjectID(hex: $0 + String(repeating: "1", count: 38)) }
        #expect(ids.sorted().map(\.hex) == ids.map(\.hex).sorted())
    }

    @Test func readsFilesAtPathsInACommit() throws {
        let scratch = try ScratchRepository(files: files)
        let first = try scratch.headID()
        try scratch.commit(["prompts/support.md": "# Support\n\nBe kinder.\n"])
        let repository = try scratch.open()

        #expect(try repository.fileContents(at: "prompts/support.md", in: first) == Data("# Support\n\nBe kind.\n".utf8))
        #expect(try repository.fileContentsAtHead("prompts/support.md") == Data("# Support\n\nBe kinder.\n".utf8))
        #expect(try repository.fileContents(at: "prompts/missing.md", in: first) == nil)
        #expect(try repository.fileContents(at: "nothere/missing.md", in: first) == nil)
        // A tree id works as well as a commit id.
        let tree = try repository.treeID(of: first)
        #expect(tree.hex == (try scratch.gitLine("rev-parse", "\(first.hex)^{tree}")))
        #expect(try repository.fileContents(at: "README.md", in: tree) == Data("# Demo\n".utf8))
        #expect {
            try repository.fileContents(at: "prompts", in: first)
        } throws: { ($0 as? GitError)?.kind == .invalidInput }
    }

    @Test func listsTreesLikeLsTree() throws {
        let scratch = try ScratchRepository(files: files)
        try scratch.write("tool.sh", "#!/bin/sh\n")
        try scratch.git("add", "tool.sh")
        try scratch.git("update-index", "--chmod=+x", "tool.sh")
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/link", withDestinationPath: "README.md")
        try scratch.git("add", "link")
        try scratch.git("commit", "-q", "-m", "more")
        let repository = try scratch.open()
        let head = try scratch.headID()

        func format(_ entry: TreeEntry) -> String {
            let type = entry.mode == .tree ? "tree" : "blob"
            return "\(String(format: "%06o", entry.mode.rawValue)) \(type) \(entry.id.hex)\t\(entry.path)"
        }
        #expect(try repository.treeEntries(of: head, recursive: true).map(format) == (try scratch.gitLines("ls-tree", "-r", "HEAD")))
        #expect(try repository.treeEntries(of: head).map(format) == (try scratch.gitLines("ls-tree", "HEAD")))
        #expect(try repository.treeEntries(of: head, under: "prompts", recursive: true).map(format)
                == (try scratch.gitLines("ls-tree", "-r", "HEAD", "prompts/")))
        #expect(try repository.entry(at: "tool.sh", in: head)?.mode == .executable)
        #expect(try repository.entry(at: "link", in: head)?.mode == .link)
        #expect(try repository.entry(at: "prompts", in: head)?.mode == .tree)
        #expect(try repository.treeEntries(of: head, under: "missing").isEmpty)
        #expect(try repository.treeEntries(of: head, under: "prompts/") == repository.treeEntries(of: head, under: "prompts"))
    }

    @Test func readsCommitsAsGitShowsThem() throws {
        let scratch = try ScratchRepository(files: files)
        let message = "Fix webhook setup\n\nThe agent skipped a step.\nSecond line.\n\nIntent: webhooks\n"
        try scratch.write("a.txt", "changed\n")
        try scratch.git("add", "-A")
        try scratch.git("commit", "-q", "-F", "-", stdin: message,
                        environment: ["GIT_AUTHOR_DATE": "@1700000000 +0530", "GIT_COMMITTER_DATE": "@1700000100 -0800"])
        let repository = try scratch.open()
        let info = try repository.commit(try scratch.headID())
        #expect(info.message == message)
        #expect(info.summary == (try scratch.gitLine("log", "-1", "--format=%s")))
        #expect(info.body == "The agent skipped a step.\nSecond line.\n\nIntent: webhooks")
        #expect(info.author == Signature(name: "Test Author", email: "author@example.com",
                                         time: GitTime(secondsSinceEpoch: 1_700_000_000, offsetMinutes: 330)))
        #expect(info.committer.time.description == (try scratch.gitLine("log", "-1", "--format=%cd", "--date=raw")))
        #expect(info.parents == [try scratch.id("HEAD~1")])
        #expect(info.tree == (try scratch.id("HEAD^{tree}")))
        #expect(info.trailers == [Trailer("Intent", "webhooks")])
        #expect(try repository.resolveCommit("HEAD~1") == (try scratch.id("HEAD~1")))
        #expect(try repository.resolveCommit(String(info.id.hex.prefix(8))) == info.id)
        #expect {
            try repository.resolveCommit("no-such-branch")
        } throws: { ($0 as? GitError)?.operation == "resolve revision 'no-such-branch'" }
        let unknown = try #require(ObjectID(hex: String(repeating: "1", count: 40)))
        #expect {
            try repository.commit(unknown)
        } throws: { ($0 as? GitError)?.kind == .notFound }
    }

    @Test func writesBlobsGitCanRead() throws {
        let scratch = try ScratchRepository(files: files)
        let repository = try scratch.open()
        let id = try repository.writeBlob(Data("new blob\n".utf8))
        #expect(id.hex + "\n" == (try scratch.git("hash-object", "--stdin", stdin: "new blob\n")))
        #expect(try scratch.gitLine("cat-file", "-p", id.hex) == "new blob")
        #expect(try repository.blob(id) == Data("new blob\n".utf8))
    }
}
