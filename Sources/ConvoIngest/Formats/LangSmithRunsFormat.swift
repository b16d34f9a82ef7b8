import ConvoBase
import ConvoModel
import ConvoStore

/// LangSmith run exports (`client.list_runs(...)` dumped as JSONL or a JSON array).
///
/// A conversation is a LangSmith *thread*: runs sharing `extra.metadata.session_id`, `thread_id`
/// or `conversation_id` (set on any run of a trace, inherited by the whole trace); without one,
/// each trace is its own conversation. (`session_id` at the top level is the *project*, not the
/// thread.) Runs are ordered by `dotted_order`, then start time. Each LLM run contributes its
/// input messages and output as one history part, so the store keeps repeated history once; a
/// trace with no LLM run contributes its root run's input and output text.
public struct LangSmithRunsFormat: IngestFormat {
    public init() {}

    public var name: String { "langsmith" }
    public var summary: String { "LangSmith run exports (runs with run_type, trace_id, dotted_order), grouped into threads" }

    public func recognizes(_ record: JSONValue) -> Bool {
        guard case .object(let object) = record, case .string? = object["run_type"] else { return false }
        return object["trace_id"] != nil || object["dotted_order"] != nil || object["inputs"] != nil
    }

    public func makeReader(source: String) -> any RecordReader { Reader() }

    struct Run {
        var id: String
        var line: Int
        var traceID: String
        var parentID: String?
        var runType: String
        var order: String
        var start: Timestamp?
        var end: Timestamp?
        var inputs: JSONValue?
        var outputs: JSONValue?
        var metadata: [String: JSONValue]
        var threadID: String?
    }

    static let threadKeys = ["session_id", "thread_id", "conversation_id"]

    final class Reader: RecordReader {
        private var runs: [Run] = []

        func read(_ record: JSONValue, line: Int) throws(RecordError) -> [ConversationPart] {
            let root = try JSONObjectReader(record)
            guard let id = try root.identifier("id") else {
                throw RecordError(field: "id", "missing; every LangSmith run has an id")
            }
            guard let runType = try root.string("run_type") else {
                throw RecordError(field: "run_type", "missing; expected llm, chain, tool, retriever, …")
            }
            let start = try root.timestamp("start_time")
            var metadata: [String: JSONValue] = [:]
            if let extra = try root.object("extra"), let meta = try extra.object("metadata") { metadata = meta.values }
            var threadID: String?
            for key in LangSmithRunsFormat.threadKeys {
                if let value = metadata[key], case .string(let text) = value, !text.isEmpty { threadID = text; break }
            }
            runs.append(Run(id: id, line: line, traceID: try root.identifier("trace_id") ?? id,
                            parentID: try root.identifier("parent_run_id"), runType: runType,
                            order: try root.string("dotted_order") ?? "", start: start, end: try root.timestamp("end_time"),
                            inputs: root["inputs"], outputs: root["outputs"], metadata: metadata, threadID: threadID))
            return []
        }

        func finish() -> [ReaderOutput] {
            // A thread id anywhere in a trace names the whole trace's thread.
            var threadOfTrace: [String: String] = [:]
            for run in runs {
                if let thread = run.threadID, threadOfTrace[run.traceID] == nil { threadOfTrace[run.traceID] = thread }
            }
            var groups: [String: [Run]] = [:]
            var firstLine: [String: Int] = [:]
            for run in runs {
                let key = threadOfTrace[run.traceID] ?? run.traceID
                groups[key, default: []].append(run)
                firstLine[key] = min(firstLine[key] ?? run.line, run.line)
            }
            var outputs: [ReaderOutput] = []
            for key in groups.keys.sorted(by: { (firstLine[$0] ?? 0, $0) < (firstLine[$1] ?? 0, $1) }) {
                let group = (groups[key] ?? []).sorted {
                    ($0.order, $0.start?.millisecondsSinceEpoch ?? 0, $0.line) < ($1.order, $1.start?.millisecondsSinceEpoch ?? 0, $1.line)
                }
                do {
                    outputs.append(contentsOf: try conversationParts(id: key, runs: group).map(ReaderOutput.part))
                } catch {
                    outputs.append(.rejected(line: error.line, error.error))
                }
            }
            runs = []
            return outputs
        }

        /// One history part per LLM run (or per root run of a trace without LLM runs).
        private func conversationParts(id: String, runs: [Run]) throws(LocatedRecordError) -> [ConversationPart] {
            var facts = Conversation(id: id)
            var metadata: [String: JSONValue] = [:]
            for run in runs {
                for (key, value) in run.metadata where !LangSmithRunsFormat.threadKeys.contains(key) && !key.hasPrefix("ls_") {
                    metadata[key] = value
                }
            }
            UserFacts.apply(metadata, to: &facts)
            facts.startedAt = runs.compactMap(\.start).min()
            facts.endedAt = runs.compactMap(\.end).max()

            var traces: [String] = []
            var runsByTrace: [String: [Run]] = [:]
            for run in runs {
                if runsByTrace[run.traceID] == nil { traces.append(run.traceID) }
                runsByTrace[run.traceID, default: []].append(run)
            }
            var calls: [LLMExchange.Call] = []
            for trace in traces {
                let traceRuns = runsByTrace[trace] ?? []
                var sources = traceRuns.filter { $0.runType == "llm" }
                if sources.isEmpty { sources = traceRuns.filter { $0.parentID == nil }.prefix(1).map { $0 } }
                calls += sources.map {
                    LLMExchange.Call(input: $0.inputs, output: $0.outputs, start: $0.start, end: $0.end, line: $0.line, label: "run \($0.id)")
                }
            }
            let parts = try LLMExchange.parts(calls, facts: facts, inputPath: "inputs", outputPath: "outputs")
            guard !parts.isEmpty else {
                throw LocatedRecordError(line: runs.first?.line ?? 0, error: RecordError(
                    "thread '\(id)' has no chat messages or input/output text in any of its \(runs.count) runs"))
            }
            return parts
        }
    }
}
