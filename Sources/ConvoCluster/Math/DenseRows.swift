/// Row-major matrix of `Float`, one row per item: the dense vectors clustering works on.
public struct DenseRows: Sendable {
    /// All rows back to back: row `i` is `values[i * dimension ..< (i + 1) * dimension]`.
    public internal(set) var values: [Float]
    public let rowCount: Int
    /// Length of every row.
    public let dimension: Int

    init(rowCount: Int, dimension: Int, values: [Float]) {
        precondition(values.count == rowCount * dimension, "values must hold rowCount × dimension floats")
        self.rowCount = rowCount
        self.dimension = dimension
        self.values = values
    }

    /// `rowCount` zero rows.
    public init(rowCount: Int, dimension: Int) {
        self.init(rowCount: rowCount, dimension: dimension, values: [Float](repeating: 0, count: rowCount * dimension))
    }

    /// Builds from one vector per row; every vector must have `dimension` elements.
    public init?(rows: [[Float]], dimension: Int) {
        var values: [Float] = []
        values.reserveCapacity(rows.count * dimension)
        for row in rows {
            guard row.count == dimension else { return nil }
            values += row
        }
        self.init(rowCount: rows.count, dimension: dimension, values: values)
    }

    /// Row `index` (which must be below `rowCount`).
    public func row(_ index: Int) -> ArraySlice<Float> {
        values[(index * dimension)..<((index + 1) * dimension)]
    }

    /// Scales every row to unit length (zero rows stay zero), so dot products are cosines.
    mutating func normalizeRows() {
        let dimension = dimension
        values.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffer(buffer)
            Parallel.forEach(rowCount, grain: 512) { range in
                for row in range { Kernels.normalize(shared.base + row * dimension, dimension) }
            }
        }
    }

    /// The rows at `indices`, in that order.
    func subset(_ indices: [Int]) -> DenseRows {
        var out = [Float]()
        out.reserveCapacity(indices.count * dimension)
        for index in indices { out += row(index) }
        return DenseRows(rowCount: indices.count, dimension: dimension, values: out)
    }
}
