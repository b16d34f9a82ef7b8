import ArgumentParser
import ConvoBase
import ConvoStore

/// `--since`, `--until`, `--plan`, `--agent`: which conversations a listing command looks at.
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Conversations that started at or after this date or time.", valueName: "DATE"))
    var since: String?

    @Option(help: ArgumentHelp("Conversations that started before this date or time.", valueName: "DATE"))
    var until: String?

    @Option(help: "Only this plan (the conversation's, else its account's).")
    var plan: String?

    @Option(help: "Only this agent.")
    var agent: String?

    var filter: ConversationFilter {
        get throws {
            ConversationFilter(since: try parseInstant(since, option: "--since"), until: try parseInstant(until, option: "--until"),
                               plan: plan, agent: agent)
        }
    }
}
