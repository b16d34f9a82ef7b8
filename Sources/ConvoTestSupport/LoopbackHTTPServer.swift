import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One request the loopback server received, as it came off the wire.
public struct RecordedRequest: Sendable, CustomStringConvertible {
    public var method: String
    /// The request target: path and query (`/repos/o/r/pulls?x=1`).
    public var target: String
    /// Header fields in the order they arrived, names as the client wrote them.
    public var headers: [(name: String, value: String)]
    /// The body, de-chunked when the client used chunked transfer encoding.
    public var body: Data

    /// The path without the query.
    public var path: String { String(target.prefix { $0 != "?" }) }

    /// The first value of a header, matched case-insensitively as HTTP requires.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    public var description: String { "\(method) \(target) (\(body.count) bytes)" }
}

/// What the loopback server answers.
public struct CannedResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON body with `Content-Type: application/json`.
    public static func json(_ status: Int, _ text: String) -> CannedResponse {
        CannedResponse(status: status, headers: [("Content-Type", "application/json")], body: Data(text.utf8))
    }

    public static func text(_ status: Int, _ text: String) -> CannedResponse {
        CannedResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Data(text.utf8))
    }
}

/// A small HTTP/1.1 server on 127.0.0.1 for tests: it records every request and answers each
/// with what the responder returns. Built on POSIX sockets so tests need no server package.
///
/// One connection is served at a time, and each is closed after its response
/// (`Connection: close`), which every client in these tests handles. `Expect: 100-continue`
/// (what libcurl-based `URLSession` sends before larger bodies) is answered, and chunked request
/// bodies are decoded. Tests talk to it with real HTTP clients: `URLSession`, `curl`, Python.
/// The server stops when the value is released, or on `stop()`.
public final class LoopbackHTTPServer: Sendable {
    /// The port the server listens on (chosen by the kernel).
    public let port: Int
    private let core: ServerCore

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, oldest first.
    public var requests: [RecordedRequest] { core.requests }

    /// Starts listening at once; `responder` runs on the server's thread for each request.
    public init(responder: @escaping @Sendable (RecordedRequest) -> CannedResponse) throws {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM_VALUE), 0)
        guard socketFD >= 0 else { throw LoopbackServerError.system("socket", errno) }
        var reuse: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socketFD, 16) == 0 else {
            let code = errno
            close(socketFD)
            throw LoopbackServerError.system("bind/listen", code)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        port = Int(UInt16(bigEndian: actual.sin_port))
        core = ServerCore(listener: socketFD, responder: responder)
        let core = core
        let thread = Thread { core.serve() }
        thread.name = "LoopbackHTTPServer:\(port)"
        thread.start()
    }

    /// Serves `responses` in order, one per request, then answers 500 to any further request.
    public convenience init(responses: [CannedResponse]) throws {
        let queue = ResponseQueue(responses)
        try self.init { _ in queue.next() }
    }

    deinit {
        core.stop()
    }

    /// Stops accepting connections and waits for the server thread to finish. Safe to call twice.
    public func stop() {
        core.stop()
    }
}

/// The state the server thread shares with the owner; kept apart so the thread does not keep
/// the owner alive.
private final class ServerCore: @unchecked Sendable {
    private let listener: Int32
    private let responder: @Sendable (RecordedRequest) -> CannedResponse
    private let lock = NSLock()
    private var recorded: [RecordedRequest] = []
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    init(listener: Int32, responder: @escaping @Sendable (RecordedRequest) -> CannedResponse) {
        self.listener = listener
        self.responder = responder
    }

