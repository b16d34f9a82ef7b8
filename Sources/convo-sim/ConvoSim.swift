import ArgumentParser
import ConvoBase
import ConvoSimulator
import Foundation

@main
struct ConvoSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convo-sim",
        abstract: "Simulate the worked example's support traffic: conversations, accounts and ground truth.",
        discussion: """
            Writes conversations.jsonl (convo's own format), accounts.jsonl (for `convo ingest --accounts`) \
            and truth.jsonl (conversation → intent, kind) into --out. The same seed and options always \
            give byte-identical files.

            Example: one week of a mid-size agent, then the next week with the top intent fixed:
              convo-sim --seed 7 --conversations 3200 --start 2026-11-16 --days 7 --out week1
              convo-sim --seed 7 --conversations 6400 --start 2026-11-16 --weeks 2 \\
                --fix webhook-not-firing@2026-11-23 --fix-factor 0.3 --out two-weeks
            """,
        version: "0.1.0"
    )

    @Option(help: "Seed for every random choice.")
    var seed: UInt64 = 7

    @Option(help: "Conversations in total.")
    var conversations: Int = 3200

    @Option(help: "First day, YYYY-MM-DD (UTC).")
    var start: String = "2026-11-16"

    @Option(help: "Number of days (default 7).")
    var days: Int?

    @Option(help: "Number of weeks, instead of --days.")
    var weeks: Int?

    @Option(help: "Directory to write the three files into (created if missing).")
    var out: String?

    @Option(name: .customLong("fix"), help: ArgumentHelp("Make INTENT's volume fall from DATE on; repeatable.", valueName: "INTENT@DATE"))
    var fixes: [String] = []

    @Option(help: "Share of the usual volume a fixed intent keeps.")
    var fixFactor: Double = 0.3

    @Option(help: "Share of off-topic conversations with no intent.")
    var noiseFraction: Double = 0.06

    @Option(help: "Scale of typos and casing noise; 0 for clean text.")
    var typoLevel: Double = 1

    @Flag(help: "Print the intent catalogue (id, kind, stage, section, title) and exit.")
    var listIntents = false

    @Flag(name: .shortAndLong, help: "Print nothing on success.")
    var quiet = false

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as any UserFacingError {
            FileHandle.standardError.write(Data((Diagnostic(error: error).rendered() + "\n").utf8))
            Foundation.exit(error.exitStatus.rawValue)
        } catch {
            exit(withError: error)
        }
    }

    func run() throws {
        if listIntents {
            for intent in IntentCatalogue.intents {
                print([intent.id, intent.kind.rawValue, intent.stage.rawValue, intent.section, intent.title].joined(separator: "\t"))
            }
            return
        }
        guard let out else {
            throw ConvoError.usage("--out is required", hints: ["for example: convo-sim --out sim-data"])
        }
        guard let startDay = Day(iso8601: start) else {
            throw ConvoError.usage("--start '\(start)' is not a date", hints: ["write it as YYYY-MM-DD, e.g. 2026-11-16"])
        }
        if days != nil && weeks != nil {
            throw ConvoError.usage("give --days or --weeks, not both")
        }
        let dayCount = days ?? weeks.map { $0 * 7 } ?? 7
        var parsedFixes: [SimulatedFix] = []
        for text in fixes {
            parsedFixes.append(try SimulatedFix.parse(text, factor: fixFactor))
        }
        let configuration = SimulationConfiguration(
            seed: seed, conversations: conversations, start: startDay, days: dayCount, fixes: parsedFixes,
            noiseFraction: noiseFraction, typoLevel: typoLevel)
        let simulator = try Simulator(configuration)
        let directory = URL(fileURLWithPath: out, isDirectory: true)
        let summary = try simulator.write(to: directory)
        if !quiet {
            print(summary.rendered(fixes: parsedFixes))
            print("wrote \(directory.appendingPathComponent(SimulatorOutput.conversationsFile).path), \(SimulatorOutput.accountsFile), \(SimulatorOutput.truthFile)")
        }
    }
}
