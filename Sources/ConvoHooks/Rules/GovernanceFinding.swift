public import ConvoBase
public import ConvoGit

/// One broken rule in one pushed (or checked) commit.
public struct GovernanceFinding: Sendable, Hashable {
    /// DESIGN.md's rules, named as messages and `--json` print them.
    public enum Rule: String, Sendable, Hashable, CaseIterable {
        /// (a) A governed section changed and the commit has no `Intent:` trailer.
        case intentRequired = "intent-required"
        /// (b) The trailer names an intent with no file at that commit.
        case unknownIntent = "unknown-intent"
        /// (c) No named intent's `touches` (at that commit) covers the changed section.
        case sectionNotTouched = "section-not-touched"
        /// An intent file in the push does not validate.
        case invalidIntentFile = "invalid-intent-file"
        /// An intent file in the push holds personal data the redactor would replace.
        case personalData = "personal-data"
    }

    public var rule: Rule
    public var commit: ObjectID
    /// The commit's title (`%s`).
    public var title: String
    /// The file, and the line when known.
    public var location: SourceLocation
    /// The section address, for section rules.
    public var section: String?
    public var message: String
    /// What to do, most direct fix first.
    public var fixes: [String]

    public init(rule: Rule, commit: ObjectID, title: String, location: SourceLocation, section: String?,
                message: String, fixes: [String]) {
        self.rule = rule
        self.commit = commit
        self.title = title
        self.location = location
        self.section = section
        self.message = message
        self.fixes = fixes
    }

    /// `commit 1a2b3c4 "Title"`, how every message names the commit.
    public var commitLabel: String {
        let short = title.count > 60 ? String(title.prefix(57)) + "..." : title
        return "commit \(commit.abbreviated()) \"\(short)\""
    }

    /// The finding in the one message format: `error: FILE:LINE: commit … : message [rule]`, hints.
    public var diagnostic: Diagnostic {
        Diagnostic(.error, at: location, "\(commitLabel): \(message) [\(rule.rawValue)]", hints: fixes)
    }

    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "rule": .string(rule.rawValue),
            "commit": .string(commit.hex),
            "title": .string(title),
            "file": .string(location.file),
            "message": .string(message),
            "fixes": .array(fixes.map(JSONValue.string)),
        ]
        if let line = location.line { object["line"] = .int(Int64(line)) }
        if let section { object["section"] = .string(section) }
        return .object(object)
    }
}

/// What a check found over a set of commits.
public struct GovernanceReport: Sendable {
    /// In commit order (oldest first), then by file and section.
    public var findings: [GovernanceFinding]
    public var commitsChecked: Int
    /// Governed section changes seen across those commits.
    public var sectionChanges: Int

    public init(findings: [GovernanceFinding], commitsChecked: Int, sectionChanges: Int) {
        self.findings = findings
        self.commitsChecked = commitsChecked
        self.sectionChanges = sectionChanges
    }

    public var passed: Bool { findings.isEmpty }

    /// One line for the end of the output: what was checked and the verdict.
    public var summary: String {
        let commits = commitsChecked == 1 ? "1 commit" : "\(commitsChecked) commits"
        let changes = sectionChanges == 1 ? "1 governed section change" : "\(sectionChanges) governed section changes"
        if passed { return "convo: checked \(commits) (\(changes)): every change names an intent that touches it" }
        let problems = findings.count == 1 ? "1 problem" : "\(findings.count) problems"
        return "convo: checked \(commits) (\(changes)): \(problems)"
    }
}
