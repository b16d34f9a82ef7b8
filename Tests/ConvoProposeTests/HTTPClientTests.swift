import ConvoBase
import ConvoIntents
import ConvoTestSupport
import Foundation
import ConvoLLM
@testable import ConvoPropose
import Testing

@Suite("LoopbackHTTPServer")
struct LoopbackHTTPServerTests {
    @Test func recordsRequestsFromCurlIncludingChunkedBodiesAndExpectContinue() throws {
        let server = try LoopbackHTTPServer { request in
            .json(request.method == "POST" ? 201 : 200, "{\"echo\": \(request.body.count)}")
        }
        let curl = try #require(ProcessRunner.which("curl"))
        let big = String(repeating: "x", count: 5000)
        let first = try ProcessRunner.run(curl, ["-s", "-X", "POST", "-H", "Transfer-Encoding: chunked", "-H", "X-Test: one",
                                                 "--data-binary", big, server.baseURL + "/upload?x=1"])
        #expect(first.stdout == "{\"echo\": 5000}", "\(first)")
        let second = try ProcessRunner.run(curl, ["-s", "-w", " %{http_code}", "-H", "Expect: 100-continue", "--data-binary", "hello",
                                                  server.baseURL + "/second"])
        #expect(second.stdout == "{\"echo\": 5} 201", "\(second)")
        let requests = server.requests
        #expect(requests.map(\.path) == ["/upload", "/second"])
        #expect(requests[0].target == "/upload?x=1")
        #expect(requests[0].header("x-test") == "one")
        #expect(requests[0].bodyText == big)
        #expect(requests[1].bodyText == "hello")
    }

    @Test func servesCannedResponsesInOrderThen500() throws {
        let server = try LoopbackHTTPServer(responses: [.text(200, "one"), .json(404, "{}")])
        let curl = try #require(ProcessRunner.which("curl"))
        let codes = try (0..<3).map { _ in try ProcessRunner.run(curl, ["-s", "-o", "/dev/null", "-w", "%{http_code}", server.baseURL]).stdout }
        #expect(codes == ["200", "404", "500"])
        server.stop()
        server.stop()
        let refused = try ProcessRunner.run(curl, ["-s", "--max-time", "2", server.baseURL])
        #expect(refused.status != 0, "stopped servers accept nothing")
    }
}

@Suite("GitHub")
struct GitHubTests {
    @Test(arguments: [
        ("https://github.com/acme/relay.git", "github.com", "acme", "relay"),
        ("https://user:token@github.com/acme/relay", "github.com", "acme", "relay"),
        ("git@github.com:acme/relay.git", "github.com", "acme", "relay"),
        ("ssh://git@github.com/acme/relay.git", "github.com", "acme", "relay"),
        ("ssh://git@github.com:22/acme/relay/", "github.com", "acme", "relay"),
        ("git://GitHub.com/acme/relay.git", "github.com", "acme", "relay"),
        ("https://ghe.example.com/team/prompts.git", "ghe.example.com", "team", "prompts"),
    ])
    func readsOwnerAndRepositoryFromRemoteURLs(_ url: String, _ host: String, _ owner: String, _ name: String) {
        #expect(GitHubRepository(remoteURL: url) == GitHubRepository(host: host, owner: owner, name: name))
    }

    @Test(arguments: ["/srv/git/relay.git", "../remote.git", "https://github.com/acme", "https://github.com/a/b/c", "file:///x/y.git",
                      ""])
    func rejectsWhatIsNotOwnerAndRepository(_ url: String) {
        #expect(GitHubRepository(remoteURL: url) == nil)
    }

