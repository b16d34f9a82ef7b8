import ConvoBase
import ConvoModel
import ConvoStore

/// Langfuse public-API exports: traces (`GET /api/public/traces`, with or without full
/// observations), observations, sessions, and the paginated `{"data": [...], "meta": {...}}`
/// wrappers around them, as JSONL or JSON.
///
/// A conversation is a Langfuse *session* (traces sharing `sessionId`); a trace without one is its
/// own conversation. Traces are ordered by `timestamp`. Each GENERATION observation (by
/// `startTime`) contributes its input messages and output as one history part; a trace without
/// generations contributes its own input and output.
public struct LangfuseExportFormat: IngestFormat {
    public init() {}

    public var name: String { "langfuse" }
    public var summary: String { "Langfuse exports (traces, observations, sessions, {data, meta} pages), grouped by sessionId" }

    public func recognizes(_ record: JSONValue) -> Bool {
        guard case .object(let object) = record else { return false }
        if case .array(let data)? = object["data"], object["meta"] != nil {
            return data.first.map(recognizes) ?? true
        }
        return LangfuseExportFormat.kind(of: object) != nil
    }

    enum Kind { case trace, observation, session }

    static let observationTypes: Set<String> = ["GENERATION", "SPAN", "EVENT", "AGENT", "TOOL", "CHAIN", "RETRIEVER",
                                                "EVALUATOR", "EMBEDDING", "GUARDRAIL"]

    static func kind(of object: [String: JSONValue]) -> Kind? {
        if case .string(let type)? = object["type"], observationTypes.contains(type), object["traceId"] != nil { return .observation }
        if object["projectId"] != nil, case .array? = object["traces"] { return .session }
        guard object["id"] != nil, object["timestamp"] != nil || object["htmlPath"] != nil else { return nil }
        if object["htmlPath"] != nil || object["sessionId"] != nil || object["observations"] != nil { return .trace }
        return nil
    }

    public func makeReader(source: String) -> any RecordReader { Reader() }

    struct Trace {
        var id: String
        var line: Int
        var timestamp: Timestamp?
        var sessionID: String?
        var userID: String?
        var metadata: [String: JSONValue]
        var input: JSONValue?
        var output: JSONValue?
    }

    struct Observation {
        var id: String
        var traceID: String
        var line: Int
        var type: String
        var start: Timestamp?
        var end: Timestamp?
        var input: JSONValue?
        var output: JSONValue?
        var model: String?
    }

    final class Reader: RecordReader {
        private var traces: [String: Trace] = [:]
        private var traceOrder: [String] = []
        private var observations: [String: [Observation]] = [:]
        private var observationIDs: Set<String> = []

        func read(_ record: JSONValue, line: Int) throws(RecordError) -> [ConversationPart] {
            let root = try JSONObjectReader(record)
            if let data = try root.array("data"), root.has("meta") {
                for (index, item) in data.enumerated() {
                    try readItem(try JSONObjectReader(item, path: "data[\(index)]"), line: line)
                }
            } else {
                try readItem(root, line: line)
            }
            return []
        }

        private func readItem(_ item: JSONObjectReader, line: Int) throws(RecordError) {
            switch LangfuseExportFormat.kind(of: item.values) {
            case .observation?:
                try readObservation(item, line: line)
            case .session?:
                let sessionID = try item.identifier("id")
                for (index, trace) in (try item.array("traces") ?? []).enumerated() {
                    try readTrace(try JSONObjectReader(trace, path: item.field("traces[\(index)]")), line: line, session: sessionID)
                }
            case .trace?:
                try readTrace(item, line: line, session: nil)
            case nil:
                throw RecordError(field: item.path.isEmpty ? nil : item.path,
                                  "not a Langfuse trace, observation or session (expected id and timestamp, or traceId and type)")
            }
        }

