public import ConvoBase
public import ConvoGit
import ConvoHooks
public import ConvoIntents
public import ConvoModel
public import ConvoSections
import Foundation

/// A section's own text before and after a change, for the PR description.
public struct SectionTextChange: Sendable, Hashable {
    public var address: String
    public var kind: SectionChange.Kind
    /// The section's own text (without nested sections) before the change; nil when added.
    public var before: String?
    /// The same after the change; nil when removed.
    public var after: String?
}

/// Looks a conversation up by id (in the store), for the first user turn shown in the PR
/// description; returns nil for an unknown id.
public typealias ConversationLookup = (String) throws -> Conversation?

/// Everything the PR description shows.
public struct PullRequestContent: Sendable {
    public var intent: Intent
    public var title: String
    public var branch: String
    public var sections: [SectionTextChange]
    /// Conversation id → first user turn (unredacted; rendering redacts); ids missing here are
    /// listed without one.
    public var firstUserTurns: [String: String]
    /// Conversations per account stage, when the store can tell; nil shows the intent's stage.
    public var stageCounts: [String: Int]?
}

/// Builds and renders the pull request for a proposal branch. Everything shown comes from the
/// branch (the intent file as committed there, the sections it changes) and, when given, the
/// conversation store; nothing from the clock, so the same branch renders the same text.
public struct PullRequestBody {
    public let repository: Repository
    public let config: ConvoConfig
    public let redactor: Redactor

    public init(repository: Repository, config: ConvoConfig, redactor: Redactor) {
        self.repository = repository
        self.config = config
        self.redactor = redactor
    }

    /// Reads what the branch changes against `base` (the merge base with the main line, or the
    /// tip's parent) and the intent as committed on the branch.
    /// - Parameter lookup: the store, when there is one; without it the table lists ids only.
    public func content(intentID: String, branch: String, tip: ObjectID, base: ObjectID?,
                        lookup: ConversationLookup? = nil) throws -> PullRequestContent {
        let tipCommit = try repository.commit(tip)
        let intentPath = SectionHistory.intentsDirectory + intentID + ".intent"
        guard let intentData = try repository.fileContents(at: intentPath, in: tip) else {
            throw ProposeError("\(branch) has no \(intentPath)", hints: ["run `convo propose \(intentID)` first"])
        }
        let document = IntentDocument(text: String(decoding: intentData, as: UTF8.self), file: intentPath)
        guard let intent = document.parsed.partial else { throw DiagnosticsError(document.parsed.diagnostics, exitStatus: .usage) }

        let history = SectionHistory(repository: repository, governed: config.governed)
        var sections: [SectionTextChange] = []
        for change in try repository.diff(from: base, to: tipCommit.tree, paths: SectionHistory.pathspecs(for: config.governed)) {
            guard let file = try history.sectionChanges(change) else { continue }
            let old = try file.oldBlob.map { try history.cache.sections(path: file.path, blob: $0).sections }
            let new = try file.newBlob.map { try history.cache.sections(path: file.path, blob: $0).sections }
            for sectionChange in file.changes {
                let anchor = SectionAddress(sectionChange.address)?.anchor
                sections.append(SectionTextChange(address: sectionChange.address, kind: sectionChange.kind,
                                                  before: old??.section(anchor: anchor)?.content,
                                                  after: new??.section(anchor: anchor)?.content))
            }
        }
        var turns: [String: String] = [:]
        if let lookup {
            for id in intent.evidence?.sample ?? [] {
                if let text = try lookup(id)?.firstUserText { turns[id] = text }
            }
        }
        let title = Trailers.values(of: "Intent", in: tipCommit.trailers).contains(intentID)
            ? tipCommit.summary : ProposalMessage.title(for: intent, redactor: redactor)
        return PullRequestContent(intent: intent, title: title, branch: branch, sections: sections.sorted { $0.address < $1.address },
                                  firstUserTurns: turns, stageCounts: nil)
    }

