import ArgumentParser
import ConvoBase
import ConvoDiscovery
import ConvoStore

extension Convo {
    struct Cluster: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Group captured conversations into intents and update the intent files.",
            discussion: """
                Conversations are grouped chiefly by what the user wrote (the first message most). \
                Existing intent files come first: a conversation keeps the intent it had unless it no \
                longer resembles it, and new conversations join the intent whose signals (exemplars \
                and keywords) they match, including intents written by hand with `convo intent new`. \
                What matches no intent and recurs at least cluster.min_size times becomes a new \
                intent file, named from its conversations (slug id, title, keywords, redacted \
                exemplars, kind); the rest stay in no intent. Intent ids never change: when two \
                intents turn out to be one, or half of one shares nothing with the other half, the \
                merge or split is recorded in the files' history.

                In existing files only the blocks convo owns change (evidence, impact, weekly, \
                history, and signals when empty); every other byte stays as you left it. Running it \
                twice on the same data changes nothing. Which intent each conversation is in is kept \
                in the store (see `convo assignments`), never in git.

                Vectors come from `embeddings:` in .convo/config.yaml: builtin (no network, no model), \
                local (a sentence-transformers model directory) or openai; the latter two are cached \
                in .convo/cache/embeddings.sqlite, so re-clustering embeds only new conversations.

                Examples:
                  convo cluster
                  convo cluster --since 2026-11-16 --dry-run
                  convo cluster --limit 10
                  convo cluster --timings
                  convo cluster --json > cluster-summary.json
                """
        )

        @Option(help: ArgumentHelp("Cluster only conversations that started at or after this date or time.", valueName: "DATE"))
        var since: String?

        @Option(help: ArgumentHelp("Cluster only conversations that started before this date or time.", valueName: "DATE"))
        var until: String?

        @Flag(help: "Show what would change without writing intent files or assignments.")
        var dryRun = false

        @Flag(help: "Print the summary as one JSON object.")
        var json = false

        @Flag(help: "Print how long each phase took on stderr.")
        var timings = false

        @Option(help: ArgumentHelp("List at most N changed intents, the largest first (default: all).", valueName: "N"))
        var limit: Int?

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
            let context = try CommandContext.current()
            let store = try storeOptions.open(context)
            let filter = ConversationFilter(since: try parseInstant(since, option: "--since"),
                                            until: try parseInstant(until, option: "--until"))
            let discovery = IntentDiscovery(workspace: context.workspace, config: context.config, store: store)
            let report = try await discovery.run(DiscoveryOptions(filter: filter, dryRun: dryRun), progress: ProgressBar(timings: timings))
            for warning in report.warnings {
                printError(ErrorRenderer.styled(Diagnostic(.warning, warning), color: Terminal.current.stderrColor))
            }
            if json {
                print(report.json.jsonText)
            } else {
                print(report.text(limit: limit), terminator: "")
            }
        }
    }
}
