import ConvoBase
import ConvoGit
import ConvoTestSupport
import Foundation
import Testing

@Suite struct ConfigTests {
    @Test func readsConfigValuesGitSets() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        try scratch.git("config", "user.name", "Repo User")
        try scratch.git("config", "init.defaultBranch", "trunk")
        try scratch.git("config", "convo.flag", "yes")
        try scratch.git("config", "convo.notbool", "maybe")
        let repository = try scratch.open()
        #expect(try repository.configString("user.name") == "Repo User")
        #expect(try repository.configString("user.nothing") == nil)
        #expect(try repository.initialBranchName() == "trunk")
        #expect(try repository.configBool("convo.flag") == true)
        #expect(try repository.configBool("convo.unset") == nil)
        #expect(throws: GitError.self) { try repository.configBool("convo.notbool") }
    }

    @Test func resolvesTheHooksDirectoryAsGitDoes() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        let repository = try scratch.open()
        func gitHooks() throws -> String {
            let path = try scratch.gitLine("rev-parse", "--git-path", "hooks")
            return path.hasPrefix("/") ? path : scratch.path + "/" + path
        }
        #expect(try repository.hooksPathSetting() == nil)
        #expect(try repository.hooksDirectory() == gitHooks())
        try scratch.git("config", "core.hooksPath", ".husky/_")
        #expect(try repository.hooksPathSetting() == ".husky/_")
        #expect(try repository.hooksDirectory() == gitHooks())
        try scratch.git("config", "core.hooksPath", "/opt/hooks")
        #expect(try repository.hooksDirectory() == gitHooks())
        try scratch.git("config", "core.hooksPath", "~/hooks")
        #expect(try repository.hooksDirectory(home: scratch.path) == gitHooks())
    }

    @Test func readsRemotesAndUpstreams() throws {
        let remote = try ScratchRepository(files: ["a.txt": "1\n"])
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        try scratch.git("remote", "add", "origin", remote.path)
        try scratch.git("remote", "add", "backup", "https://example.com/backup.git")
        try scratch.git("fetch", "-q", "origin")
        try scratch.git("remote", "set-head", "origin", "main")
        try scratch.git("branch", "-q", "--set-upstream-to=origin/main", "main")
        let repository = try scratch.open()
        #expect(try repository.remoteNames() == ["backup", "origin"])
        #expect(try repository.remoteURL("origin") == remote.path)
        #expect(try repository.remoteURL("backup") == "https://example.com/backup.git")
        #expect(try repository.remoteURL("nope") == nil)
        #expect(try repository.remoteDefaultBranch("origin") == "refs/remotes/origin/main")
        #expect(try repository.remoteDefaultBranch("backup") == nil)
        #expect(try repository.upstream(ofBranch: "main") == "refs/remotes/origin/main")
        #expect(try repository.upstream(ofBranch: "main")
                == "refs/remotes/" + (try scratch.gitLine("rev-parse", "--abbrev-ref", "main@{upstream}")))
        try repository.createBranch("loose", at: try scratch.headID(), reflogMessage: "x")
        #expect(try repository.upstream(ofBranch: "loose") == nil)
    }
}

@Suite struct SignatureTests {
    let now = GitTime(secondsSinceEpoch: 1_800_000_000, offsetMinutes: 60)

    func config(_ values: [String: String]) -> (String) -> String? { { values[$0] } }

