import Dispatch

extension Array where Element: Sendable {
    /// `map` on every core, `chunk` elements per task; the results in input order.
    func concurrentMap<T: Sendable>(chunk: Int, _ transform: @Sendable (Element) -> T) -> [T] {
        let chunk = Swift.max(1, chunk)
        let chunks = (count + chunk - 1) / chunk
        guard chunks > 1 else { return map(transform) }
        var parts = [[T]](repeating: [], count: chunks)
        parts.withUnsafeMutableBufferPointer { buffer in
            let slots = DisjointSlots(buffer)
            DispatchQueue.concurrentPerform(iterations: chunks) { index in
                slots.set(index, self[(index * chunk)..<Swift.min((index + 1) * chunk, count)].map(transform))
            }
        }
        return parts.flatMap { $0 }
    }
}

/// A buffer that concurrent workers fill, each at its own index: no two touch the same element,
/// which is what makes the unchecked conformance sound.
private struct DisjointSlots<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }

    func set(_ index: Int, _ value: Element) { buffer[index] = value }
}
