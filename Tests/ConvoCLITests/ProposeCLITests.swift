import ConvoBase
import ConvoTestSupport
import Foundation
import Testing

@Suite("convo propose")
struct ProposeCLITests {
    let edited = webhooksLine + " First confirm that webhooks are enabled in Settings > Integrations."
    let fixedDates = ["GIT_AUTHOR_DATE": "2026-11-23T09:00:00Z", "GIT_COMMITTER_DATE": "2026-11-23T09:00:00Z"]

    /// The work tree with the webhooks edit plus unrelated changes: a modified tracked file, a
    /// staged new file and an untracked one.
    func repositoryWithEdits() throws -> GovernedRepository {
        let repo = try GovernedRepository()
        try repo.write("README.md", "Relay support agent\n")
        try repo.commitAll("Add a README")
        try repo.write("README.md", "Relay support agent, edited\n")
        try repo.write("docs/notes.md", "notes\n")
        try repo.git(["add", "docs/notes.md"])
        try repo.write("scratch.txt", "scratch\n")
        try repo.replace(webhooksLine, with: edited, in: "prompts/support.md")
        return repo
    }

    @Test func commitsTheEditOnANewBranchWithTheSampleAsTrailersAndLeavesOtherChangesAlone() throws {
        let repo = try repositoryWithEdits()
        let before = try repo.status()
        #expect(before == [" M README.md", "A  docs/notes.md", " M prompts/support.md", "?? scratch.txt"])
        let main = try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)

