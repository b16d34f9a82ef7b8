import ConvoBase

/// Settings of the clustering itself, independent of how texts become vectors.
public struct ClusteringSettings: Sendable, Hashable {
    /// No cluster smaller than this is emitted; its items are moved to the nearest remaining
    /// cluster if they fit one, or left unassigned.
    public var minClusterSize = 5
    /// Neighbours per item in the similarity graph; nil scales it with the discovery sample
    /// (√n / 4, within 10…40), since a fixed k makes large samples split into more pieces.
    public var neighbors: Int?
    /// Neighbours at least this similar count as near-duplicates: linked, but not counted
    /// among the `neighbors`, so repeated wordings still reach their paraphrases.
    public var duplicateSimilarity: Float = 0.9
    /// Modularity resolution: higher finds more, smaller intents.
    public var resolution = 3.0
    /// Intents are discovered on at most this many items (chosen by a hash of their ids, so the
    /// choice is stable as data grows); every item is then assigned to the nearest intent.
    /// This keeps the cost near-linear in the number of items.
    public var discoveryLimit = 8_000
    /// Rounds of k-means-style refinement after discovery (assign to the nearest centre,
    /// recompute centres).
    public var refinementRounds = 2
    /// An item whose cosine similarity to its nearest centre is below this is left unassigned:
    /// it shares too little with any intent to be counted in one.
    public var outlierSimilarity: Float = 0.2
    /// When set, an item is also left unassigned when its similarity to its centre lies this
    /// many robust standard deviations (1.4826 × median absolute deviation, at least 0.1) below
    /// the median of its cluster. Off by default: in clusters of near-identical texts it also
    /// rejects ordinary typos.
    public var outlierDeviations: Float?

    public init() {}

    /// Settings for the built-in lexical representation.
    public static let lexical = ClusteringSettings()

    /// Settings for dense sentence embeddings (a local encoder or an embeddings API), whose
    /// similarities are higher and more even than lexical ones. Tuned with all-MiniLM-L6-v2 on
    /// BANKING77's `all` split (the resolution that finds about as many intents as there are),
    /// with a discovery sample of 12,000: on 100,000 simulated conversations a sample of 8,000
    /// cost 4 points of NMI here, where the built-in representation gained 2.
    public static let denseEmbeddings: ClusteringSettings = {
        var settings = ClusteringSettings()
        settings.resolution = 5
        settings.outlierSimilarity = 0.3
        settings.duplicateSimilarity = 0.95
        settings.discoveryLimit = 12_000
        return settings
    }()

    func neighborCount(sampleSize: Int) -> Int {
        if let neighbors { return max(1, neighbors) }
        let scaled = Int((Double(sampleSize).squareRoot() / 4).rounded())
        return min(40, max(10, scaled))
    }
}

/// Groups items into intents without being told how many: a k-nearest-neighbour similarity
/// graph over a bounded sample, split by modularity (Louvain) and refined there, then every item
/// assigned to the nearest centre and settled by k-means rounds to a fixed point; clusters below
/// the minimum size are dissolved, and items far from every centre stay unassigned.
///
/// With known groups — `anchors` (the previous run's groups, `item id → key`) and `signals`
/// (texts that describe a group, such as an intent's exemplars) — clustering continues from them
/// instead of starting over: every anchored item that still fits its group stays in it, known
/// groups are never dissolved, new clusters that a group's signals would join become part of it,
/// and only what matches none forms new clusters. Known groups that turn out to be one are
/// merged and one whose halves share nothing is split (see `reconcile`), both reported in the
/// result. That keeps intents stable as data grows.
public struct Clusterer: Sendable {
    public var settings: ClusteringSettings
    /// Previous groups by item id (e.g. conversation id → intent id); empty for a fresh start.
    public var anchors: [String: String]
    /// Texts that describe known groups, by key (an intent's exemplars and its keywords): placed
    /// in the same space as the items, they claim the new clusters they would be assigned to, and
    /// a key with no anchored items starts from their centre.
    public var signals: [String: [ClusteringItem]]

