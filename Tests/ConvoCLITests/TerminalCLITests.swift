import ConvoTestSupport
import Foundation
import Testing

/// Runs convo with a pseudo-terminal for stdout and stderr, via util-linux `script`, to see
/// what a person at a terminal sees.
enum PseudoTerminal {
    static var script: URL? {
        #if os(Linux)
        ProcessRunner.which("script")
        #else
        nil // BSD script takes other arguments; these tests run on Linux CI.
        #endif
    }

    static let skipReason = "needs util-linux `script` (Linux) to give convo a pseudo-terminal"

    /// Runs `convo ARGS` (plus a shell `redirect` such as `2>err.txt`) on a terminal, in
    /// `directory`; the terminal's output is returned as stdout, with its `\r\n` line ends.
    static func run(_ arguments: [String], redirect: String = "", in directory: URL, environment: [String: String]) throws -> ProcessResult {
        guard let script else { throw PseudoTerminalMissing() }
        let quoted = ([ConvoBinary.url.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = "cd '\(directory.path)' && " + quoted.joined(separator: " ") + " " + redirect
        return try ProcessRunner.run(script, ["-qfec", command, "/dev/null"], in: directory, environment: environment)
    }

    /// The hermetic environment of `ConvoBinary`, with `NO_COLOR` as given (nil: unset).
    static func environment(home: URL, noColor: String?, term: String = "xterm-256color") -> [String: String] {
        var env = ConvoBinary.environment(home: home)
        env["NO_COLOR"] = noColor
        env["TERM"] = term
        return env
    }
}

struct PseudoTerminalMissing: Error, CustomStringConvertible {
    var description: String { PseudoTerminal.skipReason }
}

@Suite("terminal: help, errors, completions, colour, progress")
struct TerminalCLITests {
    static let escape = "\u{1B}["

    // MARK: Help

    /// The subcommand names listed under SUBCOMMANDS in a help screen.
    static func subcommands(in help: String) -> [String] {
        guard let section = help.components(separatedBy: "SUBCOMMANDS:\n").last, help.contains("SUBCOMMANDS:") else { return [] }
        return section.split(separator: "\n").compactMap { line in
            // "  name     Abstract…": two spaces, then the name; continuation lines are indented further.
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }.filter { $0 != "See" }
    }

    @Test func everyCommandsHelpHasAnAbstractADiscussionAndAnExample() throws {
        let scratch = try ScratchDirectory(prefix: "convo-help")
        var queue: [[String]] = [[]]
        var seen: [String] = []
        while let path = queue.first {
            queue.removeFirst()
            let result = try ConvoBinary.run(path + ["--help"], in: scratch.url)
            let name = (["convo"] + path).joined(separator: " ")
            seen.append(name)
            #expect(result.status == 0, "\(name): \(result)")
            let help = result.stdout
            #expect(help.hasPrefix("OVERVIEW: "), "\(name) has no abstract")
            let lines = help.components(separatedBy: "\n")
            let overview = help.components(separatedBy: "USAGE:").first ?? ""
            let paragraphs = overview.components(separatedBy: "\n\n").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            #expect(paragraphs.count >= 3, "\(name) needs an abstract, a discussion and an example:\n\(overview)")
            let example = lines.firstIndex { $0 == "Example:" || $0 == "Examples:" }
            #expect(example != nil, "\(name) has no Example: block")
            if let example {
                let block = lines.dropFirst(example + 1).prefix { !$0.isEmpty }
                #expect(!block.isEmpty && block.contains { $0.contains("convo ") }, "\(name): the example holds no convo command line")
                #expect(block.allSatisfy { $0.hasPrefix("  ") }, "\(name): an example line is wrapped at 80 columns: \(Array(block))")
            }
            queue += TerminalCLITests.subcommands(in: help).map { path + [$0] }
        }
        // The walk found the whole tree (a parsing slip would find almost nothing).
        #expect(seen.count >= 20, "\(seen)")
        for expected in ["convo report", "convo intent new", "convo hook pre-push", "convo conversations show"] {
            #expect(seen.contains(expected), "\(expected) not reached: \(seen)")
        }
    }

    // MARK: Errors

    @Test func usageErrorsExitTwoInTheOneFormat() throws {
        let scratch = try ScratchDirectory(prefix: "convo-usage")
        let cases: [([String], String)] = [
            (["report", "--bogus"], "error: unknown option '--bogus'\nhint: did you mean '--out'?\nhint: usage: convo report "),
            (["stauts"], "error: unexpected argument 'stauts'\nhint: did you mean 'stats'?\n"),
            (["intent", "show"], "error: missing expected argument '<id>'\nhint: <id>  The intent's id.\nhint: usage: convo intent show"),
            (["ingest", "--batch-size", "0", "x.jsonl"], "error: --batch-size must be positive\nhint: usage: convo ingest"),
        ]
        for (arguments, prefix) in cases {
            let result = try ConvoBinary.run(arguments, in: scratch.url)
            #expect(result.status == 2, "\(arguments): \(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix(prefix), "\(arguments): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.allSatisfy { $0.hasPrefix("error: ") || $0.hasPrefix("hint: ") }, "\(result.stderr)")
            #expect(lines.last?.hasPrefix("hint: see 'convo ") == true && lines.last?.hasSuffix("--help' for more information") == true,
                    "\(result.stderr)")
        }
        // A command's own error is in the same format, with its exit status.
        let outside = try ConvoBinary.run(["intent", "list"], in: scratch.url)
        #expect(outside.status == 2)
        #expect(outside.stderr.hasPrefix("error: not inside a git repository"), "\(outside)")
        #expect(outside.stderr.contains("\nhint: "))
    }

    @Test func noCommandPrintsAnErrorInsteadOfItsOwnFormat() throws {
        // Every error goes through ErrorRenderer: no command prints "Error" or "ERROR" itself.
        let commands = ProjectPaths.root.appendingPathComponent("Sources/convo")
        let files = FileManager.default.enumerator(at: commands, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        #expect(files.count > 10)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for pattern in ["print(\"Error", "print(\"error:", "printError(\"error:", "printError(\"Error", "fputs("] {
                #expect(!text.contains(pattern), "\(file.lastPathComponent) prints an error itself (\(pattern))")
            }
        }
    }

