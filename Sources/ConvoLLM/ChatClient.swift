public import ConvoBase
import Foundation

/// One message of a chat-completions conversation.
public struct ChatMessage: Sendable, Hashable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}

/// An OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, vLLM, llama.cpp's server…):
/// `POST {base_url}/chat/completions`, the reply in `choices[0].message.content`.
public struct ChatClient: Sendable {
    /// The API's base URL, e.g. `http://127.0.0.1:11434/v1`.
    public var baseURL: String
    public var model: String
    /// Sent as a bearer token when set (local servers usually need none).
    public var apiKey: String?
    public var transport: any HTTPTransport

    public init(baseURL: String, model: String, apiKey: String?, transport: any HTTPTransport = URLSessionTransport()) {
        var baseURL = baseURL
        while baseURL.hasSuffix("/") { baseURL.removeLast() }
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.transport = transport
    }

    /// The client the config describes, or a usage error saying how to configure one (for
    /// commands that cannot work without a chat model, such as `propose --draft`).
    /// - Parameter environment: where the variable `llm.api_key_env` names is read.
    public static func configured(_ config: ConvoConfig, environment: [String: String],
                                  transport: any HTTPTransport = URLSessionTransport()) throws(ChatError) -> ChatClient {
        guard let llm = config.llm else {
            throw ChatError("no chat model is configured, so --draft cannot write an edit", exitStatus: .usage, hints: [
                "add an OpenAI-compatible endpoint to .convo/config.yaml, e.g.\n  llm:\n    base_url: http://127.0.0.1:11434/v1\n"
                    + "    model: llama3.1\n    api_key_env: OPENAI_API_KEY   # the variable's name, not the key",
                "or edit the sections yourself and run `convo propose` without --draft",
            ])
        }
        return try configured(llm, environment: environment, transport: transport)
    }

    /// The client for an `llm:` block.
    /// - Throws: a usage error when `api_key_env` names a variable that is not set.
    public static func configured(_ llm: LLMSettings, environment: [String: String],
                                  transport: any HTTPTransport = URLSessionTransport()) throws(ChatError) -> ChatClient {
        var key: String?
        if let variable = llm.apiKeyEnv, !variable.isEmpty {
            guard let value = environment[variable], !value.isEmpty else {
                throw ChatError("llm.api_key_env names \(variable), which is not set", exitStatus: .usage,
                                hints: ["export \(variable)=… with the API key, or remove api_key_env for a server that needs none"])
            }
            key = value
        }
        return ChatClient(baseURL: llm.baseURL, model: llm.model, apiKey: key, transport: transport)
    }

    /// Sends the messages and returns the model's reply.
    /// - Throws: `ChatError` for an HTTP error status or a reply not in the chat-completions shape.
    public func complete(_ messages: [ChatMessage]) async throws -> String {
        guard let url = URL(string: baseURL + "/chat/completions"), url.scheme == "http" || url.scheme == "https" else {
            throw ChatError("llm.base_url '\(baseURL)' is not an http(s) URL", exitStatus: .usage,
                            hints: ["set llm.base_url in .convo/config.yaml to the API's base, e.g. https://api.openai.com/v1"])
        }
        let body: JSONValue = .object([
            "model": .string(model),
            "temperature": .int(0),
            "messages": .array(messages.map { .object(["role": .string($0.role), "content": .string($0.content)]) }),
        ])
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json"), ("Accept", "application/json")]
        if let apiKey { headers.append(("Authorization", "Bearer \(apiKey)")) }
        let response = try await transport.send(HTTPRequest(method: "POST", url: url, headers: headers, body: body.requestBody))
        let json = response.json
        guard (200..<300).contains(response.status) else {
            let said = json?["error"]?["message"]?.stringValue ?? json?["error"]?.stringValue
                ?? String(decoding: response.body.prefix(200), as: UTF8.self)
            throw ChatError("the chat endpoint answered \(response.status): \(said)",
                            hints: response.status == 401 || response.status == 403
                                ? ["check the API key in the variable llm.api_key_env names"]
                                : ["check llm.base_url and llm.model in .convo/config.yaml"])
        }
        guard let content = json?["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue else {
            throw ChatError("the chat endpoint's reply has no choices[0].message.content",
                            hints: ["llm.base_url must point at an OpenAI-compatible API (…/v1)"])
        }
        return content
    }
}

/// The chat model is not configured, not reachable, or answered something convo cannot use.
public struct ChatError: UserFacingError {
    public var message: String
    public var hints: [String]
    public var exitStatus: ExitStatus

    public init(_ message: String, exitStatus: ExitStatus = .finding, hints: [String] = []) {
        self.message = message
        self.exitStatus = exitStatus
        self.hints = hints
    }
}
