import Foundation

/// The columns of the TF-IDF matrix: which features count, their inverse document frequencies,
/// and readable labels for word features (to describe clusters). Fitted on a sample, applied to
/// every item.
struct LexicalVocabulary: Sendable {
    let analyzer: TextAnalyzer
    let table: FeatureTable
    let idf: [Float]
    /// True for word and word-pair columns, false for character grams.
    let isWordColumn: [Bool]
    /// Readable text of word and word-pair columns.
    let labels: [Int32: String]

    var columnCount: Int { idf.count }

    /// Counts in how many items each feature occurs and keeps those seen in at least
    /// `minDocumentFrequency` items. Columns are ordered by feature hash, which is stable across
    /// runs and machines (unlike `Dictionary` order).
    init(fitting items: [ClusteringItem], minDocumentFrequency: Int, analyzer: TextAnalyzer = TextAnalyzer()) {
        self.analyzer = analyzer
        struct Counts: Sendable {
            var table = DocumentFrequencies()
            var labels: [UInt64: [UInt8]] = [:]
        }
        let partials = Parallel.mapChunks(items.count, grain: 512) { range -> Counts in
            var counts = Counts()
            // Each distinct word's character grams, by word hash, computed once per chunk.
            var grams: [UInt64: [UInt64]] = [:]
            var previousWord: [UInt8] = []
            for index in range {
                let item = Int32(index)
                for part in items[index].parts where part.weight > 0 {
                    var previous: UInt64?
                    TextAnalyzer.forEachContentWord(part.text) { word in
                        let hash = TextAnalyzer.hash(word, kind: .word)
                        if counts.table.count(hash, item: item, kind: .word) == .new { counts.labels[hash] = Array(word) }
                        if let previous {
                            let pair = TextAnalyzer.pairHash(previous, hash)
                            if counts.table.count(pair, item: item, kind: .pair) == .new {
                                counts.labels[pair] = previousWord + [UInt8(ascii: " ")] + Array(word)
                            }
                        }
                        if grams[hash] == nil {
                            var list: [UInt64] = []
                            analyzer.characterGrams(of: word) { list.append($0) }
                            grams[hash] = list
                        }
                        for gram in grams[hash] ?? [] { _ = counts.table.count(gram, item: item, kind: .chars) }
                        previous = hash
                        previousWord.removeAll(keepingCapacity: true)
                        previousWord.append(contentsOf: word)
                    }
                }
            }
            return counts
        }
        var frequency: [UInt64: Int32] = [:]
        var kinds: [UInt64: TextAnalyzer.Kind] = [:]
        var labelBytes: [UInt64: [UInt8]] = [:]
        for partial in partials {
            partial.table.forEach { hash, count, kind in
                frequency[hash, default: 0] += count
                if kinds[hash] == nil { kinds[hash] = kind }
            }
            // Two spellings can only share a hash by collision; keep the smaller for determinism.
            labelBytes.merge(partial.labels) { a, b in a.lexicographicallyPrecedes(b) ? a : b }
        }
        let threshold = Int32(max(1, minDocumentFrequency))
        let kept = frequency.filter { $0.value >= threshold }.keys.sorted()
        let documents = Float(items.count)
        table = FeatureTable(hashes: kept)
        idf = kept.map { hash in
            Foundation.log((1 + documents) / (1 + Float(frequency[hash] ?? 0))) + 1
        }
        isWordColumn = kept.map { kinds[$0] != .chars }
        var labels: [Int32: String] = [:]
        for (column, hash) in kept.enumerated() {
            if let bytes = labelBytes[hash] { labels[Int32(column)] = String(decoding: bytes, as: UTF8.self) }
        }
        self.labels = labels
    }

    /// TF-IDF rows: sublinear term frequency weighted by each part's weight, times IDF; the word
    /// block and the character block are each scaled to unit length, mixed by `wordShare`, and
    /// the row scaled to unit length again, so neither block drowns the other.
    func transform(_ items: [ClusteringItem], wordShare: Float) -> SparseRows {
        let columnCount = columnCount
        let wordScale = wordShare.squareRoot()
        let charScale = (1 - wordShare).squareRoot()
        // Locals, not `self`: a closure that reads `self.table` copies the whole vocabulary
        // (and retains its arrays) on every word.
        let table = table
        let analyzer = analyzer
        let idf = idf
        let isWordColumn = isWordColumn
        let chunks = Parallel.mapChunks(items.count, grain: 256) { range -> SparseRows in
            var weights = [Float](repeating: 0, count: columnCount)
            var touched: [Int32] = []
            var offsets = [0]
            offsets.reserveCapacity(range.count + 1)
            var rowColumns: [Int32] = []
            var rowValues: [Float] = []
            // Words repeat across texts: look up each distinct word's columns once per chunk.
            var known = WordColumns()
            func add(_ column: Int32, _ weight: Float) {
                if weights[Int(column)] == 0 { touched.append(column) }
                weights[Int(column)] += weight
            }
            for index in range {
                for part in items[index].parts where part.weight > 0 {
                    var previous: UInt64?
                    TextAnalyzer.forEachContentWord(part.text) { word in
                        let hash = TextAnalyzer.hash(word, kind: .word)
                        let columns = known.columns(of: hash) { append in
                            if let column = table.column(for: hash) { append(column) }
                            analyzer.characterGrams(of: word) { gram in
                                if let column = table.column(for: gram) { append(column) }
                            }
                        }
                        for column in columns { add(column, part.weight) }
                        if let previous, let column = table.column(for: TextAnalyzer.pairHash(previous, hash)) {
                            add(column, part.weight)
                        }
                        previous = hash
                    }
                }
                // Columns stay in the order first met, which depends only on the text: products
                // with the rows walk columns in ascending order anyway (`SparseRows.multiply`).
                let start = rowValues.count
                var wordNorm: Float = 0
                var charNorm: Float = 0
                for column in touched {
                    let tf = weights[Int(column)]
                    weights[Int(column)] = 0
                    // Most features occur once at full weight: 1 + log 1 is 1, without the log.
                    let value = (tf == 1 ? 1 : tf > 1 ? 1 + Foundation.log(tf) : tf) * idf[Int(column)]
                    rowValues.append(value)
                    if isWordColumn[Int(column)] { wordNorm += value * value } else { charNorm += value * value }
                }
                let wordFactor = wordNorm > 0 ? wordScale / wordNorm.squareRoot() : 0
                let charFactor = charNorm > 0 ? charScale / charNorm.squareRoot() : 0
                var total: Float = 0
                for (slot, column) in zip(start..., touched) {
                    rowValues[slot] *= isWordColumn[Int(column)] ? wordFactor : charFactor
                    total += rowValues[slot] * rowValues[slot]
                }
                if total > 0 {
                    let scale = 1 / total.squareRoot()
                    for slot in start..<rowValues.count { rowValues[slot] *= scale }
                }
                rowColumns += touched
                offsets.append(rowColumns.count)
                touched.removeAll(keepingCapacity: true)
            }
            return SparseRows(columnCount: columnCount, offsets: offsets, columns: rowColumns, values: rowValues)
        }
        return SparseRows(columnCount: columnCount, concatenating: chunks)
    }
}

