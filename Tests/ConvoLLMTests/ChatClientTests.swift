import ConvoBase
import ConvoLLM
import ConvoTestSupport
import Foundation
import Testing

@Suite("Chat client")
struct ChatClientTests {
    func completion(_ content: String) -> CannedResponse {
        .json(200, JSONValue.object(["choices": .array([.object(["message": .object(["role": .string("assistant"),
                                                                                       "content": .string(content)])])])]).jsonText)
    }

    @Test func sendsTheChatCompletionsShapeAndReadsTheReply() async throws {
        let server = try LoopbackHTTPServer(responses: [
            completion("hello"),
            .json(400, #"{"error": {"message": "model 'x' not found"}}"#),
            .json(200, #"{"choices": []}"#),
        ])
        let client = ChatClient(baseURL: server.baseURL + "/v1/", model: "x", apiKey: nil)
        let reply = try await client.complete([ChatMessage(role: "user", content: "hi")])
        #expect(reply == "hello")
        let request = try #require(server.requests.first)
        #expect(request.path == "/v1/chat/completions")
        #expect(request.header("Authorization") == nil, "no key, no header")
        #expect(try JSONParser.parse(request.bodyText) == .object([
            "model": .string("x"), "temperature": .int(0),
            "messages": .array([.object(["role": .string("user"), "content": .string("hi")])]),
        ]))
        await #expect { _ = try await client.complete([]) } throws: { ($0 as? ChatError)?.message == "the chat endpoint answered 400: model 'x' not found" }
        await #expect { _ = try await client.complete([]) } throws: { ($0 as? ChatError)?.message.contains("no choices[0].message.content") == true }
    }

    @Test func theConfigDecidesWhetherThereIsAClient() throws {
        var config = ConvoConfig()
        #expect { try ChatClient.configured(config, environment: [:]) } throws: { ($0 as? ChatError)?.exitStatus == .usage }
        config.llm = LLMSettings(baseURL: "http://127.0.0.1:1/v1", model: "m", apiKeyEnv: "KEY")
        #expect { try ChatClient.configured(config, environment: [:]) } throws: { ($0 as? ChatError)?.message.contains("KEY") == true }
        #expect(try ChatClient.configured(config, environment: ["KEY": "secret"]).apiKey == "secret")
    }

}
