import ConvoBase
import Foundation
import ConvoSections
import Yams

/// What reading an `.intent` file found: the intent when it has no errors, every problem, and the
/// lines of its fields so that later checks can point at them.
public struct IntentParseResult: Sendable {
    public var intent: Intent? { hasErrors ? nil : partial }
    /// What could be read even when there are errors (fields with problems keep defaults); nil
    /// when the file is not a YAML mapping at all.
    public var partial: Intent?
    /// Every problem found, each with the file, the line and the field.
    public var diagnostics: [Diagnostic]
    /// The line of each top-level key present in the file.
    public var fieldLines: [IntentField: Int]
    /// The line of each `touches` item, in order.
    public var touchLines: [Int]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads `.intent` files, collecting every problem instead of stopping at the first; each names
/// the file, the line and the field, and says what is expected.
public enum IntentReader {
    /// Reads one file's text. `file` is how the file is named in messages (`intents/x.intent`).
    public static func read(_ text: String, file: String) -> IntentParseResult {
        var context = ReadContext(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            context.diagnostics.append(Diagnostic(error: SectionError(yaml: error, file: file)))
            return context.result(intent: nil)
        }
        guard let root, case .mapping(let mapping) = root else {
            context.error("an intent file must be a mapping of fields (id, title, kind, …)", line: root?.mark?.line,
                          hints: ["start from `convo intent new`, or see intents/ for examples"])
            return context.result(intent: nil)
        }
        let intent = context.readIntent(YAMLMap(mapping: mapping, file: file))
        return context.result(intent: intent)
    }
}

/// The state of one read: the file's name and what has gone wrong so far.
struct ReadContext {
    let file: String
    var diagnostics: [Diagnostic] = []
    var fieldLines: [IntentField: Int] = [:]
    var touchLines: [Int] = []

    init(file: String) {
        self.file = file
    }

    func result(intent: Intent?) -> IntentParseResult {
        IntentParseResult(partial: intent, diagnostics: diagnostics, fieldLines: fieldLines, touchLines: touchLines)
    }

