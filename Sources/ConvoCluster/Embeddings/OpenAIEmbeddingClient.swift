import ConvoBase
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `TextEmbedder` for any server that speaks OpenAI's `POST /v1/embeddings` (OpenAI, Ollama,
/// vLLM, LM Studio, llama.cpp's server, …). Texts go in batches; rate limits (429) and server
/// errors (5xx) are retried with exponential backoff, honouring `Retry-After`.
public struct OpenAIEmbeddingClient: TextEmbedder {
    /// Where and how to call the server; build it from `.convo/config.yaml` with
    /// `init(settings:environment:)`.
    public struct Configuration: Sendable, Equatable {
        /// The API root, ending in `/v1`; requests go to `baseURL/embeddings`.
        public var baseURL: URL
        /// The embedding model's name as the server knows it (`text-embedding-3-small`, `nomic-embed-text`).
        public var model: String
        /// Sent as `Authorization: Bearer …` when present.
        public var apiKey: String?
        /// Texts per request.
        public var batchSize = 64
        /// Attempts after the first, for 429, 5xx and connection failures.
        public var maxRetries = 4
        /// Delay before the first retry; each later retry doubles it.
        public var initialBackoff: Duration = .milliseconds(500)
        /// Longest wait for one retry, whatever `Retry-After` asks for.
        public var maxBackoff: Duration = .seconds(30)
        public var requestTimeout: TimeInterval = 120

        public init(baseURL: URL, model: String, apiKey: String? = nil) {
            self.baseURL = baseURL
            self.model = model
            self.apiKey = apiKey
        }

