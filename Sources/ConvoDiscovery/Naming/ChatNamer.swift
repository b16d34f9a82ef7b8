import ConvoBase
import ConvoIntents
import ConvoLLM

/// Asks the configured chat model (`llm:` in `.convo/config.yaml`) for a new intent's title and
/// kind, from its keywords and redacted exemplars only (no raw transcript leaves the machine).
/// The slug stays rule-made from the keywords, so ids never depend on a model's wording.
public struct ChatNamer: Sendable {
    public let client: ChatClient
    public let redactor: Redactor

    public init(client: ChatClient, redactor: Redactor) {
        self.client = client
        self.redactor = redactor
    }

    public struct Answer: Sendable, Hashable {
        public var title: String
        public var kind: IntentKind
    }

    static let instructions = """
        You name groups of customer-support conversations for the team that maintains the support agent. \
        Reply with one JSON object and nothing else: {"title": "...", "kind": "..."}. \
        title: what these users want, in at most 8 words, sentence case, no quotes. \
        kind: one of \(IntentKind.allowedList): \
        bug-report (something is broken), feature-request (asks for something the product lacks), \
        churn-risk (wants to cancel, downgrade or leave), setup-friction (stuck while getting started), \
        pricing-confusion (unsure what they pay or why), other.
        """

    /// The model's title and kind.
    /// - Throws: `ChatError` when the endpoint fails or its reply is not the JSON asked for.
    public func name(keywords: [String], exemplars: [String], conversations: Int) async throws -> Answer {
        let examples = exemplars.map { "- " + redactor.redact($0) }.joined(separator: "\n")
        let prompt = """
            \(conversations) conversations. Keywords: \(keywords.joined(separator: ", ")).
            Typical first messages:
            \(examples)
            """
        let reply = try await client.complete([ChatMessage(role: "system", content: ChatNamer.instructions),
                                               ChatMessage(role: "user", content: prompt)])
        return try ChatNamer.parse(reply)
    }

    /// Reads `{"title", "kind"}` from a reply, tolerating prose or a code fence around it.
    static func parse(_ reply: String) throws(ChatError) -> Answer {
        guard let open = reply.firstIndex(of: "{"), let close = reply.lastIndex(of: "}"), open < close,
              let json = try? JSONParser.parse(String(reply[open...close])) else {
            throw ChatError("the chat model's naming reply holds no JSON object", hints: ["check llm.model in .convo/config.yaml"])
        }
        guard let kindText = json["kind"]?.stringValue?.trimmingCharacters(in: .whitespaces).lowercased(),
              let kind = IntentKind(rawValue: kindText) else {
            throw ChatError("the chat model named no valid kind (\(IntentKind.allowedList))")
        }
        let title = (json["title"]?.stringValue ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !title.isEmpty, title.count <= 80 else {
            throw ChatError("the chat model's title is empty or longer than 80 characters")
        }
        return Answer(title: title, kind: kind)
    }
}
