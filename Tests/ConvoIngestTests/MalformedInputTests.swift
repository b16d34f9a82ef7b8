import ConvoBase
import ConvoIngest
import ConvoModel
import ConvoStore
import Foundation
import Testing

/// One bad input: what the file holds, and what ingest must say and keep.
struct MalformedCase: CustomTestStringConvertible, Sendable {
    var name: String
    var file: String = "input.jsonl"
    var bytes: [UInt8]
    var format: String? = nil
    var maxRecordBytes: Int? = nil
    /// Each must appear in one reported message (`input.jsonl:3: field 'id': …`).
    var messages: [String]
    var rejected = 0
    var unusable = 0
    /// Conversations that must land despite the bad records.
    var stored: [String]

    var testDescription: String { name }

    init(_ name: String, _ text: String, file: String = "input.jsonl", format: String? = nil, maxRecordBytes: Int? = nil,
         messages: [String], rejected: Int = 0, unusable: Int = 0, stored: [String]) {
        self.init(name, bytes: Array(text.utf8), file: file, format: format, maxRecordBytes: maxRecordBytes, messages: messages,
                  rejected: rejected, unusable: unusable, stored: stored)
    }

    init(_ name: String, bytes: [UInt8], file: String = "input.jsonl", format: String? = nil, maxRecordBytes: Int? = nil,
         messages: [String], rejected: Int = 0, unusable: Int = 0, stored: [String]) {
        self.name = name
        self.file = file
        self.bytes = bytes
        self.format = format
        self.maxRecordBytes = maxRecordBytes
        self.messages = messages
        self.rejected = rejected
        self.unusable = unusable
        self.stored = stored
    }
}

/// Good convo records around the bad ones: they must land whatever happens between them.
let goodA = #"{"id": "a", "turns": [{"role": "user", "content": "first"}]}"#
let goodZ = #"{"id": "z", "turns": [{"role": "user", "content": "last"}]}"#
func convo(_ bad: String) -> String { "\(goodA)\n\(bad)\n\(goodZ)\n" }

let openAIGood = #"{"messages": [{"role": "user", "content": "hello"}, {"role": "assistant", "content": "hi"}], "conversation_id": "oa"}"#
func openAI(_ bad: String) -> String { "\(openAIGood)\n\(bad)\n" }

let anthropicGood = #"{"system": "Be brief.", "messages": [{"role": "user", "content": "hello"}], "metadata": {"conversation_id": "an"}}"#
func anthropic(_ bad: String) -> String { "\(anthropicGood)\n\(bad)\n" }

let agnostGood = #"{"event_id": "e1", "session_id": "s1", "primitive_name": "default", "latency": 5, "success": true, "args": "\"hi\"", "result": "\"hello\"", "metadata": {"event_type": ""}}"#

let gzipGood = Deflater.gzip(Array("\(goodA)\n\(goodZ)\n".utf8))