    var requests: [RecordedRequest] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        guard !wasStopped else { return }
        finished.wait()
        close(listener)
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    func serve() {
        defer { finished.signal() }
        while !isStopped {
            var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 50)
            guard ready > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            handle(connection)
            close(connection)
        }
    }

    private func handle(_ connection: Int32) {
        var reader = SocketReader(descriptor: connection)
        guard let head = reader.readHead() else { return }
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", maxSplits: 2).map(String.init)
        guard requestLine.count >= 2 else {
            write(connection, CannedResponse.text(400, "bad request line"))
            return
        }
        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name }?.value }
        if header("expect")?.lowercased() == "100-continue" {
            sendAll(connection, Data("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        let body: Data
        if header("transfer-encoding")?.lowercased().contains("chunked") == true {
            body = reader.readChunked()
        } else {
            body = reader.read(count: Int(header("content-length") ?? "0") ?? 0)
        }
        let request = RecordedRequest(method: requestLine[0], target: requestLine[1], headers: headers, body: body)
        lock.lock()
        recorded.append(request)
        lock.unlock()
        write(connection, responder(request))
    }

    private func write(_ connection: Int32, _ response: CannedResponse) {
        var head = "HTTP/1.1 \(response.status) \(ServerCore.reason(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        sendAll(connection, Data(head.utf8) + response.body)
    }

    private func sendAll(_ connection: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let sent = send(connection, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL_VALUE))
                if sent <= 0 { return }
                offset += sent
            }
        }
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 422: "Unprocessable Entity"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        default: "Status"
        }
    }
}


public struct LoopbackServerError: Error, CustomStringConvertible {
    public var description: String

    static func system(_ call: String, _ code: Int32) -> LoopbackServerError {
        LoopbackServerError(description: "\(call) failed: \(String(cString: strerror(code)))")
    }
}

/// Canned responses handed out in order, shared with the server thread.
private final class ResponseQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var responses: [CannedResponse]

    init(_ responses: [CannedResponse]) {
        self.responses = responses
    }

    func next() -> CannedResponse {
        lock.lock()
        defer { lock.unlock() }
        return responses.isEmpty ? CannedResponse.text(500, "no canned response left") : responses.removeFirst()
    }
}

/// Buffered reads from a connected socket.
private struct SocketReader {
    let descriptor: Int32
    var buffer = Data()

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Reads more bytes into the buffer; false at end of stream, on error or timeout.
    mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let count = recv(descriptor, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    /// The request line and headers, without the blank line that ends them.
    mutating func readHead() -> String? {
        let separator = Data("\r\n\r\n".utf8)
        while true {
            if let range = buffer.range(of: separator) {
                let head = buffer[buffer.startIndex..<range.lowerBound]
                buffer = Data(buffer[range.upperBound...])
                return String(decoding: head, as: UTF8.self)
            }
            if buffer.count > 1_048_576 || !fill() { return nil }
        }
    }

    mutating func read(count: Int) -> Data {
        while buffer.count < count {
            if !fill() { break }
        }
        let taken = Data(buffer.prefix(count))
        buffer = Data(buffer.dropFirst(count))
        return taken
    }

    mutating func readLine() -> String? {
        let separator = Data("\r\n".utf8)
        while true {
            if let range = buffer.range(of: separator) {
                let line = String(decoding: buffer[buffer.startIndex..<range.lowerBound], as: UTF8.self)
                buffer = Data(buffer[range.upperBound...])
                return line
            }
            if !fill() { return nil }
        }
    }

    mutating func readChunked() -> Data {
        var body = Data()
        while let line = readLine() {
            let sizeText = line.split(separator: ";").first.map(String.init) ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { break }
            if size == 0 {
                // Trailer fields, then the final blank line.
                while let trailer = readLine(), !trailer.isEmpty {}
                break
            }
            body.append(read(count: size))
            _ = readLine()
        }
        return body
    }
}

#if canImport(Glibc)
private let SOCK_STREAM_VALUE = SOCK_STREAM.rawValue
private let MSG_NOSIGNAL_VALUE = MSG_NOSIGNAL
#else
private let SOCK_STREAM_VALUE = SOCK_STREAM
private let MSG_NOSIGNAL_VALUE: Int32 = 0
#endif
