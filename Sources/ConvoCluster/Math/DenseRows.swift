/// Row-major matrix of `Float`, one row per item: the dense vectors clustering works on.
public struct DenseRows: Sendable {
    public internal(set) var values: [Float]
    public let rowCount: Int
    public let dimension: Int

    public init(rowCount: Int, dimension: Int, values: [Float]) {
        precondition(values.count == rowCount * dimension, "values must hold rowCount × dimension floats")
        self.rowCount = rowCount
        self.dimension = dimension
        self.values = values
    }

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

    public func row(_ index: Int) -> ArraySlice<Float> {
        values[(index * dimension)..<((index + 1) * dimension)]
    }

    /// Scales every row to unit length (zero rows stay zero), so dot products are cosines.
    mutating func normalizeRows() {
        let dimension = dimension
        values.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffer(buffer)
            Parallel.forEach(rowCount, grain: 512) { range in
                for row in range {
                    let start = shared.base + row * dimension
                    var sum: Float = 0
                    for k in 0..<dimension { sum += start[k] * start[k] }
                    guard sum > 0 else { continue }
                    let scale = 1 / sum.squareRoot()
                    for k in 0..<dimension { start[k] *= scale }
                }
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

/// Dot product of two float vectors of length `count`, eight lanes at a time.
@inline(__always)
func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
    var acc = SIMD8<Float>(repeating: 0)
    var k = 0
    while k + 8 <= count {
        let x = UnsafeRawPointer(a + k).loadUnaligned(as: SIMD8<Float>.self)
        let y = UnsafeRawPointer(b + k).loadUnaligned(as: SIMD8<Float>.self)
        acc += x * y
        k += 8
    }
    var sum = acc.sum()
    while k < count {
        sum += a[k] * b[k]
        k += 1
    }
    return sum
}
