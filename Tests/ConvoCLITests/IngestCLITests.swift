import ConvoBase
import ConvoModel
import ConvoStore
import ConvoTestSupport
import Foundation
import Testing

/// A scratch git repository to run `convo` in.
func makeRepository() throws -> ScratchDirectory {
    let scratch = try ScratchDirectory(prefix: "convo-cli")
    try GitCLI.initRepository(at: scratch.url)
    return scratch
}

func openStore(_ repository: ScratchDirectory) throws -> SQLiteStore {
    try SQLiteStore(path: repository.file(".convo/store.sqlite").path)
}

let twoConversations = """
    {"id": "c_1", "started_at": "2026-11-20T10:02:11Z", "agent": "support", "user": {"id": "u_17", "account": "acme", "plan": "trial"}, "turns": [{"role": "user", "content": "why is my webhook not firing", "ts": "2026-11-20T10:02:11Z"}, {"role": "assistant", "content": "Check that webhooks are enabled.", "latency_ms": 1400}]}
    {"id": "c_2", "started_at": "2026-11-21T08:00:00Z", "agent": "sales", "user": {"plan": "pro"}, "metadata": {"feature": "sso"}, "turns": [{"role": "user", "content": "Do you support SSO? mail me at ana@example.com"}, {"role": "tool", "name": "search_docs", "arguments": {"q": "sso"}, "content": "SSO: enterprise"}, {"role": "assistant", "content": "Yes, on enterprise."}]}

    """

