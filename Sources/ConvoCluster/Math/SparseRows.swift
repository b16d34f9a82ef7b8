/// Compressed sparse rows of `Float`: the TF-IDF matrix, one row per item, columns ascending.
struct SparseRows: Sendable {
    var offsets: [Int]
    var columns: [Int32]
    var values: [Float]
    let columnCount: Int

    var rowCount: Int { offsets.count - 1 }

    init(columnCount: Int, rows: [(columns: [Int32], values: [Float])]) {
        self.columnCount = columnCount
        offsets = [0]
        offsets.reserveCapacity(rows.count + 1)
        columns = []
        values = []
        for row in rows {
            columns += row.columns
            values += row.values
            offsets.append(columns.count)
        }
    }

    init(columnCount: Int, offsets: [Int], columns: [Int32], values: [Float]) {
        self.columnCount = columnCount
        self.offsets = offsets
        self.columns = columns
        self.values = values
    }

    /// The rows of `parts`, one after another.
    init(columnCount: Int, concatenating parts: [SparseRows]) {
        self.columnCount = columnCount
        let entries = parts.reduce(0) { $0 + $1.values.count }
        offsets = [0]
        offsets.reserveCapacity(parts.reduce(1) { $0 + $1.rowCount })
        columns = []
        columns.reserveCapacity(entries)
        values = []
        values.reserveCapacity(entries)
        for part in parts {
            let base = columns.count
            offsets += part.offsets.dropFirst().map { $0 + base }
            columns += part.columns
            values += part.values
        }
    }

    func rowRange(_ row: Int) -> Range<Int> { offsets[row]..<offsets[row + 1] }

    /// The transpose, so products with Xᵀ can run in parallel over output rows.
    func transposed() -> SparseRows {
        var counts = [Int](repeating: 0, count: columnCount + 1)
        for column in columns { counts[Int(column) + 1] += 1 }
        for index in 0..<columnCount { counts[index + 1] += counts[index] }
        var next = counts
        var outColumns = [Int32](repeating: 0, count: columns.count)
        var outValues = [Float](repeating: 0, count: values.count)
        for row in 0..<rowCount {
            for entry in rowRange(row) {
                let column = Int(columns[entry])
                outColumns[next[column]] = Int32(row)
                outValues[next[column]] = values[entry]
                next[column] += 1
            }
        }
        return SparseRows(columnCount: rowCount, offsets: counts, columns: outColumns, values: outValues)
    }

    /// Adds `self × dense` to `output` (`rowCount × width`, row-major); `dense` has `columnCount`
    /// rows of `width`.
    ///
    /// Rows are taken in blocks whose output fits in a core's cache, and each block is walked
    /// column by column, so a row of `dense` is read once per block rather than once per entry:
    /// text features repeat across rows (every text has " th" and "ing"), and reading their
    /// dense rows entry by entry is what made this product memory-bound. Each output row still
    /// receives its entries in ascending column order, so the sums have the same bits as a
    /// row-by-row product.
    func multiply<T: BlockScalar>(_ dense: UnsafeBufferPointer<T>, width: Int, into output: UnsafeMutableBufferPointer<T>) {
        guard rowCount > 0, width > 0, let denseBase = dense.baseAddress else { return }
        let out = SharedBuffer(output)
        let input = UnsafeSendable(denseBase)
        let blockRows = max(16, Self.blockBytes / (width * MemoryLayout<T>.stride))
        let blocks = (rowCount + blockRows - 1) / blockRows
        Parallel.forEach(blocks, grain: 1) { blockRange in
            // Per column of the block: where its entries start, then the next free place.
            var next = [Int32](repeating: 0, count: columnCount + 1)
            var counts = [Int32](repeating: 0, count: columnCount)
            var rowsByColumn = [Int32]()
            var valuesByColumn = [Float]()
            for block in blockRange {
                let rows = (block * blockRows)..<min((block + 1) * blockRows, rowCount)
                let entries = offsets[rows.lowerBound]..<offsets[rows.upperBound]
                for entry in entries { counts[Int(columns[entry])] += 1 }
                var position: Int32 = 0
                for column in 0..<columnCount {
                    next[column] = position
                    position += counts[column]
                }
                if rowsByColumn.count < entries.count {
                    rowsByColumn = [Int32](repeating: 0, count: entries.count)
                    valuesByColumn = [Float](repeating: 0, count: entries.count)
                }
                for row in rows {
                    for entry in rowRange(row) {
                        let column = Int(columns[entry])
                        let place = Int(next[column])
                        rowsByColumn[place] = Int32(row)
                        valuesByColumn[place] = values[entry]
                        next[column] += 1
                    }
                }
                var place = 0
                for column in 0..<columnCount where counts[column] > 0 {
                    let source = input.value + column * width
                    for _ in 0..<counts[column] {
                        T.axpy(T(valuesByColumn[place]), source, out.base + Int(rowsByColumn[place]) * width, width)
                        place += 1
                    }
                    counts[column] = 0
                }
            }
        }
    }

    /// Output bytes per block of rows: well inside a core's L2 cache.
    static let blockBytes = 384 * 1024
}

/// The element types of dense products with sparse rows.
protocol BlockScalar: BinaryFloatingPoint, SendableMetatype {
    /// `target += value × source`, `count` elements.
    static func axpy(_ value: Self, _ source: UnsafePointer<Self>, _ target: UnsafeMutablePointer<Self>, _ count: Int)
}

extension Float: BlockScalar {
    static func axpy(_ value: Float, _ source: UnsafePointer<Float>, _ target: UnsafeMutablePointer<Float>, _ count: Int) {
        Kernels.axpy(value, source, target, count)
    }
}

extension Double: BlockScalar {
    static func axpy(_ value: Double, _ source: UnsafePointer<Double>, _ target: UnsafeMutablePointer<Double>, _ count: Int) {
        Kernels.axpy(value, source, target, count)
    }
}

/// Lets a read-only buffer cross into a parallel loop; the owner keeps it alive and unchanged.
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