        let result = try repo.convo(["propose", "webhook-not-firing"], environment: fixedDates)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("created convo/webhook-not-firing at "), "\(result)")
        #expect(result.stdout.contains("changed prompts/support.md#webhooks"))

        // git itself reads the trailers, the history and the objects.
        let ids = try repo.git(["log", "-1", "--format=%(trailers:key=Conversation-Id,valueonly)"])
        #expect(ids.split(separator: "\n").map(String.init) == ["c_0a91", "c_1f2e", "c_8f2a"])
        let fsck = try repo.gitResult(["fsck", "--strict"])
        #expect(fsck.status == 0 && fsck.stderr.isEmpty && fsck.stdout.isEmpty, "\(fsck)")
        #expect(try repo.status() == [" M README.md", "A  docs/notes.md", "?? scratch.txt"])
        #expect(try repo.git(["symbolic-ref", "HEAD"]) == "refs/heads/convo/webhook-not-firing\n")
        #expect(try repo.git(["rev-parse", "HEAD^"]).trimmingCharacters(in: .whitespacesAndNewlines) == main)
        #expect(try repo.git(["diff", "--name-only", "HEAD^", "HEAD"]) == "intents/webhook-not-firing.intent\nprompts/support.md\n")
        #expect(try repo.git(["show", "HEAD:prompts/support.md"]).contains(edited))

        let message = try repo.git(["log", "-1", "--format=%B"])
        #expect(message == """
            Fix webhook not firing after setup (61 conversations, trial churn)

            Users ask why their webhook is not firing. The agent gives endpoint
            checks but never confirms that webhooks are enabled in Settings >
            Integrations.

            Evidence: 61 conversations from 54 accounts, 2026-11-16 to 2026-11-22.
            48 of 61 came from trial accounts (pro 13). 7 accounts churned within 48
            hours.

            Section changed:
            - prompts/support.md#webhooks (changed)

            Intent: webhook-not-firing
            Conversation-Id: c_0a91
            Conversation-Id: c_1f2e
            Conversation-Id: c_8f2a


            """)
        let parsed = try repo.gitResult(["interpret-trailers", "--parse"], stdin: message)
        #expect(parsed.stdout == "Intent: webhook-not-firing\nConversation-Id: c_0a91\nConversation-Id: c_1f2e\nConversation-Id: c_8f2a\n")
        #expect(try repo.git(["log", "-1", "--format=%an <%ae> %ad", "--date=iso-strict"])
                == "Test Author <author@example.com> 2026-11-23T09:00:00+00:00\n")

        // The intent file: status and branch updated in place, in the commit and the work tree alike.
        let committed = try repo.git(["show", "HEAD:intents/webhook-not-firing.intent"])
        #expect(committed == (try repo.read("intents/webhook-not-firing.intent")))
        #expect(committed == GovernedRepository.webhookIntent
            .replacingOccurrences(of: "status: open                  #", with: "status: proposed              #")
            + "change:\n  branch: convo/webhook-not-firing\n")

        // The proposal passes the repository's own pre-push hook.
        let pushed = try repo.push(["origin", "convo/webhook-not-firing"])
        #expect(pushed.status == 0, "\(pushed)")
    }

    @Test func theSameEditAuthorAndTimeGiveTheSameCommit() throws {
        let repo = try GovernedRepository()
        try repo.replace(webhooksLine, with: edited, in: "prompts/support.md")
        let first = try repo.convo(["propose", "webhook-not-firing"], environment: fixedDates)
        #expect(first.status == 0, "\(first)")
        let id = try repo.git(["rev-parse", "HEAD"])
        try repo.git(["checkout", "-q", "main"])
        try repo.git(["branch", "-q", "-D", "convo/webhook-not-firing"])
        try repo.replace(webhooksLine, with: edited, in: "prompts/support.md")
        let second = try repo.convo(["propose", "webhook-not-firing"], environment: fixedDates)
        #expect(second.status == 0, "\(second)")
        #expect(try repo.git(["rev-parse", "HEAD"]) == id)
    }

    @Test func anUncoveredSectionStopsWithTheFixAndLinkAddsIt() throws {
        let repo = try GovernedRepository()
        try repo.replace(webhooksLine, with: edited, in: "prompts/support.md")
        try repo.replace("# Escalation\n", with: "# Escalation\n\nOffer a call first.\n", in: "prompts/support.md")
        let refused = try repo.convo(["propose", "webhook-not-firing"])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("intent 'webhook-not-firing' does not touch the section this edit changes: prompts/support.md#escalation"),
                "\(refused)")
        #expect(refused.stderr.contains("hint: pass --link to add it to the intent's touches"))
        #expect(try repo.git(["symbolic-ref", "HEAD"]) == "refs/heads/main\n")
        #expect(try repo.status() == [" M prompts/support.md"])

        let linked = try repo.convo(["propose", "webhook-not-firing", "--link"])
        #expect(linked.status == 0, "\(linked)")
        #expect(linked.stdout.contains("linked prompts/support.md#escalation to intents/webhook-not-firing.intent"))
        let intent = try repo.git(["show", "HEAD:intents/webhook-not-firing.intent"])
        #expect(intent.contains("touches:\n  - prompts/support.md#webhooks\n  - prompts/support.md#escalation\n"), "\(intent)")
        #expect(try repo.status().isEmpty)
        #expect(try repo.push(["origin", "HEAD"]).status == 0, "the linked intent satisfies the hook")
    }

    @Test func refusesWithoutChangesOnAnExistingBranchInAMergeAndOnAnUnbornHead() throws {
        let repo = try GovernedRepository()
        let nothing = try repo.convo(["propose", "webhook-not-firing"])
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("there are no changes to governed files to propose"), "\(nothing)")
        let unknown = try repo.convo(["propose", "no-such-intent"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no intent 'no-such-intent'"), "\(unknown)")

        try repo.replace(webhooksLine, with: edited, in: "prompts/support.md")
        #expect(try repo.convo(["propose", "webhook-not-firing"]).status == 0)
        try repo.git(["checkout", "-q", "main"])
        try repo.replace(webhooksLine, with: webhooksLine + " Another edit.", in: "prompts/support.md")
        let exists = try repo.convo(["propose", "webhook-not-firing"])
        #expect(exists.status == 1)
        #expect(exists.stderr.contains("branch convo/webhook-not-firing exists already"), "\(exists)")
        #expect(exists.stderr.contains("pass --force"))
        let old = try repo.git(["rev-parse", "convo/webhook-not-firing"])
        let forced = try repo.convo(["propose", "webhook-not-firing", "--force"])
        #expect(forced.status == 0, "\(forced)")
        #expect(forced.stdout.contains("replaced convo/webhook-not-firing"))
        #expect(try repo.git(["rev-parse", "convo/webhook-not-firing"]) != old)
        #expect(try repo.git(["rev-parse", "convo/webhook-not-firing^"]) == (try repo.git(["rev-parse", "main"])))

        // A merge left half done.
        try repo.git(["checkout", "-q", "main"])
        try repo.git(["checkout", "-q", "-b", "other"])
        try repo.replace(webhooksLine, with: "Conflicting line.", in: "prompts/support.md")
        try repo.commitAll("Other")
        try repo.git(["checkout", "-q", "convo/webhook-not-firing"])
        #expect(try repo.gitResult(["merge", "other"]).status != 0)
        let merging = try repo.convo(["propose", "rate-limit-429"])
        #expect(merging.status == 1)
        #expect(merging.stderr.contains("a merge is in progress"), "\(merging)")

        let fresh = try ScratchDirectory(prefix: "convo-unborn")
        for directory in ["prompts", "intents"] {
            try FileManager.default.copyItem(at: ProjectPaths.root.appendingPathComponent(directory), to: fresh.file(directory))
        }
        try GitCLI.run(["init", "-q", "-b", "main"], in: fresh.url)
        let unborn = try ConvoBinary.run(["propose", "webhook-not-firing"], in: fresh.url, home: fresh.url)
        #expect(unborn.status == 1)
        #expect(unborn.stderr.contains("HEAD has no commits yet"), "\(unborn)")
    }

    @Test func aPatchIsAppliedInMemoryToHEADAndRejectedWhenItDoesNotApply() throws {
        let repo = try GovernedRepository()
        try repo.replace(webhooksLine, with: edited, in: "prompts/support.md")
        let patch = try repo.git(["diff"])
        try repo.git(["checkout", "--", "prompts/support.md"])
        try repo.write("../fix.diff", patch)
        let patchPath = repo.scratch.file("fix.diff").path

        let bad = patch.replacingOccurrences(of: "-" + webhooksLine, with: "-Webhooks are how Relay sends events.")
        try repo.write("../bad.diff", bad)
        let rejected = try repo.convo(["propose", "webhook-not-firing", "--patch", repo.scratch.file("bad.diff").path])
        #expect(rejected.status == 2, "\(rejected)")
        #expect(rejected.stderr.contains("does not apply to prompts/support.md as it is in HEAD"), "\(rejected)")
        #expect(rejected.stderr.contains("where the patch expects 'Webhooks are how Relay sends events."), "\(rejected)")
        #expect(try repo.git(["symbolic-ref", "HEAD"]) == "refs/heads/main\n")

        // A dirty target would be overwritten: refused.
        try repo.replace("# Webhooks", with: "# Webhooks", in: "prompts/support.md")
        try repo.write("prompts/support.md", try repo.read("prompts/support.md") + "\n")
        let dirty = try repo.convo(["propose", "webhook-not-firing", "--patch", patchPath])
        #expect(dirty.status == 1)
        #expect(dirty.stderr.contains("prompts/support.md has uncommitted changes"), "\(dirty)")
        try repo.git(["checkout", "--", "prompts/support.md"])

        let applied = try repo.convo(["propose", "webhook-not-firing", "--patch", patchPath])
        #expect(applied.status == 0, "\(applied)")
        #expect(try repo.read("prompts/support.md").contains(edited))
        #expect(try repo.status().isEmpty)
        #expect(try repo.git(["show", "HEAD:prompts/support.md"]).contains(edited))
    }
}

@Suite("convo propose --draft", .serialized)
struct ProposeDraftCLITests {
    static let reply = """
        Here is the revised section:

        ```markdown
        # Webhooks

        Before anything else, ask whether webhooks are enabled for the project in Settings > Integrations;
        nothing is delivered while they are off.

        Webhooks are how Relay delivers events.
        ```
        """

    func chatResponse(_ content: String) -> CannedResponse {
        .json(200, JSONValue.object(["id": .string("chatcmpl-1"), "object": .string("chat.completion"),
                                     "choices": .array([.object(["index": .int(0), "finish_reason": .string("stop"),
                                                                 "message": .object(["role": .string("assistant"),
                                                                                     "content": .string(content)])])])]).jsonText)
    }

    func configure(_ repo: GovernedRepository, server: LoopbackHTTPServer) throws {
        let config = try repo.read(".convo/config.yaml")
        try repo.write(".convo/config.yaml", config + "\nllm:\n  base_url: \(server.baseURL)/v1\n  model: test-model\n  api_key_env: CONVO_TEST_LLM_KEY\n")
        try repo.commitAll("Configure the chat model")
    }

    @Test func asksTheEndpointForTheSectionAndCommitsTheValidatedReply() throws {
        let repo = try GovernedRepository()
        let server = try LoopbackHTTPServer(responses: [chatResponse(ProposeDraftCLITests.reply)])
        try configure(repo, server: server)
        let result = try repo.convo(["propose", "webhook-not-firing", "--draft", "--yes"],
                                    environment: ["CONVO_TEST_LLM_KEY": "sk-test-123"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("+Before anything else, ask whether webhooks are enabled"), "\(result)")
        #expect(!result.stdout.contains("\u{1B}["), "no colour without a terminal")

        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.path == "/v1/chat/completions")
        #expect(request.header("Authorization") == "Bearer sk-test-123")
        let body = try JSONParser.parse(request.bodyText)
        #expect(body["model"]?.stringValue == "test-model")
        let messages = try #require(body["messages"]?.arrayValue)
        #expect(messages.map { $0["role"]?.stringValue } == ["system", "user"])
        let prompt = messages[1]["content"]?.stringValue ?? ""
        #expect(prompt.contains("Current text of `prompts/support.md#webhooks` (markdown):"))
        #expect(prompt.contains("5. Use \"Send test event\" on the endpoint page"))
        #expect(!prompt.contains("## Delivery and retries"), "nested sections are not sent")
        #expect(prompt.contains("- why is my webhook not firing"))

        let committed = try repo.git(["show", "HEAD:prompts/support.md"])
        #expect(committed.contains("Before anything else, ask whether webhooks are enabled"))
        #expect(committed.contains("Webhooks are how Relay delivers events.\n\n## Delivery and retries"), "children kept")
        #expect(!committed.contains("When a user says their webhook is not arriving"))
        #expect(try repo.read("prompts/support.md") == committed)
        #expect(try repo.status().isEmpty)
    }

    @Test func aReplyThatChangesAnotherSectionOrHasNoBlockIsRejected() throws {
        let repo = try GovernedRepository()
        let renamed = ProposeDraftCLITests.reply.replacingOccurrences(of: "# Webhooks", with: "# Webhook delivery")
        let server = try LoopbackHTTPServer(responses: [chatResponse(renamed), chatResponse("I would change the wording.")])
        try configure(repo, server: server)
        let environment = ["CONVO_TEST_LLM_KEY": "k"]
        let changedHeading = try repo.convo(["propose", "webhook-not-firing", "--draft", "--yes"], environment: environment)
        #expect(changedHeading.status == 1, "\(changedHeading)")
        #expect(changedHeading.stderr.contains("also changes"), "\(changedHeading)")
        let noBlock = try repo.convo(["propose", "webhook-not-firing", "--draft", "--yes"], environment: environment)
        #expect(noBlock.status == 1)
        #expect(noBlock.stderr.contains("has no fenced code block"), "\(noBlock)")
        #expect(try repo.status().isEmpty)
        #expect(try repo.git(["symbolic-ref", "HEAD"]) == "refs/heads/main\n")
    }

    @Test func withoutConfigurationOrATerminalItSaysWhatToDo() throws {
        let repo = try GovernedRepository()
        let unconfigured = try repo.convo(["propose", "webhook-not-firing", "--draft", "--yes"])
        #expect(unconfigured.status == 2)
        #expect(unconfigured.stderr.contains("no chat model is configured"), "\(unconfigured)")
        #expect(unconfigured.stderr.contains("base_url: http://127.0.0.1:11434/v1"))

        let server = try LoopbackHTTPServer(responses: [chatResponse(ProposeDraftCLITests.reply)])
        try configure(repo, server: server)
        let noKey = try repo.convo(["propose", "webhook-not-firing", "--draft", "--yes"])
        #expect(noKey.status == 2)
        #expect(noKey.stderr.contains("llm.api_key_env names CONVO_TEST_LLM_KEY, which is not set"), "\(noKey)")
        let noTerminal = try repo.convo(["propose", "webhook-not-firing", "--draft"], environment: ["CONVO_TEST_LLM_KEY": "k"])
        #expect(noTerminal.status == 2)
        #expect(noTerminal.stderr.contains("pass --yes"), "\(noTerminal)")
        #expect(server.requests.isEmpty, "nothing is sent when no one can confirm")
    }
}