let malformedCases: [MalformedCase] = [
    // convo JSONL: wrong types, missing fields, bad values.
    .init("convo: id of the wrong type", convo(#"{"id": ["x"], "turns": []}"#),
          messages: ["input.jsonl:2: field 'id': expected a non-empty string, found an array"], rejected: 1, stored: ["a", "z"]),
    .init("convo: missing id", convo(#"{"turns": [{"role": "user", "content": "x"}]}"#),
          messages: ["input.jsonl:2: field 'id': missing"], rejected: 1, stored: ["a", "z"]),
    .init("convo: turns not an array", convo(#"{"id": "b", "turns": {"role": "user"}}"#),
          messages: ["input.jsonl:2: field 'turns': expected an array, found an object"], rejected: 1, stored: ["a", "z"]),
    .init("convo: unknown role", convo(#"{"id": "b", "turns": [{"role": "user", "content": "x"}, {"role": "narrator", "content": "y"}]}"#),
          messages: ["input.jsonl:2: field 'turns[1].role': unknown role 'narrator'"], rejected: 1, stored: ["a", "z"]),
    .init("convo: content of the wrong type", convo(#"{"id": "b", "turns": [{"role": "user", "content": 42}]}"#),
          messages: ["input.jsonl:2: field 'turns[0].content': expected a string, found a number"], rejected: 1, stored: ["a", "z"]),
    .init("convo: bad timestamp", convo(#"{"id": "b", "started_at": "yesterday", "turns": []}"#),
          messages: ["input.jsonl:2: field 'started_at': 'yesterday' is not an ISO 8601 timestamp"], rejected: 1, stored: ["a", "z"]),
    .init("convo: negative latency", convo(#"{"id": "b", "turns": [{"role": "assistant", "content": "x", "latency_ms": -3}]}"#),
          messages: ["input.jsonl:2: field 'turns[0].latency_ms': must not be negative"], rejected: 1, stored: ["a", "z"]),
    .init("convo: user age not a number", convo(#"{"id": "b", "user": {"account_age_days": "two"}, "turns": []}"#),
          messages: ["input.jsonl:2: field 'user.account_age_days': expected a whole number"], rejected: 1, stored: ["a", "z"]),
    .init("a top-level array where an object belongs", convo(#"[1, 2, 3]"#),
          messages: ["input.jsonl:2: expected a JSON object, found an array"], rejected: 1, stored: ["a", "z"]),
    .init("a bare number line", convo("42"),
          messages: ["input.jsonl:2: expected a JSON object, found a number"], rejected: 1, stored: ["a", "z"]),

    // Not JSON, or not text.
    .init("a line cut short", convo(#"{"id": "b", "turns": [{"role": "user", "#),
          messages: ["input.jsonl:2: not valid JSON"], rejected: 1, stored: ["a", "z"]),
    .init("several bad lines in a row", "\(goodA)\nnot json\n{\"id\":\n}}}\n\(goodZ)\n",
          messages: ["input.jsonl:2: not valid JSON", "input.jsonl:3: not valid JSON", "input.jsonl:4: not valid JSON"],
          rejected: 3, stored: ["a", "z"]),
    .init("invalid UTF-8 inside a string",
          bytes: Array("\(goodA)\n{\"id\": \"b\", \"turns\": [{\"role\": \"user\", \"content\": \"caf".utf8) + [0xC3, 0x28]
              + Array("\"}]}\n\(goodZ)\n".utf8),
          messages: ["input.jsonl:2: not valid JSON: invalid UTF-8 in a string"], rejected: 1, stored: ["a", "z"]),
    .init("a raw control character inside a string",
          bytes: Array("\(goodA)\n{\"id\": \"b\", \"turns\": [{\"role\": \"user\", \"content\": \"a".utf8) + [0x07]
              + Array("b\"}]}\n\(goodZ)\n".utf8),
          messages: ["input.jsonl:2: not valid JSON: control character in a string"], rejected: 1, stored: ["a", "z"]),
    .init("nesting deeper than the limit",
          convo(#"{"id": "b", "metadata": {"x": "# + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "}, \"turns\": []}"),
          messages: ["input.jsonl:2: not valid JSON: JSON nested deeper than"], rejected: 1, stored: ["a", "z"]),
    .init("a record over the size limit", convo(#"{"id": "big", "turns": [{"role": "user", "content": ""# + String(repeating: "x", count: 5_000) + "\"}]}"),
          maxRecordBytes: 1_000,
          messages: ["input.jsonl:2: record is 5057 bytes, over the limit of 1000 bytes"], rejected: 1, stored: ["a", "z"]),
    .init("binary data", bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00] + Array(repeating: 0, count: 200),
          file: "program.jsonl", messages: ["program.jsonl: the input is binary data, not JSON text"], unusable: 1, stored: []),
    .init("UTF-16 text", bytes: [0xFF, 0xFE] + Array("{\"id\": \"a\"}".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
          messages: ["input.jsonl: the input is UTF-16 text"], unusable: 1, stored: []),
    .init("an empty file", "", messages: ["warning: input.jsonl: no records (the input is empty)"], stored: []),
    .init("only blank lines", "\n  \n\r\n", messages: ["warning: input.jsonl: no records"], stored: []),

    // Line endings and marks that are fine.
    .init("CRLF line endings", "\(goodA)\r\n\(goodZ)\r\n", messages: [], stored: ["a", "z"]),
    .init("a byte-order mark", bytes: [0xEF, 0xBB, 0xBF] + Array("\(goodA)\n\(goodZ)".utf8), messages: [], stored: ["a", "z"]),
    .init("a pretty-printed JSON array with a bad element",
          "[\n  \(goodA),\n  {\"id\": \"b\", \"turns\": 7},\n  \(goodZ)\n]\n",
          messages: ["input.jsonl:3: field 'turns': expected an array, found a number"], rejected: 1, stored: ["a", "z"]),
    .init("pretty-printed objects with one never closed",
          "{\n  \"id\": \"a\",\n  \"turns\": []\n}\n{\n  \"id\": \"b\",\n  \"turns\": [\n{\n  \"id\": \"z\",\n  \"turns\": []\n}\n",
          messages: ["input.jsonl:5: a JSON value that started here never closes its brackets before line 8"],
          rejected: 1, stored: ["a", "z"]),
    .init("a file cut inside its last record", "\(goodA)\n\(goodZ)\n{\"id\": \"c\", \"tur",
          messages: ["input.jsonl:3: not valid JSON"], rejected: 1, stored: ["a", "z"]),

    // Compression.
    .init("gzip data", bytes: gzipGood, file: "input.jsonl.gz", messages: [], stored: ["a", "z"]),
    .init("gzip without its trailer", bytes: Array(gzipGood.dropLast(8)), file: "cut.jsonl.gz",
          messages: ["cut.jsonl.gz: gzip data is truncated"], unusable: 1, stored: ["a", "z"]),
    .init("gzip cut inside a record", bytes: Array(gzipGood.dropLast(12)), file: "cut.jsonl.gz",
          messages: ["cut.jsonl.gz:2: not valid JSON", "cut.jsonl.gz: gzip data is truncated"], rejected: 1, unusable: 1, stored: ["a"]),
    .init("corrupt gzip", bytes: [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 3] + Array(repeating: 0xFF, count: 64), file: "bad.gz",
          messages: ["bad.gz: gzip data is corrupt (invalid block type)"], unusable: 1, stored: []),

    // Formats: unknown, forced wrongly.
    .init("an unknown format", "{\"weather\": \"sunny\"}\n{\"weather\": \"rain\"}\n",
          messages: ["input.jsonl:1: cannot tell the format from the first 2 record(s)"], unusable: 1, stored: []),
    .init("a forced format that does not fit", "\(goodA)\n", format: "anthropic",
          messages: ["input.jsonl:1: the records are not 'anthropic' records (it looks like 'convo')"], unusable: 1, stored: []),

    // OpenAI chat messages.
    .init("openai: messages not an array", openAI(#"{"messages": "hello"}"#), format: "openai",
          messages: ["input.jsonl:2: field 'messages': expected an array, found a string"], rejected: 1, stored: ["oa"]),
    .init("openai: a message without a role", openAI(#"{"messages": [{"role": "user", "content": "a"}, {"content": "b"}]}"#),
          messages: ["input.jsonl:2: field 'messages[1].role': missing"], rejected: 1, stored: ["oa"]),
    .init("openai: an unknown role", openAI(#"{"messages": [{"role": "user", "content": "a"}, {"role": "narrator", "content": "b"}]}"#),
          messages: ["input.jsonl:2: field 'messages[1].role': unknown role 'narrator'"], rejected: 1, stored: ["oa"]),
    .init("openai: a tool call without a name",
          openAI(#"{"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": null, "tool_calls": [{"id": "c", "type": "function", "function": {"arguments": "{}"}}]}]}"#),
          messages: ["input.jsonl:2: field 'messages[1].tool_calls[0].function.name': missing"], rejected: 1, stored: ["oa"]),
    .init("openai: content of the wrong type", openAI(#"{"messages": [{"role": "user", "content": 12}]}"#),
          messages: ["input.jsonl:2: field 'messages[0].content': expected a string, an array of content parts or null"],
          rejected: 1, stored: ["oa"]),
    .init("openai: a text part without text", openAI(#"{"messages": [{"role": "user", "content": [{"type": "text"}]}]}"#),
          messages: ["input.jsonl:2: field 'messages[0].content[0].text': missing"], rejected: 1, stored: ["oa"]),

    // Anthropic Messages.
    .init("anthropic: a block without a type", anthropic(#"{"system": "x", "messages": [{"role": "user", "content": [{"text": "hi"}]}]}"#),
          messages: ["input.jsonl:2: field 'messages[0].content[0].type': missing"], rejected: 1, stored: ["an"]),
    .init("anthropic: a tool result that names no tool use",
          anthropic(#"{"system": "x", "messages": [{"role": "user", "content": [{"type": "tool_result", "content": "42"}]}]}"#),
          messages: ["input.jsonl:2: field 'messages[0].content[0].tool_use_id': missing"], rejected: 1, stored: ["an"]),
    .init("anthropic: system of the wrong type", anthropic(#"{"system": 5, "messages": [{"role": "user", "content": "hi"}]}"#),
          messages: ["input.jsonl:2: field 'system': expected a string or an array of text blocks"], rejected: 1, stored: ["an"]),

    // Agnost payload dumps.
    .init("agnost: an event without a session", "\(agnostGood)\n{\"event_id\": \"e2\", \"args\": \"\\\"x\\\"\", \"result\": \"\"}\n",
          format: "agnost", messages: ["input.jsonl:2: field 'session_id': missing"], rejected: 1, stored: ["s1"]),
    .init("agnost: a negative latency", "\(agnostGood)\n{\"event_id\": \"e2\", \"session_id\": \"s1\", \"latency\": -1, \"args\": \"\\\"x\\\"\"}\n",
          messages: ["input.jsonl:2: field 'latency': must not be negative"], rejected: 1, stored: ["s1"]),

    // Grouping formats report the record the problem is in.
    .init("langsmith: a run without an id",
          "{\"id\": \"r1\", \"run_type\": \"chain\", \"trace_id\": \"r1\", \"inputs\": {\"input\": \"hi\"}, \"outputs\": {\"output\": \"hello\"}}\n{\"run_type\": \"llm\", \"trace_id\": \"r1\", \"inputs\": {}}\n",
          messages: ["input.jsonl:2: field 'id': missing"], rejected: 1, stored: ["r1"]),
    .init("langsmith: a thread with no messages at all",
          "{\"id\": \"r1\", \"run_type\": \"chain\", \"trace_id\": \"r1\", \"inputs\": {}, \"outputs\": {}}\n",
          messages: ["input.jsonl:1: thread 'r1' has no chat messages"], rejected: 1, stored: []),
    .init("langfuse: an observation without a trace id",
          "{\"id\": \"t1\", \"timestamp\": \"2026-11-20T10:00:00Z\", \"sessionId\": \"s\", \"input\": \"hi\", \"output\": \"hello\"}\n{\"id\": \"o1\", \"type\": \"GENERATION\", \"traceId\": null, \"startTime\": \"2026-11-20T10:00:00Z\"}\n",
          format: "langfuse", messages: ["input.jsonl:2: field 'traceId': missing"], rejected: 1, stored: ["s"]),
]

@Suite struct MalformedInputTests {
    @Test(arguments: malformedCases)
    func aBadInputIsReportedAndTheRestLands(_ testCase: MalformedCase) throws {
        let harness = try IngestHarness()
        _ = try harness.write(testCase.file, bytes: testCase.bytes)
        var options = IngestOptions()
        options.format = testCase.format
        if let limit = testCase.maxRecordBytes { options.maxRecordBytes = limit }
        let report = try harness.ingest([testCase.file], options: options)
        let messages = harness.messages
        for expected in testCase.messages {
            #expect(messages.contains { $0.contains(expected) }, "expected '\(expected)' in \(messages)")
        }
        if testCase.messages.isEmpty { #expect(messages.isEmpty) }
        #expect(report.rejected == testCase.rejected)
        #expect(report.unusableInputs == testCase.unusable)
        #expect(try harness.ids == testCase.stored)
        // Every rejected record is kept with its reason and line.
        let entries = try harness.rejectedEntries()
        #expect(entries.count == testCase.rejected)
        for entry in entries {
            #expect(entry["line"]?.intValue != nil && entry["reason"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func anUnknownFormatNameIsAUsageError() throws {
        let harness = try IngestHarness()
        try harness.write("a.jsonl", goodA)
        var options = IngestOptions()
        options.format = "opneai"
        #expect {
            try harness.ingest(["a.jsonl"], options: options)
        } throws: { error in
            guard let error = error as? ConvoError else { return false }
            return error.exitStatus == .usage && error.hints.contains("did you mean 'openai'?")
        }
    }

    @Test func aMissingFileAndADirectoryDoNotStopTheOtherInputs() throws {
        let harness = try IngestHarness()
        try harness.write("good.jsonl", goodA)
        try FileManager.default.createDirectory(at: harness.scratch.file("folder"), withIntermediateDirectories: true)
        let report = try harness.ingest(["missing.jsonl", "folder", "good.jsonl"])
        #expect(report.unusableInputs == 2 && report.exitStatus == .usage)
        #expect(harness.messages.contains { $0.contains("missing.jsonl: no such file") })
        #expect(harness.messages.contains { $0.contains("folder: is a directory") })
        #expect(try harness.ids == ["a"])
    }

    @Test func onlyTheFirstRejectionsOfAnInputArePrintedButAllAreKept() throws {
        let harness = try IngestHarness()
        let bad = (1...50).map { #"{"id": "b\#($0)", "turns": 1}"# }.joined(separator: "\n")
        try harness.write("many.jsonl", goodA + "\n" + bad + "\n")
        let report = try harness.ingest(["many.jsonl"])
        #expect(report.rejected == 50)
        #expect(harness.messages.filter { $0.hasPrefix("error:") }.count == 20)
        #expect(harness.messages.last?.contains("30 more rejected record(s) not shown") == true)
        #expect(try harness.rejectedEntries().count == 50)
    }

    @Test func rejectedRecordsKeepTheirBytesTruncatedOrInBase64() throws {
        let harness = try IngestHarness()
        let huge = #"{"id": "b", "turns": 5, "pad": ""# + String(repeating: "y", count: 100_000) + "\"}"
        try harness.write("r.jsonl", bytes: Array("\(goodA)\n\(huge)\n".utf8) + [0xFF, 0xFE, 0x7B, 0x0A])
        try harness.ingest(["r.jsonl"])
        let entries = try harness.rejectedEntries()
        #expect(entries.count == 2)
        #expect(entries[0]["truncated"] == .bool(true))
        #expect(entries[0]["bytes"]?.intValue == Int64(huge.utf8.count))
        #expect(entries[0]["record"]?.stringValue?.utf8.count == harness.rejected.maxRecordBytes)
        #expect(entries[0]["source"]?.stringValue?.hasSuffix("r.jsonl") == true)
        #expect(entries[1]["line"]?.intValue == 3)
        #expect(entries[1]["record_base64"]?.stringValue == Data([0xFF, 0xFE, 0x7B]).base64EncodedString())
    }
}
