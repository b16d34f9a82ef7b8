import ArgumentParser
import ConvoBase
import ConvoIntents

extension Convo.Intent {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the intents: id, kind, status, stage, conversations, priority and title.",
            discussion: """
                Files that do not validate are reported on stderr and left out; \
                `convo intent validate` lists every problem.

                Example:
                  convo intent list
                  convo intent list --json | jq -r '.[] | select(.status == "open") | .id'
                """
        )

        @Flag(help: "Print a JSON array with every field of each intent.")
        var json = false

        func run() async throws {
            let context = try CommandContext.current()
            let (intents, problems) = context.intents.loadAll()
            for problem in problems {
                ErrorRenderer.report(Diagnostic(.warning, at: problem.location, problem.message, hints: problem.hints))
            }
            if json {
                var writer = JSONWriter()
                writer.value(.array(intents.map(IntentJSON.value(of:))))
                print(writer.string)
                return
            }
            guard !intents.isEmpty else {
                printError("no intents yet; create one with `convo intent new`, or run `convo cluster`")
                return
            }
            var table = TextTable(["ID", "KIND", "STATUS", "STAGE", "CONVERSATIONS", "PRIORITY", "TITLE"])
            for intent in intents {
                table.append([intent.id, intent.kind.rawValue, intent.status.rawValue, intent.stage ?? "-",
                              intent.evidence.map { String($0.conversations) } ?? "-",
                              intent.impact.map { IntentWriter.number($0.priority) } ?? "-", intent.title])
            }
            print(table.rendered(), terminator: "")
        }
    }
}
