import ArgumentParser
import ConvoBase
import ConvoReport
import ConvoWatch
import Foundation

extension Convo {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a static HTML report: intents by priority, weekly charts, breakdowns and exemplars.",
            discussion: """
                One self-contained page (DIR/index.html, default .convo/report/): no scripts, fonts \
                or images from anywhere else, so it opens from disk and prints. It shows the intents \
                in priority order with every factor (conversations, revenue exposure, stage weight, \
                fix cost), each intent's conversations per ISO week as a chart with the day its \
                change merged marked (and its share of all conversations when the store has them), \
                conversations by kind and by plan, and each intent's redacted exemplars and sample \
                conversations, linked from the ranking.

                Factors come from each intent file's `impact` block (written by `convo cluster`); an \
                intent with evidence but no impact is scored from its plan mix with the config's \
                weights. The same data always writes the same bytes. Prints the page's path.

                Example:
                  convo report
                  convo report --out site/ && xdg-open site/index.html
                """
        )

        @Option(help: ArgumentHelp("Directory to write index.html into (created when missing; default: .convo/report).",
                                   valueName: "DIR"),
                completion: .directory)
        var out: String?

        @OptionGroup var mainLine: MainLineOptions

        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let context = try CommandContext.current()
            let (intents, problems) = context.intents.loadAll()
            for problem in problems {
                ErrorRenderer.report(Diagnostic(.warning, at: problem.location, problem.message + " (left out of the report)",
                                                hints: problem.hints))
            }
            let store = try storeOptions.openExisting(context)
            let input = try ReportSources.input(repositoryName: context.workspace.root.lastPathComponent, intents: intents,
                                                config: context.config, mergeTimes: try mergeTimes(context),
                                                store: store, redactor: try context.redactor())
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let directory = out.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL } ?? context.workspace.reportDirectory
            let file = try ReportPage.write(ConvoReport.Report(input), to: directory)
            print(displayPath(file.path, root: cwd))
        }

        /// Where each intent's change reached the main line; empty when there is no main line yet
        /// (a new repository). A `--branch` that does not resolve is an error.
        private func mergeTimes(_ context: CommandContext) throws -> [String: Timestamp] {
            guard let repository = try? context.repository(), let reference = try? mainLine.reference(in: repository) else {
                return [:]
            }
            let tip = try repository.resolveCommit(reference)
            return try MergeFinder.mergePoints(on: tip, in: repository).mapValues(\.time)
        }
    }
}
