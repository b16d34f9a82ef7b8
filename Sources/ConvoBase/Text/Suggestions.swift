/// "Did you mean …?" for mistyped keys, section addresses and intent ids.
public enum Suggestions {
    /// The candidates closest to `input` by edit distance, best first, within a distance that
    /// scales with the input's length. Case is ignored.
    public static func closest(to input: String, in candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let needle = Array(input.lowercased().unicodeScalars)
        let maxDistance = max(2, needle.count / 3)
        var scored: [(distance: Int, candidate: String)] = []
        for candidate in candidates {
            let hay = Array(candidate.lowercased().unicodeScalars)
            let distance = editDistance(needle, hay)
            if distance <= maxDistance || (!needle.isEmpty && candidate.lowercased().contains(input.lowercased())) {
                scored.append((distance, candidate))
            }
        }
        scored.sort { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }
        return Array(scored.prefix(limit).map(\.candidate))
    }

    /// Levenshtein distance.
    public static func editDistance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