    @Test func environmentOutranksConfigAndConvoOutranksGit() throws {
        let fromConfig = try Signature.resolve(.author, environment: [:],
                                               config: config(["user.name": "Config User", "user.email": "c@example.com"]),
                                               now: now)
        #expect(fromConfig == Signature(name: "Config User", email: "c@example.com", time: now))

        let gitEnvironment = ["GIT_AUTHOR_NAME": "Git Author", "GIT_AUTHOR_EMAIL": "ga@example.com",
                              "GIT_COMMITTER_NAME": "Git Committer"]
        let author = try Signature.resolve(.author, environment: gitEnvironment,
                                           config: config(["user.name": "Config User", "user.email": "c@example.com"]), now: now)
        #expect(author.description == "Git Author <ga@example.com>")
        let committer = try Signature.resolve(.committer, environment: gitEnvironment,
                                              config: config(["user.email": "c@example.com"]), now: now)
        #expect(committer.description == "Git Committer <c@example.com>")
        let convo = try Signature.resolve(.committer, environment: gitEnvironment.merging(
            ["CONVO_AUTHOR_NAME": "Convo Person", "CONVO_AUTHOR_EMAIL": "cp@example.com"]) { $1 }, config: config([:]), now: now)
        #expect(convo.description == "Convo Person <cp@example.com>")
        let roleConfig = try Signature.resolve(.author, environment: [:],
                                               config: config(["author.name": "Role Name", "user.name": "User"]), now: now)
        #expect(roleConfig.name == "Role Name")
    }

    @Test func fallsBackToTheBotIdentity() throws {
        let bot = try Signature.resolve(.committer, environment: ["GIT_COMMITTER_NAME": "  "], config: config([:]), now: now)
        #expect(bot == Signature(name: Signature.botName, email: Signature.botEmail, time: now))
    }

    @Test func takesFixedDatesFromTheEnvironment() throws {
        let signature = try Signature.resolve(.author, environment: ["GIT_AUTHOR_DATE": "@1700000000 +0530"],
                                              config: config([:]), now: now)
        #expect(signature.time == GitTime(secondsSinceEpoch: 1_700_000_000, offsetMinutes: 330))
        #expect {
            try Signature.resolve(.committer, environment: ["GIT_COMMITTER_DATE": "last tuesday"], config: config([:]), now: now)
        } throws: { error in
            (error as? ConvoError)?.message.contains("GIT_COMMITTER_DATE") == true && (error as? ConvoError)?.exitStatus == .usage
        }
    }

    @Test func theRepositoryReadsItsOwnConfig() throws {
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        try scratch.git("config", "user.name", "Local Name")
        try scratch.git("config", "user.email", "local@example.com")
        let signature = try scratch.open().signature(for: .author, environment: [:], now: now)
        #expect(signature.description == "Local Name <local@example.com>")
    }

    /// Every format is checked against the date git itself records for it.
    @Test(arguments: [
        "@1700000000 +0530", "1700000000 -0800", "@1700000000",
        "2026-11-20T10:02:11+01:00", "2026-11-20T10:02:11Z", "2026-11-20 10:02:11 +0100", "2026-11-20T10:02:11.250-03:30",
        "2026-11-20T10:02+0000", "Fri, 20 Nov 2026 10:02:11 +0100", "20 Nov 2026 23:59:59 -1200",
    ])
    func parsesTheDateFormsGitAccepts(text: String) throws {
        let parsed = try #require(GitTime(gitDate: text))
        let scratch = try ScratchRepository(files: ["a.txt": "1\n"])
        try GitCLI.run(["commit", "-q", "--allow-empty", "-m", "dated"], in: scratch.url, environment: ["GIT_AUTHOR_DATE": text])
        #expect(parsed.description == (try scratch.gitLine("log", "-1", "--format=%ad", "--date=raw")))
    }

    @Test(arguments: ["", "yesterday", "2026-13-01T00:00:00Z", "2026-11-20T25:00:00Z", "12345", "@12x", "2026-11-20T10:02:11+99:00"])
    func rejectsWhatIsNotADate(text: String) {
        #expect(GitTime(gitDate: text) == nil)
    }

    @Test func formatsOffsets() {
        #expect(GitTime(secondsSinceEpoch: 0, offsetMinutes: -330).offsetText == "-0530")
        #expect(GitTime(secondsSinceEpoch: 5, offsetMinutes: 0).description == "5 +0000")
        #expect(GitTime(secondsSinceEpoch: 1_700_000_000).timestamp.iso8601 == "2023-11-14T22:13:20Z")
    }
}
