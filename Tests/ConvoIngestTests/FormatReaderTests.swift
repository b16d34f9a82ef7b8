import ConvoBase
import ConvoIngest
import ConvoModel
import ConvoStore
import Testing

/// Real-format fixtures, read end to end into a store.
@Suite struct FormatReaderTests {
    @Test func openAIFineTuningFile() throws {
        let harness = try IngestHarness()
        let report = try harness.ingest([Fixtures.path("openai-finetune.jsonl")])
        #expect(report.rejected == 0 && report.unusableInputs == 0)
        #expect(report.merge.ingested == 4)
        let conversations = try harness.store.conversations(matching: .all)
        let byFirstUser = Dictionary(uniqueKeysWithValues: conversations.map { ($0.firstUserText ?? "", $0) })

        let billing = try #require(byFirstUser["I was charged twice"])
        #expect(billing.id.hasPrefix("openai-"))
        #expect(billing.turns == [
            turn(.system, "You are a billing support agent."), turn(.user, "I was charged twice"),
            Turn(role: .tool, content: "2 charges of 49.00 USD", name: "list_invoices", arguments: .object(["months": .int(2)]),
                 toolCallID: "call_1"),
            turn(.assistant, "I've flagged the duplicate for a refund."),
        ])
        // developer → system; content parts joined, images as placeholders.
        let screenshot = try #require(byFirstUser["What is on this screenshot?\n[image]"])
        #expect(screenshot.turns.map(\.role) == [.system, .user, .assistant])
        // Parallel calls: one tool turn per call, in call order, each with its own result.
        let refunds = try #require(byFirstUser["Refund both orders 11 and 12"])
        #expect(refunds.turns.map(\.content) == ["Refund both orders 11 and 12", "Refunding both.", "refunded 11", "refunded 12",
                                                 "Both orders are refunded."])
        #expect(refunds.turns[2].arguments == .object(["order": .int(11)]))
        // Legacy function_call / function role.
        let weather = try #require(byFirstUser["What's the weather in Paris?"])
        #expect(weather.turns[1] == Turn(role: .tool, content: "18C, cloudy", name: "get_weather",
                                         arguments: .object(["city": .string("Paris")])))
    }

    @Test func openAIRequestLogsOfOneConversationMergeIntoIt() throws {
        let harness = try IngestHarness()
        let report = try harness.ingest([Fixtures.path("openai-api-log.jsonl")])
        #expect(report.merge == MergeSummary(ingested: 1, merged: 1, turnsAdded: 5))
        let conversation = try #require(try harness.conversation("conv-429"))
        #expect(conversation.turns.map(\.content) == ["You are a support agent.", "I keep getting 429 errors",
                                                      "Your plan allows 60 requests per minute.", "How do I raise it?",
                                                      "Upgrade to Pro in Settings > Billing."])
        #expect(conversation.turns[2].timestamp == Timestamp(secondsSinceEpoch: 1795600000))
        #expect(conversation.user == UserInfo(id: "u_17", account: "acme", plan: "trial"))
        #expect(conversation.metadata["model"] == .string("gpt-4o-mini"))
        #expect(conversation.startedAt == Timestamp(secondsSinceEpoch: 1795600000))
    }

    @Test func anthropicMessages() throws {
        let harness = try IngestHarness()
        let report = try harness.ingest([Fixtures.path("anthropic-messages.jsonl")])
        #expect(report.rejected == 0 && report.merge.ingested == 2)
        let conversations = try harness.store.conversations(matching: .all)
        let charged = try #require(conversations.first { $0.firstUserText == "I was charged twice" })
        // The tool result in a user-role message is not a user turn; thinking is dropped.
        #expect(charged.turns == [
            turn(.system, "You are a support agent."), turn(.user, "I was charged twice"), turn(.assistant, "Let me check."),
            Turn(role: .tool, content: "2 charges of 49.00 USD", name: "list_invoices", arguments: .object(["months": .int(2)]),
                 toolCallID: "toolu_01A"),
            turn(.assistant, "I've flagged the duplicate."), turn(.user, "Thanks! Here is the receipt.\n[image]"),
        ])
        #expect(charged.user.id == "u_88")
        let sso = try #require(conversations.first { $0.firstUserText == "Is SSO available on the trial?" })
        #expect(sso.turns.map(\.role) == [.system, .user, .assistant])
        #expect(sso.turns.last?.content == "SSO is an enterprise feature; the trial does not include it.")
    }

    @Test func langSmithRunsBecomeThreads() throws {
        let harness = try IngestHarness()
        let report = try harness.ingest([Fixtures.path("langsmith-runs.jsonl")])
        #expect(report.rejected == 0 && report.unusableInputs == 0)
        #expect(try harness.ids == ["1f0c6a00-0000-4000-8000-000000000007", "thread-7"])
        let thread = try #require(try harness.conversation("thread-7"))
        #expect(thread.turns.map(\.content) == [
            "You are a support agent.", "why is my webhook not firing", "webhooks: disabled",
            "Webhooks are disabled; enable them in Settings > Integrations.", "it works now, thanks", "Glad it works!",
        ])
        #expect(thread.turns[2].name == "check_settings")
        #expect(thread.turns[2].arguments == .object(["area": .string("webhooks")]))
        #expect(thread.turns[3].latencyMs == 1400)
        #expect(thread.user == UserInfo(id: "u_17", plan: "trial"))
        #expect(thread.startedAt == Timestamp(iso8601: "2026-11-20T10:02:11Z"))
        let faq = try #require(try harness.conversation("1f0c6a00-0000-4000-8000-000000000007"))
        #expect(faq.turns.map(\.content) == ["Do you support SAML?", "Yes, on the enterprise plan."])
        // The same export again changes nothing.
        #expect(try harness.ingest([Fixtures.path("langsmith-runs.jsonl")]).merge.ingested == 0)
        #expect(try harness.conversation("thread-7")?.turns.count == 6)
    }

    @Test func langfuseTracesAndObservationsBecomeSessions() throws {
        let harness = try IngestHarness()
        let report = try harness.ingest([Fixtures.path("langfuse-export.jsonl")])
        #expect(report.rejected == 0 && report.unusableInputs == 0)
        #expect(try harness.ids == ["sess-9", "tr-3"])
        let session = try #require(try harness.conversation("sess-9"))
        #expect(session.turns.map(\.content) == ["You are a support agent.", "How do I rotate my API key?",
                                                 "Go to Settings > API keys.", "And revoke the old one?", "Click Revoke next to it."])
        #expect(session.user == UserInfo(id: "u_55", account: "globex", plan: "pro"))
        #expect(session.turns[4].latencyMs == 800)
        let faq = try #require(try harness.conversation("tr-3"))
        #expect(faq.turns == [turn(.user, "Is there a free plan?"),
                              Turn(role: .assistant, content: "Yes, up to 3 projects.", timestamp: Timestamp(iso8601: "2026-11-20T12:00:00Z"))])
    }

    @Test func agnostPayloadsFromTheRealSDK() throws {
        let harness = try IngestHarness()
        let report = try harness.ingest([Fixtures.path("agnost-payloads.jsonl")])
        #expect(report.rejected == 0 && report.unusableInputs == 0)
        let conversation = try #require(try harness.conversation("conv-42"))
        #expect(conversation.agent == "billing-agent")
        #expect(conversation.user == UserInfo(id: "user_123", plan: "pro", accountAgeDays: 412))
        #expect(conversation.metadata["user.name"] == .string("Ana") && conversation.metadata["user.email"] == .string("ana@example.com"))
        #expect(conversation.metadata["had_error"] == .bool(true))
        // Events in the order the SDK delivered them; args/result decoded twice; emoji from surrogates.
        #expect(conversation.turns == [
            turn(.user, "I was charged twice"), Turn(role: .assistant, content: "I've flagged the duplicate charge.", latencyMs: 7137),
            turn(.user, #"{"format":"csv"}"#),
            turn(.user, "merci 🙏"), Turn(role: .assistant, content: "De rien ! Anything else?", latencyMs: 900),
        ])
        #expect(try harness.conversation("conv-43")?.turns.count == 2)
        // Re-ingesting the dump: every event is known by its id.
        let again = try harness.ingest([Fixtures.path("agnost-payloads.jsonl")])
        #expect(again.merge.unchanged == 6 && again.merge.turnsAdded == 0)
    }

    @Test func aBadAgnostPayloadIsRejectedByLineNamingTheField() throws {
        let harness = try IngestHarness()
        let dump = try harness.write("agnost.jsonl", """
            {"session_id": "s", "user_data": {"user_id": "u"}}
            {"event_id": "e1", "args": "\\"no session\\""}
            {"event_id": "e2", "session_id": "s", "args": "\\"yes\\"", "result": "\\"ok\\"", "latency": -5}
            {"event_id": "e3", "session_id": "s", "args": "\\"yes\\"", "result": "\\"ok\\""}
            """)
        let report = try harness.ingest([dump])
        #expect(report.rejected == 2 && report.merge.ingested == 1)
        #expect(harness.messages == ["error: agnost.jsonl:2: field 'session_id': missing; every Agnost payload names its conversation",
                                     "error: agnost.jsonl:3: field 'latency': must not be negative, found -5"])
        #expect(try harness.conversation("s")?.turns.map(\.content) == ["yes", "ok"])
    }

    @Test func detectionPicksTheRightFormatForEachFixture() throws {
        let expected = ["openai-finetune.jsonl": "openai", "openai-api-log.jsonl": "openai", "anthropic-messages.jsonl": "anthropic",
                        "langsmith-runs.jsonl": "langsmith", "langfuse-export.jsonl": "langfuse", "agnost-payloads.jsonl": "agnost",
                        "otlp-semconv.jsonl": "otlp", "otlp-events.jsonl": "otlp"]
        for (file, format) in expected {
            let text = try String(contentsOfFile: Fixtures.path(file), encoding: .utf8)
            let first = try JSONParser.parse(String(text.split(separator: "\n")[0]))
            #expect(FormatRegistry.builtIn.detect([first])?.name == format, "\(file)")
        }
    }
}

