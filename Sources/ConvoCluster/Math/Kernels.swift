/// optimised in debug builds too, where the test suite runs: unoptimised SIMD code is two
/// orders of magnitude slower, which would make clustering a few thousand texts take minutes.
enum Kernels {
    /// Dot product of two float vectors, eight lanes at a time.
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var acc = SIMD8<Float>(repeating: 0)
        var k = 0
        while k + 8 <= count {
            acc += UnsafeRawPointer(a + k).loadUnaligned(as: SIMD8<Float>.self) * UnsafeRawPointer(b + k).loadUnaligned(as: SIMD8<Float>.self)
            k += 8
        }
        var sum = acc.sum()
        while k < count {
            sum += a[k] * b[k]
            k += 1
        }
        return sum
    }

    /// Four dot products against one candidate, sharing each load of the candidate.
    static func dot4(_ q0: UnsafePointer<Float>, _ q1: UnsafePointer<Float>, _ q2: UnsafePointer<Float>,
                     _ q3: UnsafePointer<Float>, _ c: UnsafePointer<Float>, _ count: Int) -> SIMD4<Float> {
        var a0 = SIMD8<Float>(repeating: 0)
        var a1 = SIMD8<Float>(repeating: 0)
        var a2 = SIMD8<Float>(repeating: 0)
        var a3 = SIMD8<Float>(repeating: 0)
        var k = 0
        while k + 8 <= count {
            let x = UnsafeRawPointer(c + k).loadUnaligned(as: SIMD8<Float>.self)
            a0 += UnsafeRawPointer(q0 + k).loadUnaligned(as: SIMD8<Float>.self) * x
            a1 += UnsafeRawPointer(q1 + k).loadUnaligned(as: SIMD8<Float>.self) * x
            a2 += UnsafeRawPointer(q2 + k).loadUnaligned(as: SIMD8<Float>.self) * x
            a3 += UnsafeRawPointer(q3 + k).loadUnaligned(as: SIMD8<Float>.self) * x
            k += 8
        }
        var result = SIMD4<Float>(a0.sum(), a1.sum(), a2.sum(), a3.sum())
        while k < count {
            result += SIMD4<Float>(q0[k], q1[k], q2[k], q3[k]) * c[k]
            k += 1
        }
        return result
    }

    /// `target += value × source`.
    static func axpy(_ value: Double, _ source: UnsafePointer<Double>, _ target: UnsafeMutablePointer<Double>, _ count: Int) {
        for k in 0..<count { target[k] += value * source[k] }
    }

    static func axpy(_ value: Float, _ source: UnsafePointer<Float>, _ target: UnsafeMutablePointer<Float>, _ count: Int) {
        for k in 0..<count { target[k] += value * source[k] }
    }

    /// Scales a vector to unit length; a zero vector stays zero.
    static func normalize(_ vector: UnsafeMutablePointer<Float>, _ count: Int) {
        let sum = dot(vector, vector, count)
        guard sum > 0 else { return }
        let scale = 1 / sum.squareRoot()
        for k in 0..<count { vector[k] *= scale }
    }

    /// The most similar of `count` centres (ties to the lower index), and its similarity. Four
    /// centres per pass share each load of the row; every similarity has the same bits `dot`
    /// gives, so the choice never depends on the blocking.
    static func nearest(_ row: UnsafePointer<Float>, _ centres: UnsafePointer<Float>, _ count: Int, _ dimension: Int) -> (Int, Float) {
        var best = -1
        var bestSimilarity = -Float.infinity
        var centre = 0
        while centre + 4 <= count {
            let base = centres + centre * dimension
            let values = dot4(base, base + dimension, base + 2 * dimension, base + 3 * dimension, row, dimension)
            for lane in 0..<4 where values[lane] > bestSimilarity {
                bestSimilarity = values[lane]
                best = centre + lane
            }
            centre += 4
        }
        while centre < count {
            let value = dot(row, centres + centre * dimension, dimension)
            if value > bestSimilarity {
                bestSimilarity = value
                best = centre
            }
            centre += 1
        }
        return (best, bestSimilarity)
    }
}
