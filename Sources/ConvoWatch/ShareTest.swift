public import ConvoBase
import Foundation

/// What `convo watch` compares for one intent: its conversations and all conversations per ISO
/// week, and the day its change reached the main line.
public struct WatchInput: Sendable, Hashable {
    public var intent: String
    /// When the change merged. Its week is left out of both windows (it is part before, part
    /// after), unless the merge came at the very start of that week (Monday 00:00 UTC): then the
    /// whole week is after it.
    public var mergedAt: Timestamp
    public var mergedOn: Day { mergedAt.day }
    /// The intent's conversations per week; a week missing here had none.
    public var intentWeekly: [ISOWeek: Int]
    /// All conversations per week; only weeks listed here (with a total above zero) are compared.
    public var totals: [ISOWeek: Int]

    public init(intent: String, mergedAt: Timestamp, intentWeekly: [ISOWeek: Int], totals: [ISOWeek: Int]) {
        self.intent = intent
        self.mergedAt = mergedAt
        self.intentWeekly = intentWeekly
        self.totals = totals
    }
}

/// The thresholds of the test, each stated in `convo watch --help`.
public struct WatchSettings: Sendable, Hashable {
    /// One-sided significance level.
    public var alpha = 0.05
    /// The share must fall by at least this fraction (0.25: by a quarter) to count as dropped:
    /// with heavy traffic a tiny, meaningless fall is still "significant".
    public var minimumRelativeDrop = 0.25
    /// Full weeks of data needed after the merge before any verdict.
    public var minimumWeeksAfter = 1
    /// Full weeks of data needed before the merge week.
    public var minimumWeeksBefore = 1
    /// At most this many weeks on each side of the merge are compared.
    public var windowWeeks = 8
    /// Fewer of the intent's conversations than this in both windows together is too little to tell.
    public var minimumConversations = 10

    public init() {}
}

/// `convo watch`'s verdict on one intent.
public enum WatchVerdict: String, Sendable, Hashable {
    case dropped
    case notDropped = "not-dropped"
    case tooEarly = "too-early"
}

/// One side of the merge: which weeks, and the intent's conversations out of all of them.
public struct WatchWindow: Sendable, Hashable {
    public var weeks: [ISOWeek]
    public var conversations: Int
    public var total: Int

    /// The intent's share of all conversations in the window; nil when there were none.
    public var share: Double? { total > 0 ? Double(conversations) / Double(total) : nil }
}

/// The comparison and its verdict.
public struct WatchResult: Sendable, Hashable {
    public var intent: String
    public var mergedOn: Day
    public var mergeWeek: ISOWeek
    public var before: WatchWindow
    public var after: WatchWindow
    /// (after share − before share) ÷ before share; nil when either share is unknown or before is 0.
    public var relativeChange: Double?
    /// The test statistic and one-sided p-value; nil when the test could not run.
    public var z: Double?
    public var pValue: Double?
    public var verdict: WatchVerdict
    /// Why, with the numbers, in one sentence: what `--reopen` records in the intent's history.
    public var reason: String
    /// Every week compared, in order: (week, intent's conversations, all conversations).
    public var weekly: [(week: ISOWeek, conversations: Int, total: Int)]

    public static func == (lhs: WatchResult, rhs: WatchResult) -> Bool {
        lhs.intent == rhs.intent && lhs.mergedOn == rhs.mergedOn && lhs.before == rhs.before && lhs.after == rhs.after
            && lhs.verdict == rhs.verdict && lhs.reason == rhs.reason
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(intent)
        hasher.combine(mergedOn)
        hasher.combine(verdict)
        hasher.combine(reason)
    }
}

