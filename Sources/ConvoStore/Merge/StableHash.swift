/// SipHash-2-4 with fixed keys: a 64-bit hash that is the same in every process and on every
/// platform (Swift's `Hasher` is seeded per process), for turn identities stored on disk and for
/// ids derived from record contents.
public struct StableHash: Sendable {
    private var v0: UInt64
    private var v1: UInt64
    private var v2: UInt64
    private var v3: UInt64
    private var tail: UInt64 = 0
    private var tailCount = 0
    private var length = 0

    public init(seed: UInt64 = 0) {
        self.init(k0: 0x636F_6E76_6F5F_6B30 ^ seed, k1: 0x7475_726E_5F6B_6579)
    }

    /// SipHash's own keying, for checking against the reference test vectors.
    init(k0: UInt64, k1: UInt64) {
        v0 = k0 ^ 0x736F_6D65_7073_6575
        v1 = k1 ^ 0x646F_7261_6E64_6F6D
        v2 = k0 ^ 0x6C79_6765_6E65_7261
        v3 = k1 ^ 0x7465_6462_7974_6573
    }

    @inline(__always) private mutating func round() {
        v0 &+= v1; v1 = (v1 << 13) | (v1 >> 51); v1 ^= v0; v0 = (v0 << 32) | (v0 >> 32)
        v2 &+= v3; v3 = (v3 << 16) | (v3 >> 48); v3 ^= v2
        v0 &+= v3; v3 = (v3 << 21) | (v3 >> 43); v3 ^= v0
        v2 &+= v1; v1 = (v1 << 17) | (v1 >> 47); v1 ^= v2; v2 = (v2 << 32) | (v2 >> 32)
    }

    @inline(__always) private mutating func compress(_ m: UInt64) {
        v3 ^= m
        round(); round()
        v0 ^= m
    }

    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        length &+= bytes.count
        var index = 0
        // Top up a partial word left from the previous call.
        while tailCount > 0 && tailCount < 8 && index < bytes.count {
            tail |= UInt64(bytes[index]) << (8 * UInt64(tailCount))
            tailCount += 1
            index += 1
        }
        if tailCount == 8 {
            compress(tail)
            tail = 0
            tailCount = 0
        }
        while index + 8 <= bytes.count {
            compress(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            index += 8
        }
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << (8 * UInt64(tailCount))
            tailCount += 1
            index += 1
        }
    }

    public mutating func combine(_ string: String) {
        var string = string
        string.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    /// A field boundary, so ("ab", "c") and ("a", "bc") hash differently.
    public mutating func combineSeparator(_ tag: UInt8) {
        withUnsafeBytes(of: tag) { combine($0) }
    }

    public mutating func combine(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { combine($0) }
    }

    public consuming func finalize() -> UInt64 {
        let b = (UInt64(truncatingIfNeeded: length) << 56) | tail
        compress(b)
        v2 ^= 0xFF
        round(); round(); round(); round()
        return v0 ^ v1 ^ v2 ^ v3
    }

    /// The hash of a byte string, in one call.
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var hasher = StableHash(seed: seed)
        hasher.combine(bytes)
        return hasher.finalize()
    }

    public static func hash(_ string: String, seed: UInt64 = 0) -> UInt64 {
        var hasher = StableHash(seed: seed)
        hasher.combine(string)
        return hasher.finalize()
    }

    /// 80 bits of two independent hashes as 20 hex digits: short enough for an id, long enough that
    /// millions of derived ids do not collide.
    public static func identifier(_ string: String) -> String {
        let high = hash(string, seed: 0x5EED_0001)
        let low = hash(string, seed: 0x5EED_0002)
        return hex(high) + String(hex(low).prefix(4))
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
