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

    /// `self × dense`, where `dense` is row-major with `width` columns and `columnCount` rows.
    func multiply(_ dense: [Double], width: Int) -> [Double] {
        var output = [Double](repeating: 0, count: rowCount * width)
        output.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffer(buffer)
            dense.withUnsafeBufferPointer { input in
                let input = UnsafeSendable(input)
                Parallel.forEach(rowCount, grain: 64) { range in
                    for row in range {
                        let target = shared.base + row * width
                        for entry in rowRange(row) {
                            let source = input.value.baseAddress! + Int(columns[entry]) * width
                            Kernels.axpy(Double(values[entry]), source, target, width)
                        }
                    }
                }
            }
        }
        return output
    }
}

/// Lets a read-only buffer cross into a parallel loop; the owner keeps it alive and unchanged.
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