        /// Reads `embeddings:` from the config: `base_url`, `model`, and the key from the
        /// environment variable named by `api_key_env`.
        public init(settings: EmbeddingSettings, environment: [String: String] = ProcessInfo.processInfo.environment) throws(EmbeddingError) {
            guard let base = settings.baseURL, !base.isEmpty else {
                throw .invalidSetting(key: "base_url", problem: "is required for provider openai")
            }
            guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
                throw .invalidSetting(key: "base_url", problem: "'\(base)' is not an http(s) URL")
            }
            guard let model = settings.model, !model.isEmpty else {
                throw .invalidSetting(key: "model", problem: "is required for provider openai")
            }
            var apiKey: String?
            if let variable = settings.apiKeyEnv, !variable.isEmpty {
                guard let value = environment[variable], !value.isEmpty else { throw .missingAPIKey(variable: variable) }
                apiKey = value
            }
            self.init(baseURL: url, model: model, apiKey: apiKey)
        }
    }

    public let configuration: Configuration
    /// Vector length, learnt by `connect` or given to `init(configuration:dimension:)`.
    public let dimension: Int
    private let session: URLSession

    /// Base URL and model: the key the embedding cache files vectors under.
    public var identifier: String { "openai:\(configuration.baseURL.absoluteString)#\(configuration.model)" }

    /// A client whose vector length is already known (e.g. from the embedding cache).
    public init(configuration: Configuration, dimension: Int) {
        self.configuration = configuration
        self.dimension = dimension
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.timeoutIntervalForRequest = configuration.requestTimeout
        session = URLSession(configuration: sessionConfiguration)
    }

    /// Connects and learns the vector length by embedding one short text.
    public static func connect(_ configuration: Configuration) async throws(EmbeddingError) -> OpenAIEmbeddingClient {
        let probe = OpenAIEmbeddingClient(configuration: configuration, dimension: 0)
        let vectors = try await probe.request(["dimension probe"])
        guard let first = vectors.first, !first.isEmpty else {
            throw .badResponse(url: probe.endpoint.absoluteString, problem: "the probe came back without a vector")
        }
        return OpenAIEmbeddingClient(configuration: configuration, dimension: first.count)
    }

    var endpoint: URL { configuration.baseURL.appendingPathComponent("embeddings") }

    /// Unit vectors for `texts`, in order, `configuration.batchSize` texts per request.
    /// - Throws: `EmbeddingError` once retries are exhausted or the answer is malformed.
    public func embed(_ texts: [String]) async throws -> [[Float]] {
        var output: [[Float]] = []
        output.reserveCapacity(texts.count)
        let size = max(1, configuration.batchSize)
        for start in stride(from: 0, to: texts.count, by: size) {
            let batch = Array(texts[start..<min(start + size, texts.count)])
            let vectors = try await request(batch)
            if dimension > 0, let wrong = vectors.first(where: { $0.count != dimension }) {
                throw EmbeddingError.badResponse(url: endpoint.absoluteString,
                                                 problem: "a vector has \(wrong.count) dimensions, expected \(dimension)")
            }
            output += vectors
        }
        return output
    }

    /// One batch, with retries. Returns unit vectors in input order.
    func request(_ texts: [String]) async throws(EmbeddingError) -> [[Float]] {
        let url = endpoint
        var body = JSONWriter()
        body.beginObject()
        body.key("model")
        body.string(configuration.model)
        body.key("input")
        body.beginArray()
        // OpenAI rejects empty strings; a single space embeds as "nothing said".
        for text in texts { body.string(text.isEmpty ? " " : text) }
        body.endArray()
        body.key("encoding_format")
        body.string("float")
        body.endObject()
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let key = configuration.apiKey { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        request.httpBody = Data(body.bytes)

        var attempt = 0
        while true {
            let delay: Duration
            do {
                let (data, response) = try await session.data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                if status == 200 { return try Self.parse(data, count: texts.count, url: url.absoluteString) }
                let transient = status == 429 || status == 408 || (500...599).contains(status)
                guard transient, attempt < configuration.maxRetries else {
                    throw EmbeddingError.httpStatus(url: url.absoluteString, status: status, detail: Self.errorDetail(data))
                }
                delay = backoff(attempt: attempt, retryAfter: (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Retry-After"))
            } catch let error as EmbeddingError {
                throw error
            } catch {
                guard attempt < configuration.maxRetries else {
                    throw .unreachable(url: url.absoluteString, reason: error.localizedDescription)
                }
                delay = backoff(attempt: attempt, retryAfter: nil)
            }
            attempt += 1
            do { try await Task.sleep(for: delay) } catch { throw .unreachable(url: url.absoluteString, reason: "cancelled") }
        }
    }

    private func backoff(attempt: Int, retryAfter: String?) -> Duration {
        var delay = configuration.initialBackoff * (1 << min(attempt, 16))
        if let retryAfter, let seconds = Double(retryAfter.trimmingCharacters(in: .whitespaces)), seconds >= 0 {
            delay = .milliseconds(Int(seconds * 1000))
        }
        return min(delay, configuration.maxBackoff)
    }

    /// `{"data": [{"index": i, "embedding": [...]}, ...]}`, in any order; vectors are scaled to
    /// unit length because some servers do not normalise.
    static func parse(_ data: Data, count: Int, url: String) throws(EmbeddingError) -> [[Float]] {
        let value: JSONValue
        do { value = try JSONParser.parse(Array(data)) } catch { throw .badResponse(url: url, problem: "not JSON (\(error))") }
        guard let items = value["data"]?.arrayValue else { throw .badResponse(url: url, problem: "no \"data\" array") }
        guard items.count == count else {
            throw .badResponse(url: url, problem: "\(items.count) embeddings for \(count) texts")
        }
        var vectors = [[Float]?](repeating: nil, count: count)
        for (position, item) in items.enumerated() {
            let index = item["index"]?.intValue.map(Int.init) ?? position
            guard vectors.indices.contains(index), vectors[index] == nil else {
                throw .badResponse(url: url, problem: "embedding index \(index) is out of range or repeated")
            }
            guard let numbers = item["embedding"]?.arrayValue, !numbers.isEmpty else {
                throw .badResponse(url: url, problem: "embedding \(index) is missing or not a list of numbers (base64 is not supported)")
            }
            var vector: [Float] = []
            vector.reserveCapacity(numbers.count)
            for number in numbers {
                guard let double = number.doubleValue, double.isFinite else {
                    throw .badResponse(url: url, problem: "embedding \(index) holds a non-number")
                }
                vector.append(Float(double))
            }
            if let first = vectors.compactMap({ $0 }).first, first.count != vector.count {
                throw .badResponse(url: url, problem: "embeddings of different lengths (\(first.count) and \(vector.count))")
            }
            let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            vectors[index] = norm > 0 ? vector.map { $0 / norm } : vector
        }
        return vectors.compactMap { $0 }
    }

    /// The `error.message` of an OpenAI-style error body, or the start of whatever came back.
    private static func errorDetail(_ data: Data) -> String {
        if let value = try? JSONParser.parse(Array(data)),
           let message = value["error"]?["message"]?.stringValue ?? value["error"]?.stringValue {
            return message
        }
        let text = String(decoding: data.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text
    }
}