    /// Use `.lexical` with the built-in representation and `.denseEmbeddings` with an embedder
    /// (`EmbeddingSource.suggestedSettings` picks the right one).
    public init(settings: ClusteringSettings = .lexical, anchors: [String: String] = [:],
                signals: [String: [ClusteringItem]] = [:]) {
        self.settings = settings
        self.anchors = anchors
        self.signals = signals
    }

    /// Clusters with the built-in representation (no network, no model files).
    public func cluster(_ items: [ClusteringItem], representation: BuiltinRepresentation = BuiltinRepresentation(),
                        progress: any ProgressObserver = SilentProgress()) -> ClusteringResult {
        let sample = discoverySample(items)
        let space = representation.fit(sample.map { items[$0] }, progress: progress)
        let dimension = space.dimension
        var vectors = DenseRows(rowCount: items.count, dimension: dimension)
        // The sample's rows were computed to fit the space; only the other items are new.
        var others = [Bool](repeating: true, count: items.count)
        if let fitted = space.fittedVectors() {
            for (position, index) in sample.enumerated() {
                vectors.values.replaceSubrange((index * dimension)..<((index + 1) * dimension), with: fitted.row(position))
                others[index] = false
            }
        }
        let remaining = items.indices.filter { others[$0] }
        let block = 8192
        for start in stride(from: 0, to: remaining.count, by: block) {
            let part = remaining[start..<min(start + block, remaining.count)]
            let placed = space.vectors(for: part.map { items[$0] })
            for (row, index) in part.enumerated() {
                vectors.values.replaceSubrange((index * dimension)..<((index + 1) * dimension), with: placed.row(row))
            }
            progress.update("vectorising", completed: items.count - remaining.count + start + part.count, total: items.count, unit: "items")
        }
        progress.finish("vectorising")
        let signalVectors = signals.mapValues { space.vectors(for: $0) }
        return cluster(items, vectors: vectors, sample: sample, describer: space, signalVectors: signalVectors, progress: progress)
    }

    /// Clusters dense vectors from an embedder (an embeddings API, or a local encoder). Each
    /// text part is embedded on its own and an item's vector is the weighted mean of its parts,
    /// so a conversation's first user turn counts most here too.
    public func cluster(_ items: [ClusteringItem], embedder: any TextEmbedder,
                        progress: any ProgressObserver = SilentProgress()) async throws -> ClusteringResult {
        let vectors = try await Self.embed(items, with: embedder, progress: progress)
        var signalVectors: [String: DenseRows] = [:]
        for key in signals.keys.sorted() {
            signalVectors[key] = try await Self.embed(signals[key] ?? [], with: embedder)
        }
        return try cluster(items, vectors: vectors, signalVectors: signalVectors, progress: progress)
    }

    /// One unit vector per item: the weighted mean of its parts' embeddings.
    public static func embed(_ items: [ClusteringItem], with embedder: any TextEmbedder,
                             progress: any ProgressObserver = SilentProgress()) async throws -> DenseRows {
        var texts: [String] = []
        var owners: [(item: Int, weight: Float)] = []
        for (index, item) in items.enumerated() {
            for part in item.parts where part.weight > 0 && !part.text.isEmpty {
                texts.append(part.text)
                owners.append((index, part.weight))
            }
        }
        progress.update("embedding", completed: 0, total: texts.count, unit: "texts")
        let embedded = try await embedder.embed(texts)
        progress.finish("embedding")
        let dimension = embedder.dimension
        guard embedded.count == texts.count, embedded.allSatisfy({ $0.count == dimension }) else {
            throw ConvoError("the embedder \(embedder.identifier) returned \(embedded.count) vectors of the wrong shape for \(texts.count) texts",
                             hints: ["check that the configured model returns \(dimension)-dimensional vectors"])
        }
        var rows = DenseRows(rowCount: items.count, dimension: dimension)
        for (vector, owner) in zip(embedded, owners) {
            for k in 0..<dimension { rows.values[owner.item * dimension + k] += owner.weight * vector[k] }
        }
        rows.normalizeRows()
        return rows
    }

