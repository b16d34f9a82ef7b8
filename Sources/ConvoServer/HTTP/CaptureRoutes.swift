import ConvoAgnost
import ConvoBase
import ConvoIngest
import ConvoModel
import ConvoOTLP
import ConvoStore
import Hummingbird
import NIOCore

/// The capture endpoints. Every handler checks the token first, then the content type, then
/// reads the body within the size limit, decodes it, and answers only after the store has
/// committed what it could use.
struct CaptureRoutes: Sendable {
    let ingestor: CaptureIngestor
    let tokens: TokenCheck
    let maxBodyBytes: Int

    static let capturePaths = ["/v1/traces", "/v1/logs", "/v1/conversations", "/api/v1/capture-session", "/api/v1/capture-event"]

    func register(on router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.post("/v1/traces") { request, _ in await otlp(request, signal: .traces) }
        router.post("/v1/logs") { request, _ in await otlp(request, signal: .logs) }
        router.post("/v1/conversations") { request, _ in await conversations(request) }
        router.post("/api/v1/capture-session") { request, _ in await agnost(request, kind: .session) }
        router.post("/api/v1/capture-event") { request, _ in await agnost(request, kind: .event) }
        for path in Self.capturePaths {
            for method in [HTTPRequest.Method.get, .put, .delete, .patch] {
                router.on(RouterPath(path), method: method) { _, _ in
                    var response = Self.jsonError(.methodNotAllowed, "\(path) accepts POST only")
                    response.headers[.allow] = "POST"
                    return response
                }
            }
        }
    }

    // MARK: OTLP

    enum Signal: String {
        case traces
        case logs
    }

    func otlp(_ request: Request, signal: Signal) async -> Response {
        let endpoint = "/v1/\(signal.rawValue)"
        let contentType = request.headers[.contentType] ?? ""
        // Errors are answered in the request's encoding; JSON when it named none we know.
        let encoding = OTLPEncoding(contentType: contentType)
        let replyEncoding = encoding ?? .json
        func failure(_ error: CaptureRequestError) -> Response {
            var response = Self.bytes(OTLPResponse.status(httpStatus: Int(error.status.code), message: error.message, encoding: replyEncoding),
                                      status: error.status, contentType: replyEncoding.contentType)
            if let seconds = error.retryAfter { response.headers[.retryAfter] = String(seconds) }
            return response
        }
        if let refusal = authorize(tokens.bearer(request.headers[.authorization]), scheme: "Authorization: Bearer <token>") {
            return failure(refusal)
        }
        guard let encoding else {
            return failure(CaptureRequestError(.unsupportedMediaType,
                                               "Content-Type '\(contentType)' is not OTLP; send application/x-protobuf or application/json"))
        }
        do throws(CaptureRequestError) {
            let body = try await BodyReader.read(request, limit: maxBodyBytes)
            let batch: TelemetryBatch
            do {
                batch = signal == .traces ? try OTLPDecoder.decodeTraces(body, encoding: encoding) : try OTLPDecoder.decodeLogs(body, encoding: encoding)
            } catch {
                await ingestor.noteRejected(endpoint: endpoint, reason: error.message, record: body)
                throw CaptureRequestError(.badRequest, error.message)
            }
            // Reading content and building fragments run here, concurrently; only placing the
            // records (the assembler's state) and the store transaction are serialized.
            let prepared = GenAIAssembler.prepare(batch)
            let work = try await commit { try await ingestor.assemble(prepared) }
            let result = work.build()
            let rejected = result.rejected
            await ingestor.noteRejected(rejected, endpoint: endpoint)
            if !result.conversations.isEmpty {
                _ = try await commit { try await ingestor.ingest(result.conversations.map { ConversationPart($0) }) }
            }
            let message = rejected.isEmpty ? nil : Self.summary(of: rejected.map(\.description))
            let responseBody = signal == .traces
                ? OTLPResponse.traces(rejected: rejected.count, message: message, encoding: encoding)
                : OTLPResponse.logs(rejected: rejected.count, message: message, encoding: encoding)
            return Self.bytes(responseBody, status: .ok, contentType: encoding.contentType)
        } catch {
            return failure(error)
        }
    }

    // MARK: convo JSON

