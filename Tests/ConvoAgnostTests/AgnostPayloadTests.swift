import ConvoAgnost
import ConvoBase
import ConvoModel
import ConvoStore
import ConvoTestSupport
import Testing

/// The Agnost SDK payloads (agnost 0.1.13 wire forms, notes §Agnost) as the server and
/// `convo ingest` both map them. The dump recorded from the real SDK is read end to end in
/// ConvoIngestTests; the real SDK against `convo serve` in ConvoServerTests.
@Suite struct AgnostPayloadTests {
    let now = Timestamp(millisecondsSinceEpoch: 1_800_000_000_000)

    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

    @Test("events: double-encoded args/result, ASCII-escaped surrogates, \"\" as absent, delta part keyed by event_id")
    func event() throws {
        let body = #"{"event_id":"e-1","session_id":"conv-42","primitive_type":"","primitive_name":"billing-agent","latency":7137,"success":true,"args":"\"merci \\ud83d\\ude4f\"","result":"{\"format\": \"csv\"}","metadata":{"turn":"0","model":"gpt-4o-mini","event_type":""}}"#
        let part = try AgnostPayload.part(try parse(body), kind: .event, receivedAt: now)
        #expect(part.mode == .delta)
        #expect(part.partID == "e-1")
        let c = part.conversation
        #expect(c.id == "conv-42")
        #expect(c.agent == "billing-agent")
        #expect(c.turns.map(\.content) == ["merci 🙏", #"{"format":"csv"}"#])
        #expect(c.turns.map(\.role) == [.user, .assistant])
        #expect(c.turns.last?.latencyMs == 7137)
        // Both turns take the receive time: the protocol has no time of its own, and a question
        // dated `latency` earlier could sort before the previous event's answer.
        #expect(c.turns.allSatisfy { $0.timestamp == now })
        #expect(c.metadata == ["turn": .string("0"), "model": .string("gpt-4o-mini")], "the SDK's empty event_type is dropped")

        let empty = try AgnostPayload.event(try parse(#"{"session_id":"s","args":"","result":"\"only output\""}"#), receivedAt: now)
        #expect(empty.turns.map(\.role) == [.assistant])
    }

    @Test("an event is a delta part: kind detected, receive time kept, failure flagged, a wrong payload rejected")
    func eventPart() throws {
        let event = try parse(#"{"event_id": "e1", "session_id": "s", "primitive_name": "default", "latency": 500, "success": false, "args": "\"yes\"", "result": "\"ok\"", "metadata": {"event_type": "feedback"}}"#)
        #expect(AgnostPayload.kind(of: event) == .event)
        let part = try AgnostPayload.part(event, receivedAt: now)
        #expect(part.mode == .delta && part.partID == "e1")
        #expect(part.conversation.turns.map(\.timestamp) == [now, now])
        #expect(part.conversation.metadata == ["event_type": .string("feedback"), "had_error": .bool(true)])
        #expect { try AgnostPayload.part(.object(["event_id": .string("x")])) } throws: { error in
            (error as? AgnostPayloadError)?.field == "session_id"
        }
    }

    @Test("without a receive time (a dump), turns carry no time and keep the order they are read in")
    func noReceiveTime() throws {
        let event = try AgnostPayload.event(try parse(#"{"session_id":"s","args":"\"q\"","result":"\"a\"","latency":0}"#))
        #expect(event.turns.map(\.timestamp) == [nil, nil])
        #expect(event.turns.last?.latencyMs == nil, "latency 0 means not measured")
        #expect(event.startedAt == nil && event.endedAt == nil)
        #expect(try AgnostPayload.session(try parse(#"{"session_id":"s","user_data":{}}"#)).startedAt == nil)
    }

    @Test("args/result decoding", arguments: [
        (#""\"hello\"""#, "hello"), (#""{\"a\": [1, 2]}""#, #"{"a":[1,2]}"#), (#""plain text, not JSON""#, "plain text, not JSON"),
        (#""42""#, "42"), (#"{"not":"encoded"}"#, #"{"not":"encoded"}"#), (#"7"#, "7"),
    ])
    func decodedTwice(raw: String, text: String) throws {
        let c = try AgnostPayload.event(try parse(#"{"session_id":"s","args":"# + raw + "}"))
        #expect(c.turns.map(\.content) == [text])
    }

    @Test("absent args/result: \"\", \"null\", an encoded empty string, null", arguments: [#""""#, #""null""#, #""\"\"""#, "null"])
    func absent(raw: String) throws {
        let c = try AgnostPayload.event(try parse(#"{"session_id":"s","result":"\"a\"","args":"# + raw + "}"))
        #expect(c.turns.map(\.role) == [.assistant])
    }

    @Test("without an event_id, the content identifies the event: the same payload again is the same part")
    func eventWithoutID() throws {
        let body = #"{"session_id":"s","args":"\"q\"","result":"\"a\""}"#
        let first = try AgnostPayload.part(try parse(body), receivedAt: now)
        let again = try AgnostPayload.part(try parse(body), receivedAt: now.adding(milliseconds: 5))
        let other = try AgnostPayload.part(try parse(#"{"session_id":"s","args":"\"q2\"","result":"\"a\""}"#))
        #expect(first.partID?.hasPrefix("sha:") == true)
        #expect(first.partID == again.partID)
        #expect(first.partID != other.partID)
        #expect(try AgnostPayload.part(try parse(#"{"session_id":"s","event_id":"","args":"\"q\""}"#)).partID?.hasPrefix("sha:") == true)
        #expect(try AgnostPayload.part(try parse(#"{"session_id":"s","event_id":17,"args":"\"q\""}"#)).partID == "17")
    }

    @Test("sessions: identify traits become user facts, the rest user.* metadata")
    func session() throws {
        let body = #"{"session_id":"conv-42","client_config":"conversation_sdk","connection_type":"sdk","ip":"","user_data":{"user_id":"user_123","plan":"pro","account_age_days":412,"name":"Ana"}}"#
        let part = try AgnostPayload.part(try parse(body), kind: .session, receivedAt: now)
        #expect(part.mode == .history && part.partID == nil)
        let c = part.conversation
        #expect(c.user == UserInfo(id: "user_123", plan: "pro", accountAgeDays: 412))
        #expect(c.metadata == ["user.name": .string("Ana")])
        #expect(c.turns.isEmpty)
        #expect(c.startedAt == now)
    }

    @Test("trait aliases, numbers as ids and text as days; null and \"\" are absent; traits keep their JSON types")
    func traitAliases() throws {
        let body = #"{"session_id":"s","ip":"10.0.0.7","user_data":{"user_id":12,"org_id":"acme","tier":"team","accountAgeDays":"30","email":"","nickname":null,"beta":true,"seats":{"used":3}}}"#
        let c = try AgnostPayload.session(try parse(body))
        #expect(c.user == UserInfo(id: "12", account: "acme", plan: "team", accountAgeDays: 30))
        #expect(c.metadata == ["ip": .string("10.0.0.7"), "user.beta": .bool(true), "user.seats": .object(["used": .int(3)])])
        // The first alias with a usable value wins; the others stay metadata.
        let both = try AgnostPayload.session(try parse(#"{"session_id":"s","user_data":{"plan":"pro","tier":"gold","plan_tier":true}}"#))
        #expect(both.user.plan == "pro")
        #expect(both.metadata == ["user.tier": .string("gold"), "user.plan_tier": .bool(true)])
    }

    @Test("bad payloads name the field", arguments: [
        (#"[]"#, ""), (#"{"args":"\"x\""}"#, "session_id"), (#"{"session_id":""}"#, "session_id"), (#"{"session_id":3.5}"#, "session_id"),
        (#"{"session_id":"s","user_data":"pro"}"#, "user_data"), (#"{"session_id":"s","user_data":{"account_age_days":"old"}}"#, "user_data.account_age_days"),
        (#"{"session_id":"s","user_data":{"accountAgeDays":-3}}"#, "user_data.accountAgeDays"),
        (#"{"session_id":"s","latency":-1}"#, "latency"), (#"{"session_id":"s","latency":"fast"}"#, "latency"),
        (#"{"session_id":"s","metadata":["a"]}"#, "metadata"), (#"{"session_id":"s","event_id":{"id":1}}"#, "event_id"),
    ])
    func badPayloads(body: String, field: String) throws {
        let value = try parse(body)
        let kind: AgnostPayload.Kind = body.contains("user_data") ? .session : .event
        #expect { try AgnostPayload.part(value, kind: kind, receivedAt: now) } throws: { error in
            (error as? AgnostPayloadError)?.field == field
        }
    }

    @Test("a payload of neither kind, when the kind is not given by an endpoint")
    func neitherKind() throws {
        #expect { try AgnostPayload.part(try parse(#"{"session_id":"s","started":true}"#)) } throws: { error in
            (error as? AgnostPayloadError).map { $0.field.isEmpty && $0.message.contains("neither") } == true
        }
        #expect { try AgnostPayload.part(try parse(#""text""#)) } throws: { error in
            (error as? AgnostPayloadError)?.description == "expected a JSON object, found a string"
        }
    }

    @Test("payload kind detection for dump files")
    func kinds() throws {
        #expect(AgnostPayload.kind(of: try parse(#"{"session_id":"a","user_data":{}}"#)) == .session)
        #expect(AgnostPayload.kind(of: try parse(#"{"session_id":"a","client_config":"conversation_sdk"}"#)) == .session)
        #expect(AgnostPayload.kind(of: try parse(#"{"session_id":"a","event_id":"e"}"#)) == .event)
        #expect(AgnostPayload.kind(of: try parse(#"{"x":1}"#)) == nil)
        // Other exports carry a session_id too (a LangSmith run names its project so): not Agnost.
        #expect(AgnostPayload.kind(of: try parse(#"{"session_id":"p","run_type":"llm","inputs":{},"outputs":{}}"#)) == nil)
        #expect(AgnostPayload.kind(of: try parse(#"{"event_id":"e","args":"\"x\""}"#)) == nil, "no session: not detectable")
    }
}

/// What the store makes of the parts: the merge rules the SDK's delivery needs.
@Suite struct AgnostMergeTests {
    let now = Timestamp(millisecondsSinceEpoch: 1_800_000_000_000)

    func part(_ text: String, at offset: Int64 = 0) throws -> ConversationPart {
        try AgnostPayload.part(try JSONParser.parse(text), receivedAt: now.adding(milliseconds: offset))
    }

    @Test("events of a session never seen are kept; the session arriving later adds its traits; re-delivery changes nothing")
    func unknownSessionThenSession() throws {
        let scratch = try ScratchDirectory(prefix: "convo-agnost")
        let store = try SQLiteStore(path: scratch.file("store.sqlite").path, synchronous: .normal)
        let yes = #"{"event_id":"e1","session_id":"s","args":"\"yes\"","result":"\"ok\""}"#
        let yesAgain = #"{"event_id":"e2","session_id":"s","args":"\"yes\"","result":"\"ok\""}"#
        #expect(try store.merge(parts: [try part(yes, at: 1)]).ingested == 1)
        // The same words again under another event id are a new turn pair, not a repeat.
        #expect(try store.merge(parts: [try part(yesAgain, at: 2)]).turnsAdded == 2)
        #expect(try store.merge(parts: [try part(yes, at: 3)]) == MergeSummary(unchanged: 1), "a re-delivered event")
        let session = #"{"session_id":"s","user_data":{"user_id":"u1","plan":"pro","name":"Ana"}}"#
        #expect(try store.merge(parts: [try part(session, at: 4)]).merged == 1)
        let stored = try #require(try store.conversation(id: "s"))
        #expect(stored.turns.map(\.content) == ["yes", "ok", "yes", "ok"])
        #expect(stored.user == UserInfo(id: "u1", plan: "pro"))
        #expect(stored.metadata == ["user.name": .string("Ana")])
    }
}
