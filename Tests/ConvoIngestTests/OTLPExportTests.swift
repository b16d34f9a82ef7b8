import ConvoBase
import ConvoIngest
import ConvoModel
import ConvoStore
import Foundation
import Testing

/// OTLP JSON export files (`make-otlp-exports.py` records them from the real OpenTelemetry SDK
/// and writes them as the collector's file exporter does), read by `convo ingest`.
@Suite struct OTLPExportTests {
    static let system = "You are the support agent of Relay, a webhook delivery service."

    func summary(_ c: Conversation?) -> [String] {
        (c?.turns ?? []).map { turn in
            var text = "\(turn.role.rawValue): \(turn.content)"
            if let name = turn.name { text += " name=\(name)" }
            if let arguments = turn.arguments { text += " args=\(arguments.jsonText)" }
            return text
        }
    }

    @Test func newestSemconvSpansWithStringAndStructuredMessages() throws {
        let harness = try IngestHarness()
        let report = try harness.ingest([Fixtures.path("otlp-semconv.jsonl")])
        #expect(report.rejected == 0 && report.unusableInputs == 0, "\(harness.messages)")
        #expect(report.records == 4)
        #expect(report.merge == MergeSummary(ingested: 2, turnsAdded: 9), "one part per conversation, whatever the lines")
        #expect(try harness.ids == ["sem-1", "sem-2"])
        let first = try harness.conversation("sem-1")
        // gen_ai.input.messages repeats the history on every call: each turn is kept once.
        #expect(summary(first) == [
            "system: \(Self.system)", "user: My webhook is not firing",
            "assistant: Webhooks are disabled; enable them in Settings > Integrations.", "user: Did any deliveries fail today?",
            #"tool: 3 failed: 410 Gone name=list_deliveries args={"since":"today","status":"failed"}"#,
            "assistant: Yes, 3 deliveries failed with 410 Gone.",
        ])
        #expect(first?.user == UserInfo(id: "u_17", plan: "trial", accountAgeDays: 12))
        #expect(first?.turns.last.map { $0.latencyMs != nil && $0.timestamp != nil } == true, "latency and time from the chat span")
        // Structured AnyValue messages, and chat spans written before the root naming their conversation.
        let second = try harness.conversation("sem-2")
        #expect(summary(second) == ["system: \(Self.system)", "user: Can I rotate my signing secret? 🔑",
                                    "assistant: Yes: Settings > Webhooks > Rotate secret."])
        #expect(second?.user == UserInfo(id: "u_88", plan: "pro", accountAgeDays: 400))
        #expect(second?.metadata["service.name"] == .string("support-bot"))

        let again = try harness.ingest([Fixtures.path("otlp-semconv.jsonl")])
        #expect(again.merge == MergeSummary(unchanged: 2), "re-ingesting the export changes nothing")
    }

    @Test func olderLogEventsBeforeTheirSpansAndAMetricsLine() throws {
        let harness = try IngestHarness()
        let report = try harness.ingest([Fixtures.path("otlp-events.jsonl")])
        #expect(report.rejected == 0 && report.unusableInputs == 0, "\(harness.messages)")
        #expect(try harness.ids == ["ev-1"])
        let conversation = try harness.conversation("ev-1")
        #expect(summary(conversation) == [
            "system: \(Self.system)", "user: How do I retry a failed delivery?", "assistant: Open the delivery and press Retry.",
            "user: Can retries be automatic?", "assistant: Yes, enable automatic retries with backoff.",
        ])
        #expect(conversation?.user == UserInfo(id: "u_42", plan: "team"))
    }

    @Test func openLLMetryFlattenedAttributesInOnePrettyPrintedDocument() throws {
        let harness = try IngestHarness()
        let report = try harness.ingest([Fixtures.path("otlp-openllmetry.json")])
        #expect(report.rejected == 0 && report.unusableInputs == 0, "\(harness.messages)")
        #expect(report.records == 1)
        let conversation = try harness.conversation("ol-1")
        #expect(summary(conversation) == [
            "system: \(Self.system)", "user: Why was my endpoint disabled?",
            #"tool: disabled after 50 consecutive failures name=endpoint_status args={"endpoint":"ep_1"}"#,
            "assistant: It failed 50 times in a row; fix it and re-enable it.",
        ])
        #expect(conversation?.user.id == "u_7")
    }

    @Test func badLinesAreRejectedByNumberAndTheRestLands() throws {
        let logs = #"{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"eventName":"gen_ai.user.message","traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"6000000000000001","body":{"kvlistValue":{"values":[{"key":"content","value":{"stringValue":"from a file"}}]}}},{"eventName":"gen_ai.choice","traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"6000000000000001","body":{"kvlistValue":{"values":[{"key":"message","value":{"kvlistValue":{"values":[{"key":"content","value":{"stringValue":"answered"}}]}}}]}}}]}]}]}"#
        let spans = #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"6000000000000001","name":"chat","startTimeUnixNano":"1000000000","endTimeUnixNano":"3000000000","attributes":[{"key":"gen_ai.conversation.id","value":{"stringValue":"file-1"}}]}]}]}]}"#
        let badSpan = #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"not-hex","spanId":"6000000000000002"}]}]}]}"#
        let harness = try IngestHarness()
        let file = try harness.write("traces.jsonl", logs + "\n" + "{not json\n" + "\n" + spans + "\n" + #"{"resourceSpans":7}"# + "\n" + badSpan + "\n")
        let report = try harness.ingest([file])
        #expect(report.rejected == 3 && report.merge.ingested == 1)
        let conversation = try harness.conversation("file-1")
        #expect(summary(conversation) == ["user: from a file", "assistant: answered"])
        let rejected = try harness.rejectedEntries()
        #expect(rejected.map { $0["line"] } == [.int(2), .int(5), .int(6)])
        #expect(rejected.map { $0["source"] } == Array(repeating: .string(file), count: 3))
        #expect(rejected[1]["record"] == .string(#"{"resourceSpans":7}"#), "a whole unreadable line is kept to fix and ingest again")
        #expect(rejected[1]["reason"]?.stringValue?.contains("resourceSpans") == true)
        #expect(rejected[2]["reason"]?.stringValue?.contains("span resourceSpans[0].scopeSpans[0].spans[0]") == true)
        #expect(harness.messages.count == 3 && harness.messages.allSatisfy { $0.hasPrefix("error: traces.jsonl:") })
    }

    @Test func protobufFieldNamesAreRecognisedAndExplained() throws {
        let harness = try IngestHarness()
        let file = try harness.write("snake.jsonl", #"{"resource_spans": [{"scope_spans": []}]}"# + "\n")
        let report = try harness.ingest([file])
        #expect(report.rejected == 1)
        #expect(harness.messages.first?.contains("snake.jsonl:1: the keys are protobuf field names (resource_spans)") == true)
    }

    @Test func forcedFormatAndDetectionAcrossFiles() throws {
        let harness = try IngestHarness()
        var options = IngestOptions()
        options.format = "otlp"
        let report = try harness.ingest([Fixtures.path("otlp-events.jsonl"), Fixtures.path("otlp-openllmetry.json")], options: options)
        #expect(report.merge.ingested == 2 && report.rejected == 0)
        // Forcing OTLP on another format's file refuses that file, naming what it looks like.
        let wrong = try harness.ingest([Fixtures.path("agnost-payloads.jsonl")], options: options)
        #expect(wrong.unusableInputs == 1)
        #expect(harness.messages.last?.contains("the records are not 'otlp' records (it looks like 'agnost')") == true)
    }
}
