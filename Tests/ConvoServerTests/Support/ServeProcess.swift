import ConvoStore
import ConvoTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A real `convo serve` process on 127.0.0.1 (a free port, read from `--port-file`) in a
/// scratch repository, with its capture token set.
final class ServeProcess: @unchecked Sendable {
    static let token = "test-token-5f2a"

    let scratch: ScratchDirectory
    let process = Process()
    let port: Int
    let stderrURL: URL

    init(extraArguments: [String] = [], config: String? = nil, token: String? = ServeProcess.token) throws {
        scratch = try ScratchDirectory(prefix: "convo-serve")
        try GitCLI.initRepository(at: scratch.url)
        if let config { try scratch.write(".convo/config.yaml", config) }
        let portFile = scratch.file("port")
        stderrURL = scratch.file("serve.stderr")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = ConvoBinary.url
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--port-file", portFile.path] + extraArguments
        process.currentDirectoryURL = scratch.url
        var extra: [String: String] = [:]
        if let token { extra["CONVO_INGEST_TOKEN"] = token }
        process.environment = ConvoBinary.environment(home: scratch.url, extra: extra)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
        var bound: Int?
        for _ in 0..<600 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let p = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                bound = p
                break
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard let bound else {
            if process.isRunning { process.terminate() }
            throw ServeProcessError(message: "convo serve did not start: \((try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "")")
        }
        port = bound
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var stderrText: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    /// SIGTERM, then waits (bounded) for the exit status.
    func terminate() throws -> Int32 {
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard !process.isRunning else { throw ServeProcessError(message: "convo serve did not stop within 30 s of SIGTERM") }
        return process.terminationStatus
    }

    /// The store the server wrote, opened after it stopped.
    func openStore() throws -> any ConversationStore {
        try SQLiteStore(path: scratch.file(".convo/store.sqlite").path)
    }
}

struct ServeProcessError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A minimal HTTP/1.1 client over URLSession, for the malformed-input cases.
enum HTTP {
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static func send(_ method: String, _ url: String, headers: [String: String] = [:], body: Data? = nil) async throws -> Reply {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = method
        for (key, value) in headers { request.setValue(value, forHTTPHeaderField: key) }
        request.httpBody = body
        request.timeoutInterval = 30
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let k = key as? String, let v = value as? String { fields[k.lowercased()] = v }
        }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }
}
