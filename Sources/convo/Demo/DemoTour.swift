import ArgumentParser
import ConvoBase
import ConvoDemo
import ConvoGit
import ConvoIntents
import Foundation

/// The steps of `convo demo`. Each step runs the same command a user would type, in-process,
/// inside the scratch repository, under a short heading that says what it did.
struct DemoTour {
    let root: URL
    let terminal: Terminal
    private var step = 0

    /// Fixed clocks, so every run makes the same commits.
    static let setUpTime = Timestamp(iso8601: "2026-11-16T08:00:00Z") ?? Timestamp(millisecondsSinceEpoch: 0)
    static let proposeTime = "2026-11-23T00:00:00Z"
    /// Where the demo keeps simulated transcripts and generated text; excluded from git.
    static let runDirectory = ".convo/demo/run"

    init(root: URL, terminal: Terminal) {
        self.root = root
        self.terminal = terminal
    }

    mutating func run(conversationsPerWeek: Int) async throws {
        print(style("convo demo", .bold) + ": the whole loop on the worked example, in a scratch repository.")
        print("Every command below is one you can type yourself; the demo needs no server, network or API key.")

        heading("Set up", "a new git repository holding the worked example")
        let first = try DemoRepository.create(at: root, committedAt: Self.setUpTime)
        guard FileManager.default.changeCurrentDirectoryPath(root.path) else {
            throw DemoError("cannot enter the demo repository at \(root.path)")
        }
        useDemoIdentity()
        say("repository: \(root.path)")
        say("committed the example on main (\(first.abbreviated())): prompts/support.md, prompts/harness.yaml,")
        say("prompts/wandb/config-defaults.yaml, intents/webhook-not-firing.intent, intents/rate-limit-429.intent,")
        say(".convo/config.yaml, .convo/.gitignore")

        let traffic = try DemoTraffic(conversationsPerWeek: conversationsPerWeek)
        let runDirectory = root.appendingPathComponent(Self.runDirectory)
        let week1 = traffic.weeks[0]
        let files1 = try traffic.write(week1, to: runDirectory)

        heading("Capture", "one week of the support agent's traffic (\(week1.first) to \(week1.last)), simulated, then ingested")
        say("\(week1.dataset.conversations.count) conversations from \(week1.accounts.count) accounts, with tool calls, latencies, plans and account ages")
        try await convo(["ingest", relative(files1.conversations)])
        try await convo(["ingest", "--accounts", relative(files1.accounts)])

        heading("Cluster", "group the conversations into recurring intents; existing intent files are matched first")
        try await convo(["cluster", "--limit", "8"])

        heading("Rank", "priority = frequency × revenue exposure × stage weight ÷ fix cost, every factor shown")
        try await convo(["rank", "--top", "10"])

        let intent = WorkedExample.preparedIntent
        let top = try topIntent()
        heading("Translate", "turn the top intent into one concrete change to the section it touches")
        if top == intent {
            say("the top intent is \(intent): it touches prompts/support.md#webhooks.")
        } else {
            say("the top intent is \(top ?? "none"); the prepared edit is for \(intent), so the demo continues with that one.")
        }
        say("The edit below is " + style("prepared", .bold) + " (it ships with the example). For real, you would either")
        say("  edit prompts/support.md in your editor, then run:  convo propose \(intent)")
        say("  or let your chat model write it:                   convo propose \(intent) --draft")
        say("  (configure llm: base_url, model, api_key_env in .convo/config.yaml; --draft shows the diff and asks first)")
        printPatch(try String(contentsOfFile: WorkedExample.preparedPatchPath, encoding: .utf8))

        heading("Propose", "a branch and a commit made through libgit2, the motivating conversations in trailers")
        setenv("GIT_AUTHOR_DATE", Self.proposeTime, 1)
        setenv("GIT_COMMITTER_DATE", Self.proposeTime, 1)
        try await convo(["propose", intent, "--patch", WorkedExample.preparedPatchPath])
        let repository = try Repository.open(at: root.path)
        let proposal = try repository.resolveCommit("HEAD")
        say("")
        say("$ git log -1")
        print(indent(GitLogText.medium(try repository.commit(proposal)), by: 2), terminator: "")
        let body = "\(Self.runDirectory)/pr-\(intent).md"
        try await convo(["pr", intent, "--body-file", body])
        printExcerpt(ofFile: body, lines: 24)

        heading("Watch", "merge the change, simulate the next week with the fix in effect, and judge the intent's volume")
        let mainTip = try repository.resolveCommit("refs/heads/main")
        try repository.updateReference("refs/heads/main", to: proposal, expecting: .value(mainTip),
                                       reflogMessage: "merge convo/\(intent): Fast-forward")
        try repository.setHead(toBranch: "main")
        say("the pull request is merged: main fast-forwards to convo/\(intent) (\(proposal.abbreviated()))")
        let week2 = traffic.weeks[1]
        let files2 = try traffic.write(week2, to: runDirectory)
        say("simulated \(week2.first) to \(week2.last) with the fix in effect: \(week2.dataset.conversations.count) conversations")
        try await convo(["ingest", relative(files2.conversations)])
        try await convo(["ingest", "--accounts", relative(files2.accounts)])
        try await convo(["cluster", "--limit", "8"])
        try await convo(["watch"])
        say("")
        say("Why is this in the prompt?")
        try await convo(["blame", "prompts/support.md#webhooks"])
        try await convo(["report"])
    }

