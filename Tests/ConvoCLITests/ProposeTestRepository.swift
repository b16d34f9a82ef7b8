import ConvoTestSupport
import Foundation
import Testing

/// The worked example in a scratch repository with a local bare remote (`remote.git`) that has
/// `main` pushed and `origin/HEAD` set, as after a clone: what the propose, hook, check, blame and
/// watch tests start from.
struct GovernedRepository {
    let scratch: ScratchDirectory
    /// The work tree.
    var url: URL { scratch.file("work") }
    /// The bare remote `origin` points at.
    var remote: URL { scratch.file("remote.git") }

    /// The intent file of `webhook-not-firing` with an evidence block, as `convo cluster` would
    /// write it (the cluster command is not needed for these tests).
    static let webhookIntent = """
        id: webhook-not-firing
        title: Webhook not firing after setup
        kind: setup-friction          # bug-report | feature-request | churn-risk | setup-friction | pricing-confusion | other
        status: open                  # open | proposed | merged | resolved | reopened
        stage: onboarding
        summary: |
          Users ask why their webhook is not firing. The agent gives endpoint checks
          but never confirms that webhooks are enabled in Settings > Integrations.
        touches:
          - prompts/support.md#webhooks
        signals:
          keywords: [enabled, firing, webhook]
          exemplars:
            - why is my webhook not firing
            - webhook never triggers after I set it up
        evidence:
          conversations: 61
          accounts: 54
          first_seen: 2026-11-16
          last_seen: 2026-11-22
          plans: {pro: 13, trial: 48}
          churned: 7
          sample: [c_0a91, c_1f2e, c_8f2a]
        impact:
          frequency: 61
          revenue_exposure: 3.4
          stage_weight: 3
          fix_cost: 1
          priority: 622.2
        weekly: {2026-W46: 58, 2026-W47: 61}

        """

    init(hook: Bool = true) throws {
        scratch = try ScratchDirectory(prefix: "convo-governed")
        let work = scratch.file("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        for directory in ["prompts", "intents", ".convo"] {
            try FileManager.default.copyItem(at: ProjectPaths.root.appendingPathComponent(directory), to: work.appendingPathComponent(directory))
        }
        try write("intents/webhook-not-firing.intent", GovernedRepository.webhookIntent)
        try GitCLI.run(["init", "-q", "--bare", "-b", "main", remote.path], in: scratch.url)
        try GitCLI.initRepository(at: work)
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", "Add the support agent's prompts"])
        try git(["remote", "add", "origin", remote.path])
        try git(["push", "-q", "origin", "main"])
        try git(["fetch", "-q", "origin"])
        try git(["remote", "set-head", "origin", "main"])
        if hook {
            let installed = try convo(["hook", "install"])
            #expect(installed.status == 0, "\(installed)")
        }
    }

    @discardableResult
    func convo(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> ProcessResult {
        try ConvoBinary.run(arguments, in: url, home: scratch.url, environment: environment, stdin: stdin)
    }

    @discardableResult
    func git(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        try GitCLI.run(arguments, in: url, environment: environment)
    }

    func gitResult(_ arguments: [String], stdin: String? = nil) throws -> ProcessResult {
        try GitCLI.result(arguments, in: url, stdin: stdin)
    }

    func write(_ path: String, _ text: String) throws {
        let target = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }

    /// Replaces the first occurrence of `old` in a work-tree file; the test fails if it is absent.
    func replace(_ old: String, with new: String, in path: String) throws {
        let text = try read(path)
        #expect(text.contains(old), "\(path) lacks '\(old)'")
        guard let range = text.range(of: old) else { return }
        try write(path, text.replacingCharacters(in: range, with: new))
    }

    /// Commits everything with `message` (subject, then body paragraphs).
    func commitAll(_ message: String) throws {
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", message])
    }

    func push(_ arguments: [String] = ["origin", "HEAD"]) throws -> ProcessResult {
        try gitResult(["push"] + arguments)
    }

    /// `git status --porcelain` lines.
    func status() throws -> [String] {
        try git(["status", "--porcelain"]).split(separator: "\n").map(String.init)
    }
}

/// The first line of the webhooks section's text, which every test edits.
let webhooksLine = "Webhooks are how Relay delivers events."
