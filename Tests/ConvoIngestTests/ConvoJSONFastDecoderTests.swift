import ConvoBase
import ConvoModel
import Testing
@testable import ConvoIngest

/// The hot-path decoder must agree with the general one on every valid record, and hand every
/// record it is unsure of to the general one.
@Suite struct ConvoJSONFastDecoderTests {
    func fast(_ text: String) -> Conversation? {
        var text = text
        return text.withUTF8 { ConvoJSONFastDecoder.decode(UnsafeRawBufferPointer($0), maxDepth: JSONParser.defaultMaxDepth) }
    }

    func general(_ text: String) -> Conversation? {
        guard let value = try? JSONParser.parse(text) else { return nil }
        return try? ConversationJSON.decode(value)
    }

    static let records: [String] = [
        #"{"id": "c_8f2a", "started_at": "2026-11-20T10:02:11Z", "agent": "support", "user": {"id": "u_17", "account": "acme", "plan": "trial", "account_age_days": 2}, "metadata": {"feature": "webhooks"}, "turns": [{"role": "user", "content": "why is my webhook not firing", "ts": "2026-11-20T10:02:11Z"}, {"role": "assistant", "content": "Check that your endpoint returns 200…", "latency_ms": 1400}, {"role": "tool", "name": "search_docs", "content": "…"}]}"#,
        #"{"turns":[],"id":"x"}"#,
        #"{"id": 42, "turns": [{"role": "Human", "content": null}, {"role": "AI", "content": "ok"}]}"#,
        #"{"id": "e", "turns": [{"role": "user", "content": "quote \" backslash \\ tab \t unicode \u00e9 \ud83d\ude4f lone \ud800 end"}]}"#,
        #"{"id": "n", "started_at": null, "ended_at": "2026-11-20 10:02:11+02:00", "agent": null, "user": null, "metadata": null, "turns": [{"role": "tool", "name": "f", "arguments": {"b": [1, 2.5, true, null], "a": {"z": "y"}}, "tool_call_id": "c1", "content": "r"}]}"#,
        #"{"id": "dup", "id": "dup2", "turns": [{"role": "user", "content": "a", "content": "b"}], "extra": {"ignored": [1, {"x": "}"}]}, "more": "s\"tring"}"#,
        #"{"id": "ws" ,  "turns" : [ { "role" : "system" , "content" : "x" } ] , "user" : { "plan" : "pro" , "other" : 1 } }"#,
        #"{"id": "ts-num", "started_at": 1795600000, "turns": []}"#,
        #"{"id": "age-double", "user": {"account_age_days": 3.0}, "turns": []}"#,
        #"{"id": "lat", "turns": [{"role": "assistant", "content": "x", "latency_ms": 0}]}"#,
        #"{"id": "ünïcödé", "turns": [{"role": "user", "content": "日本語のテキスト"}]}"#,
    ]

    static let invalid: [String] = [
        #"{"id": "", "turns": []}"#, #"{"turns": []}"#, #"{"id": "x"}"#, #"{"id": "x", "turns": [{"content": "no role"}]}"#,
        #"{"id": "x", "turns": [{"role": "wizard"}]}"#, #"{"id": "x", "turns": [{"role": "user", "latency_ms": -1}]}"#,
        #"{"id": "x", "turns": []} trailing"#, #"{"id": "x", "turns": [],}"#, #"{"id": "x" "turns": []}"#,
        #"{"id": "x", "turns": [{"role": "user", "content": "raw "# + "\u{7}" + #" control"}]}"#,
        #"{"id": "x", "started_at": "soon", "turns": []}"#, #"{"id": "x", "metadata": [1], "turns": []}"#,
        #"{"id": 1.5, "turns": []}"#, #"{"id": "x", "turns": [], "extra": tru}"#, "[]", "",
    ]

    @Test(arguments: records)
    func agreesWithTheGeneralDecoder(_ record: String) {
        let expected = general(record)
        #expect(expected != nil, "the test record must be valid")
        // The fast path may decline (nil) but must never disagree.
        if let decoded = fast(record) { #expect(decoded == expected) }
    }

    @Test func decodesTheCommonShapeItself() {
        #expect(fast(Self.records[0]) != nil)
        #expect(fast(Self.records[1]) != nil)
        #expect(fast(Self.records[4]) != nil)
        #expect(fast(Self.records[10]) != nil)
    }

    @Test(arguments: invalid)
    func declinesWhatTheGeneralDecoderRejects(_ record: String) {
        #expect(general(record) == nil)
        #expect(fast(record) == nil)
    }

    @Test func agreesOnRandomlyGeneratedRecords() throws {
        var generator = SplitMix(seed: 7)
        let pieces = ["plain", "with \"quotes\"", "tab\there", "é", "🙏", "back\\slash", "", "{not json}", "line\nbreak"]
        for index in 0..<300 {
            var turns: [String] = []
            for t in 0..<Int(generator.next() % 6) {
                let role = ["user", "assistant", "tool", "system", "Human"][Int(generator.next() % 5)]
                var fields = ["\"role\": \"\(role)\"", "\"content\": \(JSONValue.string(pieces[Int(generator.next() % 9)]).jsonText)"]
                if generator.next() % 3 == 0 { fields.append("\"latency_ms\": \(generator.next() % 5000)") }
                if generator.next() % 4 == 0 { fields.append("\"ts\": \"2026-11-\(10 + t)T10:0\(t):00Z\"") }
                if generator.next() % 5 == 0 { fields.append("\"arguments\": {\"q\": \(JSONValue.string(pieces[t % 9]).jsonText)}") }
                turns.append("{" + fields.shuffled(using: &generator).joined(separator: ", ") + "}")
            }
            var fields = ["\"id\": \"c\(index)\"", "\"turns\": [\(turns.joined(separator: ","))]"]
            if generator.next() % 2 == 0 { fields.append("\"user\": {\"plan\": \"pro\", \"account_age_days\": \(generator.next() % 900)}") }
            if generator.next() % 2 == 0 { fields.append("\"metadata\": {\"k\": \(JSONValue.string(pieces[index % 9]).jsonText)}") }
            let record = "{" + fields.shuffled(using: &generator).joined(separator: ", ") + "}"
            let expected = try #require(general(record))
            #expect(fast(record) == expected, "\(record)")
        }
    }
}

/// A small deterministic generator, so the random records are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
