import ConvoAgnost
import ConvoBase
import ConvoModel
import ConvoStore
import Testing

@Suite struct AgnostPayloadTests {
    let now = Timestamp(millisecondsSinceEpoch: 1_800_000_000_000)

    @Test("events: double-encoded args/result, ASCII-escaped surrogates, \"\" as absent, delta part keyed by event_id")
    func event() throws {
        let body = #"{"event_id":"e-1","session_id":"conv-42","primitive_type":"","primitive_name":"billing-agent","latency":7137,"success":true,"args":"\"merci \\ud83d\\ude4f\"","result":"{\"format\": \"csv\"}","metadata":{"turn":"0","model":"gpt-4o-mini","event_type":""}}"#
        let part = try AgnostPayload.part(try JSONParser.parse(body), kind: .event, receivedAt: now)
        #expect(part.mode == .delta)
        #expect(part.partID == "e-1")
        let c = part.conversation
        #expect(c.id == "conv-42")
        #expect(c.agent == "billing-agent")
        #expect(c.turns.map(\.content) == ["merci 🙏", #"{"format":"csv"}"#])
        #expect(c.turns.map(\.role) == [.user, .assistant])
        #expect(c.turns.last?.latencyMs == 7137)
        #expect(c.turns.allSatisfy { $0.timestamp == now })
        #expect(c.metadata["model"] == .string("gpt-4o-mini"))

        let empty = try AgnostPayload.event(try JSONParser.parse(#"{"session_id":"s","args":"","result":"\"only output\""}"#), receivedAt: now)
        #expect(empty.turns.map(\.role) == [.assistant])
    }

    @Test("sessions: identify traits become user facts, the rest metadata")
    func session() throws {
        let body = #"{"session_id":"conv-42","client_config":"conversation_sdk","connection_type":"sdk","ip":"","user_data":{"user_id":"user_123","plan":"pro","account_age_days":412,"name":"Ana"}}"#
        let c = try AgnostPayload.part(try JSONParser.parse(body), kind: .session, receivedAt: now).conversation
        #expect(c.user == UserInfo(id: "user_123", plan: "pro", accountAgeDays: 412))
        #expect(c.metadata == ["user.name": .string("Ana")])
        #expect(c.turns.isEmpty)
    }

    @Test("bad payloads name the field", arguments: [
        (#"[]"#, ""), (#"{"args":"\"x\""}"#, "session_id"), (#"{"session_id":""}"#, "session_id"), (#"{"session_id":3.5}"#, "session_id"),
        (#"{"session_id":"s","user_data":"pro"}"#, "user_data"), (#"{"session_id":"s","user_data":{"account_age_days":"old"}}"#, "user_data.account_age_days"),
    ])
    func badPayloads(body: String, field: String) throws {
        let value = try JSONParser.parse(body)
        let kind: AgnostPayload.Kind = body.contains("user_data") ? .session : .event
        #expect { try AgnostPayload.part(value, kind: kind, receivedAt: now) } throws: { error in
            (error as? AgnostPayloadError)?.field == field
        }
    }

    @Test("payload kind detection for dump files")
    func kinds() throws {
        #expect(AgnostPayload.kind(of: try JSONParser.parse(#"{"session_id":"a","user_data":{}}"#)) == .session)
        #expect(AgnostPayload.kind(of: try JSONParser.parse(#"{"session_id":"a","event_id":"e"}"#)) == .event)
        #expect(AgnostPayload.kind(of: try JSONParser.parse(#"{"x":1}"#)) == nil)
    }
}