    /// Clusters precomputed vectors (one row per item, in the same order, e.g. from an
    /// embedding cache). `signalVectors` are the `signals` already placed in the same space
    /// (the texts in `signals` are not used by this entry point).
    /// - Throws: `ConvoError` when there is not exactly one row per item, or a signal vector has
    ///   another dimension.
    public func cluster(_ items: [ClusteringItem], vectors: DenseRows, signalVectors: [String: DenseRows] = [:],
                        progress: any ProgressObserver = SilentProgress()) throws -> ClusteringResult {
        guard vectors.rowCount == items.count else {
            throw ConvoError("got \(vectors.rowCount) vectors for \(items.count) conversations",
                             hints: ["the embedding cache may be stale: delete it and run again"])
        }
        if let key = signalVectors.keys.sorted().first(where: { signalVectors[$0]?.dimension != vectors.dimension && signalVectors[$0]?.rowCount != 0 }) {
            throw ConvoError("the signal vectors of '\(key)' do not have the items' dimension \(vectors.dimension)")
        }
        let sample = discoverySample(items)
        // Words only describe the clusters here; the vectors decide them.
        let describer = LexicalSpace(describing: sample.map { items[$0] }, minDocumentFrequency: 2, wordShare: 1)
        var normalized = vectors
        normalized.normalizeRows()
        var signals = signalVectors
        for key in signals.keys { signals[key]?.normalizeRows() }
        return cluster(items, vectors: normalized, sample: sample, describer: describer, signalVectors: signals, progress: progress)
    }

    // MARK: - Pipeline