/// Each distinct word's columns (its own, then its character grams'), by word hash: an
/// open-addressing map over one flat array, so a word met again costs one probe.
struct WordColumns {
    private var keys = [UInt64](repeating: 0, count: 1024)
    private var spans = [(start: Int32, count: Int32)](repeating: (0, 0), count: 1024)
    private var storage: [Int32] = []
    private var used = 0

    /// The columns of the word with `hash`, computed by `compute` (which appends them) the first time.
    mutating func columns(of hash: UInt64, compute: ((Int32) -> Void) -> Void) -> ArraySlice<Int32> {
        let key = hash == 0 ? 1 : hash
        var index = Int(truncatingIfNeeded: key) & (keys.count - 1)
        while keys[index] != 0 {
            if keys[index] == key {
                let span = spans[index]
                return storage[Int(span.start)..<Int(span.start + span.count)]
            }
            index = (index + 1) & (keys.count - 1)
        }
        let start = storage.count
        compute { storage.append($0) }
        keys[index] = key
        spans[index] = (Int32(start), Int32(storage.count - start))
        used += 1
        if used * 2 > keys.count { grow() }
        return storage[start...]
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldSpans = spans
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        spans = [(start: Int32, count: Int32)](repeating: (0, 0), count: oldKeys.count * 2)
        for (slot, key) in oldKeys.enumerated() where key != 0 {
            var index = Int(truncatingIfNeeded: key) & (keys.count - 1)
            while keys[index] != 0 { index = (index + 1) & (keys.count - 1) }
            keys[index] = key
            spans[index] = oldSpans[slot]
        }
    }
}

/// In how many items each feature hash occurs, counting an item once however often the feature
/// recurs in it (items are counted in increasing order), with the kind the feature was first
/// seen as: an open-addressing table, since fitting counts every feature of thousands of texts.
struct DocumentFrequencies: Sendable {
    enum Seen { case new, again }

    private var keys = [UInt64](repeating: 0, count: 4096)
    private var counts = [Int32](repeating: 0, count: 4096)
    private var lastItems = [Int32](repeating: -1, count: 4096)
    private var kinds = [TextAnalyzer.Kind](repeating: .word, count: 4096)
    private var used = 0

    /// Counts `hash` for `item`, once per item; `.new` the first time the hash is seen at all.
    mutating func count(_ hash: UInt64, item: Int32, kind: TextAnalyzer.Kind) -> Seen {
        let key = hash == 0 ? 1 : hash
        var index = Int(truncatingIfNeeded: key) & (keys.count - 1)
        while keys[index] != 0 {
            if keys[index] == key {
                if lastItems[index] != item {
                    lastItems[index] = item
                    counts[index] += 1
                }
                return .again
            }
            index = (index + 1) & (keys.count - 1)
        }
        keys[index] = key
        counts[index] = 1
        lastItems[index] = item
        kinds[index] = kind
        used += 1
        if used * 2 > keys.count { grow() }
        return .new
    }

    /// Every hash with its count and kind.
    func forEach(_ body: (UInt64, Int32, TextAnalyzer.Kind) -> Void) {
        for index in keys.indices where keys[index] != 0 { body(keys[index], counts[index], kinds[index]) }
    }

    private mutating func grow() {
        let old = (keys, counts, lastItems, kinds)
        let capacity = keys.count * 2
        keys = [UInt64](repeating: 0, count: capacity)
        counts = [Int32](repeating: 0, count: capacity)
        lastItems = [Int32](repeating: -1, count: capacity)
        kinds = [TextAnalyzer.Kind](repeating: .word, count: capacity)
        for slot in old.0.indices where old.0[slot] != 0 {
            var index = Int(truncatingIfNeeded: old.0[slot]) & (capacity - 1)
            while keys[index] != 0 { index = (index + 1) & (capacity - 1) }
            keys[index] = old.0[slot]
            counts[index] = old.1[slot]
            lastItems[index] = old.2[slot]
            kinds[index] = old.3[slot]
        }
    }
}
