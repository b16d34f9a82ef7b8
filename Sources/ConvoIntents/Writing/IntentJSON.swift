import ConvoBase

/// An intent as JSON with the same keys and shape as its file (dates and weeks as strings), for
/// `--json` output and for checking that any YAML parser reads a written file as the same data.
public enum IntentJSON {
    /// Absent optional fields are left out, exactly as the canonical writer leaves them out.
    public static func value(of intent: Intent) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(intent.id),
            "title": .string(intent.title),
            "kind": .string(intent.kind.rawValue),
            "status": .string(intent.status.rawValue),
            "touches": .array(intent.touches.map(JSONValue.string)),
        ]
        if let stage = intent.stage { object["stage"] = .string(stage) }
        switch intent.fixCost {
        case .kind(let kind): object["fix_cost"] = .string(kind)
        case .value(let value): object["fix_cost"] = .double(value)
        case nil: break
        }
        if let summary = intent.summary { object["summary"] = .string(summary) }
        if let notes = intent.notes { object["notes"] = .string(notes) }
        if !intent.signals.isEmpty {
            object["signals"] = .object(["keywords": strings(intent.signals.keywords),
                                         "exemplars": strings(intent.signals.exemplars)])
        }
        if let evidence = intent.evidence {
            var fields: [String: JSONValue] = [
                "conversations": .int(Int64(evidence.conversations)),
                "accounts": .int(Int64(evidence.accounts)),
                "plans": .object(evidence.plans.mapValues { .int(Int64($0)) }),
                "churned": .int(Int64(evidence.churned)),
                "sample": strings(evidence.sample),
            ]
            if let frustration = evidence.frustration { fields["frustration"] = .double(frustration) }
            if let first = evidence.firstSeen { fields["first_seen"] = .string(first.iso8601) }
            if let last = evidence.lastSeen { fields["last_seen"] = .string(last.iso8601) }
            object["evidence"] = .object(fields)
        }
        if let impact = intent.impact {
            object["impact"] = .object([
                "frequency": .int(Int64(impact.frequency)),
                "revenue_exposure": .double(impact.revenueExposure),
                "stage_weight": .double(impact.stageWeight),
                "fix_cost": .double(impact.fixCost),
                "priority": .double(impact.priority),
            ])
        }
        if !intent.weekly.isEmpty {
            object["weekly"] = .object(Dictionary(uniqueKeysWithValues: intent.weekly.map { ($0.key.description, .int(Int64($0.value))) }))
        }
        if let change = intent.change, change.branch != nil || change.commit != nil || change.merged != nil {
            var fields: [String: JSONValue] = [:]
            if let branch = change.branch { fields["branch"] = .string(branch) }
            if let commit = change.commit { fields["commit"] = .string(commit) }
            if let merged = change.merged { fields["merged"] = .string(merged.iso8601) }
            object["change"] = .object(fields)
        }
        if !intent.history.isEmpty {
            object["history"] = .array(intent.history.map { entry in
                var fields: [String: JSONValue] = ["event": .string(entry.event.rawValue)]
                if let date = entry.date { fields["date"] = .string(date.iso8601) }
                if !entry.intents.isEmpty { fields["intents"] = strings(entry.intents) }
                if let reason = entry.reason { fields["reason"] = .string(reason) }
                return .object(fields)
            })
        }
        return .object(object)
    }

    static func strings(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }
}
