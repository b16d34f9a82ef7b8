public import ConvoBase
public import ConvoGit
import ConvoIntents
import ConvoSections

/// DESIGN.md's push rules, applied to each commit that changes a governed section:
/// (a) it has an `Intent:` trailer, (b) each intent it names exists at that commit, and (c) some
/// named intent's `touches`, as of that commit, covers the section. Every intent file a commit
/// adds or modifies must validate and hold no personal data the redactor would replace.
///
/// Root commits are exempt from (a)–(c): they create the governed files rather than change them,
/// and a new repository's first push would otherwise need an intent for every section.
///
/// The pre-push hook and `convo check` differ only in how they pick the commits.
public final class GovernanceChecker {
    public let history: SectionHistory
    private let intents: IntentSnapshots
    private let redactor: Redactor
    private let stages: Set<String>
    private let fixCostKinds: Set<String>
    private let governed: [String]
    private var sectionIndexes: [ObjectID: SectionIndex] = [:]
    /// Each intent file version's touches, parsed once.
    private var touchesByBlob: [ObjectID: [SectionAddress]] = [:]
    static let batchSize = 512

    /// - Parameters:
    ///   - config: the work tree's config: its `governed` globs, stages and fix-cost kinds.
    ///   - redactor: built from the config's `redaction` settings.
    public init(repository: Repository, config: ConvoConfig, redactor: Redactor) {
        history = SectionHistory(repository: repository, governed: config.governed)
        intents = IntentSnapshots(cache: history.cache)
        self.redactor = redactor
        stages = Set(config.rank.stageWeights.keys)
        fixCostKinds = Set(config.rank.fixCost.keys)
        governed = config.governed
    }

    /// Checks `commits` (each once, in the order given) and returns every finding.
    public func check(_ commits: [ObjectID]) throws -> GovernanceReport {
        var findings: [GovernanceFinding] = []
        var seen = Set<ObjectID>()
        var sectionChanges = 0
        let unique = commits.filter { seen.insert($0).inserted }
        // In batches, so the file versions of a batch are parsed in parallel without holding a
        // whole long history in memory.
        var start = 0
        while start < unique.count {
            let batch = try unique[start..<min(start + GovernanceChecker.batchSize, unique.count)].map { try history.repository.commit($0) }
            start += GovernanceChecker.batchSize
            for changes in try history.changes(in: batch) {
                // A root commit creates the governed files (a new repository's first push); there is
                // no earlier version for an intent to have changed. Its intent files are still checked.
                if !changes.commit.parents.isEmpty {
                    sectionChanges += changes.sectionChanges.count
                    findings += try sectionFindings(changes)
                }
                for file in changes.intentFiles {
                    findings += try intentFileFindings(path: file.path, blob: file.blob, commit: changes.commit)
                }
            }
        }
        return GovernanceReport(findings: findings, commitsChecked: seen.count, sectionChanges: sectionChanges)
    }

    // MARK: Rules (a), (b), (c)

    private func sectionFindings(_ changes: CommitSectionChanges) throws -> [GovernanceFinding] {
        let pairs = changes.sectionChanges
        guard !pairs.isEmpty else { return [] }
        let commit = changes.commit
        let named = orderedUnique(Trailers.values(of: "Intent", in: commit.trailers).filter { !$0.isEmpty })
        var findings: [GovernanceFinding] = []

        guard !named.isEmpty else {
            for (file, change) in pairs {
                var fixes = ["name the intent behind it: `git commit --amend`, and end the message with a blank line and "
                             + "`Intent: <id>` (for an older commit, reword it with `git rebase -i`)"]
                let candidates = try intentsTouching(change.address, in: commit)
                fixes.append(candidates.isEmpty
                    ? "no intent touches \(change.address) yet: create one with `convo intent new --touches \(change.address)`"
                    : "intents that touch it: \(candidates.joined(separator: ", "))")
                findings.append(finding(.intentRequired, commit, file, change,
                                        "changes \(change.address)\(unreadableNote(file)) but has no `Intent:` trailer", fixes))
            }
            return findings
        }

        var touchesByIntent: [(id: String, touches: [SectionAddress])] = []
        for id in named {
            switch try intents.intent(id, in: commit) {
            case .missing:
                var fixes = Suggestions.closest(to: id, in: try intents.ids(in: commit)).map { "did you mean `Intent: \($0)`?" }
                fixes.append("add intents/\(id).intent in this commit or an earlier one (`convo intent new \(id)`), "
                             + "or correct the trailer with `git commit --amend`")
                let location = SourceLocation(file: SectionHistory.intentsDirectory + id + ".intent")
                findings.append(GovernanceFinding(rule: .unknownIntent, commit: commit.id, title: commit.summary, location: location,
                                                  section: nil, message: "names intent '\(id)', which does not exist at that commit",
                                                  fixes: fixes))
            case .found(let path, let blob, let result):
                guard result.partial != nil else {
                    // Not a mapping of fields: its touches are unknowable, so say that rather than "not touched".
                    findings.append(GovernanceFinding(rule: .invalidIntentFile, commit: commit.id, title: commit.summary,
                                                      location: result.diagnostics.first?.location ?? SourceLocation(file: path),
                                                      section: nil, message: "names intent '\(id)', whose file cannot be read at that commit: "
                                                          + (result.diagnostics.first?.message ?? "not an intent file"),
                                                      fixes: ["fix \(path) in this commit or an earlier one, then rewrite the commit"]))
                    continue
                }
                touchesByIntent.append((id, touches(blob: blob, result)))
            }
        }
        // With every named intent missing, (b) already says what to fix.
        guard !touchesByIntent.isEmpty else { return findings }

        for (file, change) in pairs {
            let address = SectionAddress(change.address)
            let covered = address.map { address in touchesByIntent.contains { $0.touches.contains { $0.covers(address) } } } ?? false
            guard !covered else { continue }
            let ids = touchesByIntent.map(\.id)
            let first = ids[0]
            var fixes = ["link it: `convo intent link \(first) \(change.address)`, then fold the intent file into this commit "
                         + "(`git add intents/\(first).intent && git commit --amend --no-edit`, or `git rebase -i` for an older commit)"]
            let others = try intentsTouching(change.address, in: commit).filter { !ids.contains($0) }
            if !others.isEmpty { fixes.append("or name an intent that touches it: \(others.joined(separator: ", "))") }
            let whose = ids.count == 1 ? "intent '\(first)' does not touch it" : "none of the intents \(ids.joined(separator: ", ")) touches it"
            findings.append(finding(.sectionNotTouched, commit, file, change,
                                    "changes \(change.address)\(unreadableNote(file)), but \(whose)", fixes))
        }
        return findings
    }

