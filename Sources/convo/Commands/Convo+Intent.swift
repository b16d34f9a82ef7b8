import ArgumentParser
import ConvoBase
import ConvoIntents
import ConvoSections

extension Convo {
    struct Intent: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "intent",
            abstract: "Create, list, show, link and validate intent files (intents/ID.intent).",
            discussion: """
                An intent is a recurring reason users talk to the agent. Each lives in one \
                reviewable file; people own its title, kind, stage, fix_cost, summary, touches and notes, and \
                convo owns the blocks it measures (status, signals, evidence, impact, weekly, change).

                Example:
                  convo intent new --title "Webhook not firing" --kind setup-friction \\
                      --touches prompts/support.md#webhooks
                  convo intent validate
                """,
            subcommands: [New.self, List.self, Show.self, Link.self, Unlink.self, Validate.self]
        )
    }
}

extension CommandContext {
    var intents: IntentDirectory { IntentDirectory(workspace: workspace) }

    /// The sections of every governed file, for checking addresses.
    func sectionIndex() throws(SectionError) -> SectionIndex {
        try SectionIndex.load(root: workspace.root, config: config)
    }

    /// Checks addresses against the governed files; every unknown one is reported with close matches.
    func validateAddresses(_ addresses: [String], in index: SectionIndex) throws -> [String] {
        var problems: [Diagnostic] = []
        var normalized: [String] = []
        for address in addresses {
            do {
                try index.validate(address)
                normalized.append(SectionAddress(address)?.description ?? address)
            } catch {
                problems.append(Diagnostic(error: error))
            }
        }
        if problems.count == 1, let only = problems.first {
            throw ConvoError.usage(only.message, at: only.location, hints: only.hints)
        }
        if !problems.isEmpty { throw DiagnosticsError(problems, exitStatus: .usage) }
        return normalized
    }
}
