import Foundation

/// One thing `convo init` looked after, and whether it made it or found it already there.
public struct InitStep: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable {
        case created
        case existed
    }

    /// Root-relative path; directories end in `/`.
    public var path: String
    public var outcome: Outcome
    /// What it is for, in a few words, for the summary `convo init` prints.
    public var purpose: String

    public init(path: String, outcome: Outcome, purpose: String) {
        self.path = path
        self.outcome = outcome
        self.purpose = purpose
    }
}

/// `convo init` could not create something.
public struct WorkspaceInitError: UserFacingError {
    public var location: SourceLocation?
    public var message: String
    public var hints: [String]
    /// `usage` when something in the way must be moved by the user, `finding` when a write failed.
    public var exitStatus: ExitStatus

    public init(_ message: String, path: String, hints: [String] = [], exitStatus: ExitStatus = .finding) {
        self.location = SourceLocation(file: path)
        self.message = message
        self.hints = hints
        self.exitStatus = exitStatus
    }
}

extension Workspace {
    /// Sets the repository up for convo: `.convo/config.yaml` (every setting documented at its
    /// default), `.convo/.gitignore`, and the `prompts/` and `intents/` directories.
    ///
    /// Creates only what is missing and never overwrites or edits an existing file, so running
    /// it again, or over a hand-tuned config, is safe. A new `prompts/` or `intents/` gets a
    /// `.gitkeep`, because git does not record empty directories and the layout should survive
    /// the first commit.
    /// - Returns: every item, in a fixed order, each created or found existing.
    /// - Throws: `WorkspaceInitError` when a path is taken by the wrong kind of entry (a file
    ///   named `intents`) or cannot be written.
    public func initialize() throws(WorkspaceInitError) -> [InitStep] {
        _ = try ensureDirectory(convoDirectory, keep: false)
        return [
            InitStep(path: ConvoConfig.relativePath,
                     outcome: try ensureFile(configURL, contents: ConfigTemplate.configYAML),
                     purpose: "settings, each documented at its default"),
            InitStep(path: ".convo/.gitignore",
                     outcome: try ensureFile(convoDirectory.appendingPathComponent(".gitignore"), contents: ConfigTemplate.gitignore),
                     purpose: "keeps the store, caches and rejected records out of git"),
            InitStep(path: "prompts/", outcome: try ensureDirectory(promptsDirectory, keep: true),
                     purpose: "governed prompts and configs"),
            InitStep(path: "intents/", outcome: try ensureDirectory(intentsDirectory, keep: true),
                     purpose: "one .intent file per recurring intent"),
        ]
    }

    private func ensureDirectory(_ url: URL, keep: Bool) throws(WorkspaceInitError) -> InitStep.Outcome {
        let path = relativePath(of: url)
        switch Workspace.entry(at: url) {
        case .directory:
            return .existed
        case .file:
            throw WorkspaceInitError("'\(path)' exists but is not a directory", path: path,
                                     hints: ["move it aside and run `convo init` again"], exitStatus: .usage)
        case .danglingLink:
            throw Workspace.danglingLinkError(path)
        case nil:
            break
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            if keep { try Data().write(to: url.appendingPathComponent(".gitkeep"), options: .withoutOverwriting) }
        } catch {
            throw WorkspaceInitError("cannot create '\(path)': \(error.localizedDescription)", path: path)
        }
        return .created
    }

    /// Writes `contents` only if nothing is at `url` (an exclusive create, so a file that
    /// appears meanwhile is not clobbered either).
    private func ensureFile(_ url: URL, contents: String) throws(WorkspaceInitError) -> InitStep.Outcome {
        let path = relativePath(of: url)
        switch Workspace.entry(at: url) {
        case .file:
            return .existed
        case .directory:
            throw WorkspaceInitError("'\(path)' is a directory, where convo expects a file", path: path,
                                     hints: ["move it aside and run `convo init` again"], exitStatus: .usage)
        case .danglingLink:
            throw Workspace.danglingLinkError(path)
        case nil:
            break
        }
        do {
            try Data(contents.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            if Workspace.entry(at: url) != nil { return .existed }
            throw WorkspaceInitError("cannot write '\(path)': \(error.localizedDescription)", path: path)
        }
        return .created
    }

    private enum Entry {
        case file
        case directory
        /// A symbolic link whose target does not exist: writing through it would create a file
        /// somewhere else.
        case danglingLink
    }

    private static func entry(at url: URL) -> Entry? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? .directory : .file
        }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil ? .danglingLink : nil
    }

    private static func danglingLinkError(_ path: String) -> WorkspaceInitError {
        WorkspaceInitError("'\(path)' is a symbolic link to nothing", path: path,
                           hints: ["remove the link or create its target, then run `convo init` again"], exitStatus: .usage)
    }
}