@Suite struct IngestCLITests {
    @Test func ingestsPrintsTheSummaryAndExitsZero() throws {
        let repo = try makeRepository()
        try repo.write("export.jsonl", twoConversations)
        let first = try ConvoBinary.run(["ingest", "export.jsonl"], in: repo.url)
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout == "ingested 2, merged 0, unchanged 0, rejected 0\n")
        #expect(first.stderr.isEmpty)
        let again = try ConvoBinary.run(["ingest", "export.jsonl"], in: repo.url)
        #expect(again.stdout == "ingested 0, merged 0, unchanged 2, rejected 0\n")
        #expect(try openStore(repo).count(matching: .all) == 2)
        // The store stays out of git.
        #expect(try GitCLI.run(["status", "--porcelain", "--untracked-files=all"], in: repo.url)
                    .split(separator: "\n").allSatisfy { !$0.contains(".convo/store") && !$0.contains("rejected") })
    }

    @Test func aRejectedRecordExitsOneWithFileAndLine() throws {
        let repo = try makeRepository()
        try repo.write("export.jsonl", twoConversations + #"{"id": "c_3", "turns": [{"role": "wizard", "content": "x"}]}"# + "\n")
        let result = try ConvoBinary.run(["ingest", "export.jsonl"], in: repo.url)
        #expect(result.status == 1)
        #expect(result.stderr == "error: export.jsonl:3: field 'turns[0].role': unknown role 'wizard'; expected user, assistant, system or tool\n")
        #expect(result.stdout == "ingested 2, merged 0, unchanged 0, rejected 1\n")
        let rejected = try repo.read(".convo/rejected/ingest.jsonl")
        #expect(rejected.contains(#""source":"export.jsonl","line":3,"reason":"field 'turns[0].role': unknown role 'wizard'"#))
    }

    @Test func unusableInputsExitTwoAndTheOthersStillLand() throws {
        let repo = try makeRepository()
        try repo.write("export.jsonl", twoConversations)
        let result = try ConvoBinary.run(["ingest", "missing.jsonl", "export.jsonl"], in: repo.url)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: missing.jsonl: no such file\nhint: "))
        #expect(result.stdout == "ingested 2, merged 0, unchanged 0, rejected 0\n")

        let forced = try ConvoBinary.run(["ingest", "--format", "anthropic", "export.jsonl"], in: repo.url)
        #expect(forced.status == 2)
        #expect(forced.stderr.contains("export.jsonl:1: the records are not 'anthropic' records (it looks like 'convo')"))

        let unknown = try ConvoBinary.run(["ingest", "--format", "opneai", "export.jsonl"], in: repo.url)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("error: unknown format 'opneai'") && unknown.stderr.contains("did you mean 'openai'?"))

        let none = try ConvoBinary.run(["ingest"], in: repo.url)
        #expect(none.status == 2)
    }

    @Test func standardInputAndGzip() throws {
        let repo = try makeRepository()
        let piped = try ConvoBinary.run(["ingest", "-"], in: repo.url, stdin: twoConversations)
        #expect(piped.status == 0, "\(piped)")
        #expect(piped.stdout == "ingested 2, merged 0, unchanged 0, rejected 0\n")
        let gz = repo.file("more.jsonl.gz")
        try Data(Deflater.gzip(Array(#"{"id": "c_9", "turns": [{"role": "user", "content": "zipped"}]}"#.utf8))).write(to: gz)
        let zipped = try ConvoBinary.run(["ingest", "more.jsonl.gz"], in: repo.url)
        #expect(zipped.stdout == "ingested 1, merged 0, unchanged 0, rejected 0\n")
    }

    @Test func otlpJSONExportFiles() throws {
        let repo = try makeRepository()
        let fixtures = ProjectPaths.root.appendingPathComponent("Tests/ConvoIngestTests/Fixtures")
        let spans = try String(contentsOf: fixtures.appendingPathComponent("otlp-semconv.jsonl"), encoding: .utf8)
        try repo.write("traces.json", spans + #"{"resourceSpans": "all of them"}"# + "\n")
        let result = try ConvoBinary.run(["ingest", "traces.json"], in: repo.url)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout == "ingested 2, merged 0, unchanged 0, rejected 1\n")
        #expect(result.stderr == "error: traces.json:5: resourceSpans: expected an array, found a string\n")
        let rejected = try repo.read(".convo/rejected/ingest.jsonl")
        #expect(rejected.contains(#""source":"traces.json","line":5,"reason":"resourceSpans: expected an array, found a string","record":"{\"resourceSpans\": \"all of them\"}""#),
                "\(rejected)")
        let store = try openStore(repo)
        #expect(try store.conversation(id: "sem-1")?.turns.count == 6)
        #expect(try store.conversation(id: "sem-2")?.user.plan == "pro")

        let again = try ConvoBinary.run(["ingest", "traces.json"], in: repo.url)
        #expect(again.stdout == "ingested 0, merged 0, unchanged 2, rejected 1\n")
        // One pretty-printed document per file, the format forced.
        let document = try ConvoBinary.run(["ingest", "--format", "otlp", fixtures.appendingPathComponent("otlp-openllmetry.json").path],
                                           in: repo.url)
        #expect(document.status == 0, "\(document)")
        #expect(document.stdout == "ingested 1, merged 0, unchanged 0, rejected 0\n")
    }

    @Test func accountsFromCSV() throws {
        let repo = try makeRepository()
        try repo.write("billing.csv", "id,plan,mrr,signup_date,churn_date\nacme,pro,49,2026-01-01,\nglobex,trial,zero,2026-11-01,\n")
        let result = try ConvoBinary.run(["ingest", "--accounts", "billing.csv"], in: repo.url)
        #expect(result.status == 1)
        #expect(result.stdout == "accounts: ingested 1, merged 0, unchanged 0, rejected 1\n")
        #expect(result.stderr.contains("billing.csv:3: field 'mrr': 'zero' is not an amount"))
        #expect(try openStore(repo).accounts().map(\.id) == ["acme"])
    }

    @Test func outsideARepositoryIsAUsageError() throws {
        let scratch = try ScratchDirectory(prefix: "convo-norepo")
        try scratch.write("export.jsonl", twoConversations)
        let result = try ConvoBinary.run(["ingest", "export.jsonl"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("not inside a git repository"))
    }

    @Test func aHugeSingleLineIsRejectedWithBoundedMemory() throws {
        let repo = try makeRepository()
        // 100 MB on one line between two good records, read with a 1 MB limit.
        let url = repo.file("huge.jsonl")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data((#"{"id": "a", "turns": []}"# + "\n" + #"{"id": "big", "pad": ""#).utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<100 { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data(("\"}\n" + #"{"id": "z", "turns": []}"# + "\n").utf8))
        try handle.close()

        let time = URL(fileURLWithPath: "/usr/bin/time")
        let measured = FileManager.default.isExecutableFile(atPath: time.path)
        let arguments = ["ingest", "--max-record-bytes", "1048576", "huge.jsonl"]
        let result = measured
            ? try ProcessRunner.run(time, ["-f", "maxrss_kb=%M", ConvoBinary.url.path] + arguments, in: repo.url,
                                    environment: ConvoBinary.environment(home: repo.url))
            : try ConvoBinary.run(arguments, in: repo.url)
        #expect(result.status == 1)
        #expect(result.stdout == "ingested 2, merged 0, unchanged 0, rejected 1\n")
        #expect(result.stderr.contains("huge.jsonl:2: record is 104857624 bytes, over the limit of 1048576 bytes"))
        if measured, let line = result.stderr.split(separator: "\n").last(where: { $0.hasPrefix("maxrss_kb=") }),
           let kilobytes = Int(line.dropFirst("maxrss_kb=".count)) {
            #expect(kilobytes < 100_000, "peak RSS \(kilobytes) KB for a 100 MB line")
        }
    }
}
