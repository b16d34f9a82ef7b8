/// What clustering found: for every input item its cluster (or none), and for every cluster its
/// members, centre and most telling words. Clusters are numbered by size, largest first.
public struct ClusteringResult: Sendable {
    /// Input ids, in input order.
    public var ids: [String]
    /// Cluster index of each input item, nil for an outlier left unassigned.
    public var assignments: [Int?]
    /// Largest first; `clusters[i].index == i`.
    public var clusters: [Cluster]
    /// The fitted built-in representation the centroids live in, for placing new texts (or an
    /// intent's exemplars) in the same space; nil when the vectors came from an embedder.
    public var space: LexicalSpace?
    /// Known groups folded into another in this run (see `Clusterer.reconcile`): key → the key
    /// of the group that absorbed it. Their items now belong to that group.
    public var merged: [String: String]

    public init(ids: [String], assignments: [Int?], clusters: [Cluster], space: LexicalSpace?, merged: [String: String] = [:]) {
        self.ids = ids
        self.assignments = assignments
        self.clusters = clusters
        self.space = space
        self.merged = merged
    }

    /// Number of items that belong to some cluster.
    public var assignedCount: Int { assignments.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// `id → cluster index` for the assigned items.
    public func assignmentsByID() -> [String: Int] {
        var map: [String: Int] = [:]
        for (index, cluster) in assignments.enumerated() {
            if let cluster { map[ids[index]] = cluster }
        }
        return map
    }
}

/// One discovered group of items.
public struct Cluster: Sendable, Hashable {
    /// Position in `ClusteringResult.clusters`, and the value in `assignments`.
    public var index: Int
    /// Input indices of the members, most central first: the first few make good exemplars.
    public var members: [Int]
    /// Unit vector at the cluster's centre, in the clustering space.
    public var centroid: [Float]
    /// Mean cosine similarity of the members to the centroid: how tight the cluster is.
    public var cohesion: Float
    /// Words and word pairs far more frequent in the cluster than overall, best first: raw
    /// material for a name and for an intent's `signals.keywords`. Stemmed, lower-case.
    public var topTerms: [String]
    /// The key of the anchored group this cluster continues (see `Clusterer.anchors`), nil for
    /// a cluster found in this run.
    public var anchor: String?
    /// For a new cluster made of items that belonged to a known group until this run (the group
    /// fell into two parts that share nothing), that group's key.
    public var splitFrom: String?

    public var size: Int { members.count }
}
