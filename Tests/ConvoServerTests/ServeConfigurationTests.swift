import ConvoBase
@testable import ConvoServer
import Foundation
import Testing

@Suite struct ServeConfigurationTests {
    @Test("listen addresses", arguments: [
        ("127.0.0.1:4318", "127.0.0.1", 4318, true), ("localhost:0", "localhost", 0, true), ("[::1]:9000", "::1", 9000, true),
        (":8080", "0.0.0.0", 8080, false), ("10.0.0.5:4318", "10.0.0.5", 4318, false),
    ])
    func listenAddresses(text: String, host: String, port: Int, loopback: Bool) throws {
        let address = try ListenAddress(parsing: text)
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(address.isLoopback == loopback)
    }

    @Test("bad listen addresses are usage errors", arguments: ["4318", "host:", "host:99999", "[::1]4318", "host:port"])
    func badListenAddresses(text: String) {
        #expect(throws: ConvoError.self) { try ListenAddress(parsing: text) }
    }

    @Test("no token: allowed on loopback, refused elsewhere")
    func tokenRequirement() throws {
        let loopback = CaptureServer.Configuration(address: ListenAddress(host: "127.0.0.1", port: 0), token: nil, maxBodyBytes: 10, rejectedDirectory: nil)
        try loopback.validate()
        let open = CaptureServer.Configuration(address: ListenAddress(host: "0.0.0.0", port: 0), token: "", maxBodyBytes: 10, rejectedDirectory: nil)
        #expect(throws: ConvoError.self) { try open.validate() }
        var withToken = open
        withToken.token = "s3cret"
        try withToken.validate()
    }

    @Test("token comparison: exact bytes only, Bearer scheme case-insensitive")
    func tokens() {
        let check = TokenCheck(token: "s3cret")
        #expect(check.bearer("Bearer s3cret") == .allowed)
        #expect(check.bearer("bearer s3cret") == .allowed)
        #expect(check.bearer("Bearer s3cre") == .wrong)
        #expect(check.bearer("Bearer s3cret2") == .wrong)
        #expect(check.bearer("Basic s3cret") == .wrong)
        #expect(check.bearer(nil) == .missing)
        #expect(check.orgID("s3cret") == .allowed)
        #expect(check.orgID("S3CRET") == .wrong)
        #expect(TokenCheck(token: nil).bearer(nil) == .allowed)
    }
}

@Suite(.serialized) struct UnauthenticatedLoopbackTests {
    @Test("without a token on loopback the server warns and accepts captures")
    func warnsWithoutToken() async throws {
        let server = try ServeProcess(token: nil)
        let body = #"{"id":"c-open","turns":[{"role":"user","content":"hi"}]}"#
        let reply = try await HTTP.send("POST", server.baseURL + "/v1/conversations", headers: ["Content-Type": "application/json"], body: Data(body.utf8))
        #expect(reply.status == 200, "\(reply.text)")
        #expect(reply.text.contains(#""ingested":1"#))
        let health = try await HTTP.send("GET", server.baseURL + "/healthz")
        #expect(health.status == 200)
        #expect(try server.terminate() == 0)
        #expect(server.stderrText.contains("warning: CONVO_INGEST_TOKEN is not set"))
        #expect(try server.openStore().conversation(id: "c-open")?.turns.count == 1)
    }
}