    mutating func error(_ message: String, line: Int?, hints: [String] = []) {
        diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file, line: line), message, hints: hints))
    }

    /// Runs a throwing getter, recording its error and giving nil instead.
    mutating func attempt<T>(_ body: () throws(YAMLFileError) -> T?) -> T? {
        do {
            return try body()
        } catch {
            diagnostics.append(Diagnostic(error: error))
            return nil
        }
    }

    mutating func rejectUnknown(_ map: YAMLMap, allowed: [String]) {
        for key in map.keys where !allowed.contains(key) {
            var hints = Suggestions.closest(to: key, in: allowed, limit: 1).map { "did you mean '\($0)'?" }
            hints.append("known fields here: \(allowed.joined(separator: ", "))")
            error("unknown field '\(map.fieldName(key))'", line: map.line(of: key), hints: hints)
        }
    }

    mutating func required(_ map: YAMLMap, _ key: String, what: String) -> String? {
        guard let value = attempt({ () throws(YAMLFileError) in try map.string(key) }) else {
            if map.node(key) == nil || map.node(key).map(isNullNode) == true {
                error("missing field '\(map.fieldName(key))': \(what)", line: map.node(key) == nil ? nil : map.line(of: key))
            }
            return nil
        }
        if value.trimmingCharacters(in: .whitespaces).isEmpty {
            error("field '\(map.fieldName(key))' is empty: \(what)", line: map.line(of: key))
            return nil
        }
        return value
    }

    func isNullNode(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain {
            return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        }
        return false
    }

    mutating func count(_ map: YAMLMap, _ key: String) -> Int? {
        guard let value = attempt({ () throws(YAMLFileError) in try map.int(key) }) else { return nil }
        guard value >= 0 else {
            error("field '\(map.fieldName(key))' must be 0 or more, found \(value)", line: map.line(of: key))
            return nil
        }
        return value
    }

    /// The entries of a map whose keys are data (plan names, weeks), quoted or not.
    func pairs(_ map: YAMLMap) -> [(key: String, value: Node, line: Int?)] {
        map.mapping.map { (key: $0.key.string ?? "", value: $0.value, line: $0.key.mark?.line) }
    }

    mutating func count(_ node: Node, field: String, line: Int?) -> Int? {
        guard case .scalar = node, let value = node.int, value >= 0 else {
            error("field '\(field)' must be a whole number, 0 or more", line: line)
            return nil
        }
        return value
    }

    mutating func number(_ map: YAMLMap, _ key: String) -> Double? {
        guard let value = attempt({ () throws(YAMLFileError) in try map.double(key) }) else { return nil }
        guard value.isFinite, value >= 0 else {
            error("field '\(map.fieldName(key))' must be a number, 0 or more, found \(value)", line: map.line(of: key))
            return nil
        }
        return value
    }

    mutating func day(_ map: YAMLMap, _ key: String) -> Day? {
        guard let text = attempt({ () throws(YAMLFileError) in try map.string(key) }) else { return nil }
        guard let day = Day(iso8601: text) else {
            error("field '\(map.fieldName(key))' must be a date written YYYY-MM-DD, found '\(text)'", line: map.line(of: key))
            return nil
        }
        return day
    }

    mutating func strings(_ map: YAMLMap, _ key: String) -> [String] {
        attempt { () throws(YAMLFileError) in try map.stringList(key) } ?? []
    }

    mutating func sub(_ map: YAMLMap, _ key: String) -> YAMLMap? {
        attempt { () throws(YAMLFileError) in try map.map(key) }
    }

    // MARK: The fields

    mutating func readIntent(_ root: YAMLMap) -> Intent {
        rejectUnknown(root, allowed: IntentField.allCases.map(\.rawValue))
        for key in root.keys {
            if let field = IntentField(rawValue: key) { fieldLines[field] = root.line(of: key) }
        }
        let id = required(root, "id", what: "the intent's id, a slug such as webhook-not-firing") ?? ""
        if !id.isEmpty && !Slug.isValid(id) {
            error("field 'id' must be a slug (lower-case letters, digits and single hyphens), found '\(id)'",
                  line: root.line(of: "id"), hints: ["e.g. id: \(Slug.make(id).isEmpty ? "webhook-not-firing" : Slug.make(id))"])
        }
        let title = required(root, "title", what: "a one-line description of the intent") ?? ""
        var kind = IntentKind.other
        if let text = required(root, "kind", what: "one of \(IntentKind.allowedList)") {
            if let value = IntentKind(rawValue: text) {
                kind = value
            } else {
                let close = Suggestions.closest(to: text, in: IntentKind.allCases.map(\.rawValue), limit: 1)
                error("field 'kind' must be one of \(IntentKind.allowedList), found '\(text)'", line: root.line(of: "kind"),
                      hints: close.map { "did you mean '\($0)'?" })
            }
        }
        var status = IntentStatus.open
        if let text = attempt({ () throws(YAMLFileError) in try root.string("status") }) {
            if let value = IntentStatus(rawValue: text) {
                status = value
            } else {
                error("field 'status' must be one of \(IntentStatus.allowedList), found '\(text)'", line: root.line(of: "status"))
            }
        }
        var intent = Intent(id: id, title: title, kind: kind, status: status)
        intent.stage = attempt { () throws(YAMLFileError) in try root.string("stage") }
        intent.fixCost = readFixCost(root)
        intent.summary = attempt { () throws(YAMLFileError) in try root.string("summary") }
        intent.notes = attempt { () throws(YAMLFileError) in try root.string("notes") }
        intent.touches = readTouches(root)
        if let signals = sub(root, "signals") {
            rejectUnknown(signals, allowed: ["keywords", "exemplars"])
            intent.signals = Intent.Signals(keywords: strings(signals, "keywords"), exemplars: strings(signals, "exemplars"))
        }
        if let evidence = sub(root, "evidence") { intent.evidence = readEvidence(evidence) }
        if let impact = sub(root, "impact") { intent.impact = readImpact(impact) }
        if let weekly = sub(root, "weekly") { intent.weekly = readWeekly(weekly) }
        if let change = sub(root, "change") {
            rejectUnknown(change, allowed: ["branch", "commit", "merged"])
            intent.change = Intent.Change(branch: attempt { () throws(YAMLFileError) in try change.string("branch") },
                                         commit: attempt { () throws(YAMLFileError) in try change.string("commit") },
                                         merged: day(change, "merged"))
            if let commit = intent.change?.commit,
               !(4...64).contains(commit.count) || !commit.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) {
                error("field 'change.commit' must be a commit id (lower-case hex), found '\(commit)'", line: change.line(of: "commit"))
            }
        }
        intent.history = readHistory(root)
        return intent
    }

    mutating func readFixCost(_ root: YAMLMap) -> Intent.FixCost? {
        guard let node = root.node("fix_cost"), !isNullNode(node) else { return nil }
        let line = root.line(of: "fix_cost")
        guard case .scalar(let scalar) = node else {
            error("field 'fix_cost' must be a change kind (prompt, config, harness) or a number", line: line)
            return nil
        }
        if scalar.style == .plain, let value = node.float ?? node.int.map(Double.init) {
            guard value.isFinite, value > 0 else {
                error("field 'fix_cost' must be greater than 0, found \(scalar.string)", line: line)
                return nil
            }
            return .value(value)
        }
        return .kind(scalar.string)
    }

    mutating func readTouches(_ root: YAMLMap) -> [String] {
        guard let node = root.node("touches"), !isNullNode(node) else { return [] }
        guard case .sequence(let items) = node else {
            error("field 'touches' must be a list of section addresses", line: root.line(of: "touches"),
                  hints: ["touches:\n  - prompts/support.md#webhooks"])
            return []
        }
        var touches: [String] = []
        for item in items {
            let line = item.mark?.line
            guard case .scalar(let scalar) = item else {
                error("items of 'touches' must be section addresses (PATH#ANCHOR)", line: line)
                continue
            }
            guard let address = SectionAddress(scalar.string) else {
                error("'\(scalar.string)' in 'touches' is not a section address", line: line,
                      hints: ["write PATH#ANCHOR, e.g. prompts/support.md#webhooks"])
                continue
            }
            touches.append(address.description)
            touchLines.append(line ?? root.line(of: "touches") ?? 1)
        }
        return touches
    }

    mutating func readEvidence(_ map: YAMLMap) -> Intent.Evidence {
        rejectUnknown(map, allowed: ["conversations", "accounts", "first_seen", "last_seen", "plans", "churned", "frustration", "sample"])
        var evidence = Intent.Evidence(conversations: count(map, "conversations") ?? 0, accounts: count(map, "accounts") ?? 0,
                                      firstSeen: day(map, "first_seen"), lastSeen: day(map, "last_seen"),
                                      churned: count(map, "churned") ?? 0, sample: strings(map, "sample"))
        if map.node("frustration") != nil, let frustration = number(map, "frustration") {
            if frustration > 1 {
                error("field 'evidence.frustration' must be between 0 and 1, found \(frustration)", line: map.line(of: "frustration"))
            } else {
                evidence.frustration = frustration
            }
        }
        if let first = evidence.firstSeen, let last = evidence.lastSeen, last < first {
            error("field 'evidence.last_seen' (\(last)) is before 'evidence.first_seen' (\(first))", line: map.line(of: "last_seen"))
        }
        if let plans = sub(map, "plans") {
            for (key, value, line) in pairs(plans) { evidence.plans[key] = count(value, field: "evidence.plans.\(key)", line: line) ?? 0 }
        }
        return evidence
    }

    mutating func readImpact(_ map: YAMLMap) -> Intent.Impact {
        rejectUnknown(map, allowed: ["frequency", "revenue_exposure", "stage_weight", "fix_cost", "priority"])
        let fixCost = number(map, "fix_cost") ?? 1
        if fixCost == 0 { error("field 'impact.fix_cost' must be greater than 0", line: map.line(of: "fix_cost")) }
        return Intent.Impact(frequency: count(map, "frequency") ?? 0, revenueExposure: number(map, "revenue_exposure") ?? 0,
                            stageWeight: number(map, "stage_weight") ?? 0, fixCost: fixCost,
                            priority: number(map, "priority") ?? 0)
    }

    mutating func readWeekly(_ map: YAMLMap) -> [ISOWeek: Int] {
        var weekly: [ISOWeek: Int] = [:]
        for (key, value, line) in pairs(map) {
            guard let week = ISOWeek(key) else {
                error("key '\(key)' of 'weekly' must be an ISO week such as 2026-W47", line: line)
                continue
            }
            weekly[week] = count(value, field: "weekly.\(key)", line: line) ?? 0
        }
        return weekly
    }

    mutating func readHistory(_ root: YAMLMap) -> [Intent.HistoryEntry] {
        guard let node = root.node("history"), !isNullNode(node) else { return [] }
        guard case .sequence(let items) = node else {
            error("field 'history' must be a list of events", line: root.line(of: "history"))
            return []
        }
        var history: [Intent.HistoryEntry] = []
        for item in items {
            guard case .mapping(let mapping) = item else {
                error("items of 'history' must be mappings with an 'event'", line: item.mark?.line)
                continue
            }
            let entry = YAMLMap(mapping: mapping, file: file, path: "history")
            rejectUnknown(entry, allowed: ["event", "date", "intents", "reason"])
            guard let text = required(entry, "event", what: "one of \(Intent.HistoryEntry.Event.allowedList)") else { continue }
            guard let event = Intent.HistoryEntry.Event(rawValue: text) else {
                error("field 'history.event' must be one of \(Intent.HistoryEntry.Event.allowedList), found '\(text)'",
                      line: entry.line(of: "event"))
                continue
            }
            history.append(Intent.HistoryEntry(event: event, date: day(entry, "date"), intents: strings(entry, "intents"),
                                              reason: attempt { () throws(YAMLFileError) in try entry.string("reason") }))
        }
        return history
    }
}
