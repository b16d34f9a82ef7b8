import ConvoOTLP
import ConvoTestSupport
import Foundation
import Testing

/// SIGTERM while a request is in flight: the request still completes (and its data is stored)
/// and the server exits 0.
@Suite(.serialized)
struct GracefulShutdownTests {
    @Test("SIGTERM finishes the in-flight request and exits 0")
    func sigtermDuringRequest() throws {
        let server = try ServeProcess()
        let body = OTLPFixtures.protobufTraces()
        // A client that sends the headers and half the body, waits, then sends the rest.
        let script = """
            import socket, sys
            port, path = int(sys.argv[1]), sys.argv[2]
            body = open(path, 'rb').read()
            s = socket.create_connection(('127.0.0.1', port))
            s.sendall(b'POST /v1/traces HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Type: application/x-protobuf\\r\\n'
                      + b'Authorization: Bearer \(ServeProcess.token)\\r\\nContent-Length: ' + str(len(body)).encode() + b'\\r\\n\\r\\n')
            half = len(body) // 2
            s.sendall(body[:half])
            print('half', flush=True)
            sys.stdin.readline()
            s.sendall(body[half:])
            reply = s.recv(65536).decode('latin-1')
            print(reply.split('\\r\\n')[0], flush=True)
            """
        let bodyFile = try server.scratch.write("body.bin", "")
        try Data(body).write(to: bodyFile)
        let client = Process()
        client.executableURL = ProcessRunner.which("python3") ?? URL(fileURLWithPath: "/usr/bin/python3")
        client.arguments = ["-c", script, String(server.port), bodyFile.path]
        let stdin = Pipe()
        let stdout = Pipe()
        client.standardInput = stdin
        client.standardOutput = stdout
        try client.run()
        let reader = stdout.fileHandleForReading
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("half") {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        // Give the server time to read the request head: only a request it has started on is
        // "in flight" (an idle connection is simply closed at shutdown).
        Thread.sleep(forTimeInterval: 1.0)
        kill(server.process.processIdentifier, SIGTERM)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(server.process.isRunning, "the server must wait for the request in flight")
        stdin.fileHandleForWriting.write(Data("go\n".utf8))
        let rest = reader.readDataToEndOfFile()
        client.waitUntilExit()
        let output = String(decoding: seen + rest, as: UTF8.self)
        #expect(output.contains("HTTP/1.1 200"), "client saw: \(output)")
        let deadline = Date().addingTimeInterval(30)
        while server.process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!server.process.isRunning)
        #expect(server.process.terminationStatus == 0, "\(server.stderrText)")
        let stored = try server.openStore().conversation(id: "c-fixture")
        #expect(stored?.turns.map(\.content) == ["hello", "hi there"])
    }
}