/// The test `convo watch` applies: a one-sided two-proportion z-test of the intent's share of all
/// conversations in the weeks before the merge against the weeks after it.
///
/// Comparing *shares* rather than counts accounts for total traffic: a quiet holiday week lowers
/// every intent's count, not its share. With x₁ of n₁ conversations before and x₂ of n₂ after,
/// p̂ = (x₁+x₂)/(n₁+n₂), z = (x₁/n₁ − x₂/n₂) / √(p̂(1−p̂)(1/n₁+1/n₂)), and the p-value is
/// P(Z ≥ z) under the standard normal. The verdict:
/// - **too early** when there are fewer than `minimumWeeksAfter` full weeks after the merge
///   (or fewer than `minimumWeeksBefore` before it, or fewer than `minimumConversations` of the
///   intent's conversations in all);
/// - **dropped** when p < `alpha` *and* the share fell by at least `minimumRelativeDrop`;
/// - **not dropped** otherwise.
/// The merge week itself is in neither window, since it is part before and part after the change,
/// unless the change merged at the very start of it (Monday 00:00 UTC): then it is wholly after.
/// Windows hold at most `windowWeeks` weeks each.
public enum ShareTest {
    public static func evaluate(_ input: WatchInput, settings: WatchSettings = WatchSettings()) throws(ConvoError) -> WatchResult {
        let mergeWeek = input.mergedOn.isoWeek
        let mergeWeekIsAfter = input.mergedAt == mergeWeek.monday.start
        for (week, count) in input.intentWeekly where count > (input.totals[week] ?? Int.max) {
            throw ConvoError.usage("intent '\(input.intent)' has \(count) conversations in \(week), more than the \(input.totals[week] ?? 0) "
                                   + "conversations of that week in all",
                                   hints: ["the weekly totals and the intent's weekly counts must come from the same data; "
                                           + "run `convo cluster` again after ingesting"])
        }
        let weeks = input.totals.filter { $0.value > 0 }.keys.sorted()
        let beforeWeeks = Array(weeks.filter { $0 < mergeWeek }.suffix(max(1, settings.windowWeeks)))
        let afterWeeks = Array(weeks.filter { $0 > mergeWeek || (mergeWeekIsAfter && $0 == mergeWeek) }
            .prefix(max(1, settings.windowWeeks)))
        func window(_ weeks: [ISOWeek]) -> WatchWindow {
            WatchWindow(weeks: weeks, conversations: weeks.reduce(0) { $0 + (input.intentWeekly[$1] ?? 0) },
                        total: weeks.reduce(0) { $0 + (input.totals[$1] ?? 0) })
        }
        let before = window(beforeWeeks)
        let after = window(afterWeeks)
        let weekly = (beforeWeeks + afterWeeks).map { (week: $0, conversations: input.intentWeekly[$0] ?? 0, total: input.totals[$0] ?? 0) }
        var result = WatchResult(intent: input.intent, mergedOn: input.mergedOn, mergeWeek: mergeWeek, before: before, after: after,
                                 relativeChange: nil, z: nil, pValue: nil, verdict: .tooEarly, reason: "", weekly: weekly)
        if let shareBefore = before.share, let shareAfter = after.share, shareBefore > 0 {
            result.relativeChange = (shareAfter - shareBefore) / shareBefore
        }
        let shares = "share \(percent(before)) before (\(before.conversations) of \(before.total), \(span(before.weeks))), "
            + "\(percent(after)) after (\(after.conversations) of \(after.total), \(span(after.weeks)))"

        if after.weeks.count < settings.minimumWeeksAfter {
            let have = after.weeks.isEmpty ? "no full week" : "only \(after.weeks.count) full week\(after.weeks.count == 1 ? "" : "s")"
            let needed = "\(settings.minimumWeeksAfter) week\(settings.minimumWeeksAfter == 1 ? "" : "s")"
            result.reason = mergeWeekIsAfter
                ? "\(have) of data since the merge at the start of \(mergeWeek); the test needs \(needed)"
                : "\(have) of data after the merge week \(mergeWeek); the test needs \(needed)"
            return result
        }
        if before.weeks.count < settings.minimumWeeksBefore {
            result.reason = "no full week of data before the merge week \(mergeWeek) to compare with"
            return result
        }
        if before.conversations + after.conversations < settings.minimumConversations {
            result.reason = "\(shares); \(before.conversations + after.conversations) conversations in all are too few to tell "
                + "(the test needs \(settings.minimumConversations))"
            return result
        }
        let (z, p) = zTest(x1: before.conversations, n1: before.total, x2: after.conversations, n2: after.total)
        result.z = z
        result.pValue = p
        let drop = -(result.relativeChange ?? 0)
        let test = "one-sided two-proportion z-test z=\(fixed(z, 2)), p\(p < 0.0001 ? "" : "=")\(pText(p))"
        if p < settings.alpha && drop >= settings.minimumRelativeDrop {
            result.verdict = .dropped
            result.reason = "\(shares): \(changeText(result.relativeChange)); \(test) < \(fixed(settings.alpha, 2))"
        } else {
            result.verdict = .notDropped
            let why = p >= settings.alpha
                ? "p ≥ \(fixed(settings.alpha, 2))"
                : "a fall of \(Int((drop * 100).rounded()))% is less than the \(Int((settings.minimumRelativeDrop * 100).rounded()))% required"
            result.reason = "\(shares): \(changeText(result.relativeChange)); \(test), \(why)"
        }
        return result
    }

    /// The z statistic of p₁ − p₂ with a pooled variance, and P(Z ≥ z).
    public static func zTest(x1: Int, n1: Int, x2: Int, n2: Int) -> (z: Double, p: Double) {
        guard n1 > 0, n2 > 0 else { return (0, 1) }
        let p1 = Double(x1) / Double(n1), p2 = Double(x2) / Double(n2)
        let pooled = Double(x1 + x2) / Double(n1 + n2)
        let variance = pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n2))
        guard variance > 0 else { return (0, 1) }
        let z = (p1 - p2) / variance.squareRoot()
        return (z, 0.5 * erfc(z / 2.0.squareRoot()))
    }

    static func percent(_ window: WatchWindow) -> String {
        guard let share = window.share else { return "n/a" }
        return fixed(share * 100, 1) + "%"
    }

    static func span(_ weeks: [ISOWeek]) -> String {
        guard let first = weeks.first, let last = weeks.last else { return "no weeks" }
        return first == last ? "\(first)" : "\(first)..\(last)"
    }

    static func changeText(_ change: Double?) -> String {
        guard let change else { return "no change measurable" }
        let value = Int((change * 100).rounded())
        return value < 0 ? "down \(-value)%" : (value == 0 ? "unchanged" : "up \(value)%")
    }

    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

    static func pText(_ p: Double) -> String { p < 0.0001 ? "<0.0001" : String(format: "%.4f", p) }
}
