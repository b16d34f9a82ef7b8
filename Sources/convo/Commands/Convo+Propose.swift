import ArgumentParser
import ConvoBase
import ConvoGit
import ConvoIntents
import ConvoLLM
import ConvoPropose
import Foundation

extension Convo {
    struct Propose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Commit an edit of governed files as branch convo/INTENT, with the intent's evidence in the message.",
            discussion: """
                Takes the work tree's changes to governed files (or --patch FILE, or a --draft \
                from the configured chat model), and makes branch convo/INTENT holding one commit \
                through libgit2: those files, plus the intent file with status: proposed and \
                change.branch. The message has a title with the count and dominant cohort, the \
                pattern and the evidence, then an `Intent:` trailer and one `Conversation-Id:` \
                trailer per sampled conversation (at most propose.max_conversation_trailers).

                Every changed section must be in the intent's touches; --link adds the missing \
                ones. Other changes in the work tree are left alone. Afterwards HEAD is on the new \
                branch and `git status` shows only those other changes. change.commit is not \
                written (a commit cannot hold its own id): the commit is found by its `Intent:` \
                trailer. The author and date follow GIT_AUTHOR_*/GIT_COMMITTER_* and git config, \
                so fixed ones give the same commit.

                Example:
                  $EDITOR prompts/support.md && convo propose webhook-not-firing
                  convo propose webhook-not-firing --patch fix.diff --link
                  convo propose webhook-not-firing --draft
                """
        )

        @Argument(help: "The intent the change is for (its id).", completion: CompletionSources.intentIDs)
        var intent: String

        @Option(help: "Apply this unified diff to the HEAD versions instead of taking the work tree's changes.", completion: .file())
        var patch: String?

        @Flag(help: "Ask the chat model in .convo/config.yaml (llm) to write the edit to the intent's sections.")
        var draft = false

        @Flag(help: "With --draft: commit without asking for confirmation.")
        var yes = false

        @Flag(help: "Add changed sections the intent does not touch yet to its touches.")
        var link = false

        @Flag(help: "Replace branch convo/INTENT if it exists.")
        var force = false

        func validate() throws {
            if patch != nil && draft { throw ValidationError("--patch and --draft are alternatives; pass one") }
            if yes && !draft { throw ValidationError("--yes only applies to --draft") }
        }

        func run() async throws {
            let context = try CommandContext.current()
            let repository = try context.repository()
            let redactor = try context.redactor()
            let environment = ProcessInfo.processInfo.environment
            var source = EditSource.workTree
            if let patch {
                let url = URL(fileURLWithPath: patch, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    throw ConvoError.usage("cannot read the patch '\(patch)'", at: SourceLocation(file: patch))
                }
                source = .patch(text: String(decoding: data, as: UTF8.self), name: patch)
            } else if draft {
                guard let drafted = try await makeDraft(context: context, repository: repository, redactor: redactor,
                                                        environment: environment) else { return }
                source = .contents(drafted)
            }
            let proposer = Proposer(repository: repository, workspace: context.workspace, config: context.config, redactor: redactor)
            let proposal = try proposer.propose(ProposeOptions(intent: intent, source: source, link: link, force: force,
                                                               environment: environment))
            let color = Terminal.current.stdoutColor
            let title = proposal.message.prefix { $0 != "\n" }
            let verb = proposal.replaced == nil ? "created" : "replaced"
            print("\(Style.green.apply(verb, enabled: color)) \(proposal.branch) at \(proposal.commit.abbreviated()): \(title)")
            for change in proposal.sections { print("  \(change.kind.rawValue) \(change.address)") }
            for address in proposal.linked { print("  linked \(address) to \(proposal.intentFile)") }
            print("HEAD is on \(proposal.branch); next: `convo pr \(intent) --push --open`")
        }

        /// Drafts the edit, shows it, and asks; nil when the user declines.
        private func makeDraft(context: CommandContext, repository: Repository, redactor: Redactor,
                               environment: [String: String]) async throws -> [String: String]? {
            let client = try ChatClient.configured(context.config, environment: environment)
            // Ask before spending a request: without a terminal there is no one to confirm.
            if !yes && isatty(STDIN_FILENO) != 1 {
                throw ConvoError.usage("--draft asks for confirmation, and there is no terminal to ask on",
                                       hints: ["pass --yes to commit the draft without confirmation"])
            }
            let intentValue = try context.intents.intent(id: intent)
            let writer = DraftWriter(client: client, redactor: redactor)
            let draft = try await writer.draft(intent: intentValue) { path in
                try repository.fileContentsAtHead(path).map { String(decoding: $0, as: UTF8.self) }
            }
            let color = Terminal.current.stdoutColor
            for path in draft.files.keys.sorted() {
                print(LineDiff.unified(path: path, old: draft.originals[path], new: draft.files[path], color: color), terminator: "")
            }
            for section in draft.sections where !section.changed {
                print("note: the model left \(section.address) unchanged")
            }
            guard !yes else { return draft.files }
            print("Commit this as \(Proposer.branchName(for: intent))? [y/N] ", terminator: "")
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard answer == "y" || answer == "yes" else {
                print("nothing proposed")
                return nil
            }
            return draft.files
        }
    }
}
