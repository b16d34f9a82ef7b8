import ConvoGit
import Foundation
import Testing

@Suite struct DiffTests {
    /// `git diff --raw --no-abbrev` lines as (status letter, old id, new id, path).
    func gitRaw(_ scratch: ScratchRepository, _ arguments: String...) throws -> [String] {
        try scratch.gitLines(["diff", "--raw", "--no-abbrev"] + arguments).map { line in
            let parts = line.split(separator: "\t")
            let meta = parts[0].split(separator: " ")
            return "\(meta[4].prefix(1)) \(meta[2]) \(meta[3]) \(parts.dropFirst().joined(separator: " -> "))"
        }
    }

    func format(_ change: FileChange) -> String {
        let letter: String = switch change.status {
        case .added: "A"
        case .deleted: "D"
        case .modified: "M"
        case .renamed: "R"
        case .copied: "C"
        case .typeChanged: "T"
        }
        let zero = ObjectID.zero.hex
        let paths = change.status == .renamed ? "\(change.oldPath ?? "") -> \(change.newPath ?? "")" : change.path
        return "\(letter) \(change.oldID?.hex ?? zero) \(change.newID?.hex ?? zero) \(paths)"
    }

    @Test func diffsTreesLikeGit() throws {
        let scratch = try ScratchRepository(files: [
            "prompts/support.md": "# Support\n", "prompts/old.md": "old\n", "keep.txt": "k\n", "kind": "file\n",
        ])
        let before = try scratch.headID()
        try FileManager.default.removeItem(atPath: scratch.path + "/kind")
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/kind", withDestinationPath: "keep.txt")
        try FileManager.default.removeItem(atPath: scratch.path + "/prompts/old.md")
        let after = try scratch.commit(["prompts/support.md": "# Support v2\n", "prompts/new/deep.md": "new\n"])
        let repository = try scratch.open()

        let changes = try repository.diff(from: before, to: after)
        #expect(Set(changes.map(format)) == Set(try gitRaw(scratch, "--no-renames", before.hex, after.hex)))
        #expect(changes.map(\.path) == ["kind", "prompts/new/deep.md", "prompts/old.md", "prompts/support.md"])
        #expect(changes.first?.status == .typeChanged)
        #expect(changes.first?.newMode == .link)
        #expect(try repository.changes(in: after) == changes)
        #expect(try repository.diff(from: before, to: after, paths: ["prompts/"]).map(\.path)
                == ["prompts/new/deep.md", "prompts/old.md", "prompts/support.md"])
        #expect(try repository.diff(from: before, to: after, paths: ["*.md"]).count == 3)
        #expect(try repository.diff(from: after, to: after).isEmpty)
        // The root commit adds everything.
        let root = try repository.changes(in: before)
        #expect(root.allSatisfy { $0.status == .added && $0.oldID == nil && $0.oldPath == nil })
        #expect(root.map(\.path) == (try scratch.gitLines("ls-tree", "-r", "--name-only", before.hex)))
    }

    @Test func detectsRenamesOnRequest() throws {
        let body = (1...40).map { "line \($0) of a prompt that is long enough to compare\n" }.joined()
        let scratch = try ScratchRepository(files: ["prompts/a.md": body])
        let before = try scratch.headID()
        try scratch.git("mv", "prompts/a.md", "prompts/b.md")
        let after = try scratch.commit([:], message: "rename")
        let repository = try scratch.open()
        let plain = try repository.diff(from: before, to: after)
        #expect(plain.map(\.status) == [.deleted, .added])
        let renamed = try repository.diff(from: before, to: after, detectRenames: true)
        #expect(renamed.map(format) == (try gitRaw(scratch, "-M", before.hex, after.hex)))
        #expect(renamed.first?.oldPath == "prompts/a.md")
    }
}

@Suite struct StatusTests {
    func porcelain(_ entries: [StatusEntry]) -> [String] {
        entries.map { "\($0.porcelainCode) \($0.originalPath.map { "\($0) -> " } ?? "")\($0.path)" }
    }

    @Test func agreesWithGitStatusPorcelain() throws {
        let scratch = try ScratchRepository(files: [
            "prompts/support.md": "1\n", "prompts/gone.md": "g\n", "staged.txt": "s\n", "both.txt": "b\n",
            ".gitignore": "*.log\n", "intents/a.intent": "id: a\n",
        ])
        try scratch.write("prompts/support.md", "2\n")
        try FileManager.default.removeItem(atPath: scratch.path + "/prompts/gone.md")
        try scratch.write("staged.txt", "staged change\n")
        try scratch.git("add", "staged.txt")
        try scratch.write("both.txt", "index\n")
        try scratch.git("add", "both.txt")
        try scratch.write("both.txt", "work tree\n")
        try scratch.write("new/deeper/untracked.md", "u\n")
        try scratch.write("added.txt", "a\n")
        try scratch.git("add", "added.txt")
        try scratch.write("debug.log", "ignored\n")
        let repository = try scratch.open()

        let entries = try repository.status()
        #expect(porcelain(entries) == (try scratch.gitLines("status", "--porcelain", "-uall", "--no-renames")))
        #expect(entries.first { $0.path == "both.txt" } == StatusEntry(path: "both.txt", index: .modified, workTree: .modified))
        let ignored = try repository.status(StatusOptions(includeIgnored: true))
        #expect(porcelain(ignored) == (try scratch.gitLines("status", "--porcelain", "-uall", "--no-renames", "--ignored")))
        let tracked = try repository.status(StatusOptions(includeUntracked: false))
        #expect(porcelain(tracked) == (try scratch.gitLines("status", "--porcelain", "-uno", "--no-renames")))
        let prompts = try repository.status(StatusOptions(paths: ["prompts/"]))
        #expect(porcelain(prompts) == (try scratch.gitLines("status", "--porcelain", "-uall", "--no-renames", "--", "prompts/")))

        #expect(try repository.isDirty(paths: ["prompts/support.md"]))
        #expect(try repository.isDirty(paths: ["new/"]))
        #expect(try !repository.isDirty(paths: ["intents/"]))
        #expect(try !repository.isDirty(paths: ["debug.log"]))
    }

    @Test func reportsStagedRenamesWhenAsked() throws {
        let body = (1...30).map { "line \($0) of a file long enough to compare\n" }.joined()
        let scratch = try ScratchRepository(files: ["old.md": body])
        try scratch.git("mv", "old.md", "new.md")
        let repository = try scratch.open()
        let entries = try repository.status(StatusOptions(detectRenames: true))
        #expect(porcelain(entries) == (try scratch.gitLines("status", "--porcelain", "-uall")))
        #expect(entries == [StatusEntry(path: "new.md", originalPath: "old.md", index: .renamed, workTree: nil)])
    }

    @Test func aCleanWorkTreeHasNoEntries() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        #expect(try scratch.open().status().isEmpty)
        #expect(try !scratch.open().isDirty(paths: []))
    }
}
