import ConvoBase
import ConvoTestSupport
import Foundation
import Testing

@Suite("convo pr", .serialized)
struct ProposePRCLITests {
    let edited = webhooksLine + " First confirm that webhooks are enabled in Settings > Integrations."

    func proposed() throws -> GovernedRepository {
        let repo = try GovernedRepository()
        try repo.replace(webhooksLine, with: edited, in: "prompts/support.md")
        let result = try repo.convo(["propose", "webhook-not-firing"])
        #expect(result.status == 0, "\(result)")
        return repo
    }

    /// Points `origin`'s fetch URL at GitHub (pushes still go to the bare repository) and the
    /// API at the loopback server.
    func useGitHub(_ repo: GovernedRepository, server: LoopbackHTTPServer) throws {
        try repo.git(["remote", "set-url", "origin", "git@github.com:acme/relay-prompts.git"])
        try repo.git(["remote", "set-url", "--push", "origin", repo.remote.path])
        let config = try repo.read(".convo/config.yaml")
        try repo.write(".convo/config.yaml", config.replacingOccurrences(of: "api_url: https://api.github.com", with: "api_url: \(server.baseURL)"))
    }

    @Test func rendersTheDescriptionToStdoutOrAFile() throws {
        let repo = try proposed()
        let result = try repo.convo(["pr", "webhook-not-firing"])
        #expect(result.status == 0, "\(result)")
        let body = result.stdout
        for expected in [
            "## Pattern\n\nUsers ask why their webhook is not firing.",
            "61 conversations from 54 accounts, 2026-11-16 to 2026-11-22; 7 accounts churned within 48 hours.",
            "| trial | 48 | 78.7% |\n| pro | 13 | 21.3% |",
            "Stage: onboarding (stage weight 3).",
            "| Revenue exposure | 3.4 |",
            "| **Priority** | **622.2** |",
            "### `prompts/support.md#webhooks` (changed)\n\n```diff\n # Webhooks\n \n-Webhooks are how Relay delivers events. An endpoint",
            "\n+\(edited) An endpoint is a public HTTPS URL",
            "| Conversation |\n|---|\n| `c_0a91` |\n| `c_1f2e` |\n| `c_8f2a` |",
        ] {
            #expect(body.contains(expected), "missing: \(expected)\n\(body)")
        }
        let file = repo.scratch.file("pr.md").path
        let written = try repo.convo(["pr", "webhook-not-firing", "--body-file", file])
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == body)
    }

    @Test func pushRunsTheHookAndOpenPostsThePullRequest() throws {
        let repo = try proposed()
        let server = try LoopbackHTTPServer(responses: [
            .json(201, #"{"number": 7, "html_url": "https://github.com/acme/relay-prompts/pull/7", "state": "open"}"#),
        ])
        try useGitHub(repo, server: server)
        let body = try repo.convo(["pr", "webhook-not-firing"]).stdout
        let result = try repo.convo(["pr", "webhook-not-firing", "--push", "--open"], environment: ["GITHUB_TOKEN": "ghp_test123"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "opened pull request #7: https://github.com/acme/relay-prompts/pull/7\n")
        #expect(result.stderr.contains("convo: checked 1 commit (1 governed section change)"), "the pre-push hook ran: \(result)")
        #expect(try GitCLI.run(["rev-parse", "convo/webhook-not-firing"], in: repo.remote) == (try repo.git(["rev-parse", "HEAD"])))

        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.path == "/repos/acme/relay-prompts/pulls")
        #expect(request.header("Authorization") == "Bearer ghp_test123")
        #expect(request.header("Accept") == "application/vnd.github+json")
        #expect(request.header("X-GitHub-Api-Version") == "2022-11-28")
        #expect(request.header("User-Agent")?.hasPrefix("convo/") == true)
        let json = try JSONParser.parse(request.bodyText)
        #expect(json["title"]?.stringValue == "Fix webhook not firing after setup (61 conversations, trial churn)")
        #expect(json["head"]?.stringValue == "convo/webhook-not-firing")
        #expect(json["base"]?.stringValue == "main")
        #expect(json["body"]?.stringValue == body)
        #expect(json["draft"]?.boolValue == false)
    }

    @Test func gitHubRefusalsSayWhatToDo() throws {
        let repo = try proposed()
        let server = try LoopbackHTTPServer(responses: [
            .json(422, #"{"message": "Validation Failed", "errors": [{"resource": "PullRequest", "code": "custom", "message": "A pull request already exists for acme:convo/webhook-not-firing."}]}"#),
            .json(401, #"{"message": "Bad credentials"}"#),
            .json(404, #"{"message": "Not Found"}"#),
        ])
        try useGitHub(repo, server: server)
        let environment = ["GITHUB_TOKEN": "ghp_test123"]
        let exists = try repo.convo(["pr", "webhook-not-firing", "--open", "--draft"], environment: environment)
        #expect(exists.status == 1)
        #expect(exists.stderr.contains("GitHub could not open the pull request (422 Validation Failed: A pull request already exists"), "\(exists)")
        #expect(exists.stderr.contains("hint: convo/webhook-not-firing has an open pull request already"))
        #expect(try JSONParser.parse(try #require(server.requests.first).bodyText)["draft"]?.boolValue == true)
        let unauthorized = try repo.convo(["pr", "webhook-not-firing", "--open"], environment: environment)
        #expect(unauthorized.stderr.contains("GitHub rejected the token (401 Bad credentials)"), "\(unauthorized)")
        let missing = try repo.convo(["pr", "webhook-not-firing", "--open"], environment: environment)
        #expect(missing.stderr.contains("GitHub has no repository acme/relay-prompts, or the token cannot see it (404)"), "\(missing)")

        let noToken = try repo.convo(["pr", "webhook-not-firing", "--open"])
        #expect(noToken.status == 2)
        #expect(noToken.stderr.contains("--open needs a GitHub token in GITHUB_TOKEN"), "\(noToken)")
        #expect(server.requests.count == 3)
    }

    @Test func aPushTheHookRefusesFailsTheCommand() throws {
        let repo = try proposed()
        try repo.replace("# Escalation\n", with: "# Escalation\n\nBe brief.\n", in: "prompts/support.md")
        try repo.commitAll("Unrelated edit without a trailer")
        let result = try repo.convo(["pr", "webhook-not-firing", "--push", "--body-file", repo.scratch.file("pr.md").path])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("[intent-required]"))
        #expect(result.stderr.contains("`git push origin convo/webhook-not-firing` failed"), "\(result)")
    }
}