    // MARK: Completions

    @Test func completionScriptsNameTheCommandsAndCompleteIntentsAndSections() throws {
        let scratch = try ScratchDirectory(prefix: "convo-completion")
        for shell in ["bash", "zsh", "fish"] {
            let result = try ConvoBinary.run(["--generate-completion-script", shell], in: scratch.url)
            #expect(result.status == 0, "\(shell): \(result)")
            for command in ["report", "ingest", "intent", "propose", "watch", "hook", "pre-push"] {
                #expect(result.stdout.contains(command), "\(shell) script lacks \(command)")
            }
            #expect(result.stdout.contains("---completion intent show"), "\(shell): intent ids are completed by convo itself")
        }
        let repo = try GovernedRepository(hook: false)
        let ids = try repo.convo(["---completion", "intent", "show", "--", "positional@0", "3", "3", "convo", "intent", "show", "web"],
                                 environment: ["SAP_SHELL": "bash"])
        #expect(ids.status == 0, "\(ids)")
        #expect(ids.stdout == "webhook-not-firing\n")
        let sections = try repo.convo(["---completion", "blame", "--", "positional@0", "2", "21", "convo", "blame", "prompts/support.md#web"],
                                      environment: ["SAP_SHELL": "bash"])
        #expect(sections.stdout.split(separator: "\n").first == "prompts/support.md#webhooks", "\(sections)")
        #expect(sections.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("prompts/support.md#web") })
        // Outside a repository there is nothing to offer, and no error in the prompt.
        let outside = try ConvoBinary.run(["---completion", "intent", "show", "--", "positional@0", "3", "0", "convo", "intent", "show", ""],
                                          in: scratch.url, environment: ["SAP_SHELL": "bash"])
        #expect(outside.status == 0 && outside.stdout.isEmpty && outside.stderr.isEmpty, "\(outside)")
    }

    // MARK: Colour

