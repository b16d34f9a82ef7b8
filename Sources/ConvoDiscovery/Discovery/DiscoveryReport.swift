import ConvoBase
import ConvoIntents

/// What one `convo cluster` run did (or, with `--dry-run`, would do).
public struct DiscoveryReport: Sendable {
    /// What became of one intent.
    public struct IntentOutcome: Sendable, Hashable {
        public enum Change: String, Sendable {
            case created, updated, unchanged
        }

        public var id: String
        public var title: String
        public var kind: IntentKind
        /// Its conversations after the run, in the whole store.
        public var conversations: Int
        public var change: Change
        /// The intent file, relative to the repository root.
        public var file: String
    }

    /// One intent folded into another, or split off one.
    public struct Lineage: Sendable, Hashable {
        public var from: String
        public var into: String

        public init(from: String, into: String) {
            self.from = from
            self.into = into
        }
    }

    /// How the vectors were made: the embedder and how many texts it had to compute (the rest
    /// came from the cache).
    public struct EmbeddingUse: Sendable, Hashable {
        public var embedder: String
        public var texts: Int
        public var computed: Int
    }

    /// Conversations clustered in this run (those the filter selects).
    public var conversations = 0
    /// Of those, how many are in an intent.
    public var assigned = 0
    public var intents: [IntentOutcome] = []
    public var merged: [Lineage] = []
    /// `from` is the intent split, `into` the new one.
    public var split: [Lineage] = []
    /// Conversations whose stored intent changed.
    public var assignmentsChanged = 0
    public var embedding: EmbeddingUse?
    /// Problems that did not stop the run (a chat model that failed, an intent the ranking
    /// could not score).
    public var warnings: [String] = []
    public var dryRun = false

    public var unassigned: Int { conversations - assigned }

    /// The summary as one JSON object (keys sorted).
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "conversations": .int(Int64(conversations)),
            "assigned": .int(Int64(assigned)),
            "unassigned": .int(Int64(unassigned)),
            "intents": .array(intents.map { outcome in
                .object([
                    "id": .string(outcome.id), "title": .string(outcome.title), "kind": .string(outcome.kind.rawValue),
                    "conversations": .int(Int64(outcome.conversations)), "change": .string(outcome.change.rawValue),
                    "file": .string(outcome.file),
                ])
            }),
            "merged": .array(merged.map { .object(["from": .string($0.from), "into": .string($0.into)]) }),
            "split": .array(split.map { .object(["from": .string($0.from), "into": .string($0.into)]) }),
            "assignments_changed": .int(Int64(assignmentsChanged)),
            "warnings": .array(warnings.map(JSONValue.string)),
            "dry_run": .bool(dryRun),
        ]
        if let embedding {
            object["embeddings"] = .object(["embedder": .string(embedding.embedder), "texts": .int(Int64(embedding.texts)),
                                            "computed": .int(Int64(embedding.computed))])
        }
        return .object(object)
    }

    /// The summary for a terminal: totals, one line per intent that changed, lineage.
    public var text: String { text(limit: nil) }

    /// The summary with at most `limit` intent lines, the largest first, and a count of the rest:
    /// fifty lines of intents are too many to read at a glance.
    public func text(limit: Int?) -> String {
        let would = dryRun ? "would be " : ""
        var lines = ["clustered \(conversations) conversations: \(assigned) in \(intents.filter { $0.conversations > 0 }.count) intents, "
                     + "\(unassigned) in none"]
        var changed = intents.filter { $0.change != .unchanged }
        var hidden = 0
        if let limit, changed.count > limit {
            changed = changed.sorted { ($0.conversations, $1.id) > ($1.conversations, $0.id) }
            hidden = changed.count - max(0, limit)
            changed = Array(changed.prefix(max(0, limit)))
        }
        let idWidth = changed.map(\.id.count).max() ?? 0
        for outcome in changed {
            let verb = dryRun ? (outcome.change == .created ? "would create" : "would update")
                : (outcome.change == .created ? "created" : "updated")
            lines.append("  " + verb.padding(toLength: 12, withPad: " ", startingAt: 0) + " "
                         + outcome.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
                         + "  \(outcome.conversations) conversations, \(outcome.kind.rawValue): \(outcome.title)")
        }
        if hidden > 0 {
            let created = intents.filter { $0.change == .created }.count
            let updated = intents.filter { $0.change == .updated }.count
            lines.append("  … and \(hidden) more (\(created) \(would)created, \(updated) \(would)updated in all; "
                         + "`convo intent list` or --json lists every one)")
        }
        let unchanged = intents.filter { $0.change == .unchanged }.count
        if unchanged > 0 { lines.append("  \(unchanged) intent file\(unchanged == 1 ? "" : "s") \(would)unchanged") }
        for lineage in merged { lines.append("  merged \(lineage.from) into \(lineage.into)") }
        for lineage in split { lines.append("  split \(lineage.into) off \(lineage.from)") }
        lines.append("\(assignmentsChanged) conversation assignment\(assignmentsChanged == 1 ? "" : "s") \(dryRun ? "would change" : "changed")")
        if let embedding {
            lines.append("embedded \(embedding.computed) new text\(embedding.computed == 1 ? "" : "s") with \(embedding.embedder) "
                         + "(\(embedding.texts - embedding.computed) from the cache)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
