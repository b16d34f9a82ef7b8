import ArgumentParser
import ConvoBase
import ConvoStore

extension Convo {
    struct Assignments: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print which intent each conversation is in, as the last `convo cluster` decided.",
            discussion: """
                One line per conversation in the store, oldest first (then by id). With --json, JSON \
                lines exactly {"conversation": ID, "intent": ID-or-null}; null for a conversation in \
                no intent (an outlier, or one not clustered yet).

                Examples:
                  convo assignments --json > assignments.jsonl
                  convo assignments --intent webhook-not-firing
                """
        )

        @Option(help: "Only conversations in this intent.")
        var intent: String?

        @Flag(help: "JSON lines {\"conversation\": ID, \"intent\": ID-or-null}.")
        var json = false

        @OptionGroup var filterOptions: FilterOptions

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let context = try CommandContext.current()
            let store = try storeOptions.open(context)
            if let intent, !context.intents.ids().contains(intent) {
                var hints = Suggestions.closest(to: intent, in: context.intents.ids()).map { "did you mean '\($0)'?" }
                hints.append("run `convo intent list` to see the intents")
                throw ConvoError.usage("no intent '\(intent)'", hints: hints)
            }
            let output = BufferedOutput()
            var table = TextTable(["CONVERSATION", "INTENT"])
            try store.forEachAssignment(matching: try filterOptions.filter) { assignment in
                guard intent == nil || assignment.intent == intent else { return }
                if json {
                    var writer = JSONWriter()
                    writer.beginObject()
                    writer.key("conversation")
                    writer.string(assignment.conversation)
                    writer.key("intent")
                    if let id = assignment.intent { writer.string(id) } else { writer.null() }
                    writer.endObject()
                    output.write(writer.string)
                } else {
                    table.append([assignment.conversation, assignment.intent ?? "-"])
                }
            }
            if json {
                output.flush()
            } else {
                print(table.rendered(), terminator: "")
                if table.rows.isEmpty { printError("no conversations match") }
            }
        }
    }
}
