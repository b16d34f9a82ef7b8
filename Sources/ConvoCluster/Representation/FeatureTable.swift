/// Open-addressing map from a feature hash to its column, much cheaper per lookup than a
/// `Dictionary` on the hot path of vectorising every text. Hash 0 marks an empty slot, so a
/// feature whose hash is 0 is stored as 1 (a collision of negligible odds).
struct FeatureTable: Sendable {
    private var keys: [UInt64]
    private var slots: [Int32]
    private let mask: Int

    init(hashes: [UInt64]) {
        var capacity = 16
        while capacity < hashes.count * 2 { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        for (column, hash) in hashes.enumerated() {
            let key = Self.key(hash)
            var index = Int(truncatingIfNeeded: key) & mask
            while keys[index] != 0 && keys[index] != key { index = (index + 1) & mask }
            keys[index] = key
            slots[index] = Int32(column)
        }
    }

    @inline(__always)
    func column(for hash: UInt64) -> Int32? {
        let key = Self.key(hash)
        var index = Int(truncatingIfNeeded: key) & mask
        while true {
            let stored = keys[index]
            if stored == key { return slots[index] }
            if stored == 0 { return nil }
            index = (index + 1) & mask
        }
    }

    @inline(__always)
    private static func key(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }
}
