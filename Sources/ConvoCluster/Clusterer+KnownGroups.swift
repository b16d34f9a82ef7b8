/// The groups one clustering run works with: the known groups first (one per key, in key order,
/// never dissolved, so an anchored item's slot never moves), then the clusters found in this run.
struct Slots {
    var centroids: [[Float]]
    /// The key of each known group; nil for a cluster found in this run.
    var keys: [String?]
    /// For a cluster split off a known group in this run, that group's key.
    var splitFrom: [String?]
    /// Known groups folded into another one: key → the key that absorbed it.
    var merged: [String: String] = [:]
    let knownCount: Int

    init(known centroids: [[Float]], keys: [String]) {
        self.centroids = centroids
        self.keys = keys
        splitFrom = Array(repeating: nil, count: keys.count)
        knownCount = keys.count
    }

    var count: Int { centroids.count }

    func isKnown(_ slot: Int) -> Bool { slot < knownCount }

    mutating func append(_ centroid: [Float], splitFrom key: String? = nil) {
        centroids.append(centroid)
        keys.append(nil)
        splitFrom.append(key)
    }

    /// Drops new clusters (known groups are never dropped); callers reassign afterwards.
    mutating func remove(_ slots: Set<Int>) {
        let kept = centroids.indices.filter { isKnown($0) || !slots.contains($0) }
        centroids = kept.map { centroids[$0] }
        keys = kept.map { keys[$0] }
        splitFrom = kept.map { splitFrom[$0] }
    }

    /// `merged` with chains followed (a → b, b → c gives a → c).
    func resolvedMerges() -> [String: String] {
        var resolved: [String: String] = [:]
        for key in merged.keys {
            var target = merged[key] ?? key
            var seen: Set<String> = [key]
            while let next = merged[target], seen.insert(target).inserted { target = next }
            resolved[key] = target
        }
        return resolved
    }
}

extension Clusterer {
    /// Reconciles what this run found with the known groups, in three steps, each judged in the
    /// clustering space with the settings' own yardsticks:
    ///
    /// 1. **Claims.** Every signal text votes for the cluster it would be assigned to (nearest
    ///    centre, at least `outlierSimilarity`); its own group counts only when it has anchored
    ///    items, since a centre made from the signals themselves would always win. A new cluster
    ///    that a known group's signals vote for becomes part of that group (most votes win; ties
    ///    go to the higher summed similarity, then the smaller key): the group's own description
    ///    says it is the same intent, which lexical features alone cannot tell across wordings.
    /// 2. **Merges.** Two groups are one when each one's centre lies inside the other: the centres
    ///    are more similar to each other than nine in ten members of either group are to their
    ///    own centre (`coreSimilarity`). Two halves of one intent pass that easily; neighbouring
    ///    intents, whose centres are only about as close as their average members, do not.
    ///    Known groups win over new clusters, larger over smaller, then the smaller key; a known
    ///    group folded into another is reported in `merged` and its anchored items follow it.
    /// 3. **Splits.** A group of at least twice the minimum size is bisected (spherical 2-means);
    ///    when both halves reach the minimum size, their centres are less similar than
    ///    `outlierSimilarity` — the halves would not even count as one intent by the loosest
    ///    standard — and none of the group's signals is nearer the smaller half (which would make
    ///    it one of the group's own wordings), the smaller half becomes a new cluster
    ///    (remembering the known group it left) and its items are released from their anchors.
    ///
    /// Between the two yardsticks nothing changes, so re-running on grown data does not flip
    /// groups back and forth.
    /// - Returns: whether anything was claimed, merged or split.
    func reconcile(_ vectors: DenseRows, slots: inout Slots, assignment: inout [Int?], anchorSlot: inout [Int?],
                   signals: [String: DenseRows], minSize: Int) -> Bool {
        let anchored = Set(anchorSlot.compactMap { $0 })
        let before = assignment
        let slotCount = slots.count
        claim(vectors, slots: &slots, assignment: &assignment, signals: signals, anchored: anchored)
        merge(vectors, slots: &slots, assignment: &assignment, anchorSlot: &anchorSlot)
        split(vectors, slots: &slots, assignment: &assignment, anchorSlot: &anchorSlot, signals: signals, minSize: minSize)
        let changed = assignment != before || slots.count != slotCount
        // Centres of what is left; new clusters emptied by claims or merges go.
        let groups = Self.groups(assignment, count: slots.count)
        for slot in groups.indices where !groups[slot].isEmpty {
            slots.centroids[slot] = Self.centroid(of: groups[slot], in: vectors)
        }
        let empty = Set(groups.indices.filter { !slots.isKnown($0) && groups[$0].isEmpty })
        if !empty.isEmpty { remap(&assignment, afterRemoving: empty, from: slots.count); slots.remove(empty) }
        return changed
    }

