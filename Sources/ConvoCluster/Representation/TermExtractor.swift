/// Picks the words that set a cluster apart: those whose mean TF-IDF weight inside the cluster
/// most exceeds their mean over all items (a class-based TF-IDF). Only word and word-pair
/// columns count; character grams are not readable.
struct TermExtractor {
    private let rows: SparseRows
    private let space: LexicalSpace
    private let globalMean: [Double]

    /// - Parameter rows: the items' TF-IDF rows in `space`.
    init(space: LexicalSpace, rows: SparseRows) {
        self.space = space
        self.rows = rows
        var mean = [Double](repeating: 0, count: rows.columnCount)
        for entry in rows.columns.indices { mean[Int(rows.columns[entry])] += Double(rows.values[entry]) }
        let count = Double(max(1, rows.rowCount))
        globalMean = mean.map { $0 / count }
    }

    /// Up to `limit` terms for the cluster made of the given rows, most distinctive first.
    func topTerms(members: [Int], limit: Int = 10) -> [String] {
        guard !members.isEmpty else { return [] }
        var sums: [Int32: Double] = [:]
        for member in members {
            for entry in rows.rowRange(member) where space.vocabulary.isWordColumn[Int(rows.columns[entry])] {
                sums[rows.columns[entry], default: 0] += Double(rows.values[entry])
            }
        }
        let count = Double(members.count)
        let scored = sums.compactMap { column, sum -> (String, Double)? in
            guard let label = space.vocabulary.labels[column] else { return nil }
            let score = sum / count - globalMean[Int(column)]
            return score > 0 ? (label, score) : nil
        }
        return scored.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.prefix(limit).map(\.0)
    }
}
