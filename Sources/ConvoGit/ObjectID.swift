internal import CLibgit2

/// A git object name (SHA-1), as a value that is cheap to hash, compare and send across tasks.
///
/// The 20 bytes are kept as three integers so hashing and equality stay fast in walks over
/// thousands of commits; ordering matches the hex string's.
public struct ObjectID: Sendable, Hashable, Comparable, CustomStringConvertible {
    private var high: UInt64
    private var middle: UInt64
    private var low: UInt32

    /// The all-zero name git uses for "no object" (new or deleted refs in the pre-push protocol).
    public static let zero = ObjectID(high: 0, middle: 0, low: 0)

    private init(high: UInt64, middle: UInt64, low: UInt32) {
        self.high = high
        self.middle = middle
        self.low = low
    }

    /// Parses exactly 40 hex digits (either case); nil otherwise. Abbreviated names need a
    /// repository: use `Repository.resolveCommit(_:)`.
    public init?(hex: some StringProtocol) {
        let bytes = Array(hex.utf8)
        guard bytes.count == 40 else { return nil }
        var words: [UInt64] = [0, 0, 0]
        for (index, byte) in bytes.enumerated() {
            let nibble: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = UInt64(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = UInt64(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            let word = index / 16
            words[word] = words[word] << 4 | nibble
        }
        self.init(high: words[0], middle: words[1], low: UInt32(truncatingIfNeeded: words[2]))
    }

    init(_ oid: git_oid) {
        self = withUnsafeBytes(of: oid.id) { raw in
            func load(_ range: Range<Int>) -> UInt64 { range.reduce(0) { $0 << 8 | UInt64(raw[$1]) } }
            return ObjectID(high: load(0..<8), middle: load(8..<16), low: UInt32(load(16..<20)))
        }
    }

    init(_ oid: UnsafePointer<git_oid>) {
        self.init(oid.pointee)
    }

    /// Byte `index` (0..<20) of the name, most significant first.
    private func byte(_ index: Int) -> UInt8 {
        switch index {
        case 0..<8: UInt8(truncatingIfNeeded: high >> UInt64(56 - 8 * index))
        case 8..<16: UInt8(truncatingIfNeeded: middle >> UInt64(56 - 8 * (index - 8)))
        default: UInt8(truncatingIfNeeded: low >> UInt32(24 - 8 * (index - 16)))
        }
    }

    /// The libgit2 form, for passing to C.
    var oid: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { raw in
            for index in 0..<20 { raw[index] = byte(index) }
        }
        return oid
    }

    /// The full 40-character lowercase hex name.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(40)
        for index in 0..<20 {
            let byte = byte(index)
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The first `length` hex digits, for messages; not guaranteed unique.
    public func abbreviated(_ length: Int = 7) -> String { String(hex.prefix(max(4, min(40, length)))) }

    public var isZero: Bool { self == .zero }

    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
    }
}
