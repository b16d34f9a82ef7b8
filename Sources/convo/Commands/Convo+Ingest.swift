import ArgumentParser
import ConvoBase
import ConvoIngest
import Foundation

extension Convo {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read transcript files into the conversation store.",
            discussion: """
                Formats are detected per file from the first records: convo's own JSONL, OpenAI chat \
                messages (fine-tuning files and {request, response} logs), Anthropic Messages, LangSmith \
                run exports, Langfuse exports, Agnost SDK payload dumps, and OTLP JSON export files \
                (spans and log events, as the collector's file exporter writes them); force one with --format. \
                gzip input is read transparently; `-` reads standard input.

                Re-ingesting the same data changes nothing; a conversation arriving in parts is merged \
                in order. A bad record is reported as FILE:LINE, kept in .convo/rejected/ingest.jsonl, \
                and the rest of the file still lands. The last line is the summary:
                  ingested N, merged N, unchanged N, rejected N
                Exit status: 0 when everything landed, 1 when records were rejected, 2 when an input \
                could not be read at all.

                Examples:
                  convo ingest exports/2026-11-*.jsonl.gz
                  convo ingest --format openai finetune.jsonl
                  convo ingest traces.json logs.json
                  convo ingest --accounts billing.csv
                """
        )

        @Argument(help: ArgumentHelp("Files to read; `-` for standard input.", valueName: "FILE"))
        var files: [String]

        @Option(help: ArgumentHelp("Read every file as this format: convo, openai, anthropic, langsmith, langfuse, agnost, otlp.",
                                   valueName: "NAME"))
        var format: String?

        @Flag(help: "The files hold account facts (CSV with a header, or JSONL): id, plan, mrr, signup_date, churn_date.")
        var accounts = false

        @Option(help: ArgumentHelp("Longest record accepted, in bytes; longer ones are rejected.", valueName: "BYTES"))
        var maxRecordBytes = 16 * 1024 * 1024

        @Option(help: ArgumentHelp("Conversations committed per transaction.", valueName: "N"))
        var batchSize = 4_000

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one FILE (or `-` for standard input)") }
            guard maxRecordBytes > 0 else { throw ValidationError("--max-record-bytes must be positive") }
            guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
            if accounts && format != nil { throw ValidationError("--format applies to transcripts, not to --accounts") }
        }

        func run() throws {
            let context = try CommandContext.current()
            let store = try storeOptions.open(context)
            var options = IngestOptions()
            options.format = format
            options.maxRecordBytes = maxRecordBytes
            options.batchSize = batchSize
            let color = Terminal.current.stderrColor
            let rejected = RejectedRecordWriter(directory: context.workspace.rejectedDirectory,
                                                name: accounts ? "accounts" : "ingest")
            let report: (Diagnostic) -> Void = { printError(ErrorRenderer.styled($0, color: color)) }
            let result: IngestReport
            if accounts {
                result = try AccountsIngestor(store: store, options: options, rejected: rejected, report: report).ingest(paths: files)
                print("accounts: " + result.summaryLine)
            } else {
                result = try Ingestor(store: store, options: options, rejected: rejected, progress: ProgressBar(),
                                      report: report).ingest(paths: files)
                print(result.summaryLine)
            }
            if result.exitStatus != .success { throw ExitCode(result.exitStatus.rawValue) }
        }
    }
}
