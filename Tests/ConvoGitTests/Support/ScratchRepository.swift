import ConvoGit
import ConvoTestSupport
import Foundation
import Testing

/// Keeps the developer's `~/.gitconfig` and the system config out of every libgit2 call the
/// tests make (libgit2 1.5 ignores `GIT_CONFIG_NOSYSTEM`). The isolated global config allows no
/// foreign-owned repository, so the ownership test gets a real `GIT_EOWNER`.
enum LibGit2Isolation {
    static let configDirectory: String = {
        let directory = NSTemporaryDirectory() + "convo-git-tests-config"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? Data("[safe]\n\tdirectory = /nonexistent/convo-test\n".utf8)
            .write(to: URL(fileURLWithPath: directory + "/.gitconfig"))
        for level in [LibGit2.ConfigLevel.global, .xdg, .system, .programData] {
            try? LibGit2.setConfigSearchPath(level, to: directory)
        }
        return directory
    }()

    static func ensure() { _ = configDirectory }
}

/// A scratch git repository made with the real `git` CLI, opened through the layer under test.
final class ScratchRepository {
    let directory: ScratchDirectory
    var url: URL { directory.url }
    var path: String { directory.url.resolvingSymlinksInPath().path }

    /// `git init -b main`, with a first commit of `files` when given.
    init(files: [String: String] = [:], bare: Bool = false) throws {
        LibGit2Isolation.ensure()
        directory = try ScratchDirectory(prefix: "convo-git")
        if bare {
            try GitCLI.run(["init", "-q", "--bare", "-b", "main"], in: directory.url)
        } else {
            try GitCLI.initRepository(at: directory.url, files: files)
        }
    }

    func open() throws -> Repository { try Repository.open(at: path) }

    @discardableResult
    func git(_ arguments: String..., stdin: String? = nil, environment: [String: String] = [:]) throws -> String {
        try GitCLI.run(arguments, in: url, stdin: stdin, environment: environment)
    }

    /// Git's output without the final newline.
    func gitLine(_ arguments: String...) throws -> String {
        var text = try GitCLI.run(arguments, in: url)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    func gitLines(_ arguments: String...) throws -> [String] {
        try gitLines(arguments)
    }

    func gitLines(_ arguments: [String]) throws -> [String] {
        try GitCLI.run(arguments, in: url).split(separator: "\n").map(String.init)
    }

    func write(_ relative: String, _ contents: String) throws {
        try directory.write(relative, contents)
    }

    /// Writes `files` and commits them with git; returns the new commit.
    @discardableResult
    func commit(_ files: [String: String], message: String = "change", date: String? = nil) throws -> ObjectID {
        for (path, contents) in files { try write(path, contents) }
        try git("add", "-A")
        var environment: [String: String] = [:]
        if let date {
            environment["GIT_AUTHOR_DATE"] = date
            environment["GIT_COMMITTER_DATE"] = date
        }
        try GitCLI.run(["commit", "-q", "--allow-empty", "-m", message], in: url, environment: environment)
        return try headID()
    }

    func headID() throws -> ObjectID {
        try #require(ObjectID(hex: try gitLine("rev-parse", "HEAD")))
    }

    func id(_ revision: String) throws -> ObjectID {
        try #require(ObjectID(hex: try gitLine("rev-parse", revision)))
    }
}

/// A fixed signature, so tests can compare exact dates.
func testSignature(_ name: String = "Ada Lovelace", email: String = "ada@example.com",
                   seconds: Int64 = 1_700_000_000, offset: Int = 330) -> Signature {
    Signature(name: name, email: email, time: GitTime(secondsSinceEpoch: seconds, offsetMinutes: offset))
}

/// Reads `git ls-tree -r` into path → "mode type id".
func lsTree(_ repository: ScratchRepository, _ revision: String) throws -> [String: String] {
    var result: [String: String] = [:]
    for line in try repository.gitLines("ls-tree", "-r", revision) {
        let parts = line.split(separator: "\t", maxSplits: 1)
        guard parts.count == 2 else { continue }
        result[String(parts[1])] = String(parts[0])
    }
    return result
}