    private func claim(_ vectors: DenseRows, slots: inout Slots, assignment: inout [Int?], signals: [String: DenseRows],
                       anchored: Set<Int>) {
        let floor = settings.outlierSimilarity
        let zero = [Float](repeating: 0, count: vectors.dimension)
        var votes: [Int: [String: (count: Int, similarity: Float)]] = [:]
        for key in signals.keys.sorted() {
            guard let rows = signals[key] else { continue }
            let own = slots.keys.firstIndex(of: key)
            let candidates = slots.centroids.indices.map { slot in
                slot == own && !anchored.contains(slot) ? zero : slots.centroids[slot]
            }
            for row in 0..<rows.rowCount {
                guard let (slot, value) = Self.nearest(Array(rows.row(row)), among: candidates), value > 0, value >= floor,
                      !slots.isKnown(slot) else { continue }
                let previous = votes[slot]?[key] ?? (0, 0)
                votes[slot, default: [:]][key] = (previous.count + 1, previous.similarity + value)
            }
        }
        let slotOfKey = Dictionary(uniqueKeysWithValues: (0..<slots.knownCount).compactMap { slot in slots.keys[slot].map { ($0, slot) } })
        for slot in votes.keys.sorted() {
            guard let ballots = votes[slot], let winner = ballots.max(by: { a, b in
                (a.value.count, a.value.similarity, b.key) < (b.value.count, b.value.similarity, a.key)
            }), let target = slotOfKey[winner.key] else { continue }
            for index in assignment.indices where assignment[index] == slot { assignment[index] = target }
        }
    }

    private func merge(_ vectors: DenseRows, slots: inout Slots, assignment: inout [Int?], anchorSlot: inout [Int?]) {
        var groups = Self.groups(assignment, count: slots.count)
        var centroid = groups.indices.map { groups[$0].isEmpty ? slots.centroids[$0] : Self.centroid(of: groups[$0], in: vectors) }
        var core = groups.indices.map { Self.coreSimilarity(of: groups[$0], around: centroid[$0], in: vectors) }
        while true {
            var best: (survivor: Int, absorbed: Int, similarity: Float)?
            for a in groups.indices where !groups[a].isEmpty {
                for b in groups.indices where b > a && !groups[b].isEmpty {
                    let value = Self.dot(centroid[a], centroid[b])
                    guard value >= max(core[a], core[b]), value > (best?.similarity ?? -.infinity) else { continue }
                    best = survivorFirst(a, b, slots: slots, groups: groups).map { ($0.0, $0.1, value) }
                }
            }
            guard let (survivor, absorbed, _) = best else { return }
            for index in groups[absorbed] { assignment[index] = survivor }
            groups[survivor] += groups[absorbed]
            groups[absorbed] = []
            if let key = slots.keys[absorbed], let into = slots.keys[survivor] {
                slots.merged[key] = into
                // Nothing joins a folded group again this run; its anchored items follow the survivor.
                slots.centroids[absorbed] = [Float](repeating: 0, count: vectors.dimension)
                for index in anchorSlot.indices where anchorSlot[index] == absorbed { anchorSlot[index] = survivor }
            }
            centroid[survivor] = Self.centroid(of: groups[survivor], in: vectors)
            core[survivor] = Self.coreSimilarity(of: groups[survivor], around: centroid[survivor], in: vectors)
        }
    }

    /// Which of two groups keeps its identity when they merge: a known group over a new one,
    /// then the larger, then the smaller key (or earlier slot).
    private func survivorFirst(_ a: Int, _ b: Int, slots: Slots, groups: [[Int]]) -> (Int, Int)? {
        switch (slots.keys[a], slots.keys[b]) {
        case (.some, nil): return (a, b)
        case (nil, .some): return (b, a)
        case let (.some(keyA), .some(keyB)):
            if groups[a].count != groups[b].count { return groups[a].count > groups[b].count ? (a, b) : (b, a) }
            return keyA < keyB ? (a, b) : (b, a)
        case (nil, nil):
            return groups[a].count >= groups[b].count ? (a, b) : (b, a)
        }
    }

