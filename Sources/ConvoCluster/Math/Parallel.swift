import Dispatch
import Foundation

/// A raw buffer that parallel loops write to at disjoint indices. The caller guarantees no two
/// workers touch the same element, which is what makes the unchecked conformance sound.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        // A zero-length array may hand out a nil base address; nothing is ever written then.
        base = buffer.baseAddress ?? UnsafeMutablePointer<Element>.allocate(capacity: 0)
        count = buffer.count
    }

    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}

/// Data-parallel loops over index ranges on every core. Work is split into chunks fixed by the
/// input size, and results are combined in chunk order, so output never depends on thread
/// timing or on how many cores there are.
enum Parallel {
    /// Splits `0..<count` into contiguous ranges of at least `grain` elements. The split depends
    /// only on the sizes, never on the core count, so partial sums combine in the same order
    /// (and give the same bits) on every machine.
    static func chunks(_ count: Int, grain: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let pieces = max(1, min(64, count / max(1, grain)))
        let size = (count + pieces - 1) / pieces
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// Runs `body` on every chunk, concurrently.
    static func forEach(_ count: Int, grain: Int = 256, _ body: @Sendable (Range<Int>) -> Void) {
        let ranges = chunks(count, grain: grain)
        if ranges.count <= 1 {
            ranges.forEach(body)
            return
        }
        DispatchQueue.concurrentPerform(iterations: ranges.count) { body(ranges[$0]) }
    }

    /// Maps every chunk concurrently and returns the results in chunk order.
    static func mapChunks<T>(_ count: Int, grain: Int = 256, _ body: @Sendable (Range<Int>) -> T) -> [T] {
        let ranges = chunks(count, grain: grain)
        var results = [T?](repeating: nil, count: ranges.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: ranges.count) { shared[$0] = body(ranges[$0]) }
        }
        return results.compactMap { $0 }
    }
}

/// A deterministic pseudo-random generator (SplitMix64): same seed, same numbers, everywhere.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return TextAnalyzer.mix(state)
    }

    /// A standard normal deviate (Box–Muller).
    mutating func nextGaussian() -> Double {
        let u1 = max(Double(next() >> 11) / Double(1 << 53), Double.leastNonzeroMagnitude)
        let u2 = Double(next() >> 11) / Double(1 << 53)
        return (-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
