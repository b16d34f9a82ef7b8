import ArgumentParser
import ConvoBase
import ConvoStore
import Foundation

/// `--store`, shared by the commands that read or write captured conversations.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store to use instead of the configured one.", valueName: "sqlite:PATH"))
    var store: String?

    /// Opens the store named by `--store`, else by `.convo/config.yaml`.
    func open(_ context: CommandContext) throws -> any ConversationStore {
        try ConversationStores.open(try location(context), in: context.workspace)
    }

    /// Opens the store only when it exists, for commands that read it if there is one; never
    /// creates an empty store just to look in it. A `--store` file that is missing is an error.
    func openExisting(_ context: CommandContext) throws -> (any ConversationStore)? {
        let location = try location(context)
        if let url = context.workspace.sqliteURL(for: location), !FileManager.default.fileExists(atPath: url.path) {
            guard let store else { return nil }
            throw ConvoError.usage("there is no store at '\(store)'", hints: ["check the path, or leave out --store to use the configured one"])
        }
        return try ConversationStores.open(location, in: context.workspace)
    }

    private func location(_ context: CommandContext) throws -> StoreLocation {
        guard let store else { return context.config.store }
        guard let parsed = StoreLocation(store) else {
            throw ConvoError.usage("'\(store)' is not a store location", hints: ["use sqlite:PATH, e.g. --store sqlite:.convo/store.sqlite"])
        }
        return parsed
    }
}

/// Parses `--since` / `--until` values: a date (`2026-11-20`, midnight UTC) or an ISO 8601 instant.
func parseInstant(_ text: String?, option: String) throws -> Timestamp? {
    guard let text else { return nil }
    guard let instant = Timestamp(iso8601: text) else {
        throw ConvoError.usage("\(option) '\(text)' is not a date or time", hints: ["use 2026-11-20 or 2026-11-20T10:00:00Z"])
    }
    return instant
}
