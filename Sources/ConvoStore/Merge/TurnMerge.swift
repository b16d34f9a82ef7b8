/// How a part's turns relate to the turns the store already has.
public enum TurnMergeMode: Sendable, Hashable {
    /// The part may repeat turns the store has (a chat span's whole request history, the same
    /// file ingested twice, overlapping exports). Repeated turns are recognised and kept once.
    case history
    /// Every turn of the part is new (an Agnost event: one input/output pair). Nothing is
    /// deduplicated by content; the part's own id makes re-delivery a no-op instead.
    case delta
}

/// Where each turn of a merged conversation comes from, as the pure core of the store's merge.
/// A PostgreSQL store reuses it unchanged.
///
/// Rules, in order (history mode):
/// 1. Leading system turns of the part that repeat the stored leading system turns are the same turns.
/// 2. A part whose turns all appear, contiguously and in order, in the stored turns adds nothing.
/// 3. A part that contains all stored turns contiguously keeps what it has before and after them.
/// 4. A part that overlaps the end of the stored turns (or, arriving late, their start) continues
///    (or precedes) them past the longest overlap.
/// 5. Otherwise the part is disjoint: when both sides carry timestamps the two sequences are
///    interleaved by time (turns without a timestamp ride with the nearest earlier one, ties keep
///    stored turns first); without timestamps the part is appended, in arrival order.
/// Each side's own order is never changed. Delta parts skip rules 1–4.
public struct TurnMergePlan: Sendable, Hashable {
    public enum Slot: Sendable, Hashable {
        case existing(Int)
        case incoming(Int)
    }

    /// The merged conversation's turns, in order.
    public var order: [Slot]
    /// Incoming turns recognised as stored turns: (incoming index, existing index), so the store can
    /// fill in what the stored copy lacks (timestamp, latency, arguments).
    public var matches: [Match]

    public struct Match: Sendable, Hashable {
        public var incoming: Int
        public var existing: Int
    }

    /// Whether the merge adds turns.
    public var addsTurns: Bool {
        order.contains { if case .incoming = $0 { return true } else { return false } }
    }
}

public enum TurnMerge {
    public static func plan(existing: [TurnKey], incoming: [TurnKey], mode: TurnMergeMode = .history) -> TurnMergePlan {
        let stored = (0..<existing.count).map(TurnMergePlan.Slot.existing)
        if incoming.isEmpty { return TurnMergePlan(order: stored, matches: []) }
        if existing.isEmpty || mode == .delta {
            return interleave(existing: existing, incoming: incoming, incomingRange: 0..<incoming.count, matches: [])
        }

        // 1. Repeated leading system turns.
        var matches: [TurnMergePlan.Match] = []
        var start = 0
        while start < incoming.count, start < existing.count, incoming[start].role == .system,
              existing[start].role == .system, existing[start].matches(incoming[start]) {
            matches.append(.init(incoming: start, existing: start))
            start += 1
        }
        let rest = start..<incoming.count
        if rest.isEmpty { return TurnMergePlan(order: stored, matches: matches) }

        // 2. The part is already stored.
        if let offset = find(incoming[rest], in: existing[...]) {
            for (i, index) in rest.enumerated() { matches.append(.init(incoming: index, existing: offset + i)) }
            return TurnMergePlan(order: stored, matches: matches)
        }
        // 3. The part contains every stored turn (past the shared system turns), with more around them.
        let storedRest = existing[start...]
        let leading = stored[0..<start]
        if let offset = find(storedRest, in: incoming[rest]) {
            let at = rest.lowerBound + offset
            for i in 0..<storedRest.count { matches.append(.init(incoming: at + i, existing: start + i)) }
            let order = leading + (rest.lowerBound..<at).map(TurnMergePlan.Slot.incoming) + stored[start...]
                + ((at + storedRest.count)..<rest.upperBound).map(TurnMergePlan.Slot.incoming)
            return TurnMergePlan(order: Array(order), matches: matches)
        }
        // 4. Overlap at the end of the stored turns, or (arriving late) at their start.
        let tail = overlap(suffixOf: existing[...], prefixOf: incoming[rest])
        let head = overlap(suffixOf: incoming[rest], prefixOf: storedRest)
        if tail > 0 && tail >= head {
            for i in 0..<tail { matches.append(.init(incoming: rest.lowerBound + i, existing: existing.count - tail + i)) }
            let order = stored + ((rest.lowerBound + tail)..<rest.upperBound).map(TurnMergePlan.Slot.incoming)
            return TurnMergePlan(order: order, matches: matches)
        }
        if head > 0 {
            let firstShared = rest.upperBound - head
            for i in 0..<head { matches.append(.init(incoming: firstShared + i, existing: start + i)) }
            let order = leading + (rest.lowerBound..<firstShared).map(TurnMergePlan.Slot.incoming) + stored[start...]
            return TurnMergePlan(order: Array(order), matches: matches)
        }
        // 5. Disjoint.
        return interleave(existing: existing, incoming: incoming, incomingRange: rest, matches: matches)
    }