    @Test func createsThePullRequestAndMapsRefusals() async throws {
        let server = try LoopbackHTTPServer(responses: [
            .json(201, #"{"number": 12, "html_url": "https://ghe.example.com/team/prompts/pull/12"}"#),
            .json(403, #"{"message": "Resource not accessible by integration"}"#),
            .json(500, #"{"message": "Server Error"}"#),
            .json(201, #"{"unexpected": true}"#),
        ])
        let client = GitHubClient(apiURL: server.baseURL + "/api/v3/", token: "tok")
        let target = GitHubRepository(host: "ghe.example.com", owner: "team", name: "prompts")
        let pull = PullRequestRequest(title: "T", head: "convo/x", base: "main", body: "Body with \"quotes\"\n", draft: true)
        let created = try await client.createPullRequest(pull, in: target, userAgent: "convo/test")
        #expect(created == CreatedPullRequest(number: 12, url: "https://ghe.example.com/team/prompts/pull/12"))
        let request = try #require(server.requests.first)
        #expect(request.target == "/api/v3/repos/team/prompts/pulls")
        #expect(request.header("Content-Type") == "application/json")
        #expect(try JSONParser.parse(request.bodyText) == .object(["title": .string("T"), "head": .string("convo/x"), "base": .string("main"),
                                                                   "body": .string("Body with \"quotes\"\n"), "draft": .bool(true)]))
        for expected in ["refused to open the pull request (403 Resource not accessible by integration)", "GitHub answered 500: Server Error",
                         "without a pull request number"] {
            await #expect {
                _ = try await client.createPullRequest(pull, in: target, userAgent: "convo/test")
            } throws: { error in
                (error as? GitHubError)?.message.contains(expected) == true
            }
        }
    }

    @Test func anUnreachableAPIIsAnHTTPError() async throws {
        let server = try LoopbackHTTPServer(responses: [])
        let url = server.baseURL
        server.stop()
        let client = GitHubClient(apiURL: url, token: "tok")
        await #expect(throws: HTTPError.self) {
            _ = try await client.createPullRequest(PullRequestRequest(title: "t", head: "h", base: "b", body: ""),
                                                   in: GitHubRepository(host: "github.com", owner: "o", name: "r"), userAgent: "convo/test")
        }
    }
}

@Suite("Draft")
struct ChatDraftTests {
    func completion(_ content: String) -> CannedResponse {
        .json(200, JSONValue.object(["choices": .array([.object(["message": .object(["role": .string("assistant"),
                                                                                       "content": .string(content)])])])]).jsonText)
    }

    @Test func findsTheFencedBlock() throws {
        #expect(try DraftWriter.fencedBlock(in: "Sure!\n```yaml\n\n  a: b\n```\nmore", address: "x") == ["  a: b"])
        #expect(try DraftWriter.fencedBlock(in: "~~~\nx\n~~~", address: "x") == ["x"])
        #expect(try DraftWriter.fencedBlock(in: "````md\n```\ncode\n```\n````", address: "x") == ["```", "code", "```"])
        #expect(throws: ChatError.self) { try DraftWriter.fencedBlock(in: "no block here", address: "x") }
        #expect(throws: ChatError.self) { try DraftWriter.fencedBlock(in: "```\n\n```", address: "x") }
        #expect(DraftWriter.fence(for: ["```swift", "x"]) == "````")
    }

    @Test func draftsAYAMLKeyAndRejectsAReplyThatBreaksTheFile() async throws {
        let harness = "tools:\n  check_settings:\n    description: Reads settings.\n    parameters: {}\n"
        let good = "```yaml\n    description: Reads the project's settings, including whether webhooks are enabled.\n```"
        let broken = "```yaml\n  description: [oops\n```"
        let server = try LoopbackHTTPServer(responses: [completion(good), completion(broken)])
        let writer = DraftWriter(client: ChatClient(baseURL: server.baseURL + "/v1", model: "m", apiKey: "k"), redactor: try Redactor())
        var intent = Intent(id: "settings", title: "Settings", kind: .other, summary: "Agents never check jane@example.com's settings.",
                            touches: ["prompts/harness.yaml#tools.check_settings.description"])
        intent.signals.exemplars = ["is it on? call +1 415 555 0100"]
        let draft = try await writer.draft(intent: intent) { path in path == "prompts/harness.yaml" ? harness : nil }
        #expect(draft.files["prompts/harness.yaml"]
                == "tools:\n  check_settings:\n    description: Reads the project's settings, including whether webhooks are enabled.\n"
                + "    parameters: {}\n")
        let prompt = try JSONParser.parse(try #require(server.requests.first).bodyText)["messages"]?.arrayValue?.last?["content"]?.stringValue ?? ""
        #expect(prompt.contains("Current text of `prompts/harness.yaml#tools.check_settings.description` (yaml):\n```\n    description: Reads settings.\n```"))
        #expect(!prompt.contains("jane@example.com") && !prompt.contains("415 555"), "\(prompt)")
        await #expect {
            _ = try await writer.draft(intent: intent) { _ in harness }
        } throws: { error in
            (error as? ChatError)?.message.contains("breaks prompts/harness.yaml") == true
        }
    }
}
