import ArgumentParser
import ConvoBase
import ConvoStore

extension Convo {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count captured conversations by day, plan and agent.",
            discussion: """
                Plan is the conversation's own, else its account's (from `convo ingest --accounts`). \
                With --json, one object: {"conversations", "turns", "by_day", "by_plan", "by_agent"}, \
                groups as arrays of {"day"|"plan"|"agent", "conversations"} (null when unknown).

                Example:
                  convo stats --since 2026-11-01 --json
                """
        )

        @OptionGroup var filterOptions: FilterOptions

        @Flag(help: "Print JSON instead of tables.")
        var json = false

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let context = try CommandContext.current()
            let store = try storeOptions.open(context)
            let filter = try filterOptions.filter
            let counts = try store.counts(matching: filter)
            if json {
                print(Self.json(counts))
                return
            }
            print("\(counts.conversations) conversations, \(counts.turns) turns")
            Self.printGroup("DAY", counts.byDay.map { ($0.key?.iso8601, $0.count) })
            Self.printGroup("PLAN", counts.byPlan.map { ($0.key, $0.count) })
            Self.printGroup("AGENT", counts.byAgent.map { ($0.key, $0.count) })
        }

        static func printGroup(_ title: String, _ buckets: [(String?, Int)]) {
            guard !buckets.isEmpty else { return }
            print("")
            var table = TextTable([title, "CONVERSATIONS"])
            for (key, count) in buckets { table.append([key ?? "(unknown)", String(count)]) }
            print(table.rendered(), terminator: "")
        }

        static func json(_ counts: ConversationCounts) -> String {
            var w = JSONWriter()
            w.beginObject()
            w.key("conversations"); w.int(counts.conversations)
            w.key("turns"); w.int(counts.turns)
            func group(_ name: String, _ key: String, _ buckets: [(String?, Int)]) {
                w.key(name)
                w.beginArray()
                for (value, count) in buckets {
                    w.beginObject()
                    w.key(key)
                    if let value { w.string(value) } else { w.null() }
                    w.key("conversations"); w.int(count)
                    w.endObject()
                }
                w.endArray()
            }
            group("by_day", "day", counts.byDay.map { ($0.key?.iso8601, $0.count) })
            group("by_plan", "plan", counts.byPlan.map { ($0.key, $0.count) })
            group("by_agent", "agent", counts.byAgent.map { ($0.key, $0.count) })
            w.endObject()
            return w.string
        }
    }
}
