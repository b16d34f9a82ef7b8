import ConvoBase
import ConvoModel
import Testing

@Suite struct ConversationJSONTests {
    let designExample = #"""
        {"id": "c_8f2a", "started_at": "2026-11-20T10:02:11Z", "agent": "support",
         "user": {"id": "u_17", "account": "acme", "plan": "trial", "account_age_days": 2},
         "metadata": {"feature": "webhooks"},
         "turns": [
           {"role": "user", "content": "why is my webhook not firing", "ts": "2026-11-20T10:02:11Z"},
           {"role": "assistant", "content": "Check that your endpoint returns 200…", "latency_ms": 1400},
           {"role": "tool", "name": "search_docs", "content": "…"}]}
        """#

    @Test func decodesTheDesignExampleAndRoundTrips() throws {
        let conversation = try ConversationJSON.decode(try JSONParser.parse(designExample))
        #expect(conversation.id == "c_8f2a")
        #expect(conversation.user == UserInfo(id: "u_17", account: "acme", plan: "trial", accountAgeDays: 2))
        #expect(conversation.turns.map(\.role) == [.user, .assistant, .tool])
        #expect(conversation.turns[1].latencyMs == 1400)
        #expect(conversation.turns[2].name == "search_docs")
        let line = ConversationJSON.encode(conversation)
        #expect(try ConversationJSON.decode(try JSONParser.parse(line)) == conversation)
        #expect(line.hasPrefix(#"{"id":"c_8f2a","started_at":"2026-11-20T10:02:11Z","agent":"support","user":{"id":"u_17""#))
    }

    @Test(arguments: [
        (#"{"turns": []}"#, "id"),
        (#"{"id": "", "turns": []}"#, "id"),
        (#"{"id": "a"}"#, "turns"),
        (#"{"id": "a", "turns": {}}"#, "turns"),
        (#"{"id": "a", "turns": [{"content": "x"}]}"#, "turns[0].role"),
        (#"{"id": "a", "turns": [{"role": "wizard", "content": "x"}]}"#, "turns[0].role"),
        (#"{"id": "a", "turns": [{"role": "user", "content": 5}]}"#, "turns[0].content"),
        (#"{"id": "a", "started_at": "yesterday", "turns": []}"#, "started_at"),
        (#"{"id": "a", "user": {"account_age_days": "two"}, "turns": []}"#, "user.account_age_days"),
        (#"{"id": "a", "turns": [{"role": "assistant", "content": "x", "latency_ms": -4}]}"#, "turns[0].latency_ms"),
        (#"[1, 2]"#, ""),
    ])
    func namesTheFieldAtFault(text: String, field: String) throws {
        let value = try JSONParser.parse(text)
        #expect {
            try ConversationJSON.decode(value)
        } throws: { error in
            (error as? ConversationFormatError)?.field == field
        }
    }

    @Test func normalisesRoleNames() {
        #expect(Role(normalizing: "developer") == .system)
        #expect(Role(normalizing: "Human") == .user)
        #expect(Role(normalizing: "model") == .assistant)
        #expect(Role(normalizing: "function") == .tool)
        #expect(Role(normalizing: "narrator") == nil)
    }
}