        private func readTrace(_ trace: JSONObjectReader, line: Int, session: String?) throws(RecordError) {
            guard let id = try trace.identifier("id") else {
                throw RecordError(field: trace.field("id"), "missing; every trace has an id")
            }
            var metadata: [String: JSONValue] = [:]
            if case .object(let object)? = trace["metadata"] { metadata = object }
            let parsed = Trace(id: id, line: line, timestamp: try trace.timestamp("timestamp"),
                               sessionID: try trace.identifier("sessionId") ?? session, userID: try trace.identifier("userId"),
                               metadata: metadata, input: trace["input"], output: trace["output"])
            if traces[id] == nil { traceOrder.append(id) }
            traces[id] = parsed
            for (index, observation) in (try trace.array("observations") ?? []).enumerated() {
                // Full observations (TraceWithFullDetails); bare ids are skipped.
                guard case .object(var object) = observation else { continue }
                object["traceId"] = object["traceId"] ?? .string(id)
                try readObservation(JSONObjectReader(object: object, path: trace.field("observations[\(index)]")), line: line)
            }
        }

        private func readObservation(_ item: JSONObjectReader, line: Int) throws(RecordError) {
            guard let id = try item.identifier("id") else {
                throw RecordError(field: item.field("id"), "missing; every observation has an id")
            }
            guard let traceID = try item.identifier("traceId") else {
                throw RecordError(field: item.field("traceId"), "missing; every observation belongs to a trace")
            }
            guard observationIDs.insert(id).inserted else { return }
            let observation = Observation(id: id, traceID: traceID, line: line, type: try item.string("type") ?? "SPAN",
                                          start: try item.timestamp("startTime"), end: try item.timestamp("endTime"),
                                          input: item["input"], output: item["output"], model: try item.string("model"))
            observations[traceID, default: []].append(observation)
        }

        func finish() -> [ReaderOutput] {
            // Observations whose trace is not in the file form traces of their own.
            for traceID in observations.keys.sorted() where traces[traceID] == nil {
                let first = observations[traceID]?.min { $0.line < $1.line }
                traces[traceID] = Trace(id: traceID, line: first?.line ?? 0, timestamp: first?.start, metadata: [:])
                traceOrder.append(traceID)
            }
            var groups: [String: [Trace]] = [:]
            var groupOrder: [String] = []
            for id in traceOrder {
                guard let trace = traces[id] else { continue }
                let key = trace.sessionID ?? trace.id
                if groups[key] == nil { groupOrder.append(key) }
                groups[key, default: []].append(trace)
            }
            var outputs: [ReaderOutput] = []
            for key in groupOrder {
                let group = (groups[key] ?? []).sorted {
                    ($0.timestamp?.millisecondsSinceEpoch ?? 0, $0.line, $0.id) < ($1.timestamp?.millisecondsSinceEpoch ?? 0, $1.line, $1.id)
                }
                do {
                    outputs.append(contentsOf: try parts(id: key, traces: group).map(ReaderOutput.part))
                } catch {
                    outputs.append(.rejected(line: error.line, error.error))
                }
            }
            traces = [:]
            observations = [:]
            return outputs
        }

        private func parts(id: String, traces: [Trace]) throws(LocatedRecordError) -> [ConversationPart] {
            var facts = Conversation(id: id)
            for trace in traces {
                UserFacts.apply(trace.metadata, to: &facts)
                if let user = trace.userID { facts.user.id = user }
            }
            facts.startedAt = traces.compactMap(\.timestamp).min()
            var calls: [LLMExchange.Call] = []
            for trace in traces {
                let generations = (observations[trace.id] ?? []).filter { $0.type == "GENERATION" }.sorted {
                    ($0.start?.millisecondsSinceEpoch ?? 0, $0.line, $0.id) < ($1.start?.millisecondsSinceEpoch ?? 0, $1.line, $1.id)
                }
                calls += generations.map {
                    LLMExchange.Call(input: $0.input, output: $0.output, start: $0.start, end: $0.end, line: $0.line,
                                     label: "observation \($0.id)")
                }
                if generations.isEmpty {
                    calls.append(LLMExchange.Call(input: trace.input, output: trace.output, start: nil, end: trace.timestamp,
                                                  line: trace.line, label: "trace \(trace.id)"))
                }
            }
            let result = try LLMExchange.parts(calls, facts: facts, inputPath: "input", outputPath: "output")
            guard !result.isEmpty else {
                throw LocatedRecordError(line: traces.first?.line ?? 0, error: RecordError(
                    "session '\(id)' has no chat messages or input/output in any of its \(traces.count) traces"))
            }
            return result
        }
    }
}
