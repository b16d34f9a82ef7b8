import ArgumentParser
import ConvoBase
import ConvoIntents
import ConvoSections

extension Convo.Intent {
    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "link",
            abstract: "Add section addresses to an intent's touches.",
            discussion: """
                Each address must name a section of a governed file. Only the touches block of the \
                file is rewritten; comments and the rest of the file stay as they are.

                Example:
                  convo intent link webhook-not-firing \\
                      prompts/support.md#webhooks/delivery-and-retries
                """
        )

        @OptionGroup var target: TouchesTarget

        func run() async throws {
            var (context, document, intent) = try target.load()
            let valid = try context.validateAddresses(target.addresses, in: try context.sectionIndex())
            for address in valid where !intent.touches.contains(address) {
                intent.touches.append(address)
                print("linked \(address)")
            }
            try context.intents.write(try document.updating([.touches], from: intent), to: document.file)
        }
    }

    struct Unlink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unlink",
            abstract: "Remove section addresses from an intent's touches.",
            discussion: """
                Each address must be in the intent's touches (it need not exist any more). Only the \
                touches block of the file is rewritten.

                Example:
                  convo intent unlink webhook-not-firing \\
                      prompts/support.md#webhooks/delivery-and-retries
                """
        )

        @OptionGroup var target: TouchesTarget

        func run() async throws {
            var (context, document, intent) = try target.load()
            var problems: [Diagnostic] = []
            var remove: [String] = []
            for address in target.addresses {
                let normalized = SectionAddress(address)?.description ?? address
                if intent.touches.contains(normalized) {
                    remove.append(normalized)
                } else {
                    var hints = Suggestions.closest(to: normalized, in: intent.touches).map { "did you mean '\($0)'?" }
                    hints.append(intent.touches.isEmpty ? "the intent touches nothing yet"
                                                        : "it touches: \(intent.touches.joined(separator: ", "))")
                    problems.append(Diagnostic(.error, at: SourceLocation(file: document.file, line: document.parsed.fieldLines[.touches]),
                                               "'\(address)' is not in the touches of '\(target.id)'", hints: hints))
                }
            }
            if !problems.isEmpty { throw DiagnosticsError(problems, exitStatus: .usage) }
            intent.touches.removeAll { remove.contains($0) }
            try context.intents.write(try document.updating([.touches], from: intent), to: document.file)
            for address in remove { print("unlinked \(address)") }
        }
    }
}

/// The arguments `link` and `unlink` share: an intent and the addresses to add or remove.
struct TouchesTarget: ParsableArguments {
    @Argument(help: "The intent's id.", completion: CompletionSources.intentIDs)
    var id: String

    @Argument(help: "Section addresses (PATH#ANCHOR, or PATH for a whole file).", completion: CompletionSources.sectionAddresses)
    var addresses: [String]

    /// The intent's file and what could be read of it; human fields with problems do not stop an
    /// edit of `touches`, only a file that is not a mapping of fields does.
    func load() throws -> (CommandContext, IntentDocument, ConvoIntents.Intent) {
        let context = try CommandContext.current()
        let document = try context.intents.document(id: id)
        guard let intent = document.parsed.partial else {
            throw DiagnosticsError(document.parsed.diagnostics, exitStatus: .usage)
        }
        return (context, document, intent)
    }
}
