import ArgumentParser
import ConvoBase
import ConvoIntents
import ConvoSections

extension Convo.Intent {
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check intent files and list every problem (exit 1 when there is one).",
            discussion: """
                Checks each file's fields, that its id matches its file name, that every touches \
                address names a section of a governed file, that its stage is configured, and that \
                its exemplars hold no personal data. Problems print as `error: FILE:LINE: message`.

                Example:
                  convo intent validate
                  convo intent validate intents/webhook-not-firing.intent
                """
        )

        @Argument(help: "Intent files (default: every file in intents/).", completion: .file(extensions: ["intent"]))
        var paths: [String] = []

        func run() async throws {
            let context = try CommandContext.current()
            var diagnostics: [Diagnostic] = []
            var sections: SectionIndex?
            do {
                sections = try context.sectionIndex()
            } catch {
                diagnostics.append(Diagnostic(error: error))
            }
            let validator = IntentValidator(sections: sections, stages: Set(context.config.rank.stageWeights.keys),
                                            fixCostKinds: Set(context.config.rank.fixCost.keys),
                                            redactor: try Redactor(settings: context.config.redaction))
            let files = paths.isEmpty ? context.intents.files() : try paths.map { try context.repositoryPath($0) }
            for file in files {
                do {
                    let document = try context.intents.document(at: file)
                    diagnostics += validator.validate(document.parsed, file: file)
                } catch {
                    diagnostics.append(Diagnostic(error: error))
                }
            }
            guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }
            print(files.count == 1 ? "1 intent file is valid" : "\(files.count) intent files are valid")
        }
    }
}
