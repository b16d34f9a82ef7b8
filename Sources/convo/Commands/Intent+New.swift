import ArgumentParser
import ConvoBase
import ConvoIntents
import Foundation

extension Convo.Intent {
    struct New: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Write a new intent file and print its path.",
            discussion: """
                The id defaults to a slug of the title; an existing id is refused. Every --touches \
                address must name a section of a governed file (see `convo sections`). Exemplars \
                pass the redactor before they are written. On a terminal, missing required fields \
                are asked for; otherwise they must be given as flags.

                Example:
                  convo intent new --title "Webhook not firing" \\
                      --kind setup-friction --stage onboarding \\
                      --touches prompts/support.md#webhooks \\
                      --exemplar "why is my webhook not firing"
                """
        )

        @Argument(help: "The intent's id, a slug (default: a slug of the title).")
        var id: String?

        @Option(help: "One line saying what users are trying to do or what goes wrong.")
        var title: String?

        @Option(help: "One of \(IntentKind.allowedList).", completion: CompletionSources.intentKinds)
        var kind: String?

        @Option(help: "Account stage it comes from (a key of rank.stage_weights, e.g. onboarding).")
        var stage: String?

        @Option(help: "A few sentences for reviewers.")
        var summary: String?

        @Option(name: .customLong("touches"), help: "A section address a fix may change (repeatable).",
                completion: CompletionSources.sectionAddresses)
        var touches: [String] = []

        @Option(name: .customLong("exemplar"), help: "A representative user message (repeatable; redacted).")
        var exemplars: [String] = []

        @Option(name: .customLong("keyword"), help: "A keyword the matcher uses (repeatable).")
        var keywords: [String] = []

        func run() async throws {
            let context = try CommandContext.current()
            var title = title?.trimmingCharacters(in: .whitespaces)
            var kind = kind
            let missing = [title == nil || title == "" ? "--title" : nil, kind == nil ? "--kind" : nil].compactMap { $0 }
            if !missing.isEmpty {
                guard isatty(STDIN_FILENO) == 1 else {
                    throw ConvoError.usage("missing \(missing.joined(separator: " and ")) (standard input is not a terminal, so convo cannot ask)",
                                           hints: ["e.g. convo intent new --title \"Webhook not firing\" --kind setup-friction"])
                }
                if title == nil || title == "" { title = Prompt.ask("Title (one line)", validate: { $0.isEmpty ? "a title is required" : nil }) }
                if kind == nil {
                    kind = Prompt.ask("Kind (\(IntentKind.allowedList))",
                                      validate: { IntentKind(rawValue: $0) == nil ? "expected one of \(IntentKind.allowedList)" : nil })
                }
            }
            guard let title, !title.isEmpty, let kindText = kind else {
                throw ConvoError.usage("missing --title or --kind")
            }
            guard let kindValue = IntentKind(rawValue: kindText) else {
                let close = Suggestions.closest(to: kindText, in: IntentKind.allCases.map(\.rawValue), limit: 1)
                throw ConvoError.usage("--kind must be one of \(IntentKind.allowedList), found '\(kindText)'",
                                       hints: close.map { "did you mean '\($0)'?" })
            }
            let id = id ?? Slug.make(title)
            guard Slug.isValid(id) else {
                let suggestion = Slug.make(id)
                throw ConvoError.usage("the id '\(id)' is not a slug (lower-case letters, digits and single hyphens)",
                                       hints: suggestion.isEmpty ? ["give an id, e.g. convo intent new webhook-not-firing"] : ["e.g. \(suggestion)"])
            }
            if let stage {
                let stages = context.config.rank.stageWeights.keys.sorted()
                guard stages.contains(stage) else {
                    throw ConvoError.usage("--stage must be one of \(stages.joined(separator: ", ")), found '\(stage)'",
                                           hints: ["stages come from rank.stage_weights in .convo/config.yaml"])
                }
            }
            let path = context.intents.relativePath(id: id)
            if FileManager.default.fileExists(atPath: context.workspace.root.appendingPathComponent(path).path) {
                throw ConvoError.usage("intent '\(id)' already exists (\(path))", at: SourceLocation(file: path),
                                       hints: ["pick another id, or add sections to it with `convo intent link \(id) ADDRESS`"])
            }
            let addresses = touches.isEmpty ? [] : try context.validateAddresses(touches, in: try context.sectionIndex())
            let redactor = try Redactor(settings: context.config.redaction)

            var intent = ConvoIntents.Intent(id: id, title: title, kind: kindValue)
            intent.stage = stage
            intent.summary = summary.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }
            intent.touches = Self.unique(addresses)
            intent.signals = ConvoIntents.Intent.Signals(
                keywords: Self.unique(keywords.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }),
                exemplars: Self.unique(exemplars.map { redactor.redact($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }))
            print(try context.intents.create(intent))
        }

        static func unique(_ items: [String]) -> [String] {
            var seen: Set<String> = []
            return items.filter { seen.insert($0).inserted }
        }
    }
}

/// Questions on the terminal for fields the user left out.
enum Prompt {
    /// Asks until `validate` accepts the answer (it returns the problem, or nil).
    static func ask(_ question: String, validate: (String) -> String?) -> String {
        while true {
            FileHandle.standardError.write(Data("\(question): ".utf8))
            guard let line = readLine() else { return "" }
            let answer = line.trimmingCharacters(in: .whitespaces)
            if let problem = validate(answer) {
                printError("  \(problem)")
                continue
            }
            return answer
        }
    }
}
