import ConvoBase
import Foundation

/// `.convo/.gitignore` for a store created before `convo init` ran.
private let gitignore = """
    # convo's local data, never committed.
    # The conversation store: raw transcripts (SQLite and its journal files).
    /store.sqlite
    /store.sqlite-*
    # Derived data such as embedding caches.
    /cache/
    # Records `convo ingest` and `convo serve` could not accept; they hold raw user text.
    /rejected/
    # Reports rebuilt from the store on demand.
    /report/

    """

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
            // Raw transcripts never enter git. The same text `convo init` writes (ConfigTemplate.gitignore).
            try? Data(gitignore.utf8).write(to: ignore)
        }
        return try SQLiteStore(path: url.path, synchronous: synchronous)
    }
}
