import ArgumentParser
import ConvoBase
import Foundation

@main
struct Convo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convo",
        abstract: "Turn an AI agent's conversations into reviewable git changes to its prompts and configs.",
        discussion: """
            The loop: capture transcripts (ingest, serve), cluster them into intents (cluster), \
            rank the intents by impact (rank), turn the top one into a diff (propose), and watch \
            whether its volume drops after the merge (watch). `convo report` draws it all as one \
            HTML page.

            Shell completion: `convo --generate-completion-script bash` (or zsh, fish) prints a \
            script to source; it completes commands, options, intent ids and section addresses.

            Example:
              convo init
              convo ingest exports/conversations.jsonl
              convo cluster && convo rank
              convo propose webhook-not-firing
            """,
        version: ConvoVersion.current,
        subcommands: [
            // In the order of the loop: set up, capture, cluster and rank, change, watch; then
            // governance and inspection.
            Demo.self,
            Init.self,
            Ingest.self,
            Serve.self,
            Cluster.self,
            Assignments.self,
            Rank.self,
            Intent.self,
            Sections.self,
            Propose.self,
            PR.self,
            Watch.self,
            Report.self,
            Blame.self,
            Hook.self,
            Check.self,
            Conversations.self,
            Stats.self,
        ]
    )

    /// Parses, runs, and renders any error in the one format (`ErrorRenderer`).
    static func main() async {
        let status: Int32
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            status = 0
        } catch {
            status = ErrorRenderer.render(error)
        }
        Foundation.exit(status)
    }
}

enum ConvoVersion {
    static let current = "0.1.0"
}
