import Foundation

/// NMI, ARI and Hungarian accuracy, computed the way ../shared/tools/score_clusters.py does:
/// unassigned items count as singleton clusters.
public struct ClusterScores: Sendable {
    public var nmi: Double
    public var ari: Double
    public var acc: Double
    public var clusterCount: Int
    public var coverage: Double
    /// Share of assigned items whose cluster's most common label is their own.
    public var purity: Double

    /// Clusters named by any label (intent ids), nil for unassigned.
    public init(gold: [String], predicted: [String?]) {
        var numbers: [String: Int] = [:]
        self.init(gold: gold, predicted: predicted.map { label in
            label.map { label in
                if let known = numbers[label] { return known }
                numbers[label] = numbers.count
                return numbers.count - 1
            }
        })
    }

    public init(gold: [String], predicted: [Int?]) {
        precondition(gold.count == predicted.count)
        let n = gold.count
        var goldIndex: [String: Int] = [:]
        let g = gold.map { label -> Int in
            if let known = goldIndex[label] { return known }
            goldIndex[label] = goldIndex.count
            return goldIndex.count - 1
        }
        var clusterIndex: [Int: Int] = [:]
        var next = 0
        var p: [Int] = []
        for value in predicted {
            if let value {
                if clusterIndex[value] == nil {
                    clusterIndex[value] = next
                    next += 1
                }
                p.append(clusterIndex[value] ?? 0)
            } else {
                p.append(-1)
            }
        }
        clusterCount = clusterIndex.count
        coverage = Double(predicted.filter { $0 != nil }.count) / Double(max(1, n))
        var byCluster: [Int: [Int: Int]] = [:]
        for (label, cluster) in zip(g, p) where cluster >= 0 { byCluster[cluster, default: [:]][label, default: 0] += 1 }
        let majority = byCluster.values.reduce(0) { $0 + ($1.values.max() ?? 0) }
        purity = Double(majority) / Double(max(1, byCluster.values.reduce(0) { $0 + $1.values.reduce(0, +) }))
        // Singletons for the unassigned.
        var columns = clusterIndex.count
        p = p.map { value in
            if value >= 0 { return value }
            columns += 1
            return columns - 1
        }
        var table = [[Int]](repeating: [Int](repeating: 0, count: columns), count: goldIndex.count)
        for i in 0..<n { table[g[i]][p[i]] += 1 }
        let rows = table.map { $0.reduce(0, +) }
        let cols = (0..<columns).map { c in table.reduce(0) { $0 + $1[c] } }
        func entropy(_ counts: [Int]) -> Double {
            counts.filter { $0 > 0 }.reduce(0.0) { total, count in
                let q = Double(count) / Double(n)
                return total - q * log(q)
            }
        }
        var mutual = 0.0
        for (r, row) in table.enumerated() {
            for (c, count) in row.enumerated() where count > 0 {
                mutual += Double(count) / Double(n) * log(Double(count) * Double(n) / (Double(rows[r]) * Double(cols[c])))
            }
        }
        let denominator = (entropy(rows) + entropy(cols)) / 2
        nmi = denominator > 0 ? max(0, mutual) / denominator : 1
        func pairs(_ x: Int) -> Double { Double(x) * Double(x - 1) / 2 }
        let index = table.flatMap { $0 }.reduce(0.0) { $0 + pairs($1) }
        let a = rows.reduce(0.0) { $0 + pairs($1) }
        let b = cols.reduce(0.0) { $0 + pairs($1) }
        let expected = a * b / pairs(n)
        let maximum = (a + b) / 2
        ari = maximum == expected ? 1 : (index - expected) / (maximum - expected)
        // Only real clusters and at most one singleton per gold label can matter for ACC.
        let real = Array(0..<clusterIndex.count)
        var usefulSingletons: [Int: Int] = [:]
        for c in clusterIndex.count..<columns {
            if let r = table.indices.first(where: { table[$0][c] > 0 }), usefulSingletons[r] == nil { usefulSingletons[r] = c }
        }
        let kept = real + usefulSingletons.values.sorted()
        let matrix = table.map { row in kept.map { row[$0] } }
        acc = Double(Hungarian.maximumMatching(matrix)) / Double(max(1, n))
    }

    public var summary: String {
        "NMI \(Int((nmi * 1000).rounded()) / 10) ARI \(Int((ari * 1000).rounded()) / 10) ACC \(Int((acc * 1000).rounded()) / 10) clusters \(clusterCount) coverage \(coverage) purity \(purity)"
    }
}

/// Maximum-weight assignment (Kuhn–Munkres on the cost matrix max − w, O(n³)).
enum Hungarian {
    static func maximumMatching(_ weights: [[Int]]) -> Int {
        let rows = weights.count
        let cols = weights.first?.count ?? 0
        let size = max(rows, cols)
        guard size > 0 else { return 0 }
        let top = weights.flatMap { $0 }.max() ?? 0
        var cost = [[Int]](repeating: [Int](repeating: top, count: size + 1), count: size + 1)
        for r in 0..<rows {
            for c in 0..<cols { cost[r + 1][c + 1] = top - weights[r][c] }
        }
        var u = [Int](repeating: 0, count: size + 1)
        var v = [Int](repeating: 0, count: size + 1)
        var match = [Int](repeating: 0, count: size + 1)
        var way = [Int](repeating: 0, count: size + 1)
        for i in 1...size {
            match[0] = i
            var j0 = 0
            var minv = [Int](repeating: Int.max, count: size + 1)
            var used = [Bool](repeating: false, count: size + 1)
            repeat {
                used[j0] = true
                let i0 = match[j0]
                var delta = Int.max
                var j1 = 0
                for j in 1...size where !used[j] {
                    let current = cost[i0][j] - u[i0] - v[j]
                    if current < minv[j] {
                        minv[j] = current
                        way[j] = j0
                    }
                    if minv[j] < delta {
                        delta = minv[j]
                        j1 = j
                    }
                }
                for j in 0...size {
                    if used[j] {
                        u[match[j]] += delta
                        v[j] -= delta
                    } else {
                        minv[j] -= delta
                    }
                }
                j0 = j1
            } while match[j0] != 0
            repeat {
                let j1 = way[j0]
                match[j0] = match[j1]
                j0 = j1
            } while j0 != 0
        }
        var total = 0
        for j in 1...size where match[j] >= 1 && match[j] <= rows && j <= cols {
            total += weights[match[j] - 1][j - 1]
        }
        return total
    }
}
