import ArgumentParser
import ConvoBase
import ConvoGit
import ConvoHooks

extension Convo {
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the pre-push rules to a range of commits, for CI.",
            discussion: """
                Every commit in RANGE that changes a governed section must name an intent \
                (`Intent:` trailer) that exists at that commit and whose touches covers the \
                section; every intent file the range changes must validate and hold no personal \
                data. All findings are listed (on stderr); the exit status is 1 when there are any.
                Without RANGE, the commits on HEAD that are not on the remote's default branch \
                (origin/HEAD, origin/main or origin/master, or the default branch's upstream).

                Example:
                  convo check                      # origin/main..HEAD
                  convo check main..feature --json
                """
        )

        @Argument(help: "A revision range as git rev-list reads it (A..B, A...B, or REV for its whole history).")
        var range: String?

        @Option(help: "The remote whose default branch marks what is checked already.")
        var remote = "origin"

        @Flag(help: "Print {range, commits, section_changes, findings: [...]} as JSON on stdout.")
        var json = false

        func run() async throws {
            let context = try CommandContext.current()
            let repository = try context.repository()
            let commitRange: CommitRange
            let description: String
            if let range {
                commitRange = try repository.revisionRange(range)
                description = range
            } else {
                (commitRange, description) = try GovernanceRun.defaultRange(in: repository, remote: remote)
            }
            let report = try GovernanceRun.check(range: commitRange, repository: repository, config: context.config,
                                                 redactor: try context.redactor())
            if json {
                print(JSONValue.object([
                    "range": .string(description),
                    "commits": .int(Int64(report.commitsChecked)),
                    "section_changes": .int(Int64(report.sectionChanges)),
                    "findings": .array(report.findings.map(\.json)),
                ]).jsonText)
                if !report.passed { throw ExitCode(ExitStatus.finding.rawValue) }
                return
            }
            print("checking \(description)")
            try HookCommands.finish(report)
        }
    }
}
