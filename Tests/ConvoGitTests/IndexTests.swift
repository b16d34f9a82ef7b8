import ConvoGit
import Foundation
import Testing

@Suite struct IndexTests {
    /// What `convo propose` does: commit edited files onto a new branch through objects only,
    /// move HEAD there, and stage the same content, so `git status` shows only unrelated files.
    @Test func committingOntoANewBranchLeavesOnlyUnrelatedFilesDirty() throws {
        let scratch = try ScratchRepository(files: [
            "prompts/support.md": "# Support\n", "prompts/old.md": "old\n", "notes.txt": "n\n",
        ])
        let base = try scratch.headID()
        try scratch.write("prompts/support.md", "# Support\n\nCheck webhooks are enabled.\n")
        try scratch.write("prompts/new.md", "new\n")
        try FileManager.default.removeItem(atPath: scratch.path + "/prompts/old.md")
        try scratch.write("notes.txt", "unrelated edit\n")
        try scratch.write("scratch.tmp", "untracked\n")

        let repository = try scratch.open()
        let edited = Data("# Support\n\nCheck webhooks are enabled.\n".utf8)
        let tree = try repository.buildTree(from: base, applying: [
            .write(path: "prompts/support.md", contents: edited),
            .write(path: "prompts/new.md", contents: Data("new\n".utf8)),
            .delete(path: "prompts/old.md"),
        ])
        let commit = try repository.createCommit(tree: tree, parents: [base], author: testSignature(),
                                                 committer: testSignature(), message: "Fix webhooks\n\nIntent: webhooks")
        try repository.createBranch("convo/webhooks", at: commit, reflogMessage: "convo propose: webhooks")
        try repository.setHead(toBranch: "convo/webhooks")
        let index = try repository.index()
        try index.add(path: "prompts/support.md", contents: edited)
        try index.addFromWorkTree(path: "prompts/new.md")
        try index.remove(path: "prompts/old.md")
        try index.write()

        #expect(try scratch.gitLines("status", "--porcelain", "-uall") == [" M notes.txt", "?? scratch.tmp"])
        #expect(try scratch.gitLine("rev-parse", "--abbrev-ref", "HEAD") == "convo/webhooks")
        #expect(try scratch.gitLine("fsck", "--strict", "--no-dangling") == "")
        #expect(try repository.status().map(\.path) == ["notes.txt", "scratch.tmp"])
    }

    @Test func stagesBlobsAndReadsEntries() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        let repository = try scratch.open()
        let blob = try repository.writeBlob(Data("#!/bin/sh\n".utf8))
        let index = try repository.index()
        try index.add(path: "bin/tool", blob: blob, mode: .executable)
        #expect(index.entry(at: "bin/tool") == IndexEntry(path: "bin/tool", id: blob, mode: .executable, stage: 0))
        #expect(index.entries.map(\.path) == ["a.txt", "bin/tool"])
        #expect(index.entry(at: "missing") == nil)
        try index.remove(path: "never-there")
        try index.write()
        #expect(try scratch.gitLines("ls-files", "-s") == [
            "100644 \(try scratch.gitLine("rev-parse", "HEAD:a.txt")) 0\ta.txt",
            "100755 \(blob.hex) 0\tbin/tool",
        ])
        let tree = try index.writeTree()
        #expect(try scratch.gitLine("write-tree") == tree.hex)
        #expect {
            try index.add(path: "../out", blob: blob)
        } throws: { ($0 as? GitError)?.kind == .invalidInput }
        #expect {
            try index.add(path: "dir", blob: blob, mode: .tree)
        } throws: { ($0 as? GitError)?.kind == .invalidInput }
    }

    @Test func reloadDropsUnsavedChanges() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        let repository = try scratch.open()
        let index = try repository.index()
        try index.remove(path: "a.txt")
        #expect(index.entries.isEmpty)
        try index.reload(force: true)
        #expect(index.entries.map(\.path) == ["a.txt"])
    }
}
