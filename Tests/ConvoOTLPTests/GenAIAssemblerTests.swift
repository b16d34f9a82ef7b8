import ConvoBase
import ConvoModel
@testable import ConvoOTLP
import Testing

/// Every content form in the capture notes, and arrival in any order.
@Suite struct GenAIAssemblerTests {
    static let trace = "0af7651916cd43dd8448eb211c80319c"
    static let now = Timestamp(millisecondsSinceEpoch: 1_800_000_000_000)

    static func span(_ id: String, parent: String? = nil, start: UInt64 = 1_000_000_000, end: UInt64 = 2_500_000_000,
                     _ attributes: [String: AnyValue] = [:], events: [SpanEvent] = [], trace: String = trace) -> TelemetrySpan {
        TelemetrySpan(key: SpanKey(traceID: trace, spanID: id), parentSpanID: parent, name: "chat", kind: 3,
                      startTimeUnixNano: start, endTimeUnixNano: end, attributes: Attributes(attributes), events: events)
    }

    static func texts(_ c: Conversation) -> [String] {
        c.turns.map { "\($0.role.rawValue):\($0.name.map { "\($0)=" } ?? "")\($0.content)" }
    }

    @Test("semconv JSON strings: history + tool call/result as one tool turn; latency from the span")
    func semconvStrings() throws {
        let input = #"[{"role":"system","parts":[{"type":"text","content":"Be brief."}]},{"role":"user","parts":[{"type":"text","content":"I keep getting 429"}]},{"role":"assistant","parts":[{"type":"tool_call","id":"call_1","name":"usage","arguments":{"window":"1h"}}]},{"role":"tool","parts":[{"type":"tool_call_response","id":"call_1","result":"peak 214"}]}]"#
        let output = #"[{"role":"assistant","parts":[{"type":"text","content":"You allow 60 rpm"}],"finish_reason":"stop"}]"#
        let assembler = GenAIAssembler()
        let result = assembler.add(TelemetryBatch(spans: [Self.span("b7ad6b7169203331", [
            "gen_ai.conversation.id": .string("c1"), "gen_ai.input.messages": .string(input), "gen_ai.output.messages": .string(output),
            "user.id": .string("u1"), "app.user.plan": .string("trial"), "account_age_days": .string("3"), "gen_ai.usage.input_tokens": .int(412),
        ])]), now: Self.now)
        let c = try #require(result.conversations.first)
        #expect(c.id == "c1")
        #expect(Self.texts(c) == ["system:Be brief.", "user:I keep getting 429", "tool:usage=peak 214", "assistant:You allow 60 rpm"])
        #expect(c.turns[2].arguments == .object(["window": .string("1h")]))
        #expect(c.turns[3].latencyMs == 1500)
        #expect(c.user == UserInfo(id: "u1", plan: "trial", accountAgeDays: 3))
        #expect(c.metadata["gen_ai.usage.input_tokens"] == .int(412))
        #expect(c.metadata["gen_ai.input.messages"] == nil, "content is not metadata")
    }

    @Test("structured AnyValue content and system instructions")
    func semconvStructured() throws {
        func message(_ role: String, _ text: String) -> AnyValue {
            .kvlist([KeyValue("role", .string(role)), KeyValue("parts", .array([.kvlist([KeyValue("type", .string("text")), KeyValue("content", .string(text))])]))])
        }
        let result = GenAIAssembler().add(TelemetryBatch(spans: [Self.span("b7ad6b7169203331", [
            "session.id": .string("c2"),
            "gen_ai.system_instructions": .array([.kvlist([KeyValue("type", .string("text")), KeyValue("content", .string("Sys"))])]),
            "gen_ai.input.messages": .array([message("user", "hello")]),
            "gen_ai.output.messages": .array([message("assistant", "hi")]),
        ])]), now: Self.now)
        #expect(result.conversations.map(Self.texts) == [["system:Sys", "user:hello", "assistant:hi"]])
        #expect(result.conversations.first?.id == "c2")
    }

