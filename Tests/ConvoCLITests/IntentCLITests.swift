import ConvoBase
import ConvoTestSupport
import Foundation
import Testing

@Suite("convo intent")
struct IntentCLITests {
    @Test func newWritesACanonicalRedactedFileAndPrintsItsPath() throws {
        let repo = try ExampleRepository()
        let result = try repo.convo(["intent", "new", "--title", "Refund for a duplicate charge", "--kind", "pricing-confusion",
                                     "--stage", "onboarding", "--summary", "Charged twice after upgrading.",
                                     "--touches", "prompts/support.md#billing-and-plans/invoices-and-refunds",
                                     "--touches", "./prompts/harness.yaml#tools.list_invoices.description",
                                     "--keyword", "refund", "--keyword", "duplicate",
                                     "--exemplar", "charged twice, mail jane.doe@example.com",
                                     "--exemplar", "yes"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "intents/refund-for-a-duplicate-charge.intent\n")
        #expect(try repo.read("intents/refund-for-a-duplicate-charge.intent") == """
            id: refund-for-a-duplicate-charge
            title: Refund for a duplicate charge
            kind: pricing-confusion
            status: open
            stage: onboarding
            summary: |
              Charged twice after upgrading.
            touches:
              - prompts/support.md#billing-and-plans/invoices-and-refunds
              - prompts/harness.yaml#tools.list_invoices.description
            signals:
              keywords: [refund, duplicate]
              exemplars:
                - charged twice, mail <email>
                - "yes"

            """)
        let validate = try repo.convo(["intent", "validate"])
        #expect(validate.status == 0, "\(validate)")
        #expect(validate.stdout == "3 intent files are valid\n")
    }

    @Test func exemplarsPassTheRedactorAndFilesLoadWithPyYAML() throws {
        let repo = try ExampleRepository()
        let exemplars = [
            "my email is jane.doe@example.com and it still fails",
            "card 4111 1111 1111 1111 was charged twice",
            "key sk-proj-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c leaked?",
            "call me at +1 415 555 0100",
            "webhook from 10.0.0.12 never arrives",
        ]
        var arguments = ["intent", "new", "pii", "--title", "PII check", "--kind", "other"]
        for exemplar in exemplars { arguments += ["--exemplar", exemplar] }
        let result = try repo.convo(arguments)
        #expect(result.status == 0, "\(result)")
        let text = try repo.read("intents/pii.intent")
        let redactor = try Redactor()
        for exemplar in exemplars {
            #expect(text.contains("  - " + redactor.redact(exemplar) + "\n") || text.contains("\"" + redactor.redact(exemplar) + "\""),
                    "\(exemplar) → \(redactor.redact(exemplar))\n\(text)")
        }
        #expect(!text.contains("jane.doe@example.com"))

        // What PyYAML reads is what convo reads, for a new file and for one `link` edited.
        _ = try repo.convo(["intent", "link", "webhook-not-firing", "prompts/support.md#escalation"])
        let python = ProjectPaths.python ?? ProcessRunner.which("python3") ?? URL(fileURLWithPath: "/usr/bin/python3")
        for id in ["pii", "webhook-not-firing"] {
            let loaded = try ProcessRunner.run(python, ["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8'))))",
                                                        repo.scratch.file("intents/\(id).intent").path])
            #expect(loaded.status == 0, "\(loaded)")
            let shown = try repo.convo(["intent", "show", id, "--json"])
            #expect(try JSONParser.parse(loaded.stdout) == (try JSONParser.parse(shown.stdout)), "\(id)")
        }
    }

    @Test func aMistypedTouchesExits2AndSuggestsTheAddress() throws {
        let repo = try ExampleRepository()
        let result = try repo.convo(["intent", "new", "refunds", "--title", "Refunds", "--kind", "other",
                                     "--touches", "prompts/support.md#billing-and-plans/invoices-and-refund"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no section 'prompts/support.md#billing-and-plans/invoices-and-refund'"), "\(result)")
        #expect(result.stderr.contains("hint: did you mean 'prompts/support.md#billing-and-plans/invoices-and-refunds'?"))
        #expect(!repo.scratch.exists("intents/refunds.intent"))
    }

    @Test func anExistingIdIsRefusedAndTheFileIsUnchanged() throws {
        let repo = try ExampleRepository()
        let first = try repo.convo(["intent", "new", "dup", "--title", "First", "--kind", "other"])
        #expect(first.status == 0, "\(first)")
        let before = try repo.read("intents/dup.intent")
        let second = try repo.convo(["intent", "new", "dup", "--title", "Second", "--kind", "bug-report"])
        #expect(second.status == 2)
        #expect(second.stderr.contains("intent 'dup' already exists"))
        #expect(try repo.read("intents/dup.intent") == before)
        // The id a title slugs to is refused the same way.
        let taken = try repo.convo(["intent", "new", "--title", "Webhook: not firing?", "--kind", "other"])
        #expect(taken.status == 2)
        #expect(taken.stderr.contains("intent 'webhook-not-firing' already exists"), "\(taken)")
        #expect(try GitCLI.run(["status", "--porcelain", "intents/webhook-not-firing.intent"], in: repo.url).isEmpty)
    }

    @Test func withoutATerminalMissingFlagsAreNamed() throws {
        let repo = try ExampleRepository()
        let result = try repo.convo(["intent", "new"], stdin: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("missing --title and --kind"), "\(result)")
        let kind = try repo.convo(["intent", "new", "--title", "T"], stdin: "")
        #expect(kind.stderr.contains("missing --kind") && !kind.stderr.contains("--title and"))
        let badKind = try repo.convo(["intent", "new", "--title", "T", "--kind", "setup-fricton"])
        #expect(badKind.status == 2)
        #expect(badKind.stderr.contains("did you mean 'setup-friction'?"))
        let badStage = try repo.convo(["intent", "new", "--title", "T", "--kind", "other", "--stage", "trial"])
        #expect(badStage.status == 2)
        #expect(badStage.stderr.contains("--stage must be one of activation, established, onboarding"))
        #expect(try repo.convo(["intent", "new", "Bad_Id", "--title", "T", "--kind", "other"]).status == 2)
    }

    @Test(.enabled(if: ProcessRunner.which("script") != nil, "needs script(1) for a pseudo-terminal"))
    func onATerminalMissingFieldsAreAskedFor() throws {
        let repo = try ExampleRepository()
        let command = "\(ConvoBinary.url.path) intent new --touches prompts/support.md#team-invites"
        let script = try #require(ProcessRunner.which("script"))
        let result = try ProcessRunner.run(script, ["-qec", command, "/dev/null"], in: repo.url,
                                           environment: ConvoBinary.environment(home: repo.url),
                                           stdin: Data("Invite link expired\nsetup-fricton\nsetup-friction\n".utf8))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("expected one of bug-report"))
        let text = try repo.read("intents/invite-link-expired.intent")
        #expect(text.hasPrefix("id: invite-link-expired\ntitle: Invite link expired\nkind: setup-friction\n"))
    }

    @Test func listShowAndJSON() throws {
        let repo = try ExampleRepository()
        let table = try repo.convo(["intent", "list"])
        #expect(table.status == 0, "\(table)")
        let lines = table.stdout.components(separatedBy: "\n").filter { !$0.isEmpty }
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("ID "))
        #expect(lines[1].hasPrefix("rate-limit-429 ") && lines[1].hasSuffix("Getting 429 Too Many Requests from the API"))
        #expect(lines[2].hasPrefix("webhook-not-firing ") && lines[2].contains("setup-friction"))

        let json = try repo.convo(["intent", "list", "--json"])
        let items = try #require(try JSONParser.parse(json.stdout).arrayValue)
        #expect(items.map { $0["id"]?.stringValue } == ["rate-limit-429", "webhook-not-firing"])
        #expect(items[1]["touches"] == .array([.string("prompts/support.md#webhooks")]))

        let show = try repo.convo(["intent", "show", "webhook-not-firing"])
        #expect(show.stdout == (try repo.read("intents/webhook-not-firing.intent")))
        let missing = try repo.convo(["intent", "show", "webhook-not-firng"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("did you mean 'webhook-not-firing'?"))

        // A broken file is reported, not fatal.
        try repo.scratch.write("intents/broken.intent", "id: broken\nkind: nope\n")
        let withBroken = try repo.convo(["intent", "list"])
        #expect(withBroken.status == 0)
        #expect(withBroken.stderr.contains("warning: intents/broken.intent:"))
    }

    @Test func linkAndUnlinkRewriteOnlyTheTouchesBlock() throws {
        let repo = try ExampleRepository()
        let link = try repo.convo(["intent", "link", "webhook-not-firing", "prompts/support.md#webhooks/delivery-and-retries",
                                   "prompts/support.md#webhooks"])
        #expect(link.status == 0, "\(link)")
        #expect(link.stdout == "linked prompts/support.md#webhooks/delivery-and-retries\n")
        let diff = try GitCLI.run(["diff", "-U0", "--", "intents/webhook-not-firing.intent"], in: repo.url)
        let changed = diff.components(separatedBy: "\n").filter { ($0.hasPrefix("+") || $0.hasPrefix("-")) && !$0.hasPrefix("+++") && !$0.hasPrefix("---") }
        #expect(changed == ["+  - prompts/support.md#webhooks/delivery-and-retries"], "\(diff)")

        let typo = try repo.convo(["intent", "link", "webhook-not-firing", "prompts/harness.yaml#tools.check_setings.description"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean 'prompts/harness.yaml#tools.check_settings.description'?"), "\(typo)")

        let unlink = try repo.convo(["intent", "unlink", "webhook-not-firing", "prompts/support.md#webhooks/delivery-and-retries"])
        #expect(unlink.status == 0, "\(unlink)")
        #expect(try GitCLI.run(["status", "--porcelain"], in: repo.url).isEmpty, "back to the committed bytes")

        let notThere = try repo.convo(["intent", "unlink", "webhook-not-firing", "prompts/support.md#escalation"])
        #expect(notThere.status == 2)
        #expect(notThere.stderr.contains("error: intents/webhook-not-firing.intent:9: 'prompts/support.md#escalation' is not in the touches"))
    }

    @Test func validateListsEveryProblemAndExits1() throws {
        let repo = try ExampleRepository()
        #expect(try repo.convo(["intent", "validate"]).status == 0)
        try repo.scratch.write("intents/bad.intent", """
            id: not-bad
            title: Bad
            kind: complaint
            touches:
              - prompts/support.md#refunds
            signals:
              exemplars:
                - call me on jane@example.org

            """)
        let result = try repo.convo(["intent", "validate"])
        #expect(result.status == 1, "\(result)")
        let errors = result.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors == [
            "error: intents/bad.intent:1: field 'id' is 'not-bad' but the file is named 'bad.intent'",
            "error: intents/bad.intent:3: field 'kind' must be one of bug-report, feature-request, churn-risk, setup-friction, pricing-confusion, other, found 'complaint'",
            "error: intents/bad.intent:5: field 'touches': no section 'prompts/support.md#refunds'",
            "error: intents/bad.intent:6: field 'signals.exemplars' holds personal data: 'call me on <email>' before redaction",
            "error: 4 problems found",
        ], "\(result)")
        let one = try repo.convo(["intent", "validate", "intents/rate-limit-429.intent"])
        #expect(one.status == 0)
        #expect(one.stdout == "1 intent file is valid\n")
    }
}
