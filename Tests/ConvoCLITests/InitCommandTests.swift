import ConvoBase
import ConvoTestSupport
import Foundation
import Testing

/// `convo init`, run as a user would: the real binary in a scratch git repository, checked
/// with the `git` CLI.
@Suite struct InitCommandTests {
    let expectedFiles = [".convo/config.yaml", ".convo/.gitignore", "prompts/.gitkeep", "intents/.gitkeep"]

    func repository() throws -> ScratchDirectory {
        let scratch = try ScratchDirectory(prefix: "convo-init")
        try GitCLI.initRepository(at: scratch.url)
        return scratch
    }

    @Test func createsTheLayoutInAFreshRepository() throws {
        let repo = try repository()
        let result = try ConvoBinary.run(["init"], in: repo.url)
        #expect(result.status == 0, "\(result)")
        for path in expectedFiles { #expect(repo.exists(path), "\(path) missing") }
        #expect(try repo.read(".convo/config.yaml") == ConfigTemplate.configYAML)
        #expect(try repo.read(".convo/.gitignore") == ConfigTemplate.gitignore)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("created ") }.count == 4)
        #expect(lines.contains { $0.hasPrefix("created") && $0.contains(".convo/config.yaml") })
        #expect(lines.contains { $0.hasPrefix("created") && $0.contains("intents/") })
        #expect(result.stderr.isEmpty, "\(result)")
    }

    @Test func theGitignoreKeepsLocalDataOutOfGit() throws {
        let repo = try repository()
        try ConvoBinary.run(["init"], in: repo.url)
        let ignored = [".convo/store.sqlite", ".convo/store.sqlite-wal", ".convo/store.sqlite-shm",
                       ".convo/cache/embeddings.bin", ".convo/rejected/batch.jsonl", ".convo/report/index.html"]
        let kept = [".convo/config.yaml", ".convo/.gitignore", "prompts/.gitkeep", "intents/.gitkeep", "intents/x.intent"]
        for path in ignored + kept { try repo.write(path, repo.exists(path) ? repo.read(path) : "x") }
        for path in ignored {
            #expect(try GitCLI.result(["check-ignore", "-q", path], in: repo.url).status == 0, "\(path) is not ignored")
        }
        for path in kept {
            #expect(try GitCLI.result(["check-ignore", "-q", path], in: repo.url).status == 1, "\(path) is ignored")
        }
        try GitCLI.run(["add", "-A"], in: repo.url)
        let staged = try GitCLI.run(["diff", "--cached", "--name-only"], in: repo.url)
        #expect(staged.split(separator: "\n").map(String.init).sorted() == kept.sorted())
    }

    @Test func secondRunChangesNothing() throws {
        let repo = try repository()
        try ConvoBinary.run(["init"], in: repo.url)
        try GitCLI.run(["add", "-A"], in: repo.url)
        try GitCLI.run(["commit", "-q", "-m", "convo init"], in: repo.url)
        let again = try ConvoBinary.run(["init"], in: repo.url)
        #expect(again.status == 0, "\(again)")
        #expect(!again.stdout.contains("created"))
        #expect(again.stdout.split(separator: "\n").filter { $0.hasPrefix("exists") }.count == 4)
        #expect(again.stdout.contains("nothing changed"))
        #expect(try GitCLI.run(["status", "--porcelain", "--untracked-files=all"], in: repo.url).isEmpty)
    }

    @Test func neverOverwritesAUsersFiles() throws {
        let repo = try repository()
        let mine = "# mine\ncluster:\n  min_size: 9\n"
        try repo.write(".convo/config.yaml", mine)
        try repo.write("prompts/support.md", "# Support\n")
        let result = try ConvoBinary.run(["init"], in: repo.url)
        #expect(result.status == 0, "\(result)")
        #expect(try repo.read(".convo/config.yaml") == mine)
        #expect(!repo.exists("prompts/.gitkeep"))
        #expect(repo.exists("intents/.gitkeep"))
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("exists") && $0.contains(".convo/config.yaml") })
        #expect(lines.contains { $0.hasPrefix("exists") && $0.contains("prompts/") })
        #expect(lines.contains { $0.hasPrefix("created") && $0.contains(".convo/.gitignore") })
    }

    @Test func warnsAboutAnExistingBrokenConfigButLeavesIt() throws {
        let repo = try repository()
        let broken = "clustr:\n  min_size: 3\n"
        try repo.write(".convo/config.yaml", broken)
        let result = try ConvoBinary.run(["init"], in: repo.url)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("warning: .convo/config.yaml:1:"), "\(result)")
        #expect(result.stderr.contains("hint: did you mean 'cluster'?"), "\(result)")
        #expect(try repo.read(".convo/config.yaml") == broken)
    }

    @Test func worksFromASubdirectoryAndWritesAtTheRoot() throws {
        let repo = try repository()
        try FileManager.default.createDirectory(at: repo.file("src/deep"), withIntermediateDirectories: true)
        let result = try ConvoBinary.run(["init"], in: repo.file("src/deep"))
        #expect(result.status == 0, "\(result)")
        #expect(repo.exists(".convo/config.yaml"))
        #expect(!repo.exists("src/deep/.convo"))
    }

    @Test func outsideARepositoryIsAUsageErrorWithAHint() throws {
        let scratch = try ScratchDirectory(prefix: "convo-init-norepo")
        let result = try ConvoBinary.run(["init"], in: scratch.url)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.hasPrefix("error: not inside a git repository"), "\(result)")
        #expect(result.stderr.contains("hint: run `git init` first"), "\(result)")
        #expect(!scratch.exists(".convo"))
    }

    @Test func aFileInTheWayIsReportedNotReplaced() throws {
        let repo = try repository()
        try repo.write("intents", "not a directory\n")
        let result = try ConvoBinary.run(["init"], in: repo.url)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("error: intents: 'intents' exists but is not a directory"), "\(result)")
        #expect(try repo.read("intents") == "not a directory\n")
    }

    @Test func theHookIsInstalledUnlessNoHook() throws {
        let repo = try repository()
        let with = try ConvoBinary.run(["init"], in: repo.url)
        #expect(with.stdout.contains("installed the pre-push hook: created .git/hooks/pre-push"), "\(with)")
        #expect(repo.exists(".git/hooks/pre-push"))
        let repo2 = try repository()
        let without = try ConvoBinary.run(["init", "--no-hook"], in: repo2.url)
        #expect(without.status == 0, "\(without)")
        #expect(!without.stdout.contains("hook"))
        #expect(!repo2.exists(".git/hooks/pre-push"))
    }

    @Test func helpHasAnExample() throws {
        let scratch = try ScratchDirectory(prefix: "convo-init-help")
        let result = try ConvoBinary.run(["init", "--help"], in: scratch.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("--no-hook"))
        #expect(result.stdout.contains("Example:"))
    }
}

extension InitCommandTests {
    @Test func aDanglingSymlinkIsNotWrittenThrough() throws {
        let repo = try repository()
        try FileManager.default.createDirectory(at: repo.file(".convo"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: repo.file(".convo/config.yaml").path,
                                                   withDestinationPath: repo.file("elsewhere.yaml").path)
        let result = try ConvoBinary.run(["init"], in: repo.url)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("symbolic link to nothing"), "\(result)")
        #expect(!repo.exists("elsewhere.yaml"))
    }
}
