import ConvoBase
import ConvoGit
import Foundation

/// Why the demo could not start.
public struct DemoError: UserFacingError {
    public var message: String
    public var hints: [String]
    public var location: SourceLocation?

    public init(_ message: String, at location: SourceLocation? = nil, hints: [String] = []) {
        self.message = message
        self.location = location
        self.hints = hints
    }

    public var exitStatus: ExitStatus { .usage }
}

/// The scratch repository the demo runs in: a fresh git repository holding the worked example,
/// committed once on `main`, so every later step shows up as a reviewable change.
public enum DemoRepository {
    /// The identity and clock of every commit the demo makes, so two runs give the same ids.
    public static let authorName = "convo demo"
    public static let authorEmail = "demo@convo.invalid"

    /// Resolves where the demo runs: `directory` must not exist or be empty; without one, a new
    /// temporary directory.
    public static func location(_ directory: String?, currentDirectory: URL) throws -> URL {
        guard let directory else {
            let base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
            let url = base.appendingPathComponent("convo-demo-\(UUID().uuidString.prefix(8).lowercased())", isDirectory: true)
            return url
        }
        let url = URL(fileURLWithPath: directory, relativeTo: currentDirectory).standardizedFileURL
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw DemoError("'\(directory)' is a file, not a directory", hints: ["pass a directory that does not exist yet"])
            }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            guard contents.isEmpty else {
                throw DemoError("'\(directory)' is not empty", hints: ["the demo creates its own repository: pass a new or empty directory"])
            }
        }
        return url
    }

    /// The signature for a demo commit made at `time`.
    public static func signature(at time: Timestamp) -> Signature {
        Signature(name: authorName, email: authorEmail,
                  time: GitTime(secondsSinceEpoch: time.millisecondsSinceEpoch / 1000))
    }

    /// Creates the repository at `root`, writes the worked example, and commits it on `main`
    /// with the index matching, so `git status` is clean afterwards.
    /// - Returns: the first commit.
    @discardableResult
    public static func create(at root: URL, committedAt time: Timestamp) throws -> ObjectID {
        let repository = try Repository.create(at: root.path, initialBranch: "main")
        try WorkedExample.write(to: root)
        // The demo's simulated traffic lives next to the store and, like it, never enters git.
        let exclude = root.appendingPathComponent(".git/info/exclude")
        try FileManager.default.createDirectory(at: exclude.deletingLastPathComponent(), withIntermediateDirectories: true)
        let existing = (try? String(contentsOf: exclude, encoding: .utf8)) ?? ""
        try Data((existing + "# convo demo: simulated transcripts stay out of git\n/.convo/demo/run/\n").utf8).write(to: exclude)
        let index = try repository.index()
        for file in WorkedExample.files {
            try index.addFromWorkTree(path: file.path)
        }
        try index.write()
        let tree = try index.writeTree()
        let signature = signature(at: time)
        return try repository.createCommit(tree: tree, parents: [], author: signature, committer: signature,
                                           message: "Add the support agent's prompts, configs and intents\n",
                                           updatingReference: "HEAD")
    }
}