    /// The description in GitHub-flavoured Markdown. User text passes the redactor.
    public func render(_ content: PullRequestContent) -> String {
        let intent = content.intent
        var out: [String] = []
        out.append("## Pattern")
        out.append("")
        out.append(redactor.redact(intent.summary ?? intent.title).trimmingCharacters(in: .whitespacesAndNewlines))
        out.append("")
        out.append("Intent `\(intent.id)` (\(intent.kind.rawValue)): \(escapeInline(redactor.redact(intent.title))). "
                   + "See `intents/\(intent.id).intent`.")
        out.append("")

        out.append("## Evidence")
        out.append("")
        if let evidence = intent.evidence, evidence.conversations > 0 {
            var line = "\(evidence.conversations) conversations from \(evidence.accounts) accounts"
            if let first = evidence.firstSeen, let last = evidence.lastSeen { line += ", \(first) to \(last)" }
            if evidence.churned > 0 {
                line += "; \(evidence.churned) accounts churned within \(config.rank.churnWindowHours) hours"
            }
            out.append(line + ".")
            out.append("")
            let plans = ProposalMessage.plansByCount(evidence)
            if !plans.isEmpty {
                out.append("| Plan | Conversations | Share |")
                out.append("|---|---:|---:|")
                for (plan, count) in plans {
                    out.append("| \(escapeCell(plan)) | \(count) | \(percent(count, of: evidence.conversations)) |")
                }
                out.append("")
            }
        } else {
            out.append("No evidence recorded yet: run `convo cluster` to measure this intent.")
            out.append("")
        }
        if let stages = content.stageCounts, !stages.isEmpty {
            let total = stages.values.reduce(0, +)
            out.append("| Stage | Conversations | Share |")
            out.append("|---|---:|---:|")
            for (stage, count) in stages.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                out.append("| \(escapeCell(stage)) | \(count) | \(percent(count, of: total)) |")
            }
            out.append("")
        } else if let stage = intent.stage {
            let weight = config.rank.stageWeights[stage].map { " (stage weight \(NumberFormat.plain($0)))" } ?? ""
            out.append("Stage: \(escapeInline(stage))\(weight).")
            out.append("")
        }

        out.append("## Impact")
        out.append("")
        if let impact = intent.impact {
            out.append("priority = frequency × revenue exposure × stage weight ÷ fix cost")
            out.append("")
            out.append("| Factor | Value |")
            out.append("|---|---:|")
            out.append("| Frequency | \(impact.frequency) |")
            out.append("| Revenue exposure | \(NumberFormat.plain(impact.revenueExposure)) |")
            out.append("| Stage weight | \(NumberFormat.plain(impact.stageWeight)) |")
            out.append("| Fix cost | \(NumberFormat.plain(impact.fixCost)) |")
            out.append("| **Priority** | **\(NumberFormat.plain(impact.priority))** |")
        } else {
            out.append("Not ranked yet: run `convo rank` to compute the factors.")
        }
        out.append("")

        out.append("## Change")
        out.append("")
        if content.sections.isEmpty {
            out.append("No governed section changes on `\(content.branch)`.")
            out.append("")
        }
        for section in content.sections {
            out.append("### `\(section.address)` (\(section.kind.rawValue))")
            out.append("")
            let before = section.before.map { $0.isEmpty ? [] : $0.components(separatedBy: "\n") } ?? []
            let after = section.after.map { $0.isEmpty ? [] : $0.components(separatedBy: "\n") } ?? []
            let diff = LineDiff.render(LineDiff.lines(old: before, new: after))
            let fence = DraftWriter.fence(for: before + after)
            out.append(fence + "diff")
            if !diff.isEmpty { out.append(diff) }
            out.append(fence)
            out.append("")
        }

        out.append("## Motivating conversations")
        out.append("")
        let ids = intent.evidence?.sample ?? []
        if ids.isEmpty {
            out.append("No sampled conversations in the intent's evidence.")
        } else {
            let shown = Array(ids.prefix(max(0, config.propose.maxConversationTrailers)))
            if content.firstUserTurns.isEmpty {
                out.append("| Conversation |")
                out.append("|---|")
                for id in shown { out.append("| `\(escapeCell(id))` |") }
            } else {
                out.append("| Conversation | First user turn (redacted) |")
                out.append("|---|---|")
                for id in shown {
                    let turn = content.firstUserTurns[id].map { escapeCell(shorten(redactor.redact($0), to: 160)) } ?? "—"
                    out.append("| `\(escapeCell(id))` | \(turn) |")
                }
            }
            if ids.count > shown.count { out.append("") ; out.append("… and \(ids.count - shown.count) more in the intent's sample.") }
        }
        out.append("")
        out.append("---")
        out.append("Proposed with `convo propose \(intent.id)`; the commit's `Intent:` and `Conversation-Id:` trailers "
                   + "carry the same ids.")
        return out.joined(separator: "\n") + "\n"
    }

    private func percent(_ count: Int, of total: Int) -> String {
        guard total > 0 else { return "–" }
        return NumberFormat.plain((Double(count) * 1000 / Double(total)).rounded() / 10) + "%"
    }

    private func shorten(_ text: String, to limit: Int) -> String {
        let single = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return single.count > limit ? String(single.prefix(limit - 1)) + "…" : single
    }

    /// A table cell: no line breaks, pipes escaped.
    private func escapeCell(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }

    private func escapeInline(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: " ")
    }
}

/// Numbers as people read them: no trailing zeros (`3.4`, `622.2`, `3`).
enum NumberFormat {
    static func plain(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
