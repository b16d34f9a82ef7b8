import ConvoBase
import Foundation

/// The three ways `convo rank` prints a ranking: an aligned table for a terminal, JSON for
/// scripts, and Markdown for PR descriptions and issues. Every factor is shown in each.
public enum RankReport {
    public enum Format: String, Sendable, CaseIterable {
        case table
        case json
        case markdown
    }

    /// The formula, spelled out under the table and the Markdown.
    static let legend = "priority = conversations × exposure × stage weight ÷ fix cost; * = set in the intent file"

    /// - Parameter top: show only the first `top` intents (all when nil).
    public static func render(_ rankings: [IntentRanking], as format: Format, top: Int? = nil) -> String {
        let shown = top.map { Array(rankings.prefix(max(0, $0))) } ?? rankings
        switch format {
        case .table: return table(shown)
        case .json: return json(shown)
        case .markdown: return markdown(shown)
        }
    }

    // MARK: Cells shared by the table and Markdown

    /// - Parameter mark: what flags a value set in the intent file (Markdown escapes the `*`).
    static func stageCell(_ r: IntentRanking, mark: String = "*") -> String {
        "×\(NumberText.compact(r.stageWeight)) \(r.stage ?? "-")\(r.stageSource == .intent ? mark : "")"
    }

    static func fixCostCell(_ r: IntentRanking, mark setMark: String = "*") -> String {
        let mark = r.fixCostSource == .intent ? setMark : ""
        guard let kind = r.fixCostKind else { return "÷\(NumberText.compact(r.fixCost))\(mark)" }
        return "÷\(NumberText.compact(r.fixCost)) \(kind)\(mark)"
    }

    // MARK: Table

    static func table(_ rankings: [IntentRanking]) -> String {
        guard !rankings.isEmpty else { return "no intents to rank\n" }
        let header = ["#", "INTENT", "CONVERSATIONS", "EXPOSURE", "STAGE", "FIX COST", "PRIORITY"]
        let rightAligned: Set<Int> = [0, 2, 3, 6]
        let rows = rankings.map { r in
            [String(r.rank), r.intent, String(r.frequency), NumberText.fixed(r.revenueExposure, 2),
             stageCell(r), fixCostCell(r), NumberText.fixed(r.priority, 1)]
        }
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }
            var text = padded.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return ([line(header)] + rows.map(line) + ["", legend]).joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    /// A JSON array, one object per intent, keys sorted; numbers rounded to 4 decimals.
    static func json(_ rankings: [IntentRanking]) -> String {
        var writer = JSONWriter()
        writer.value(.array(rankings.map(jsonValue)))
        return writer.string + "\n"
    }

    /// One ranking as JSON, for callers that embed it in a bigger document.
    public static func jsonValue(_ r: IntentRanking) -> JSONValue {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        func number(_ value: Double) -> JSONValue { .double(NumberText.rounded(value)) }
        return .object([
            "rank": .int(Int64(r.rank)),
            "intent": .string(r.intent),
            "title": optional(r.title),
            "priority": number(r.priority),
            "frequency": .int(Int64(r.frequency)),
            "revenue_exposure": number(r.revenueExposure),
            "churned_conversations": .int(Int64(r.churnedConversations)),
            "stage": optional(r.stage),
            "stage_weight": number(r.stageWeight),
            "stage_source": .string(r.stageSource.rawValue),
            "fix_cost": number(r.fixCost),
            "fix_cost_kind": optional(r.fixCostKind),
            "fix_cost_source": .string(r.fixCostSource.rawValue),
            "evidence": jsonValue(r.evidence),
        ])
    }

    public static func jsonValue(_ e: IntentEvidence) -> JSONValue {
        .object([
            "conversations": .int(Int64(e.conversations)),
            "accounts": .int(Int64(e.accounts)),
            "first_seen": e.firstSeen.map { .string($0.iso8601) } ?? .null,
            "last_seen": e.lastSeen.map { .string($0.iso8601) } ?? .null,
            "plans": .object(e.plans.mapValues { .int(Int64($0)) }),
            "churned": .int(Int64(e.churned)),
            "sample": .array(e.sample.map(JSONValue.string)),
            "weekly": .object(Dictionary(uniqueKeysWithValues: e.weekly.map { ($0.key.description, JSONValue.int(Int64($0.value))) })),
        ])
    }

    // MARK: Markdown

    static func markdown(_ rankings: [IntentRanking]) -> String {
        guard !rankings.isEmpty else { return "_No intents to rank._\n" }
        var lines = [
            "| # | Intent | Conversations | Revenue exposure | Stage | Fix cost | Priority |",
            "|--:|:--|--:|--:|:--|:--|--:|",
        ]
        for r in rankings {
            var intent = "`\(r.intent)`"
            if let title = r.title, !title.isEmpty { intent += " " + escapeCell(title) }
            let cells = [String(r.rank), intent, String(r.frequency), NumberText.fixed(r.revenueExposure, 2),
                         stageCell(r, mark: "\\*"), fixCostCell(r, mark: "\\*"), NumberText.fixed(r.priority, 1)]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append("Priority = conversations × revenue exposure × stage weight ÷ fix cost; \\* = set in the intent file.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Table cells are one line, and a `|` would end the cell early.
    static func escapeCell(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ").replacingOccurrences(of: "|", with: "\\|")
    }
}