    func conversations(_ request: Request) async -> Response {
        if let refusal = authorize(tokens.bearer(request.headers[.authorization]), scheme: "Authorization: Bearer <token>") {
            return Self.jsonError(refusal)
        }
        let contentType = (request.headers[.contentType] ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard Self.conversationContentTypes.contains(contentType) else {
            return Self.jsonError(.unsupportedMediaType, "Content-Type '\(contentType)' is not accepted; send application/json (one conversation or an array) or application/x-ndjson (one per line)")
        }
        do {
            let body = try await BodyReader.read(request, limit: maxBodyBytes)
            // The reader `convo ingest` uses: one object, an array or NDJSON, bad records by line.
            // The body limit is the only size limit: one conversation may fill the whole body.
            var options = IngestOptions()
            options.maxRecordBytes = maxBodyBytes
            let contents = Ingestor.read(body: body, as: ConvoJSONLFormat(), source: "/v1/conversations", options: options)
            await ingestor.noteRejected(contents.rejections)
            if let unusable = contents.unusable {
                await ingestor.noteRejected(endpoint: "/v1/conversations", reason: unusable.message, record: body)
                return Self.json(status: .badRequest, Self.conversationsReport(summary: nil, contents: contents, message: unusable.message))
            }
            if contents.parts.isEmpty {
                let message = contents.rejections.isEmpty ? "the body holds no conversation" : "no conversation could be read"
                return Self.json(status: .badRequest, Self.conversationsReport(summary: nil, contents: contents, message: message))
            }
            let summary = try await commit { try await ingestor.ingest(contents.parts) }
            return Self.json(status: .ok, Self.conversationsReport(summary: summary, contents: contents, message: nil))
        } catch {
            return Self.jsonError(error)
        }
    }

    static let conversationContentTypes: Set<String> = [
        "application/json", "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines",
    ]

    /// `{"ingested": …, "merged": …, "unchanged": …, "rejected": N, "errors": [{"line", "message"}]}`, plus
    /// `"error": {"message"}` when nothing could be stored.
    static func conversationsReport(summary: MergeSummary?, contents: BodyContents, message: String?) -> JSONValue {
        var object: [String: JSONValue] = [
            "rejected": .int(Int64(contents.rejections.count)),
            "errors": .array(contents.rejections.prefix(100).map { rejection in
                .object(["line": .int(Int64(rejection.location.line ?? 1)), "message": .string(rejection.error.description)])
            }),
        ]
        if let summary {
            object["ingested"] = .int(Int64(summary.ingested))
            object["merged"] = .int(Int64(summary.merged))
            object["unchanged"] = .int(Int64(summary.unchanged))
        }
        if let message { object["error"] = .object(["message": .string(message)]) }
        return .object(object)
    }

    // MARK: Agnost

    func agnost(_ request: Request, kind: AgnostPayload.Kind) async -> Response {
        if let refusal = authorize(tokens.orgID(request.headers.first { $0.name.canonicalName == "x-org-id" }?.value), scheme: "X-Org-Id: <token>") {
            return Self.jsonError(refusal)
        }
        let contentType = (request.headers[.contentType] ?? "application/json").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard contentType == "application/json" else {
            return Self.jsonError(.unsupportedMediaType, "Content-Type '\(contentType)' is not accepted; the Agnost endpoints take application/json")
        }
        let endpoint = "/api/v1/\(kind.rawValue)"
        do {
            let body = try await BodyReader.read(request, limit: maxBodyBytes)
            let part: ConversationPart
            do {
                let value = try JSONParser.parse(body)
                part = try AgnostPayload.part(value, kind: kind, receivedAt: await ingestor.receiveTime())
            } catch let error as JSONParseError {
                await ingestor.noteRejected(endpoint: endpoint, reason: "not valid JSON: \(error)", record: body)
                throw CaptureRequestError(.badRequest, "the body is not valid JSON: \(error)")
            } catch let error as AgnostPayloadError {
                await ingestor.noteRejected(endpoint: endpoint, reason: error.description, record: body)
                throw CaptureRequestError(.badRequest, error.description)
            }
            _ = try await commit { try await ingestor.ingest([part]) }
            return Self.json(status: .ok, .object(["status": .string("ok")]))
        } catch {
            return Self.jsonError(error)
        }
    }

    // MARK: Shared

    func authorize(_ outcome: TokenCheck.Outcome, scheme: String) -> CaptureRequestError? {
        switch outcome {
        case .allowed: return nil
        case .missing: return CaptureRequestError(.unauthorized, "a capture token is required: send \(scheme)")
        case .wrong: return CaptureRequestError(.unauthorized, "the capture token is wrong; send \(scheme) with the value of the variable named by serve.token_env")
        }
    }

    /// Runs a store operation, mapping "try again later" to 503 with Retry-After.
    func commit<T>(_ operation: () async throws -> T) async throws(CaptureRequestError) -> T {
        do {
            return try await operation()
        } catch CaptureUnavailable.overloaded {
            throw CaptureRequestError(.serviceUnavailable, "the server is busy storing earlier requests; retry later", retryAfter: 1)
        } catch CaptureUnavailable.storeFailed(let detail) {
            throw CaptureRequestError(.serviceUnavailable, "the store could not commit the data (\(detail)); retry later", retryAfter: 5)
        } catch {
            throw CaptureRequestError(.internalServerError, "unexpected error: \(error)")
        }
    }

    static func summary(of reasons: [String]) -> String {
        let shown = reasons.prefix(5).joined(separator: "; ")
        return reasons.count > 5 ? "\(shown); and \(reasons.count - 5) more" : shown
    }

    static func bytes(_ body: [UInt8], status: HTTPResponse.Status, contentType: String) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func json(status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        var writer = JSONWriter()
        writer.value(value)
        var bytes = writer.bytes
        bytes.append(0x0A)
        return Self.bytes(bytes, status: status, contentType: "application/json")
    }

    static func jsonError(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(status: status, .object(["error": .object(["message": .string(message)])]))
    }

    static func jsonError(_ error: any Error) -> Response {
        let failure = error as? CaptureRequestError ?? CaptureRequestError(.internalServerError, "unexpected error: \(error)")
        var response = jsonError(failure.status, failure.message)
        if let seconds = failure.retryAfter { response.headers[.retryAfter] = String(seconds) }
        if failure.status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }
}
