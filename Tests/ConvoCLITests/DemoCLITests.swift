import ConvoTestSupport
import Foundation
import Testing

/// `convo demo --dir` end to end, checked from outside with the `git` CLI.
@Suite("convo demo")
struct DemoCLITests {
    static let intent = "webhook-not-firing"
    static let branch = "convo/webhook-not-firing"

    /// Runs the demo into `name` under a scratch directory.
    func demo(_ scratch: ScratchDirectory, _ name: String) throws -> (dir: URL, result: ProcessResult) {
        let dir = scratch.file(name)
        let result = try ConvoBinary.run(["demo", "--dir", dir.path], in: scratch.url, home: scratch.url)
        return (dir, result)
    }

    func git(_ arguments: [String], _ dir: URL) throws -> String {
        try GitCLI.run(arguments, in: dir)
    }

    @Test func runsTheLoopAndLeavesABranchWhoseTrailersAndWatchVerdictGitAndTheFilesAgreeOn() throws {
        let scratch = try ScratchDirectory()
        let (dir, result) = try demo(scratch, "first")
        #expect(result.status == 0, "\(result)")
        let out = result.stdout

        for heading in ["1. Capture", "2. Cluster", "3. Rank", "4. Translate", "5. Propose", "6. Watch", "Done"] {
            #expect(out.contains(heading), "heading \(heading) missing\n\(out)")
        }
        #expect(out.contains("prepared"), "the demo says the edit is prepared")
        let verdict = out.split(separator: "\n").first { $0.hasPrefix("\(Self.intent) ") && $0.contains("merged") }
        #expect(verdict.map { $0.hasSuffix(" dropped") } == true, "watch judges the top intent dropped\n\(out)")

        // The branch and the main line, as git sees them.
        let branches = try git(["for-each-ref", "--format=%(refname:short)", "refs/heads/"], dir)
        #expect(branches.split(separator: "\n").map(String.init).sorted() == [Self.branch, "main"], "\(branches)")
        #expect(try git(["rev-parse", "main"], dir) == (try git(["rev-parse", Self.branch], dir)), "the demo merged the change")
        #expect(try git(["symbolic-ref", "--short", "HEAD"], dir) == "main\n")

        // The trailers: the intent, and exactly the sample the intent file records.
        let message = try git(["log", "-1", "--format=%B", Self.branch], dir)
        let trailers = try GitCLI.run(["interpret-trailers", "--parse"], in: dir, stdin: message)
        let lines = trailers.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("Intent: ") } == ["Intent: \(Self.intent)"], "\(trailers)")
        let ids = try git(["log", "-1", "--format=%(trailers:key=Conversation-Id,valueonly)", Self.branch], dir)
            .split(separator: "\n").map(String.init)
        #expect(ids.count >= 3, "\(trailers)")
        #expect(lines.filter { $0.hasPrefix("Conversation-Id: ") }.count == ids.count)
        let committed = try git(["show", "\(Self.branch):intents/\(Self.intent).intent"], dir)
        for id in ids { #expect(committed.contains(id), "the intent file's sample holds \(id)") }
        #expect(committed.contains("status: proposed"))
        #expect(committed.contains("branch: \(Self.branch)"))
        let changed = try git(["diff-tree", "--no-commit-id", "--name-only", "-r", Self.branch], dir)
        #expect(changed.split(separator: "\n").sorted() == ["intents/\(Self.intent).intent", "prompts/support.md"], "\(changed)")

        _ = try git(["fsck", "--strict"], dir)
        // Raw transcripts and the store never enter git.
        let tracked = try git(["ls-files"], dir)
        #expect(!tracked.contains(".convo/demo/run"), "\(tracked)")
        #expect(!tracked.contains("store.sqlite"), "\(tracked)")
        // What clustering left behind is intent files only; the store, report and transcripts are ignored.
        let status = try git(["status", "--porcelain", "--untracked-files=all"], dir)
        let outside = status.split(separator: "\n").filter { !$0.dropFirst(3).hasPrefix("intents/") }
        #expect(outside.isEmpty, "\(status)")
        let everCommitted = try git(["log", "--all", "--name-only", "--format="], dir)
        #expect(!everCommitted.contains(".jsonl"), "\(everCommitted)")

        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".convo/report/index.html").path))
        let watched = try ConvoBinary.run(["watch", "--json"], in: dir, home: scratch.url)
        #expect(watched.status == 0, "\(watched)")
        #expect(watched.stdout.contains("\"verdict\":\"dropped\"") || watched.stdout.contains("\"verdict\": \"dropped\""), "\(watched)")
    }

    @Test func runningItTwiceGivesTheSameCommitsAndIntentFiles() throws {
        let scratch = try ScratchDirectory()
        let (first, one) = try demo(scratch, "one")
        let (second, two) = try demo(scratch, "two")
        #expect(one.status == 0, "\(one)")
        #expect(two.status == 0, "\(two)")
        #expect(try git(["rev-parse", Self.branch], first) == (try git(["rev-parse", Self.branch], second)),
                "fixed identity and clocks make the same commits")
        let files = try git(["ls-files", "--others", "--modified", "--exclude-standard", "intents"], first)
        #expect(files == (try git(["ls-files", "--others", "--modified", "--exclude-standard", "intents"], second)))
        for file in files.split(separator: "\n") {
            let a = try String(contentsOf: first.appendingPathComponent(String(file)), encoding: .utf8)
            let b = try String(contentsOf: second.appendingPathComponent(String(file)), encoding: .utf8)
            #expect(a == b, "\(file) differs between runs")
        }
        func normalized(_ text: String, _ dir: URL) -> [String] {
            text.replacingOccurrences(of: dir.path, with: "DIR").split(separator: "\n").map(String.init)
                .filter { !$0.hasPrefix("finished in ") }
        }
        #expect(normalized(one.stdout, first) == normalized(two.stdout, second))
    }

    @Test func refusesADirectoryThatHoldsFiles() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("busy/notes.txt", "mine")
        let result = try ConvoBinary.run(["demo", "--dir", scratch.file("busy").path], in: scratch.url, home: scratch.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains("error:") && result.stderr.contains("busy"), "\(result)")
        #expect(try scratch.read("busy/notes.txt") == "mine")
        #expect(!scratch.exists("busy/.git"))
    }
}