    /// The first offset in `haystack` where `needle` occurs contiguously.
    static func find(_ needle: ArraySlice<TurnKey>, in haystack: ArraySlice<TurnKey>) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        let first = needle[needle.startIndex]
        for offset in 0...(haystack.count - needle.count) {
            let base = haystack.startIndex + offset
            guard haystack[base].matches(first) else { continue }
            var equal = true
            for i in 1..<needle.count where !haystack[base + i].matches(needle[needle.startIndex + i]) {
                equal = false
                break
            }
            if equal { return offset }
        }
        return nil
    }

    /// The longest k such that the last k of `a` are the first k of `b`.
    static func overlap(suffixOf a: ArraySlice<TurnKey>, prefixOf b: ArraySlice<TurnKey>) -> Int {
        var k = min(a.count, b.count)
        while k > 0 {
            let aStart = a.endIndex - k
            if a[aStart].matches(b[b.startIndex]) {
                var equal = true
                for i in 1..<k where !a[aStart + i].matches(b[b.startIndex + i]) {
                    equal = false
                    break
                }
                if equal { return k }
            }
            k -= 1
        }
        return 0
    }

    /// Rule 5: interleave by time when both sides have timestamps, else append.
    static func interleave(existing: [TurnKey], incoming: [TurnKey], incomingRange: Range<Int>,
                           matches: [TurnMergePlan.Match]) -> TurnMergePlan {
        let stored = (0..<existing.count).map(TurnMergePlan.Slot.existing)
        let added = incomingRange.map(TurnMergePlan.Slot.incoming)
        let storedTimes = effectiveTimestamps(existing[...])
        let addedTimes = effectiveTimestamps(incoming[incomingRange])
        guard let storedTimes, let addedTimes else {
            return TurnMergePlan(order: stored + added, matches: matches)
        }
        var order: [TurnMergePlan.Slot] = []
        order.reserveCapacity(stored.count + added.count)
        var i = 0
        var j = 0
        while i < stored.count || j < added.count {
            if j == added.count || (i < stored.count && storedTimes[i] <= addedTimes[j]) {
                order.append(stored[i])
                i += 1
            } else {
                order.append(added[j])
                j += 1
            }
        }
        return TurnMergePlan(order: order, matches: matches)
    }

    /// Each turn's time for ordering: its own timestamp, else the nearest earlier one in its
    /// sequence, else (for leading turns) the first one. Nil when the sequence has no timestamp.
    static func effectiveTimestamps(_ keys: ArraySlice<TurnKey>) -> [Int64]? {
        guard let first = keys.lazy.compactMap(\.timestamp).first else { return nil }
        var result: [Int64] = []
        result.reserveCapacity(keys.count)
        var current = first
        for key in keys {
            if let ts = key.timestamp { current = ts }
            result.append(current)
        }
        return result
    }
}
