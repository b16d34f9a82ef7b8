import ConvoTestSupport
import Foundation
import Testing

/// The real PyPI clients against the real `convo serve` binary over 127.0.0.1; every
/// conversation is then read back from the store the server wrote.
@Suite(.serialized, .enabled(if: PythonClients.enabled))
struct CaptureClientTests {
    static let count = 200

    @Test("OpenTelemetry SDK, semconv ≥1.37 gen_ai.input.messages on spans (JSON strings and structured)")
    func openTelemetrySemconv() throws {
        try runOTel(mode: "semconv")
    }

    @Test("OpenTelemetry SDK, semconv ≤1.36 log events on /v1/logs, sent before their spans")
    func openTelemetryEvents() throws {
        try runOTel(mode: "events")
    }

    @Test("Agnost SDK: identify traits, begin/end and track")
    func agnost() throws {
        let server = try ServeProcess()
        let expected = server.scratch.file("expected.jsonl")
        try PythonClients.run("agnost_client.py", [server.baseURL, ServeProcess.token, String(Self.count), expected.path])
        #expect(try server.terminate() == 0, "\(server.stderrText)")
        try PythonClients.verify(store: server.openStore(), expected: expected, prefix: "agnost", count: Self.count)
    }

    func runOTel(mode: String) throws {
        let server = try ServeProcess()
        let expected = server.scratch.file("expected.jsonl")
        try PythonClients.run("otel_client.py", [server.baseURL, ServeProcess.token, mode, String(Self.count), expected.path])
        #expect(try server.terminate() == 0, "\(server.stderrText)")
        #expect(!server.scratch.exists(".convo/rejected"), "nothing a real client sends should be rejected")
        try PythonClients.verify(store: server.openStore(), expected: expected, prefix: mode, count: Self.count)
    }
}
