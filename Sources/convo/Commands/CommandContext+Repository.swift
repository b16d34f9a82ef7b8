import ConvoBase
import ConvoGit
import ConvoModel
import ConvoStore
import Foundation

extension CommandContext {
    /// The git repository of the work tree, opened through libgit2.
    func repository() throws -> Repository {
        try Repository.discover(from: workspace.root.path)
    }

    /// The redactor with the config's extra patterns.
    func redactor() throws -> Redactor {
        try Redactor(settings: config.redaction)
    }

    /// Finds conversations by id for PR descriptions; nil when no store exists yet (the PR table
    /// then lists ids only). Never creates a store just to look in it.
    func conversationLookup() throws -> ((String) throws -> Conversation?)? {
        if let url = workspace.sqliteURL(for: config.store), !FileManager.default.fileExists(atPath: url.path) {
            return nil
        }
        let store = try ConversationStores.open(config.store, in: workspace)
        return { id in try store.conversation(id: id) }
    }
}

/// Reads all of stdin, unless it is a terminal (nobody is piping anything in).
func readStandardInputUnlessTerminal() -> String {
    guard isatty(STDIN_FILENO) != 1 else { return "" }
    return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
}

/// The absolute path of the running convo binary, for the hook to call; nil when unknown.
func runningExecutablePath() -> String? {
    if let path = Bundle.main.executableURL?.resolvingSymlinksInPath().path, FileManager.default.isExecutableFile(atPath: path) {
        return path
    }
    let first = CommandLine.arguments.first ?? ""
    guard first.contains("/") else { return nil }
    let url = first.hasPrefix("/") ? URL(fileURLWithPath: first)
        : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(first)
    let path = url.standardizedFileURL.resolvingSymlinksInPath().path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}
