import ConvoBase
import ConvoModel
import ConvoTestSupport
import Foundation
import Testing

/// Runs the built `convo-sim` binary the way the demo's scripts and the benchmarks do.
@Suite struct ConvoSimCLITests {
    static var binary: URL { ConvoBinary.url.deletingLastPathComponent().appendingPathComponent("convo-sim") }

    func run(_ arguments: [String], in directory: URL) throws -> ProcessResult {
        try ProcessRunner.run(Self.binary, arguments, in: directory, environment: ConvoBinary.environment(home: directory))
    }

    @Test func writesTheThreeFilesAndASummary() throws {
        let scratch = try ScratchDirectory()
        let result = try run(["--seed", "7", "--conversations", "900", "--start", "2026-11-16", "--weeks", "2",
                              "--fix", "webhook-not-firing@2026-11-23", "--fix-factor", "0.2", "--noise-fraction", "0.1", "--out", "data"],
                             in: scratch.url)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("900 conversations"))
        #expect(result.stdout.contains("2026-W47"))
        #expect(result.stdout.contains("fix webhook-not-firing from 2026-11-23"))
        let lines = try scratch.read("data/conversations.jsonl").split(separator: "\n")
        #expect(lines.count == 900)
        for line in lines { _ = try ConversationJSON.decode(try JSONParser.parse(String(line))) }
        #expect(try scratch.read("data/truth.jsonl").split(separator: "\n").count == 900)
        #expect(!(try scratch.read("data/accounts.jsonl")).isEmpty)
        // Same options, same bytes.
        _ = try run(["--seed", "7", "--conversations", "900", "--start", "2026-11-16", "--weeks", "2",
                     "--fix", "webhook-not-firing@2026-11-23", "--fix-factor", "0.2", "--noise-fraction", "0.1", "--out", "again", "-q"],
                    in: scratch.url)
        #expect(try scratch.read("again/conversations.jsonl") == (try scratch.read("data/conversations.jsonl")))
    }

    @Test func listsTheCatalogue() throws {
        let scratch = try ScratchDirectory()
        let result = try run(["--list-intents"], in: scratch.url)
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n")
        #expect(rows.count >= 30)
        #expect(rows.contains { $0.hasPrefix("webhook-not-firing\tsetup-friction\tonboarding\tprompts/support.md#webhooks\t") })
    }

    @Test(arguments: [
        (["--fix", "webhook-not-fring@2026-11-23", "--out", "x"], "did you mean webhook-not-firing"),
        (["--fix", "webhook-not-firing", "--out", "x"], "INTENT@DATE"),
        (["--start", "11/16/2026", "--out", "x"], "YYYY-MM-DD"),
        (["--days", "3", "--weeks", "1", "--out", "x"], "not both"),
        (["--noise-fraction", "1.5", "--out", "x"], "--noise-fraction"),
        (["--conversations", "10"], "--out is required"),
    ])
    func badInputIsAUsageErrorWithAHint(arguments: [String], expected: String) throws {
        let scratch = try ScratchDirectory()
        let result = try run(arguments, in: scratch.url)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.hasPrefix("error: "), "\(result)")
        #expect(result.stderr.contains(expected), "\(result)")
        #expect(!scratch.exists("x/conversations.jsonl"))
    }
}
