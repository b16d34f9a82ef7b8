public import ConvoBase
public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An HTTP request as the API clients build it.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    /// In the order they are sent.
    public var headers: [(name: String, value: String)]
    public var body: Data?

    public init(method: String, url: URL, headers: [(name: String, value: String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// A response, read whole: the APIs convo calls answer with small JSON documents.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var body: Data

    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }

    /// The body as JSON, or nil when it is not JSON.
    public var json: JSONValue? { try? JSONParser.parse(Array(body)) }
}

/// Sends requests; the API clients take one so tests can point them anywhere.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse
}

/// The network could not be reached, or the answer could not be read.
public struct HTTPError: UserFacingError {
    public var message: String
    public var hints: [String]

    public init(_ message: String, hints: [String] = []) {
        self.message = message
        self.hints = hints
    }
}

/// `URLSession` (libcurl on Linux), which honours the usual proxy variables and the system's
/// certificates.
public struct URLSessionTransport: HTTPTransport {
    /// Seconds to wait for an answer; chat models can take a while to write a section.
    public var timeout: TimeInterval

    public init(timeout: TimeInterval = 120) {
        self.timeout = timeout
    }

    public func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        do {
            let (data, response) = try await session.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else {
                throw HTTPError("\(request.method) \(request.url.absoluteString) gave no HTTP response")
            }
            return HTTPResponse(status: http.statusCode, body: data)
        } catch let error as HTTPError {
            throw error
        } catch {
            throw HTTPError("cannot reach \(request.url.absoluteString): \(error.localizedDescription)",
                            hints: ["check the URL, the network and any proxy settings (https_proxy, no_proxy)"])
        }
    }
}

extension JSONValue {
    /// The request body as compact JSON with sorted keys.
    var requestBody: Data { Data(jsonText.utf8) }
}
