import ArgumentParser
import ConvoBase
import ConvoIntents

extension Convo.Intent {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print an intent file.",
            discussion: """
                Prints the file as it is, comments included; --json prints its fields as JSON.

                Example:
                  convo intent show webhook-not-firing
                """
        )

        @Argument(help: "The intent's id.", completion: CompletionSources.intentIDs)
        var id: String

        @Flag(help: "Print the intent's fields as a JSON object.")
        var json = false

        func run() async throws {
            let context = try CommandContext.current()
            let document = try context.intents.document(id: id)
            guard json else {
                print(document.text, terminator: document.text.hasSuffix("\n") ? "" : "\n")
                return
            }
            guard let intent = document.intent else {
                throw DiagnosticsError(document.parsed.diagnostics, exitStatus: .usage)
            }
            var writer = JSONWriter()
            writer.value(IntentJSON.value(of: intent))
            print(writer.string)
        }
    }
}
