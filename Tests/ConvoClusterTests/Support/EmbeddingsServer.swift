import ConvoTestSupport
import Foundation

/// A loopback OpenAI-compatible embeddings server (Python's http.server) that checks what the
/// client sends: method, path, headers and JSON body. It answers per `model`:
/// `ok` normally, `flaky-429` with one 429 (Retry-After: 0) first, `flaky-503` with two 503s
/// first, `always-500`, `not-json`, `too-few` (one vector short). Every request is logged as a
/// JSON line so tests can assert what went over the wire.
final class EmbeddingsServer: @unchecked Sendable {
    let process: Process
    let port: Int
    let log: URL
    private let directory: ScratchDirectory

    static let script = #"""
import http.server, json, sys, threading
port_file, log_file = sys.argv[1], sys.argv[2]
counts = {}
lock = threading.Lock()

def vector(text):
    # Deliberately not unit length: the client must normalise.
    return [float(len(text)), 1.0, float(sum(map(ord, text)) % 97), 2.0, 0.5, float(text.count("e")), 3.0, 0.25]

class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=None):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.reply(405, {"error": {"message": "use POST"}})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        entry = {"path": self.path, "method": "POST", "auth": self.headers.get("Authorization"),
                 "content_type": self.headers.get("Content-Type")}
        problems = []
        if self.path != "/v1/embeddings":
            problems.append("path " + self.path)
        if self.headers.get("Content-Type") != "application/json":
            problems.append("content type")
        try:
            body = json.loads(raw)
        except Exception as e:
            body = None
            problems.append("body is not JSON")
        if body is not None:
            entry["model"] = body.get("model")
            entry["input"] = body.get("input")
            entry["encoding_format"] = body.get("encoding_format")
            if not isinstance(body.get("input"), list) or not all(isinstance(t, str) and t for t in body["input"]):
                problems.append("input must be a list of non-empty strings")
        entry["problems"] = problems
        with open(log_file, "a") as f:
            f.write(json.dumps(entry) + "\n")
        if self.path != "/v1/embeddings":
            return self.reply(404, {"error": {"message": "no route " + self.path}})
        if self.headers.get("Authorization") != "Bearer sekret":
            return self.reply(401, {"error": {"message": "Incorrect API key provided"}})
        if problems:
            return self.reply(400, {"error": {"message": "; ".join(problems)}})
        model = body["model"]
        with lock:
            counts[model] = counts.get(model, 0) + 1
            n = counts[model]
        if model == "flaky-429" and n == 1:
            return self.reply(429, {"error": {"message": "rate limited"}}, {"Retry-After": "0"})
        if model == "flaky-503" and n <= 2:
            return self.reply(503, b"upstream busy")
        if model == "always-500":
            return self.reply(500, {"error": {"message": "model crashed"}})
        if model == "not-json":
            return self.reply(200, b"<html>hello</html>")
        texts = body["input"]
        if model == "too-few":
            texts = texts[:-1]
        data = [{"object": "embedding", "index": i, "embedding": vector(t)} for i, t in enumerate(texts)]
        data.reverse()  # servers may answer out of order; "index" says where each belongs
        self.reply(200, {"object": "list", "model": model, "data": data, "usage": {"prompt_tokens": 1, "total_tokens": 1}})

def watchdog():
    # Exit when the test process is gone (reparented), or after five minutes in any case.
    import os, time
    parent = os.getppid()
    for _ in range(600):
        time.sleep(0.5)
        if os.getppid() != parent:
            break
    os._exit(0)

threading.Thread(target=watchdog, daemon=True).start()
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
"""#

    /// The vector the server computes for `text`, unit length, as the client should return it.
    static func expectedVector(_ text: String) -> [Float] {
        let scalars = text.unicodeScalars.reduce(0) { $0 + Int($1.value) } % 97
        let raw: [Float] = [Float(text.unicodeScalars.count), 1, Float(scalars), 2, 0.5,
                            Float(text.filter { $0 == "e" }.count), 3, 0.25]
        let norm = raw.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return raw.map { $0 / norm }
    }

    init() throws {
        directory = try ScratchDirectory(prefix: "convo-embeddings-server")
        let script = try directory.write("server.py", Self.script)
        let portFile = directory.file("port")
        log = directory.file("requests.jsonl")
        guard let python = ProcessRunner.which("python3") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "python3 is needed for the loopback server"])
        }
        process = Process()
        process.executableURL = python
        process.arguments = [script.path, portFile.path, log.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var found: Int?
        for _ in 0..<200 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let value = Int(text) {
                found = value
                break
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard let found else {
            kill(process.processIdentifier, SIGKILL)
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the loopback server did not start"])
        }
        port = found
    }

    deinit { stop() }

    func stop() {
        if process.isRunning {
            // SIGKILL: the child may inherit an ignored SIGTERM from the test runner.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/v1")! }

    /// The requests received so far, as parsed JSON objects.
    func requests() throws -> [[String: Any]] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) ?? [:]
        }
    }
}
