@testable import ConvoDemo
import ConvoBase
import ConvoGit
import ConvoTestSupport
import Foundation
import Testing

@Suite struct WorkedExampleTests {
    @Test func theEmbeddedCopyMatchesTheRepositoryFilesByteForByte() throws {
        let root = ProjectPaths.root
        var onDisk: [String] = []
        for base in ["prompts", "intents", ".convo/demo"] {
            let url = root.appendingPathComponent(base)
            let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
            while let next = enumerator?.nextObject() as? URL {
                guard (try next.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true,
                      !next.lastPathComponent.hasPrefix(".") else { continue }
                onDisk.append(String(next.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
            }
        }
        onDisk += [".convo/config.yaml", ".convo/.gitignore"]
        #expect(WorkedExample.files.map(\.path) == onDisk.sorted(), "run scripts/embed-worked-example")
        for file in WorkedExample.files {
            let contents = try String(contentsOf: root.appendingPathComponent(file.path), encoding: .utf8)
            #expect(file.contents == contents, "\(file.path) differs from its embedded copy: run scripts/embed-worked-example")
        }
    }

    @Test func thePreparedPatchAppliesToTheExamplePrompt() throws {
        let scratch = try ScratchDirectory()
        try GitCLI.initRepository(at: scratch.url)
        try WorkedExample.write(to: scratch.url)
        try GitCLI.run(["add", "-A"], in: scratch.url)
        try GitCLI.run(["commit", "-qm", "example"], in: scratch.url)
        try GitCLI.run(["apply", "--check", WorkedExample.preparedPatchPath], in: scratch.url)
        try GitCLI.run(["apply", WorkedExample.preparedPatchPath], in: scratch.url)
        let diff = try GitCLI.run(["diff", "--stat"], in: scratch.url)
        #expect(diff.contains("prompts/support.md"))
    }
}

@Suite struct DemoRepositoryTests {
    @Test func createsACleanRepositoryWithOneReproducibleCommit() throws {
        let first = try ScratchDirectory()
        let second = try ScratchDirectory()
        let time = try #require(Timestamp(iso8601: "2026-11-16T09:00:00Z"))
        let a = try DemoRepository.create(at: first.file("demo"), committedAt: time)
        let b = try DemoRepository.create(at: second.file("demo"), committedAt: time)
        #expect(a == b, "same example, identity and time: same commit id")
        let repo = first.file("demo")
        #expect(try GitCLI.run(["status", "--porcelain"], in: repo).isEmpty)
        #expect(try GitCLI.run(["fsck", "--strict"], in: repo).isEmpty)
        #expect(try GitCLI.run(["branch", "--show-current"], in: repo) == "main\n")
        let files = try GitCLI.run(["ls-files"], in: repo).split(separator: "\n").map(String.init)
        #expect(files == WorkedExample.files.map(\.path).sorted())
        // Simulated transcripts written under .convo/demo/run/ are ignored.
        try Data("{}\n".utf8).write(to: repo.appendingPathComponent(".convo/demo/run/week-1.jsonl").creatingParent())
        #expect(try GitCLI.run(["status", "--porcelain", "--untracked-files=all"], in: repo).isEmpty)
    }

    @Test func refusesANonEmptyDirectoryAndAFile() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("busy/file.txt", "x")
        try scratch.write("plain", "x")
        #expect(throws: DemoError.self) { try DemoRepository.location("busy", currentDirectory: scratch.url) }
        #expect(throws: DemoError.self) { try DemoRepository.location("plain", currentDirectory: scratch.url) }
        let fresh = try DemoRepository.location("new/dir", currentDirectory: scratch.url)
        #expect(fresh.path == scratch.file("new/dir").standardizedFileURL.path)
        try FileManager.default.createDirectory(at: scratch.file("empty"), withIntermediateDirectories: true)
        #expect((try? DemoRepository.location("empty", currentDirectory: scratch.url)) != nil)
    }
}

@Suite struct GitLogTextTests {
    @Test func rendersWhatGitLogPrints() throws {
        let scratch = try ScratchDirectory()
        let time = try #require(Timestamp(iso8601: "2026-11-02T07:05:09Z"))
        try DemoRepository.create(at: scratch.url, committedAt: time)
        let repository = try Repository.open(at: scratch.path)
        let signature = Signature(name: "Ana Lima", email: "ana@example.com", time: GitTime(secondsSinceEpoch: 1_795_000_000, offsetMinutes: -330))
        let head = try repository.resolveCommit("HEAD")
        let message = "Fix webhook setup friction (61 conversations, trial churn)\n\nBody line one.\n\n  indented\n\nIntent: webhook-not-firing\nConversation-Id: c_0a91\n"
        let commit = try repository.createCommit(tree: try repository.commit(head).tree, parents: [head], author: signature,
                                                 committer: signature, message: message, updatingReference: "HEAD")
        let expected = try GitCLI.run(["log", "-1", "--no-decorate"], in: scratch.url)
        let rendered = GitLogText.medium(try repository.commit(commit))
        #expect(rendered == expected, "\(rendered)\n---\n\(expected)")
        let first = try GitCLI.run(["log", "-1", "--no-decorate", head.description], in: scratch.url)
        #expect(GitLogText.medium(try repository.commit(head)) == first)
    }
}

private extension URL {
    func creatingParent() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}
