import ConvoBase

/// Writes an ``Intent`` in the one canonical form: fixed key order, two-space indent, maps sorted
/// by key, no timestamps of when the tool ran. The same intent always gives the same bytes.
///
/// Style, following DESIGN.md's example: `touches`, `exemplars` and `history` one item per line;
/// `keywords`, `sample` and `intents` (short tokens) as `[a, b]`; `plans` and `weekly` as
/// `{k: n}`; `summary` and `notes` as literal blocks (`|`); dates unquoted.
public enum IntentWriter {
    /// The whole file.
    public static func write(_ intent: Intent) -> String {
        IntentField.allCases.compactMap { block(for: $0, of: intent) }.joined()
    }

    /// The text of one top-level block, with its trailing newline, or nil when the canonical form
    /// leaves the field out (an absent optional value or an empty owned block).
    public static func block(for field: IntentField, of intent: Intent) -> String? {
        var lines: [String] = []
        switch field {
        case .id: lines = ["id: " + YAMLScalar.render(intent.id)]
        case .title: lines = ["title: " + YAMLScalar.render(intent.title)]
        case .kind: lines = ["kind: " + intent.kind.rawValue]
        case .status: lines = ["status: " + intent.status.rawValue]
        case .stage:
            guard let stage = intent.stage else { return nil }
            lines = ["stage: " + YAMLScalar.render(stage)]
        case .fixCost:
            switch intent.fixCost {
            case nil: return nil
            case .kind(let kind): lines = ["fix_cost: " + YAMLScalar.render(kind)]
            case .value(let value): lines = ["fix_cost: " + number(value)]
            }
        case .summary:
            guard let summary = intent.summary else { return nil }
            lines = text("summary", summary)
        case .touches:
            lines = list("touches", intent.touches, indent: "")
        case .signals:
            guard !intent.signals.isEmpty else { return nil }
            lines = ["signals:", "  keywords: " + flowList(intent.signals.keywords)]
            lines += list("exemplars", intent.signals.exemplars, indent: "  ")
        case .evidence:
            guard let evidence = intent.evidence else { return nil }
            lines = ["evidence:",
                     "  conversations: \(evidence.conversations)",
                     "  accounts: \(evidence.accounts)"]
            if let first = evidence.firstSeen { lines.append("  first_seen: \(first.iso8601)") }
            if let last = evidence.lastSeen { lines.append("  last_seen: \(last.iso8601)") }
            lines.append("  plans: " + flowMap(evidence.plans.map { ($0.key, $0.value) }))
            lines.append("  churned: \(evidence.churned)")
            if let frustration = evidence.frustration { lines.append("  frustration: " + number(frustration)) }
            lines.append("  sample: " + flowList(evidence.sample))
        case .impact:
            guard let impact = intent.impact else { return nil }
            lines = ["impact:",
                     "  frequency: \(impact.frequency)",
                     "  revenue_exposure: " + number(impact.revenueExposure),
                     "  stage_weight: " + number(impact.stageWeight),
                     "  fix_cost: " + number(impact.fixCost),
                     "  priority: " + number(impact.priority)]
        case .weekly:
            guard !intent.weekly.isEmpty else { return nil }
            lines = ["weekly: " + flowMap(intent.weekly.map { ($0.key.description, $0.value) })]
        case .change:
            guard let change = intent.change, change.branch != nil || change.commit != nil || change.merged != nil else {
                return nil
            }
            lines = ["change:"]
            if let branch = change.branch { lines.append("  branch: " + YAMLScalar.render(branch)) }
            if let commit = change.commit { lines.append("  commit: " + YAMLScalar.render(commit)) }
            if let merged = change.merged { lines.append("  merged: " + merged.iso8601) }
        case .history:
            guard !intent.history.isEmpty else { return nil }
            lines = ["history:"]
            for entry in intent.history {
                lines.append("  - event: " + entry.event.rawValue)
                if let date = entry.date { lines.append("    date: " + date.iso8601) }
                if !entry.intents.isEmpty { lines.append("    intents: " + flowList(entry.intents)) }
                if let reason = entry.reason { lines.append("    reason: " + YAMLScalar.render(reason)) }
            }
        case .notes:
            guard let notes = intent.notes else { return nil }
            lines = text("notes", notes)
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// `key: |` and the indented text, or `key: "…"` when a literal block cannot hold it exactly.
    static func text(_ key: String, _ value: String) -> [String] {
        guard let block = YAMLScalar.literalBlock(value, indent: "  ") else {
            return ["\(key): " + YAMLScalar.render(value)]
        }
        return ["\(key): " + block.header] + block.lines
    }

    /// A block sequence, one item per line, or `key: []`.
    static func list(_ key: String, _ items: [String], indent: String) -> [String] {
        guard !items.isEmpty else { return ["\(indent)\(key): []"] }
        return ["\(indent)\(key):"] + items.map { "\(indent)  - " + YAMLScalar.render($0) }
    }

    static func flowList(_ items: [String]) -> String {
        "[" + items.map { YAMLScalar.render($0, in: .flow) }.joined(separator: ", ") + "]"
    }

    static func flowMap(_ pairs: [(String, Int)]) -> String {
        "{" + pairs.sorted { $0.0 < $1.0 }.map { YAMLScalar.render($0.0, in: .flow) + ": \($0.1)" }
            .joined(separator: ", ") + "}"
    }

    /// Shortest text that reads back as the same number under YAML 1.1 and 1.2: whole numbers
    /// without a fraction (`3`), others with a dot even in exponent form (`1.0e-05`).
    public static func number(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        var text = "\(value)"
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            var mantissa = String(text[..<e])
            var exponent = String(text[text.index(after: e)...])
            if !mantissa.contains(".") { mantissa += ".0" }
            if !exponent.hasPrefix("-") && !exponent.hasPrefix("+") { exponent = "+" + exponent }
            text = mantissa + "e" + exponent
        }
        return text
    }
}
