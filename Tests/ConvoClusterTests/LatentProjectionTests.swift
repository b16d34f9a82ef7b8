@testable import ConvoCluster
import Testing

@Suite struct LatentProjectionTests {
    /// A sparse matrix of rank 3 (every row mixes three base patterns) with 40 columns.
    private func lowRankMatrix() -> SparseRows {
        var random = SplitMix64(seed: 3)
        var patterns = [[Float]](repeating: [Float](repeating: 0, count: 40), count: 3)
        for p in 0..<3 {
            for c in 0..<40 where c % 3 == p || c % 7 == p { patterns[p][c] = Float(1 + c % 5) }
        }
        var rows: [(columns: [Int32], values: [Float])] = []
        for _ in 0..<60 {
            var mix: [Float] = []
            for _ in 0..<3 { mix.append(Float(random.next() % 5)) }
            var columns: [Int32] = []
            var values: [Float] = []
            for c in 0..<40 {
                var value: Float = 0
                for p in 0..<3 { value += mix[p] * patterns[p][c] }
                if value != 0 {
                    columns.append(Int32(c))
                    values.append(value)
                }
            }
            rows.append((columns, values))
        }
        return SparseRows(columnCount: 40, rows: rows)
    }

    private func dense(_ matrix: SparseRows, row: Int) -> [Float] {
        var out = [Float](repeating: 0, count: matrix.columnCount)
        for entry in matrix.rowRange(row) { out[Int(matrix.columns[entry])] = matrix.values[entry] }
        return out
    }

    private func cosine(_ a: [Float], _ b: [Float]) -> Float {
        let ab = zip(a, b).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        let aa = a.reduce(Float(0)) { $0 + $1 * $1 }
        let bb = b.reduce(Float(0)) { $0 + $1 * $1 }
        return aa > 0 && bb > 0 ? ab / (aa * bb).squareRoot() : 0
    }

    @Test func componentsAreOrthonormal() {
        let projection = LatentProjection(fitting: lowRankMatrix(), dimension: 3, powerIterations: 1, seed: 1)
        let n = projection.inputDimension
        let d = projection.dimension
        for i in 0..<3 {
            for j in 0..<3 {
                let product = (0..<n).reduce(Float(0)) { $0 + projection.byFeature[$1 * d + i] * projection.byFeature[$1 * d + j] }
                #expect(abs(product - (i == j ? 1 : 0)) < 1e-3, "component \(i)·\(j) = \(product)")
            }
        }
    }

    @Test func projectionKeepsCosinesWhenItSpansTheData() {
        let matrix = lowRankMatrix()
        let projected = LatentProjection(fitting: matrix, dimension: 8, powerIterations: 1, seed: 1).project(matrix)
        for (a, b) in [(0, 1), (2, 30), (10, 59)] {
            let original = cosine(dense(matrix, row: a), dense(matrix, row: b))
            let reduced = cosine(Array(projected.row(a)), Array(projected.row(b)))
            #expect(abs(original - reduced) < 1e-3, "rows \(a),\(b): \(original) vs \(reduced)")
        }
    }

    @Test func sameSeedSameSpace() {
        let matrix = lowRankMatrix()
        let first = LatentProjection(fitting: matrix, dimension: 3, powerIterations: 1, seed: 9)
        let second = LatentProjection(fitting: matrix, dimension: 3, powerIterations: 1, seed: 9)
        #expect(first.byFeature == second.byFeature)
    }

    @Test func survivesDegenerateInput() {
        let empty = SparseRows(columnCount: 5, rows: [([], []), ([], [])])
        let projection = LatentProjection(fitting: empty, dimension: 4, powerIterations: 1, seed: 1)
        let rows = projection.project(empty)
        #expect(rows.values.allSatisfy { $0 == 0 && $0.isFinite })
    }
}