    @Test(.enabled(if: PseudoTerminal.script != nil, Comment(rawValue: PseudoTerminal.skipReason)))
    func colourOnlyOnATerminalAndNeverWithNoColor() throws {
        func initialise(noColor: String?, term: String = "xterm-256color", terminal: Bool) throws -> ProcessResult {
            let scratch = try ScratchDirectory(prefix: "convo-colour")
            try GitCLI.initRepository(at: scratch.url)
            let environment = PseudoTerminal.environment(home: scratch.url, noColor: noColor, term: term)
            if terminal { return try PseudoTerminal.run(["init", "--no-hook"], in: scratch.url, environment: environment) }
            return try ProcessRunner.run(ConvoBinary.url, ["init", "--no-hook"], in: scratch.url, environment: environment)
        }
        let coloured = try initialise(noColor: nil, terminal: true)
        #expect(coloured.status == 0, "\(coloured)")
        #expect(coloured.stdout.contains(TerminalCLITests.escape + "32mcreated"), "a terminal gets colour: \(coloured.stdout.debugDescription)")
        for (result, why) in [(try initialise(noColor: "1", terminal: true), "NO_COLOR=1"),
                              (try initialise(noColor: nil, term: "dumb", terminal: true), "TERM=dumb"),
                              (try initialise(noColor: nil, terminal: false), "a pipe")] {
            #expect(result.status == 0, "\(why): \(result)")
            #expect(result.stdout.contains("created"), "\(why): \(result)")
            #expect(!result.stdout.contains(TerminalCLITests.escape) && !result.stderr.contains(TerminalCLITests.escape),
                    "\(why) must get no escape codes: \(result.stdout.debugDescription)")
        }

        // Errors on a terminal: a red "error:" label; with NO_COLOR the same text, plain.
        let scratch = try ScratchDirectory(prefix: "convo-colour")
        let red = try PseudoTerminal.run(["stauts"], in: scratch.url, environment: PseudoTerminal.environment(home: scratch.url, noColor: nil))
        #expect(red.status == 2)
        #expect(red.stdout.contains(TerminalCLITests.escape + "1m" + TerminalCLITests.escape + "31merror:"), "\(red.stdout.debugDescription)")
        let plain = try PseudoTerminal.run(["stauts"], in: scratch.url, environment: PseudoTerminal.environment(home: scratch.url, noColor: "1"))
        #expect(plain.stdout.hasPrefix("error: unexpected argument 'stauts'\r\nhint: did you mean 'stats'?"), "\(plain.stdout.debugDescription)")
    }

    // MARK: Progress

    @Test(.enabled(if: PseudoTerminal.script != nil, Comment(rawValue: PseudoTerminal.skipReason)))
    func theProgressBarDrawsOnlyWhenStderrIsATerminal() throws {
        let repo = try GovernedRepository(hook: false)
        // One conversation of 6 MB: past the 4 MB above which ingest reports progress.
        let content = String(repeating: "my webhook is not firing and I have checked everything twice. ", count: 100_000)
        try repo.write("../big.jsonl", "{\"id\": \"c_big\", \"turns\": [{\"role\": \"user\", \"content\": \"\(content)\"}]}\n")
        let big = repo.scratch.file("big.jsonl").path
        let environment = PseudoTerminal.environment(home: repo.scratch.url, noColor: "1")

        let drawn = try PseudoTerminal.run(["ingest", big], in: repo.url, environment: environment)
        #expect(drawn.status == 0, "\(drawn)")
        #expect(drawn.stdout.contains("\r" + TerminalCLITests.escape + "2Kingesting "), "a terminal sees the bar: \(drawn.stdout.prefix(300).debugDescription)")
        #expect(drawn.stdout.contains("%"), "the bar shows how far it got")

        // stdout on the terminal, stderr to a file: the bar (stderr) stays quiet.
        let quiet = try PseudoTerminal.run(["ingest", big], redirect: "2>'\(repo.scratch.file("stderr.txt").path)'", in: repo.url,
                                           environment: environment)
        #expect(quiet.status == 0, "\(quiet)")
        let stderr = try String(contentsOf: repo.scratch.file("stderr.txt"), encoding: .utf8)
        #expect(!stderr.contains("\r") && !stderr.contains(TerminalCLITests.escape), "\(stderr.debugDescription)")
        #expect(quiet.stdout.contains("unchanged 1"), "the summary still reaches stdout: \(quiet.stdout.debugDescription)")

        let piped = try repo.convo(["ingest", big])
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains("\r") && !piped.stderr.contains(TerminalCLITests.escape) && !piped.stderr.contains("ingesting"),
                "\(piped.stderr.debugDescription)")
    }
}
