import CVectorKernels

/// Vector kernels of the clustering hot loops. The module is optimised in debug builds too, where the test suite runs: unoptimised SIMD code is two
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

    /// `target += value × source`.
    static func axpy(_ value: Double, _ source: UnsafePointer<Double>, _ target: UnsafeMutablePointer<Double>, _ count: Int) {
        for k in 0..<count { target[k] += value * source[k] }
    }

    static func axpy(_ value: Float, _ source: UnsafePointer<Float>, _ target: UnsafeMutablePointer<Float>, _ count: Int) {
        convo_axpy_f32(value, source, target, count)
    }

    /// `total += row`, widening to double.
    static func accumulate(_ row: UnsafePointer<Float>, into total: UnsafeMutablePointer<Double>, _ count: Int) {
        convo_accumulate_f32_f64(row, total, count)
    }

    /// Scales a vector to unit length; a zero vector stays zero.
    static func normalize(_ vector: UnsafeMutablePointer<Float>, _ count: Int) {
        let sum = dot(vector, vector, count)
        guard sum > 0 else { return }
        let scale = 1 / sum.squareRoot()
        for k in 0..<count { vector[k] *= scale }
    }
}