/// Formats plug into the registry by name.
@Suite struct FormatRegistryTests {
    struct StandIn: IngestFormat {
        var name: String { "otlp" }
        var summary: String { "stand-in" }
        func recognizes(_ record: JSONValue) -> Bool { record["resourceSpans"] != nil }
        func makeReader(source: String) -> any RecordReader { Reader() }
        final class Reader: RecordReader {
            var spans = 0
            func read(_ record: JSONValue, line: Int) throws(RecordError) -> [ConversationPart] {
                spans += 1
                return []
            }
            func finish() -> [ReaderOutput] {
                [.part(ConversationPart(Conversation(id: "otlp-\(spans)", turns: [Turn(role: .user, content: "hi")])))]
            }
        }
    }

    @Test func otlpExportsAreRecognisedAndAReaderPlugsInWithOneLine() throws {
        let record = try JSONParser.parse(#"{"resourceSpans": [{"scopeSpans": []}]}"#)
        #expect(FormatRegistry.builtIn.detect([record])?.name == "otlp")
        #expect(FormatRegistry.builtIn.format(named: "otlp") is OTLPExportFormat)

        // A format added later replaces the built-in one of the same name.
        let registry = FormatRegistry.builtIn.adding(StandIn())
        #expect(registry.format(named: "otlp")?.summary == "stand-in")
        #expect(registry.names.filter { $0 == "otlp" }.count == 1)
        let harness = try IngestHarness()
        try harness.write("spans.jsonl", #"{"resourceSpans": []}"# + "\n" + #"{"resourceSpans": []}"#)
        let ingestor = Ingestor(store: harness.store, registry: registry, rejected: nil) { _ in }
        #expect(try ingestor.ingest(paths: [harness.scratch.file("spans.jsonl").path]).merge.ingested == 1)
        #expect(try harness.ids == ["otlp-2"])
    }
}