    private func touches(blob: ObjectID, _ result: IntentParseResult) -> [SectionAddress] {
        if let cached = touchesByBlob[blob] { return cached }
        let parsed = (result.partial?.touches ?? []).compactMap(SectionAddress.init)
        touchesByBlob[blob] = parsed
        return parsed
    }

    private func finding(_ rule: GovernanceFinding.Rule, _ commit: CommitInfo, _ file: FileSectionChanges, _ change: SectionChange,
                         _ message: String, _ fixes: [String]) -> GovernanceFinding {
        let line = file.unreadableReason == nil ? change.startLine : nil
        return GovernanceFinding(rule: rule, commit: commit.id, title: commit.summary,
                                 location: SourceLocation(file: file.path, line: line), section: change.address,
                                 message: message, fixes: fixes)
    }

    private func unreadableNote(_ file: FileSectionChanges) -> String {
        file.unreadableReason.map { " (its sections cannot be read: \($0); the whole file counts as changed)" } ?? ""
    }

    /// Intents at `commit` whose touches cover `address`: what to suggest naming.
    private func intentsTouching(_ address: String, in commit: CommitInfo) throws -> [String] {
        var result: [String] = []
        for id in try intents.ids(in: commit) {
            guard case .found(_, _, let parsed) = try intents.intent(id, in: commit),
                  let touches = parsed.partial?.touches else { continue }
            if touches.contains(where: { covers(touch: $0, address: address) }) { result.append(id) }
        }
        return result
    }

    // MARK: Intent files

    private func intentFileFindings(path: String, blob: ObjectID, commit: CommitInfo) throws -> [GovernanceFinding] {
        var findings: [GovernanceFinding] = []
        let result = try intents.read(path: path, blob: blob)
        let validator = IntentValidator(sections: try sectionIndex(at: commit), stages: stages, fixCostKinds: fixCostKinds)
        for diagnostic in validator.validate(result, file: path) where diagnostic.severity == .error {
            findings.append(GovernanceFinding(rule: .invalidIntentFile, commit: commit.id, title: commit.summary,
                                              location: diagnostic.location ?? SourceLocation(file: path), section: nil,
                                              message: diagnostic.message,
                                              fixes: diagnostic.hints + ["fix the file, then `git commit --amend` (or `git rebase -i`)"]))
        }
        let text = try history.cache.text(of: blob) ?? ""
        for found in redactor.findings(in: text) {
            let line = text[..<found.range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            findings.append(GovernanceFinding(
                rule: .personalData, commit: commit.id, title: commit.summary, location: SourceLocation(file: path, line: line),
                section: nil, message: "holds personal data (\(found.kind.rawValue)) that would be pushed",
                fixes: ["replace it with \(found.placeholder), then rewrite the commit (`git commit --amend`, or `git rebase -i`): "
                        + "once pushed, it stays in the remote's history",
                        "`convo intent new --exemplar` redacts exemplars for you"]))
        }
        return findings
    }

    /// The sections of every governed file at `commit`, to check `touches` addresses against.
    private func sectionIndex(at commit: CommitInfo) throws -> SectionIndex {
        if let cached = sectionIndexes[commit.tree] { return cached }
        var index = SectionIndex()
        let roots = SectionHistory.pathspecs(for: governed).filter { $0 + "/" != SectionHistory.intentsDirectory }
        var entries: [TreeEntry] = []
        if roots.isEmpty {
            entries = try history.repository.treeEntries(of: commit.tree, recursive: true)
        } else {
            for root in roots {
                if let entry = try history.repository.entry(at: root, in: commit.tree), entry.mode.isFile {
                    entries.append(entry)
                } else {
                    entries += try history.repository.treeEntries(of: commit.tree, under: root, recursive: true)
                }
            }
        }
        for entry in entries where entry.mode.isFile && history.isGovernedPath(entry.path) {
            if let sections = try history.cache.sections(path: entry.path, blob: entry.id).sections { index.add(sections) }
        }
        sectionIndexes[commit.tree] = index
        return index
    }

    private func orderedUnique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}

@available(*, unavailable)
extension GovernanceChecker: Sendable {}
