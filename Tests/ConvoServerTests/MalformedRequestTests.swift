import ConvoBase
import ConvoTestSupport
import Foundation
import Testing

/// Bad input over real HTTP: each case gets the right 4xx, and the conversation stored before
/// them is intact afterwards.
@Suite(.serialized)
struct MalformedRequestTests {
    static let auth = ["Authorization": "Bearer \(ServeProcess.token)"]
    static let json = auth.merging(["Content-Type": "application/json"]) { $1 }
    static let protobuf = auth.merging(["Content-Type": "application/x-protobuf"]) { $1 }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var method = "POST"
        var path: String
        var headers: [String: String]
        var body: [UInt8] = []
        var status: Int
        /// Text the response body must contain (what is wrong).
        var says: String
        var description: String { name }
    }

    static let validSpan = Array(#"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174","name":"chat","startTimeUnixNano":"1795738138000000000","endTimeUnixNano":"1795738139000000000","attributes":[{"key":"gen_ai.conversation.id","value":{"stringValue":"c-before"}},{"key":"gen_ai.input.messages","value":{"stringValue":"[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"first question\"}]}]"}},{"key":"gen_ai.output.messages","value":{"stringValue":"[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"first answer\"}]}]"}}]}]}]}]}"#.utf8)

    static var cases: [Case] {
        let limit = 4096
        let bomb = Deflater.gzip([UInt8](repeating: 0x20, count: limit * 50))
        var badUTF8 = Array(#"{"id":"c-bad","turns":[{"role":"user","content":""#.utf8)
        badUTF8 += [0xC3, 0x28]
        badUTF8 += Array(#""}]}"#.utf8)
        let truncated = Array(OTLPFixtures.protobufTraces().dropLast(7))
        return [
            Case(name: "missing token", path: "/v1/traces", headers: ["Content-Type": "application/json"], body: validSpan, status: 401, says: "token is required"),
            Case(name: "wrong token", path: "/v1/traces", headers: ["Content-Type": "application/json", "Authorization": "Bearer nope"], body: validSpan, status: 401, says: "token is wrong"),
            Case(name: "token without Bearer", path: "/v1/conversations", headers: ["Content-Type": "application/json", "Authorization": ServeProcess.token], body: Array("{}".utf8), status: 401, says: "token is wrong"),
            Case(name: "Agnost wrong X-Org-Id", path: "/api/v1/capture-event", headers: ["Content-Type": "application/json", "X-Org-Id": "other-org"], body: Array(#"{"session_id":"s"}"#.utf8), status: 401, says: "token is wrong"),
            Case(name: "unknown content type", path: "/v1/traces", headers: auth.merging(["Content-Type": "text/plain"]) { $1 }, body: validSpan, status: 415, says: "not OTLP"),
            Case(name: "unknown content encoding", path: "/v1/traces", headers: json.merging(["Content-Encoding": "br"]) { $1 }, body: validSpan, status: 415, says: "Content-Encoding"),
            Case(name: "bad gzip", path: "/v1/traces", headers: json.merging(["Content-Encoding": "gzip"]) { $1 }, body: [0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03], status: 400, says: "cannot be decompressed"),
            Case(name: "gzip bomb past the limit", path: "/v1/traces", headers: json.merging(["Content-Encoding": "gzip"]) { $1 }, body: bomb, status: 413, says: "larger than the limit"),
            Case(name: "oversize body", path: "/v1/traces", headers: json, body: [UInt8](repeating: 0x20, count: limit + 1), status: 413, says: "larger than the limit"),
            Case(name: "truncated protobuf", path: "/v1/traces", headers: protobuf, body: truncated, status: 400, says: "not a protobuf ExportTraceServiceRequest"),
            Case(name: "not JSON", path: "/v1/logs", headers: json, body: Array("{\"resourceLogs\": [".utf8), status: 400, says: "not valid JSON"),
            Case(name: "wrong type for resourceSpans", path: "/v1/traces", headers: json, body: Array(#"{"resourceSpans":"all of them"}"#.utf8), status: 400, says: "expected an array"),
            Case(name: "wrong method", method: "GET", path: "/v1/traces", headers: auth, status: 405, says: "accepts POST only"),
            Case(name: "unknown path", path: "/v1/metricz", headers: json, body: Array("{}".utf8), status: 404, says: ""),
            Case(name: "bad UTF-8 in convo JSON", path: "/v1/conversations", headers: json, body: badUTF8, status: 400, says: "UTF-8"),
            Case(name: "conversation without id", path: "/v1/conversations", headers: json, body: Array(#"{"turns":[]}"#.utf8), status: 400, says: "field 'id'"),
            Case(name: "a body of another format", path: "/v1/conversations", headers: json, body: Array(#"{"messages":[{"role":"user","content":"hi"}]}"#.utf8), status: 400, says: "not 'convo' records (it looks like 'openai')"),
            Case(name: "turn with a number as role", path: "/v1/conversations", headers: auth.merging(["Content-Type": "application/x-ndjson"]) { $1 }, body: Array(#"{"id":"x","turns":[{"role":7,"content":"hi"}]}"#.utf8), status: 400, says: "turns[0].role"),
            Case(name: "Agnost event without session_id", path: "/api/v1/capture-event", headers: ["Content-Type": "application/json", "X-Org-Id": ServeProcess.token], body: Array(#"{"event_id":"e1","args":"\"hi\""}"#.utf8), status: 400, says: "session_id"),
            Case(name: "Agnost traits not an object", path: "/api/v1/capture-session", headers: ["Content-Type": "application/json", "X-Org-Id": ServeProcess.token], body: Array(#"{"session_id":"s1","user_data":["plan","pro"]}"#.utf8), status: 400, says: "user_data"),
        ]
    }

    @Test("every malformed request gets the right 4xx, and earlier data survives")
    func malformedRequests() async throws {
        let server = try ServeProcess(config: "serve:\n  max_body_bytes: 4096\n")
        let first = try await HTTP.send("POST", server.baseURL + "/v1/traces", headers: Self.json, body: Data(Self.validSpan))
        #expect(first.status == 200, "\(first.text)")
        for item in Self.cases {
            let reply = try await HTTP.send(item.method, server.baseURL + item.path, headers: item.headers,
                                            body: item.body.isEmpty ? nil : Data(item.body))
            #expect(reply.status == item.status, "\(item.name): got \(reply.status) \(reply.text)")
            #expect(item.says.isEmpty || reply.text.contains(item.says), "\(item.name): response should say '\(item.says)': \(reply.text)")
        }
        // A partly bad OTLP/JSON request: the good span is kept, the bad one counted.
        let mixed = Array(#"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"not-hex","spanId":"EEE19B7EC3C1B174"},{"traceId":"5B8EFFF798038103D269B633813FC60D","spanId":"EEE19B7EC3C1B175","attributes":[{"key":"gen_ai.conversation.id","value":{"stringValue":"c-mixed"}},{"key":"gen_ai.output.messages","value":{"stringValue":"[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"kept\"}]}]"}}]}]}]}]}"#.utf8)
        let partial = try await HTTP.send("POST", server.baseURL + "/v1/traces", headers: Self.json, body: Data(mixed))
        #expect(partial.status == 200)
        #expect(partial.text.contains(#""rejectedSpans":"1""#), "\(partial.text)")
        // NDJSON with one bad line: the good lines land, the bad one is reported by number.
        let ndjson = "{\"id\":\"c-nd-1\",\"turns\":[{\"role\":\"user\",\"content\":\"a\"}]}\n{\"id\":\"c-nd-2\",\"turns\":\"no\"}\n"
        let lines = try await HTTP.send("POST", server.baseURL + "/v1/conversations",
                                        headers: Self.auth.merging(["Content-Type": "application/x-ndjson"]) { $1 }, body: Data(ndjson.utf8))
        #expect(lines.status == 200)
        #expect(lines.text.contains(#""line":2"#), "\(lines.text)")

        #expect(try server.terminate() == 0)
        let store = try server.openStore()
        let before = try #require(try store.conversation(id: "c-before"))
        #expect(before.turns.map(\.content) == ["first question", "first answer"])
        #expect(try store.conversation(id: "c-mixed")?.turns.map(\.content) == ["kept"])
        #expect(try store.conversation(id: "c-nd-1") != nil)
        #expect(try store.conversation(id: "c-nd-2") == nil)
        #expect(try store.count(matching: .all) == 3)
        let rejected = try FileManager.default.contentsOfDirectory(atPath: server.scratch.file(".convo/rejected").path)
        #expect(rejected == ["serve.jsonl"], "refused records are kept in .convo/rejected/")
        let entries = try server.scratch.read(".convo/rejected/serve.jsonl")
        #expect(entries.contains(#""source":"/v1/conversations","line":2,"reason":"field 'turns': "#), "\(entries)")
        #expect(entries.contains(#""source":"/api/v1/capture-session","reason":"field 'user_data': "#), "\(entries)")
    }

    @Test("refuses to listen beyond loopback without a token")
    func refusesOpenAddressWithoutToken() throws {
        let scratch = try ScratchDirectory()
        try GitCLI.initRepository(at: scratch.url)
        let result = try ConvoBinary.run(["serve", "--listen", "0.0.0.0:0"], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("without a capture token"), "\(result.stderr)")
    }
}