    /// Input indices of the discovery sample, in the order of a stable hash of their ids (so the
    /// sample, and the graph's node order, do not depend on input order).
    func discoverySample(_ items: [ClusteringItem]) -> [Int] {
        let keyed = items.indices.map { (TextAnalyzer.hash(items[$0].id.utf8, kind: .word), $0) }
        let ordered = keyed.sorted { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        return ordered.prefix(max(0, settings.discoveryLimit)).map(\.1)
    }

    private func cluster(_ items: [ClusteringItem], vectors: DenseRows, sample: [Int], describer: LexicalSpace,
                         signalVectors: [String: DenseRows], progress: any ProgressObserver) -> ClusteringResult {
        let minSize = max(1, settings.minClusterSize)
        // Known groups come first, in key order (anchored keys and keys with signals); discovered
        // clusters follow.
        let signals = signalVectors.filter { $0.value.rowCount > 0 && $0.value.dimension == vectors.dimension }
        let keys = Set(items.compactMap { anchors[$0.id] }).union(signals.keys).sorted()
        let slotOfKey = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        let anchorSlot: [Int?] = items.map { item in anchors[item.id].flatMap { slotOfKey[$0] } }
        var anchorMembers = [[Int]](repeating: [], count: keys.count)
        for (index, slot) in anchorSlot.enumerated() {
            if let slot { anchorMembers[slot].append(index) }
        }
        var slots = Slots(known: keys.indices.map { slot in
            anchorMembers[slot].isEmpty ? Self.centroid(ofAllRows: signals[keys[slot]], dimension: vectors.dimension) : Self.centroid(of: anchorMembers[slot], in: vectors)
        }, keys: keys)
        // Discovery, refinement and reconciling run on the working set: the discovery sample in
        // input order (every item when the data fit within the discovery limit). Everything is
        // then assigned once and settled (`settle`), so the cost of the many rounds that
        // reconciling needs does not grow with the data.
        let work = sample.sorted()
        let everything = work.count == items.count
        let workVectors = everything ? vectors : vectors.subset(work)
        var workAnchor = everything ? anchorSlot : work.map { anchorSlot[$0] }
        if sample.count >= max(2, minSize) {
            progress.update("finding intents", completed: 0, total: nil, unit: "items")
            let sampleVectors = vectors.subset(sample)
            let k = settings.neighborCount(sampleSize: sample.count)
            let neighbors = NeighborLists(rows: sampleVectors, k: k * Self.duplicateAllowance)
            progress.finish("finding intents")
            progress.update("modularity", completed: 0, total: nil, unit: "items")
            let graph = WeightedGraph(neighbors: neighbors, nodeCount: sample.count, k: k,
                                      duplicateSimilarity: settings.duplicateSimilarity)
            let communities = Louvain.absorbSmallCommunities(Louvain.communities(of: graph, resolution: settings.resolution),
                                                             graph: graph, minimumSize: minSize)
            var members: [[Int]] = Array(repeating: [], count: (communities.max() ?? -1) + 1)
            for (node, community) in communities.enumerated() { members[community].append(node) }
            // A community made mostly of anchored items is an existing group seen again.
            let fresh = members.filter { group in
                group.count >= minSize && group.filter { anchorSlot[sample[$0]] != nil }.count * 2 < group.count
            }
            for group in fresh { slots.append(Self.centroid(of: group, in: sampleVectors)) }
            progress.finish("modularity")
        }
        var (assignment, similarity) = refine(workVectors, slots: &slots, anchorSlot: workAnchor, minSize: minSize, progress: progress)
        // Reconcile with the known groups, and settle, until reconciling changes nothing: the
        // result is then a fixed point, so clustering the same data again from it (its groups as
        // anchors) gives it back unchanged.
        for _ in 0..<Self.reconcileRounds {
            let changed = reconcile(workVectors, slots: &slots, assignment: &assignment, anchorSlot: &workAnchor, signals: signals,
                                    minSize: minSize)
            (assignment, similarity) = settle(workVectors, slots: &slots, anchorSlot: workAnchor, minSize: minSize)
            if !changed { break }
        }
        progress.finish("refining")
        if !everything {
            progress.update("assigning", completed: 0, total: items.count, unit: "items")
            let fullAnchor = Self.carryAnchors(anchorSlot, work: work, workAnchor: workAnchor, slots: slots, vectors: vectors)
            // Settling starts from the centres of every item's group: a known group's anchored
            // items, or (a group with none) its members in the working set. When the anchors are
            // the groups a previous run settled on, these are that run's centres, and unchanged
            // data settles at once where it was.
            var members = [[Int]](repeating: [], count: slots.count)
            for (index, slot) in fullAnchor.enumerated() {
                if let slot { members[slot].append(index) }
            }
            let anchored = Set(fullAnchor.compactMap { $0 })
            for (position, index) in work.enumerated() {
                if let slot = assignment[position], !anchored.contains(slot) {
                    members[slot].append(index)
                }
            }
            for slot in members.indices where !members[slot].isEmpty {
                slots.centroids[slot] = Self.centroid(of: members[slot], in: vectors)
            }
            (assignment, similarity) = settle(vectors, slots: &slots, anchorSlot: fullAnchor, minSize: minSize)
            progress.finish("assigning")
        }
        progress.update("describing intents", completed: 0, total: nil, unit: "intents")
        defer { progress.finish("describing intents") }
        return result(items, vectors: vectors, slots: slots, assignment: assignment, similarity: similarity,
                      sample: sample, describer: describer)
    }

    /// Assigns and recomputes centres until no item moves (at most `settleRounds`), leaving
    /// outliers out and dissolving new clusters below the minimum size on the way: the state a
    /// later run, anchored on it, starts from and keeps.
    ///
    /// After the first pass, a round compares only the items the centres' moves may have
    /// unsettled (`replace`) and moves only their share of the centres' sums. Once nothing
    /// moves, the sums are added up afresh and one full pass confirms it, so the result is a
    /// fixed point of `assign` with centres that are exactly the means of their members.
    private func settle(_ vectors: DenseRows, slots: inout Slots, anchorSlot: [Int?], minSize: Int) -> ([Int?], [Float]) {
        guard settings.outlierDeviations == nil else {
            return settleExhaustively(vectors, slots: &slots, anchorSlot: anchorSlot, minSize: minSize)
        }
        var placement = Placement(count: vectors.rowCount)
        place(vectors, centroids: slots.centroids, anchorSlot: anchorSlot, rows: nil, into: &placement)
        var assignment = placement.slot
        var totals = ClusterTotals(assignment, in: vectors, count: slots.count)
        var exact = true
        var confirm = false
        for _ in 0..<Self.settleRounds {
            let small = Set((0..<slots.count).filter { !slots.isKnown($0) && totals.counts[$0] < minSize })
            if !small.isEmpty {
                slots.remove(small)
                place(vectors, centroids: slots.centroids, anchorSlot: anchorSlot, rows: nil, into: &placement)
                assignment = placement.slot
                totals = ClusterTotals(assignment, in: vectors, count: slots.count)
                exact = true
                continue
            }
            let previous = slots.centroids
            for slot in 0..<slots.count where totals.counts[slot] > 0 { slots.centroids[slot] = totals.centroid(slot) }
            let unchanged = slots.centroids == previous
            if unchanged && exact && totals.fresh { break }
            if unchanged || confirm {
                place(vectors, centroids: slots.centroids, anchorSlot: anchorSlot, rows: nil, into: &placement)
                exact = true
                confirm = false
            } else {
                replace(vectors, centroids: slots.centroids, previous: previous, anchorSlot: anchorSlot, placement: &placement)
                exact = false
            }
            var moved = false
            for row in 0..<vectors.rowCount where placement.slot[row] != assignment[row] {
                totals.move(row, from: Int(assignment[row]), to: Int(placement.slot[row]), in: vectors)
                assignment[row] = placement.slot[row]
                moved = true
            }
            if !moved {
                if exact && totals.fresh { break }
                totals = ClusterTotals(assignment, in: vectors, count: slots.count)
                confirm = true
            }
        }
        if !exact {
            place(vectors, centroids: slots.centroids, anchorSlot: anchorSlot, rows: nil, into: &placement)
        }
        return (placement.assignment, placement.similarity)
    }

    /// `settle` comparing every item with every centre each round, for `outlierDeviations`,
    /// which needs every similarity every round.
    private func settleExhaustively(_ vectors: DenseRows, slots: inout Slots, anchorSlot: [Int?], minSize: Int) -> ([Int?], [Float]) {
        var (assignment, similarity) = assign(vectors, to: slots.centroids, anchorSlot: anchorSlot)
        for _ in 0..<Self.settleRounds {
            rejectOutliers(&assignment, similarity: similarity, clusterCount: slots.count)
            let groups = Self.groups(assignment, count: slots.count)
            let small = Set(groups.indices.filter { !slots.isKnown($0) && groups[$0].count < minSize })
            if !small.isEmpty {
                slots.remove(small)
                (assignment, similarity) = assign(vectors, to: slots.centroids, anchorSlot: anchorSlot)
                continue
            }
            for slot in groups.indices where !groups[slot].isEmpty {
                slots.centroids[slot] = Self.centroid(of: groups[slot], in: vectors)
            }
            let (next, nextSimilarity) = assign(vectors, to: slots.centroids, anchorSlot: anchorSlot)
            let moved = next != assignment
            (assignment, similarity) = (next, nextSimilarity)
            if !moved { break }
        }
        rejectOutliers(&assignment, similarity: similarity, clusterCount: slots.count)
        return (assignment, similarity)
    }

    /// Every item's anchor after reconciling on the working set `work`, whose items' anchors are
    /// `workAnchor`: an item of a known group folded into another follows it, and an item of a
    /// known group that lost a half to a split is released when it lies nearer that half.
    static func carryAnchors(_ anchorSlot: [Int?], work: [Int], workAnchor: [Int?], slots: Slots, vectors: DenseRows) -> [Int?] {
        var slotOfKey: [String: Int] = [:]
        for slot in 0..<slots.knownCount {
            if let key = slots.keys[slot] { slotOfKey[key] = slot }
        }
        let merges = slots.resolvedMerges()
        let survivor = (0..<slots.knownCount).map { slot in
            slots.keys[slot].flatMap { merges[$0] }.flatMap { slotOfKey[$0] } ?? slot
        }
        var halves: [Int: [Int]] = [:]
        for slot in slots.knownCount..<slots.count {
            if let parent = slots.splitFrom[slot].flatMap({ slotOfKey[$0] }) { halves[survivor[parent], default: []].append(slot) }
        }
        var anchors = anchorSlot.map { $0.map { survivor[$0] } }
        if !halves.isEmpty {
            let dimension = vectors.dimension
            vectors.values.withUnsafeBufferPointer { data in
                guard let base = data.baseAddress else { return }
                for (index, slot) in anchors.enumerated() {
                    guard let slot, let split = halves[slot] else { continue }
                    let own = slots.centroids[slot].withUnsafeBufferPointer { Kernels.dot(base + index * dimension, $0.baseAddress ?? base, dimension) }
                    let nearerHalf = split.contains { half in
                        slots.centroids[half].withUnsafeBufferPointer { Kernels.dot(base + index * dimension, $0.baseAddress ?? base, dimension) } > own
                    }
                    if nearerHalf { anchors[index] = nil }
                }
            }
        }
        for (position, index) in work.enumerated() { anchors[index] = workAnchor[position] }
        return anchors
    }

    /// Rounds of reconciling with the known groups; each claim, merge or split needs one.
    static let reconcileRounds = 5
    /// Rounds of assigning and re-centring in `settle`; k-means moves nothing after a few dozen.
    static let settleRounds = 50

    /// Assigns every item to the nearest centre and recomputes the centres, a few rounds, dropping
    /// new clusters that fall below the minimum size (their items go to the next nearest).
    private func refine(_ vectors: DenseRows, slots: inout Slots, anchorSlot: [Int?], minSize: Int,
                        progress: any ProgressObserver) -> ([Int?], [Float]) {
        var assignment = [Int?](repeating: nil, count: vectors.rowCount)
        var similarity = [Float](repeating: 0, count: vectors.rowCount)
        var round = 0
        while true {
            progress.update("refining", completed: round, total: settings.refinementRounds, unit: "rounds")
            let previous = assignment
            (assignment, similarity) = assign(vectors, to: slots.centroids, anchorSlot: anchorSlot)
            let groups = Self.groups(assignment, count: slots.count)
            let small = Set(groups.indices.filter { !slots.isKnown($0) && groups[$0].count < minSize })
            if !small.isEmpty {
                // Dissolve new clusters below the minimum size; their items go to the next nearest.
                slots.remove(small)
                continue
            }
            // Stop once (almost) nothing moves: the last few reassignments change no intent.
            let moved = zip(assignment, previous).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) }
            if round >= settings.refinementRounds || moved * 1000 <= assignment.count { break }
            for slot in groups.indices where !groups[slot].isEmpty {
                slots.centroids[slot] = Self.centroid(of: groups[slot], in: vectors)
            }
            round += 1
        }
        return (assignment, similarity)
    }

    /// Nearest centre of every item, or nil when the best similarity is below the outlier floor.
    /// An anchored item stays with its group's centre (the first centres, by slot) as long as it
    /// clears the floor there.
    func assign(_ vectors: DenseRows, to centroids: [[Float]], anchorSlot: [Int?]) -> ([Int?], [Float]) {
        var placement = Placement(count: vectors.rowCount)
        place(vectors, centroids: centroids, anchorSlot: anchorSlot, rows: nil, into: &placement)
        return (placement.assignment, placement.similarity)
    }

    /// Unassigns items whose similarity is far below their cluster's typical similarity.
    private func rejectOutliers(_ assignment: inout [Int?], similarity: [Float], clusterCount: Int) {
        guard let deviations = settings.outlierDeviations else { return }
        let groups = Self.groups(assignment, count: clusterCount)
        for members in groups where members.count >= 3 {
            let values = members.map { similarity[$0] }.sorted()
            let median = values[values.count / 2]
            // Near-duplicate texts can make the MAD zero; a floor keeps the rule from cutting
            // everything just below the median then.
            let spread = max(values.map { abs($0 - median) }.sorted()[values.count / 2] * 1.4826, Self.minimumSpread)
            let threshold = median - deviations * spread
            for member in members where similarity[member] < threshold { assignment[member] = nil }
        }
    }

    /// How many times `k` neighbours are gathered, so near-duplicates can be passed over.
    static let duplicateAllowance = 3

    /// Smallest robust spread of similarities the outlier rule assumes, in cosine units.
    static let minimumSpread: Float = 0.1

    static func groups(_ assignment: [Int?], count: Int) -> [[Int]] {
        var groups = [[Int]](repeating: [], count: count)
        for (index, cluster) in assignment.enumerated() {
            if let cluster { groups[cluster].append(index) }
        }
        return groups
    }

    /// The unit-length mean of every row; a zero vector (matching nothing) for no rows.
    static func centroid(ofAllRows rows: DenseRows?, dimension: Int) -> [Float] {
        guard let rows, rows.dimension == dimension else { return [Float](repeating: 0, count: dimension) }
        return centroid(of: Array(0..<rows.rowCount), in: rows)
    }

    static func centroid(of members: [Int], in vectors: DenseRows) -> [Float] {
        let dimension = vectors.dimension
        var sum = [Double](repeating: 0, count: dimension)
        vectors.values.withUnsafeBufferPointer { data in
            sum.withUnsafeMutableBufferPointer { total in
                guard let base = data.baseAddress, let total = total.baseAddress else { return }
                for member in members { Kernels.accumulate(base + member * dimension, into: total, dimension) }
            }
        }
        let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return sum.map { norm > 0 ? Float($0 / norm) : 0 }
    }

    private func result(_ items: [ClusteringItem], vectors: DenseRows, slots: Slots, assignment: [Int?],
                        similarity: [Float], sample: [Int], describer: LexicalSpace) -> ClusteringResult {
        let groups = Self.groups(assignment, count: slots.count)
        // Largest first; equal sizes by their earliest member, so numbering is deterministic.
        // A known group with no items left is not reported (its key lives on with the caller).
        let order = groups.indices.filter { !groups[$0].isEmpty }.sorted {
            groups[$0].count > groups[$1].count || (groups[$0].count == groups[$1].count && (groups[$0].first ?? 0) < (groups[$1].first ?? 0))
        }
        var renumber = [Int](repeating: 0, count: slots.count)
        for (newIndex, old) in order.enumerated() { renumber[old] = newIndex }
        let terms = TermExtractor(space: describer, rows: describer.fitted ?? describer.sparseRows(for: sample.map { items[$0] }))
        let sampleGroups: [[Int]] = {
            var byCluster = [[Int]](repeating: [], count: slots.count)
            for (position, index) in sample.enumerated() {
                if let cluster = assignment[index] { byCluster[renumber[cluster]].append(position) }
            }
            return byCluster
        }()
        let clusters = order.enumerated().map { newIndex, old -> Cluster in
            let members = groups[old].sorted { similarity[$0] > similarity[$1] || (similarity[$0] == similarity[$1] && $0 < $1) }
            let cohesion = members.isEmpty ? 0 : members.reduce(Float(0)) { $0 + similarity[$1] } / Float(members.count)
            // In member order: the very centre the members were settled around.
            let centroid = Self.centroid(of: groups[old], in: vectors)
            return Cluster(index: newIndex, members: members, centroid: centroid, cohesion: cohesion,
                           topTerms: terms.topTerms(members: sampleGroups[newIndex]),
                           anchor: slots.keys[old], splitFrom: slots.splitFrom[old])
        }
        return ClusteringResult(ids: items.map(\.id), assignments: assignment.map { $0.map { renumber[$0] } }, clusters: clusters,
                                space: describer.dimension > 0 ? describer : nil, merged: slots.resolvedMerges())
    }
}
