import ArgumentParser
import ConvoBase
import ConvoStore

/// `--store`, shared by the commands that read or write captured conversations.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store to use instead of the configured one.", valueName: "sqlite:PATH"))
    var store: String?

    /// Opens the store named by `--store`, else by `.convo/config.yaml`.
    func open(_ context: CommandContext) throws -> any ConversationStore {
        var location = context.config.store
        if let store {
            guard let parsed = StoreLocation(store) else {
                throw ConvoError.usage("'\(store)' is not a store location", hints: ["use sqlite:PATH, e.g. --store sqlite:.convo/store.sqlite"])
            }
            location = parsed
        }
        return try ConversationStores.open(location, in: context.workspace)
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
