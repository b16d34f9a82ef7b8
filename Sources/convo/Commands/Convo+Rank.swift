import ArgumentParser
import ConvoBase
import ConvoDiscovery
import ConvoRank

extension Convo {
    struct Rank: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rank intents by impact: conversations × revenue exposure × stage weight ÷ fix cost.",
            discussion: """
                Each intent's conversations are those `convo cluster` assigned to it. Revenue exposure \
                is the mean plan weight of those conversations (rank.plan_weights, scaled by an \
                account's MRR against its plan's mean), doubled for accounts that churned within \
                rank.churn_window_hours after the conversation. The stage is the intent file's, else \
                the most common stage of the accounts (rank.stage_bands_days), weighted by \
                rank.stage_weights. The fix cost is the file's fix_cost, else the dearest kind of \
                section it touches (rank.fix_cost: prompt < config < harness). Every factor is shown; \
                `*` marks a value set in the intent file.

                Examples:
                  convo rank --top 5
                  convo rank --since 2026-11-16 --markdown >> report.md
                  convo rank --json | jq '.[0].intent'
                """
        )

        @Option(help: "Show only the first N intents.")
        var top: Int?

        @Flag(help: "Print a JSON array, one object per intent with every factor.")
        var json = false

        @Flag(help: "Print a Markdown table (for PR descriptions and issues).")
        var markdown = false

        @OptionGroup var filterOptions: FilterOptions

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            if json && markdown { throw ValidationError("choose one of --json and --markdown") }
            if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        }

        func run() throws {
            let context = try CommandContext.current()
            let (intents, problems) = context.intents.loadAll()
            for problem in problems {
                printError(ErrorRenderer.styled(Diagnostic(.warning, at: problem.location, problem.message), color: Terminal.current.stderrColor))
            }
            let store = try storeOptions.open(context)
            let rankings = try StoreRanking.rank(intents: intents, store: store, settings: context.config.rank,
                                                 filter: try filterOptions.filter)
            let format: RankReport.Format = json ? .json : (markdown ? .markdown : .table)
            print(RankReport.render(rankings, as: format, top: top), terminator: "")
        }
    }
}