    /// The closing lines: what the demo left on disk, and how long it took.
    mutating func finish(elapsed: Duration) {
        heading("Done", "what the demo left on disk")
        let manager = FileManager.default
        let entries: [(String, String)] = [
            ("prompts/", "the governed prompt and configs (support.md now has the fix)"),
            ("intents/", "one .intent file per recurring intent, with evidence, impact and weekly counts"),
            (".convo/config.yaml", "settings"),
            (".convo/store.sqlite", "the captured conversations and assignments (ignored by git)"),
            (".convo/cache/", "derived data (ignored by git)"),
            (".convo/report/index.html", "the HTML report: open it in a browser"),
            ("\(Self.runDirectory)/", "the simulated transcripts and the PR description (ignored by git)"),
        ]
        for (path, what) in entries where manager.fileExists(atPath: root.appendingPathComponent(path).path) {
            say(pad(path, 28) + what)
        }
        say("git: branch main and convo/\(WorkedExample.preparedIntent); try `git log --format='%(trailers)'` in \(root.path)")
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        say(String(format: "finished in %.1f s", seconds))
    }

    // MARK: - Running commands

    /// Runs `convo ARGS` in this process, echoing the command line first.
    private func convo(_ arguments: [String]) async throws {
        print(style("$ convo " + arguments.map(shellQuoted).joined(separator: " "), .dim))
        fflush(nil)
        var command = try Convo.parseAsRoot(arguments)
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
        fflush(nil)
    }

    /// Pins the identity of every commit the demo's commands make, whatever the user's git config.
    private func useDemoIdentity() {
        for prefix in ["GIT_AUTHOR", "GIT_COMMITTER", "CONVO_AUTHOR"] {
            setenv("\(prefix)_NAME", DemoRepository.authorName, 1)
            setenv("\(prefix)_EMAIL", DemoRepository.authorEmail, 1)
        }
    }

    /// The intent with the highest priority after clustering, ties by id.
    private func topIntent() throws -> String? {
        let directory = IntentDirectory(workspace: Workspace(root: root))
        let (intents, _) = directory.loadAll()
        return intents
            .compactMap { intent in intent.impact.map { (intent.id, $0.priority) } }
            .sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            .first?.0
    }

    // MARK: - Printing

    private mutating func heading(_ title: String, _ what: String) {
        if title != "Set up" && title != "Done" { step += 1 }
        let number = (title == "Set up" || title == "Done") ? "" : "\(step). "
        print("")
        print(style("── \(number)\(title) ", .bold) + style(String(repeating: "─", count: max(4, 60 - number.count - title.count)), .dim))
        print(what)
    }

    private func say(_ text: String) { print(text) }

    private func style(_ text: String, _ style: Style) -> String { style.apply(text, enabled: terminal.stdoutColor) }

    private func printPatch(_ patch: String) {
        for line in patch.split(separator: "\n", omittingEmptySubsequences: false) {
            let text = "  " + line
            if line.hasPrefix("+") && !line.hasPrefix("+++") {
                print(style(text, .green))
            } else if line.hasPrefix("-") && !line.hasPrefix("---") {
                print(style(text, .red))
            } else if line.hasPrefix("@@") {
                print(style(text, .cyan))
            } else if !line.isEmpty {
                print(text)
            }
        }
    }

    private func printExcerpt(ofFile path: String, lines count: Int) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines.prefix(count) { print("  " + line) }
        if lines.count > count { print(style("  … \(lines.count - count) more lines in \(path)", .dim)) }
    }

    private func relative(_ url: URL) -> String { Workspace(root: root).relativePath(of: url) }

    private func indent(_ text: String, by spaces: Int) -> String {
        let prefix = String(repeating: " ", count: spaces)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : prefix + $0 }.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    private func shellQuoted(_ argument: String) -> String {
        argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./#=:@".contains($0) } ? argument : "'\(argument)'"
    }
}
