import ConvoBase
import Foundation

/// Opens the store a configuration names, so commands never pick an implementation themselves.
public enum ConversationStores {
    /// The store at `location`, relative paths resolved against the workspace root. Creates
    /// `.convo/` (with a `.gitignore` keeping the store out of git) when the store is new.
    public static func open(_ location: StoreLocation, in workspace: Workspace,
                            synchronous: SQLiteStore.Synchronous = .full) throws -> any ConversationStore {
        guard let url = workspace.sqliteURL(for: location) else { throw StoreError.unsupported(location) }
        let directory = url.deletingLastPathComponent()
        let manager = FileManager.default
        if !manager.fileExists(atPath: directory.path) {
            do {
                try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw StoreError("cannot create the store's directory: \(error.localizedDescription)", store: url.path)
            }
        }
        let ignore = workspace.convoDirectory.appendingPathComponent(".gitignore")
        if directory.standardizedFileURL == workspace.convoDirectory.standardizedFileURL,
           !manager.fileExists(atPath: ignore.path) {
            // Raw transcripts never enter git, even when the store exists before `convo init` ran.
            try? Data(ConfigTemplate.gitignore.utf8).write(to: ignore)
        }
        return try SQLiteStore(path: url.path, synchronous: synchronous)
    }
}