    private func split(_ vectors: DenseRows, slots: inout Slots, assignment: inout [Int?], anchorSlot: inout [Int?],
                       signals: [String: DenseRows], minSize: Int) {
        let groups = Self.groups(assignment, count: slots.count)
        for slot in groups.indices where groups[slot].count >= 2 * minSize {
            guard let (larger, smaller, similarity) = Self.bisect(groups[slot], in: vectors),
                  smaller.count >= minSize, similarity < settings.outlierSimilarity else { continue }
            let smallerCentre = Self.centroid(of: smaller, in: vectors)
            // A half the group's own signals describe is a wording of it, not a stowaway.
            if let key = slots.keys[slot], let rows = signals[key] {
                let largerCentre = Self.centroid(of: larger, in: vectors)
                let describes = (0..<rows.rowCount).contains { row in
                    let vector = Array(rows.row(row))
                    return Self.dot(vector, smallerCentre) > max(Self.dot(vector, largerCentre), 0)
                }
                if describes { continue }
            }
            slots.append(smallerCentre, splitFrom: slots.keys[slot] ?? slots.splitFrom[slot])
            let newSlot = slots.count - 1
            for index in smaller {
                assignment[index] = newSlot
                anchorSlot[index] = nil
            }
            slots.centroids[slot] = Self.centroid(of: larger, in: vectors)
        }
    }

    /// Spherical 2-means from the two most distant members (farthest from the centre, then
    /// farthest from that one): the larger half, the smaller half and how similar their centres
    /// are; nil when a half comes out empty.
    static func bisect(_ members: [Int], in vectors: DenseRows) -> (larger: [Int], smaller: [Int], similarity: Float)? {
        guard members.count >= 2 else { return nil }
        let dimension = vectors.dimension
        return vectors.values.withUnsafeBufferPointer { buffer -> (larger: [Int], smaller: [Int], similarity: Float)? in
            guard let base = buffer.baseAddress else { return nil }
            func similarity(_ member: Int, _ centre: [Float]) -> Float {
                centre.withUnsafeBufferPointer { Kernels.dot(base + member * dimension, $0.baseAddress ?? base, dimension) }
            }
            let centre = centroid(of: members, in: vectors)
            let first = members.min { (similarity($0, centre), $0) < (similarity($1, centre), $1) } ?? members[0]
            let seed = Array(vectors.row(first))
            let second = members.min { (similarity($0, seed), $0) < (similarity($1, seed), $1) } ?? members[1]
            var centres = [seed, Array(vectors.row(second))]
            var parts: [[Int]] = [[], []]
            for _ in 0..<bisectionRounds {
                var next: [[Int]] = [[], []]
                for member in members {
                    next[similarity(member, centres[0]) >= similarity(member, centres[1]) ? 0 : 1].append(member)
                }
                guard !next[0].isEmpty, !next[1].isEmpty else { return nil }
                if next == parts { break }
                parts = next
                centres = parts.map { centroid(of: $0, in: vectors) }
            }
            let value = dot(centres[0], centres[1])
            return parts[0].count >= parts[1].count ? (parts[0], parts[1], value) : (parts[1], parts[0], value)
        }
    }

    /// Rounds of the bisection's 2-means; it settles in a few.
    static let bisectionRounds = 10

    /// The similarity to `centre` that nine in ten members stay below (the 90th percentile): how
    /// close to the centre a group's core lies. 1 for no members (an empty group never overlaps).
    static func coreSimilarity(of members: [Int], around centre: [Float], in vectors: DenseRows) -> Float {
        guard !members.isEmpty else { return 1 }
        let values = members.map { member in zip(vectors.row(member), centre).reduce(Float(0)) { $0 + $1.0 * $1.1 } }.sorted()
        return values[Int((Double(values.count - 1) * coreShare).rounded(.down))]
    }

    /// Share of a group's members that lie farther from its centre than its core.
    static let coreShare = 0.9

    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The most similar centre (ties to the lower slot) and its similarity.
    static func nearest(_ vector: [Float], among centres: [[Float]]) -> (Int, Float)? {
        var best: (Int, Float)?
        for (slot, centre) in centres.enumerated() {
            let value = dot(vector, centre)
            if value > (best?.1 ?? -.infinity) { best = (slot, value) }
        }
        return best
    }

    /// Renumbers assignments after `removed` slots are dropped from `count` slots.
    func remap(_ assignment: inout [Int?], afterRemoving removed: Set<Int>, from count: Int) {
        var newIndex = [Int?](repeating: nil, count: count)
        var next = 0
        for slot in 0..<count where !removed.contains(slot) {
            newIndex[slot] = next
            next += 1
        }
        for index in assignment.indices { assignment[index] = assignment[index].flatMap { newIndex[$0] } }
    }
}