    @Test("successive chat spans repeat the history: turns are overlapped, not concatenated")
    func historyIsNotConcatenated() throws {
        func msgs(_ pairs: [(String, String)]) -> AnyValue {
            .string("[" + pairs.map { #"{"role":"\#($0.0)","parts":[{"type":"text","content":"\#($0.1)"}]}"# }.joined(separator: ",") + "]")
        }
        let first = Self.span("1000000000000001", start: 1_000_000_000, end: 2_000_000_000, [
            "gen_ai.conversation.id": .string("c3"), "gen_ai.input.messages": msgs([("user", "q1")]), "gen_ai.output.messages": msgs([("assistant", "a1")])])
        let second = Self.span("1000000000000002", start: 3_000_000_000, end: 4_000_000_000, [
            "gen_ai.conversation.id": .string("c3"), "gen_ai.input.messages": msgs([("user", "q1"), ("assistant", "a1"), ("user", "q2")]),
            "gen_ai.output.messages": msgs([("assistant", "a2")])])
        let result = GenAIAssembler().add(TelemetryBatch(spans: [second, first]), now: Self.now)
        #expect(result.conversations.map(Self.texts) == [["user:q1", "assistant:a1", "user:q2", "assistant:a2"]])
        #expect(result.conversations.first?.turns.map(\.latencyMs) == [nil, 1000, nil, 1000])
    }

    @Test("OpenLLMetry flattened gen_ai.prompt.N / gen_ai.completion.N with tool calls")
    func openLLMetry() throws {
        let result = GenAIAssembler().add(TelemetryBatch(spans: [Self.span("b7ad6b7169203331", [
            "traceloop.association.properties.session_id": .string("c4"),
            "traceloop.association.properties.user_id": .string("u4"),
            "gen_ai.prompt.0.role": .string("system"), "gen_ai.prompt.0.content": .string("Sys"),
            "gen_ai.prompt.1.role": .string("user"), "gen_ai.prompt.1.content": .string("charged twice"),
            "gen_ai.prompt.2.role": .string("assistant"), "gen_ai.prompt.2.tool_calls.0.id": .string("call_1"),
            "gen_ai.prompt.2.tool_calls.0.name": .string("list_invoices"), "gen_ai.prompt.2.tool_calls.0.arguments": .string(#"{"months":2}"#),
            "gen_ai.prompt.3.role": .string("tool"), "gen_ai.prompt.3.content": .string("2 charges"), "gen_ai.prompt.3.tool_call_id": .string("call_1"),
            "gen_ai.completion.0.role": .string("assistant"), "gen_ai.completion.0.content": .string("Flagged"),
            "gen_ai.prompt.10.role": .string("user"), "gen_ai.prompt.10.content": .string("later"),
        ])]), now: Self.now)
        let c = try #require(result.conversations.first)
        #expect(c.id == "c4")
        #expect(c.user.id == "u4")
        #expect(Self.texts(c) == ["system:Sys", "user:charged twice", "tool:list_invoices=2 charges", "user:later", "assistant:Flagged"])
        #expect(c.turns[2].arguments == .object(["months": .int(2)]))
    }

    @Test("OpenInference llm.input_messages.N.message.* with contents and tool calls")
    func openInference() throws {
        let result = GenAIAssembler().add(TelemetryBatch(spans: [Self.span("b7ad6b7169203331", [
            "session.id": .string("c5"), "user.id": .string("u5"),
            "llm.input_messages.0.message.role": .string("user"),
            "llm.input_messages.0.message.contents.0.message_content.type": .string("text"),
            "llm.input_messages.0.message.contents.0.message_content.text": .string("weather?"),
            "llm.input_messages.1.message.role": .string("assistant"),
            "llm.input_messages.1.message.tool_calls.0.tool_call.id": .string("t1"),
            "llm.input_messages.1.message.tool_calls.0.tool_call.function.name": .string("forecast"),
            "llm.input_messages.1.message.tool_calls.0.tool_call.function.arguments": .string(#"{"city":"Oslo"}"#),
            "llm.input_messages.2.message.role": .string("tool"), "llm.input_messages.2.message.content": .string("rain"),
            "llm.input_messages.2.message.tool_call_id": .string("t1"),
            "llm.output_messages.0.message.role": .string("assistant"), "llm.output_messages.0.message.content": .string("Rain in Oslo"),
        ])]), now: Self.now)
        #expect(result.conversations.map(Self.texts) == [["user:weather?", "tool:forecast=rain", "assistant:Rain in Oslo"]])
    }

    @Test("span events: gen_ai.event.content JSON (Azure) and 1.26 gen_ai.content.prompt/completion")
    func spanEvents() throws {
        let azure = Self.span("1000000000000001", ["gen_ai.conversation.id": .string("c6")], events: [
            SpanEvent(name: "gen_ai.system.message", timeUnixNano: 1, attributes: Attributes(["gen_ai.event.content": .string(#"{"role":"system","content":"Sys"}"#)])),
            SpanEvent(name: "gen_ai.user.message", timeUnixNano: 2, attributes: Attributes(["gen_ai.event.content": .string(#"{"role":"user","content":"hi"}"#)])),
            SpanEvent(name: "gen_ai.choice", timeUnixNano: 3, attributes: Attributes(["gen_ai.event.content": .string(#"{"index":0,"finish_reason":"stop","message":{"content":"hello"}}"#)])),
        ])
        let old = Self.span("1000000000000002", ["gen_ai.conversation.id": .string("c7")], events: [
            SpanEvent(name: "gen_ai.content.prompt", attributes: Attributes(["gen_ai.prompt": .string(#"[{"role":"user","content":"old q"}]"#)])),
            SpanEvent(name: "gen_ai.content.completion", attributes: Attributes(["gen_ai.completion": .string(#"[{"role":"assistant","content":"old a"}]"#)])),
        ])
        let result = GenAIAssembler().add(TelemetryBatch(spans: [azure, old]), now: Self.now)
        #expect(result.conversations.map(\.id) == ["c6", "c7"])
        #expect(result.conversations.map(Self.texts) == [["system:Sys", "user:hi", "assistant:hello"], ["user:old q", "assistant:old a"]])
    }

    static func event(_ name: String, span: String, time: UInt64, _ body: [KeyValue]) -> TelemetryLogRecord {
        TelemetryLogRecord(span: SpanKey(traceID: trace, spanID: span), eventName: name, timeUnixNano: time,
                           body: .kvlist(body), attributes: Attributes(["gen_ai.system": .string("openai")]))
    }

    @Test("≤1.36 log events before their span, split over requests; the conversation id only on the root span")
    func logsBeforeSpansAndInheritance() throws {
        let assembler = GenAIAssembler()
        let chat = "2000000000000002"
        let root = "2000000000000001"
        let part1 = [
            Self.event("gen_ai.system.message", span: chat, time: 1, [KeyValue("content", .string("Sys"))]),
            Self.event("gen_ai.user.message", span: chat, time: 2, [KeyValue("content", .string("refund?"))]),
        ]
        let part2 = [
            Self.event("gen_ai.assistant.message", span: chat, time: 3, [KeyValue("tool_calls", .array([.kvlist([
                KeyValue("id", .string("call_9")), KeyValue("type", .string("function")),
                KeyValue("function", .kvlist([KeyValue("name", .string("refund")), KeyValue("arguments", .string(#"{"id":7}"#))]))])]))]),
            Self.event("gen_ai.tool.message", span: chat, time: 4, [KeyValue("content", .string("done")), KeyValue("id", .string("call_9"))]),
            Self.event("gen_ai.choice", span: chat, time: 5, [KeyValue("index", .int(0)), KeyValue("finish_reason", .string("stop")),
                                                                 KeyValue("message", .kvlist([KeyValue("content", .string("Refunded"))]))]),
        ]
        #expect(assembler.add(TelemetryBatch(logRecords: part1), now: Self.now).conversations.isEmpty)
        // The chat span comes without a conversation id: it waits for its parent.
        #expect(assembler.add(TelemetryBatch(spans: [Self.span(chat, parent: root)]), now: Self.now).conversations.isEmpty)
        #expect(assembler.pendingCount == 3)
        let placed = assembler.add(TelemetryBatch(spans: [Self.span(root, start: 500_000_000, end: 3_000_000_000,
                                                                    ["gen_ai.conversation.id": .string("c8"), "user.id": .string("u8")])]),
                                   now: Self.now)
        // The rest of the chat span's events are still missing: only the root's facts so far.
        #expect(placed.conversations.map(\.id) == ["c8"])
        #expect(placed.conversations.first?.turns.isEmpty == true)
        #expect(placed.conversations.first?.user.id == "u8")
        let late = assembler.add(TelemetryBatch(logRecords: part2), now: Self.now)
        #expect(late.conversations.map(\.id) == ["c8"])
        #expect(late.conversations.map(Self.texts) == [["system:Sys", "user:refund?", "tool:refund=done", "assistant:Refunded"]])
        #expect(assembler.pendingCount == 0)
    }

    @Test("no conversation id anywhere: the trace becomes the conversation after the wait or at flush")
    func fallbackID() throws {
        let assembler = GenAIAssembler(limits: .init(pendingTTLMilliseconds: 1000))
        let orphan = Self.span("3000000000000002", parent: "3000000000000001", [
            "gen_ai.output.messages": .string(#"[{"role":"assistant","parts":[{"type":"text","content":"alone"}]}]"#)])
        #expect(assembler.add(TelemetryBatch(spans: [orphan]), now: Self.now).conversations.isEmpty)
        #expect(assembler.expire(now: Self.now).build().conversations.isEmpty)
        let expired = assembler.expire(now: Self.now.adding(milliseconds: 1000)).build()
        #expect(expired.conversations.map(\.id) == ["otel-trace-\(Self.trace)"])
        // A trace with no GenAI content does not become a conversation.
        let http = TelemetrySpan(key: SpanKey(traceID: "1af7651916cd43dd8448eb211c80319c", spanID: "4000000000000001"), name: "GET /")
        #expect(assembler.add(TelemetryBatch(spans: [http]), now: Self.now).conversations.isEmpty)
        #expect(assembler.flush().build().conversations.isEmpty)
    }

    @Test("invalid JSON in a content attribute rejects that span only")
    func invalidContent() {
        let result = GenAIAssembler().add(TelemetryBatch(spans: [
            Self.span("5000000000000001", ["gen_ai.conversation.id": .string("bad"), "gen_ai.input.messages": .string("[{not json")]),
            Self.span("5000000000000002", ["gen_ai.conversation.id": .string("good"),
                                           "gen_ai.output.messages": .string(#"[{"role":"assistant","parts":[{"type":"text","content":"ok"}]}]"#)]),
        ]), now: Self.now)
        #expect(result.conversations.map(\.id) == ["good"])
        #expect(result.rejected.count == 1)
        #expect(result.rejected.first?.reason.contains("gen_ai.input.messages is not valid JSON") == true)
    }

    @Test("OTLP JSON export files: traces and logs documents in any order, unreadable documents refused")
    func fileImport() throws {
        let logs = #"{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"eventName":"gen_ai.user.message","traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"6000000000000001","body":{"kvlistValue":{"values":[{"key":"content","value":{"stringValue":"from a file"}}]}}},{"eventName":"gen_ai.choice","traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"6000000000000001","body":{"kvlistValue":{"values":[{"key":"message","value":{"kvlistValue":{"values":[{"key":"content","value":{"stringValue":"answered"}}]}}}]}}}]}]}]}"#
        let spans = #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"6000000000000001","name":"chat","startTimeUnixNano":"1000000000","endTimeUnixNano":"3000000000","attributes":[{"key":"gen_ai.conversation.id","value":{"stringValue":"file-1"}}]}]}]}]}"#
        let file = OTLPFileImport()
        try file.add(try JSONParser.parse(logs), line: 1)
        #expect(throws: OTLPDecodingError.self) { try file.add(try JSONParser.parse(#"["resourceSpans"]"#), line: 2) }
        try file.add(try JSONParser.parse(#"{"resourceMetrics":[]}"#), line: 3)
        try file.add(try JSONParser.parse(spans), line: 4)
        #expect { try file.add(try JSONParser.parse(#"{"resourceSpans":7}"#), line: 5) } throws: { error in
            (error as? OTLPDecodingError)?.message.contains("resourceSpans") == true
        }
        #expect { try file.add(try JSONParser.parse(#"{"resource_spans":[]}"#), line: 6) } throws: { error in
            (error as? OTLPDecodingError)?.message.contains("lowerCamelCase") == true
        }
        #expect(throws: OTLPDecodingError.self) { try file.add(try JSONParser.parse(#"{"spans":[]}"#), line: 7) }
        let result = file.finish()
        #expect(result.conversations.map(\.id) == ["file-1"])
        #expect(result.conversations.map(Self.texts) == [["user:from a file", "assistant:answered"]])
        #expect(result.errors.isEmpty)
    }

    @Test("an export file's rejected records carry the line their span came from, even when placed later")
    func fileImportLocatesRejections() throws {
        func document(_ spans: [String]) -> String { #"{"resourceSpans":[{"scopeSpans":[{"spans":["# + spans.joined(separator: ",") + "]}]}]}" }
        func span(_ id: String, parent: String? = nil, _ attributes: String) -> String {
            #"{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":""# + id + #"","# + (parent.map { #""parentSpanId":""# + $0 + #"","# } ?? "")
                + #""name":"chat","startTimeUnixNano":"1000000000","endTimeUnixNano":"2000000000","attributes":["# + attributes + "]}"
        }
        let badContent = #"{"key":"gen_ai.input.messages","value":{"stringValue":"[{not json"}}"#
        let goodOutput = #"{"key":"gen_ai.output.messages","value":{"stringValue":"[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"fine\"}]}]"}}"#
        let file = OTLPFileImport()
        // Line 2: a child whose conversation is only known from its parent, with broken content;
        // line 3: a span rejected while decoding; line 5: the parent, which places the child.
        try file.add(try JSONParser.parse(document([span("7000000000000002", parent: "7000000000000001", badContent)])), line: 2)
        try file.add(try JSONParser.parse(document([#"{"traceId":"zz","spanId":"7000000000000009"}"#])), line: 3)
        try file.add(try JSONParser.parse(document([span("7000000000000001", #"{"key":"gen_ai.conversation.id","value":{"stringValue":"late"}},"# + goodOutput)])),
                     line: 5)
        let result = file.finish()
        #expect(result.conversations.map(Self.texts) == [["assistant:fine"]])
        #expect(result.errors.map(\.line) == [2, 3])
        #expect(result.errors.first?.message.contains("gen_ai.input.messages is not valid JSON") == true)
    }
}
