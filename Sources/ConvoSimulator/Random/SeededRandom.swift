import Foundation

/// xoshiro256** seeded through SplitMix64: fast, well distributed, and — unlike
/// `SystemRandomNumberGenerator` or Swift's per-process `Hasher` seed — the same sequence on every
/// run and platform, which is what makes a simulated dataset reproducible from its seed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    public init(seed: UInt64) {
        var sm = seed
        s0 = SeededRandom.splitMix(&sm)
        s1 = SeededRandom.splitMix(&sm)
        s2 = SeededRandom.splitMix(&sm)
        s3 = SeededRandom.splitMix(&sm)
    }

    /// A generator for one named stream of a seed, so independent parts of the simulation
    /// (schedule, accounts, each conversation's text, its typos) never shift each other's draws.
    public init(seed: UInt64, stream: UInt64, _ more: UInt64 = 0) {
        self.init(seed: Mix.combine(Mix.combine(seed, stream), more))
    }

    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Mix.finalize(state)
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    // MARK: Draws

    /// Uniform in [0, 1).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in `0..<bound` (bound > 0), without modulo bias worth caring about at these sizes.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "below(_:) needs a positive bound")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Uniform in a closed range.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    public mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    public mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// Standard normal (Box–Muller; one of the pair is dropped to keep the state simple).
    public mutating func normal() -> Double {
        let u1 = max(unit(), 1e-300)
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Log-normal with the given median: the shape of latencies and think times.
    public mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * exp(sigma * normal())
    }
}

/// Stateless 64-bit mixing, for ids and per-item seeds that must not depend on generation order.
public enum Mix {
    /// SplitMix64's finaliser: a bijection on 64 bits with good avalanche.
    public static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        finalize(a &+ 0x9E37_79B9_7F4A_7C15 &* (b | 1) ^ finalize(b &+ 0x632B_E59B_D9B4_E019))
    }

    /// FNV-1a over UTF-8, then finalised: a stable string hash (Swift's `Hasher` is seeded per process).
    public static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01B3
        }
        return finalize(h)
    }

    /// A bijection on 48 bits keyed by `key`: distinct inputs give distinct ids, so conversation
    /// ids never collide within a run however many are generated.
    public static func permute48(_ value: UInt64, key: UInt64) -> UInt64 {
        let mask: UInt64 = (1 << 48) - 1
        var x = (value ^ key) & mask
        for round in 0..<3 {
            x = (x &* 0x9E37_79B9_7F4B) & mask
            x ^= x >> 23
            x = (x &+ (key >> UInt64(16 * round))) & mask
        }
        return x
    }

    /// Lowercase hex of `value`, left-padded to `digits`.
    public static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return text.count >= digits ? String(text.suffix(digits)) : String(repeating: "0", count: digits - text.count) + text
    }
}
