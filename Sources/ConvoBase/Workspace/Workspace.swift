import Foundation

/// The files convo keeps in a repository: where each lives relative to the work-tree root.
public struct Workspace: Sendable {
    /// The repository's work-tree root.
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public var convoDirectory: URL { root.appendingPathComponent(".convo", isDirectory: true) }
    public var configURL: URL { root.appendingPathComponent(ConvoConfig.relativePath) }
    public var intentsDirectory: URL { root.appendingPathComponent("intents", isDirectory: true) }
    public var promptsDirectory: URL { root.appendingPathComponent("prompts", isDirectory: true) }
    /// Records `convo ingest` and `convo serve` could not accept, with the reason; never committed.
    public var rejectedDirectory: URL { convoDirectory.appendingPathComponent("rejected", isDirectory: true) }
    /// Derived data (embedding caches and the like); never committed.
    public var cacheDirectory: URL { convoDirectory.appendingPathComponent("cache", isDirectory: true) }
    public var reportDirectory: URL { convoDirectory.appendingPathComponent("report", isDirectory: true) }

    /// The path of an intent file, from its id.
    public func intentURL(id: String) -> URL { intentsDirectory.appendingPathComponent("\(id).intent") }

    /// Loads `.convo/config.yaml`, or the defaults when it does not exist.
    public func loadConfig() throws(YAMLFileError) -> ConvoConfig {
        try ConvoConfig.load(from: configURL)
    }

    /// The SQLite file of the configured store, resolved against the root.
    public func sqliteURL(for location: StoreLocation) -> URL? {
        guard case .sqlite(let path) = location else { return nil }
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
    }

    /// A URL inside the work tree as a root-relative path with `/` separators (`prompts/support.md`).
    public func relativePath(of url: URL) -> String {
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        let full = url.standardizedFileURL.path
        return full.hasPrefix(base) ? String(full.dropFirst(base.count)) : full
    }

    /// The work-tree root above `directory`: the nearest ancestor holding `.git`. Commands that
    /// need the repository itself open it through ConvoGit; this is for the ones that only need paths.
    public static func find(from directory: URL) -> Workspace? {
        var current = directory.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: current.appendingPathComponent(".git").path) {
                return Workspace(root: current)
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }
}
