import ConvoBase
@testable import ConvoCluster
import Foundation
import Testing

@Suite struct OpenAIEmbeddingClientTests {
    private func configuration(_ server: EmbeddingsServer, model: String = "ok", key: String? = "sekret") -> OpenAIEmbeddingClient.Configuration {
        var configuration = OpenAIEmbeddingClient.Configuration(baseURL: server.baseURL, model: model, apiKey: key)
        configuration.batchSize = 2
        configuration.initialBackoff = .milliseconds(10)
        configuration.maxRetries = 2
        return configuration
    }

    @Test func embedsInBatchesAndKeepsInputOrder() async throws {
        let server = try EmbeddingsServer()
        let client = try await OpenAIEmbeddingClient.connect(configuration(server))
        #expect(client.dimension == 8)
        let texts = ["where is my card", "refund please", "", "webhook not firing", "reset password"]
        let vectors = try await client.embed(texts)
        #expect(vectors.count == 5)
        for (text, vector) in zip(texts, vectors) {
            let expected = EmbeddingsServer.expectedVector(text.isEmpty ? " " : text)
            #expect(zip(vector, expected).allSatisfy { abs($0 - $1) < 1e-5 }, "\(text)")
        }
        let requests = try server.requests()
        // The probe, then batches of 2, 2 and 1.
        #expect(requests.count == 4)
        #expect(requests.compactMap { ($0["input"] as? [String])?.count } == [1, 2, 2, 1])
        #expect(requests.allSatisfy { ($0["problems"] as? [String]) == [] })
        #expect(requests.allSatisfy { $0["path"] as? String == "/v1/embeddings" && $0["auth"] as? String == "Bearer sekret" })
        #expect(requests.allSatisfy { $0["model"] as? String == "ok" && $0["encoding_format"] as? String == "float" })
        #expect(requests[2]["input"] as? [String] == [" ", "webhook not firing"])
    }

    @Test func retriesRateLimitsAndServerErrors() async throws {
        let server = try EmbeddingsServer()
        let limited = OpenAIEmbeddingClient(configuration: configuration(server, model: "flaky-429"), dimension: 8)
        #expect(try await limited.embed(["a"]).count == 1)
        let busy = OpenAIEmbeddingClient(configuration: configuration(server, model: "flaky-503"), dimension: 8)
        #expect(try await busy.embed(["b"]).count == 1)
        let models = try server.requests().compactMap { $0["model"] as? String }
        #expect(models == ["flaky-429", "flaky-429", "flaky-503", "flaky-503", "flaky-503"])
    }

    @Test func givesUpAfterTheRetryBudget() async throws {
        let server = try EmbeddingsServer()
        let client = OpenAIEmbeddingClient(configuration: configuration(server, model: "always-500"), dimension: 8)
        await #expect(throws: EmbeddingError.httpStatus(url: "\(server.baseURL.absoluteString)/embeddings", status: 500, detail: "model crashed")) {
            _ = try await client.embed(["a"])
        }
        #expect(try server.requests().count == 3)
    }

    @Test func aWrongKeyFailsAtOnceWithAHint() async throws {
        let server = try EmbeddingsServer()
        let client = OpenAIEmbeddingClient(configuration: configuration(server, key: "wrong"), dimension: 8)
        do {
            _ = try await client.embed(["a"])
            Issue.record("expected an error")
        } catch let error as EmbeddingError {
            #expect(error.message.contains("HTTP 401: Incorrect API key provided"))
            #expect(error.hints.contains { $0.contains("api_key_env") })
        }
        #expect(try server.requests().count == 1)
    }

    @Test func malformedAnswersAreReported() async throws {
        let server = try EmbeddingsServer()
        for model in ["not-json", "too-few"] {
            let client = OpenAIEmbeddingClient(configuration: configuration(server, model: model), dimension: 8)
            await #expect {
                _ = try await client.embed(["a", "b"])
            } throws: { error in
                guard case .badResponse = error as? EmbeddingError else { return false }
                return true
            }
        }
    }

    @Test func anUnreachableServerIsReported() async throws {
        let server = try EmbeddingsServer()
        let url = server.baseURL
        server.stop()
        var settings = OpenAIEmbeddingClient.Configuration(baseURL: url, model: "ok")
        settings.maxRetries = 1
        settings.initialBackoff = .milliseconds(10)
        let client = OpenAIEmbeddingClient(configuration: settings, dimension: 8)
        await #expect {
            _ = try await client.embed(["a"])
        } throws: { error in
            guard case .unreachable = error as? EmbeddingError else { return false }
            return true
        }
    }

    @Test func configurationComesFromTheConfigAndEnvironment() throws {
        var settings = EmbeddingSettings()
        settings.provider = .openai
        #expect(throws: EmbeddingError.invalidSetting(key: "base_url", problem: "is required for provider openai")) {
            _ = try OpenAIEmbeddingClient.Configuration(settings: settings, environment: [:])
        }
        settings.baseURL = "ftp://example/v1"
        #expect(throws: EmbeddingError.self) { _ = try OpenAIEmbeddingClient.Configuration(settings: settings, environment: [:]) }
        settings.baseURL = "http://127.0.0.1:11434/v1"
        #expect(throws: EmbeddingError.invalidSetting(key: "model", problem: "is required for provider openai")) {
            _ = try OpenAIEmbeddingClient.Configuration(settings: settings, environment: [:])
        }
        settings.model = "nomic-embed-text"
        settings.apiKeyEnv = "CONVO_TEST_EMBED_KEY"
        #expect(throws: EmbeddingError.missingAPIKey(variable: "CONVO_TEST_EMBED_KEY")) {
            _ = try OpenAIEmbeddingClient.Configuration(settings: settings, environment: [:])
        }
        let configuration = try OpenAIEmbeddingClient.Configuration(settings: settings, environment: ["CONVO_TEST_EMBED_KEY": "k"])
        #expect(configuration.apiKey == "k")
        #expect(configuration.model == "nomic-embed-text")
        #expect(configuration.baseURL.absoluteString == "http://127.0.0.1:11434/v1")
    }

    @Test func theConfiguredSourceIsBuiltinByDefault() async throws {
        guard case .builtin = try await EmbeddingSource.configured(EmbeddingSettings(), environment: [:]) else {
            Issue.record("expected the built-in representation")
            return
        }
        var local = EmbeddingSettings()
        local.provider = .local
        local.model = "/models/minilm"
        await #expect(throws: EmbeddingError.self) { _ = try await EmbeddingSource.configured(local, environment: [:]) }
    }
}
