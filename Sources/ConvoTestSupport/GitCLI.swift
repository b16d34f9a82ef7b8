import Foundation

/// The real `git` command, for setting up scratch repositories and for checking what convo
/// wrote the way git itself sees it.
public enum GitCLI {
    public static var executable: URL { ProcessRunner.which("git") ?? URL(fileURLWithPath: "/usr/bin/git") }

    /// Runs git in `directory` with a hermetic environment; throws when git fails.
    @discardableResult
    public static func run(_ arguments: [String], in directory: URL, stdin: String? = nil,
                           environment extra: [String: String] = [:]) throws -> String {
        let result = try ProcessRunner.run(executable, arguments, in: directory,
                                           environment: ConvoBinary.environment(home: directory, extra: extra),
                                           stdin: stdin.map { Data($0.utf8) })
        guard result.status == 0 else {
            throw GitCLIError(arguments: arguments, result: result)
        }
        return result.stdout
    }

    /// Runs git and returns the whole result, failing or not.
    public static func result(_ arguments: [String], in directory: URL, stdin: String? = nil,
                              environment extra: [String: String] = [:]) throws -> ProcessResult {
        try ProcessRunner.run(executable, arguments, in: directory,
                              environment: ConvoBinary.environment(home: directory, extra: extra),
                              stdin: stdin.map { Data($0.utf8) })
    }

    /// `git init` with `main` as the first branch, and optionally a first commit of `files`.
    public static func initRepository(at directory: URL, files: [String: String] = [:], message: String = "Initial commit") throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try run(["init", "-q", "-b", "main"], in: directory)
        guard !files.isEmpty else { return }
        for (path, contents) in files {
            let target = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: target)
        }
        try run(["add", "-A"], in: directory)
        try run(["commit", "-q", "-m", message], in: directory)
    }
}

public struct GitCLIError: Error, CustomStringConvertible {
    public var arguments: [String]
    public var result: ProcessResult
    public var description: String { "git \(arguments.joined(separator: " ")) failed: \(result)" }
}
