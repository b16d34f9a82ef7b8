public import ConvoBase
public import ConvoIntents
public import ConvoStore
import Foundation

/// All conversations per ISO week from `from` through `through`; weeks without any may be left out.
public typealias WeeklyTotals = (_ from: ISOWeek, _ through: ISOWeek) throws -> [ISOWeek: Int]

/// Weekly totals counted in the conversation store with one grouped query.
public enum StoreWeeklyTotals {
    /// Conversations per ISO week, and the last week that has any (nil for an empty store).
    public static func load(from store: any ConversationStore) throws -> (totals: [ISOWeek: Int], lastWeek: ISOWeek?) {
        var totals: [ISOWeek: Int] = [:]
        for bucket in try store.counts(matching: .all).byDay {
            guard let day = bucket.key else { continue }
            totals[day.isoWeek, default: 0] += bucket.count
        }
        return (totals, totals.keys.max())
    }
}

/// `convo watch`: for each intent whose change reached the main line, its share of all
/// conversations before and after, judged by `ShareTest`.
public enum Watch {
    /// - Parameters:
    ///   - mergePoints: from `MergeFinder`; an intent's `change.merged` day wins over it.
    ///   - through: the last week to compare (the current week, or the last week of data).
    /// - Returns: one result per intent with a merge, sorted by intent id.
    public static func run(intents: [Intent], mergePoints: [String: MergePoint], totals: WeeklyTotals, through: ISOWeek,
                           settings: WatchSettings = WatchSettings()) throws -> [WatchResult] {
        var results: [WatchResult] = []
        for intent in intents.sorted(by: { $0.id < $1.id }) {
            guard let mergedAt = intent.change?.merged?.start ?? mergePoints[intent.id]?.time else { continue }
            let mergeWeek = mergedAt.day.isoWeek
            let from = mergeWeek.adding(weeks: -max(1, settings.windowWeeks))
            let last = max(through, mergeWeek)
            let weekTotals = try totals(from, last).filter { $0.key >= from && $0.key <= last }
            let input = WatchInput(intent: intent.id, mergedAt: mergedAt, intentWeekly: intent.weekly, totals: weekTotals)
            results.append(try ShareTest.evaluate(input, settings: settings))
        }
        return results
    }

    /// The intent reopened because its share did not drop, with the reason in its history; nil
    /// when nothing changes (another verdict, or reopened already for the same reason).
    public static func reopened(_ intent: Intent, by result: WatchResult) -> Intent? {
        guard result.verdict == .notDropped else { return nil }
        // The day comes from the data (the end of the last week compared), never from the clock.
        let date = result.after.weeks.last.map { $0.monday.adding(days: 6) } ?? result.mergedOn
        let entry = Intent.HistoryEntry(event: .reopened, date: date, reason: "did not drop after the change merged on \(result.mergedOn): "
                                        + result.reason)
        if intent.status == .reopened && intent.history.contains(entry) { return nil }
        var updated = intent
        updated.status = .reopened
        if !updated.history.contains(entry) { updated.history.append(entry) }
        return updated
    }

    /// A result for `--json`: the windows, the test and every week compared.
    public static func json(_ result: WatchResult) -> JSONValue {
        func window(_ window: WatchWindow) -> JSONValue {
            var object: [String: JSONValue] = [
                "weeks": .array(window.weeks.map { .string($0.description) }),
                "conversations": .int(Int64(window.conversations)),
                "total": .int(Int64(window.total)),
            ]
            object["share"] = window.share.map(JSONValue.double) ?? .null
            return .object(object)
        }
        var object: [String: JSONValue] = [
            "intent": .string(result.intent),
            "merged": .string(result.mergedOn.description),
            "merge_week": .string(result.mergeWeek.description),
            "before": window(result.before),
            "after": window(result.after),
            "verdict": .string(result.verdict.rawValue),
            "reason": .string(result.reason),
            "test": .string("one-sided two-proportion z-test"),
            "weekly": .array(result.weekly.map { .object(["week": .string($0.week.description),
                                                          "conversations": .int(Int64($0.conversations)),
                                                          "total": .int(Int64($0.total))]) }),
        ]
        object["relative_change"] = result.relativeChange.map(JSONValue.double) ?? .null
        object["z"] = result.z.map(JSONValue.double) ?? .null
        object["p_value"] = result.pValue.map(JSONValue.double) ?? .null
        return .object(object)
    }
}
