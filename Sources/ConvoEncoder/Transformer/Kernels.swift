import Foundation

/// The element-wise steps of the forward pass, over raw row-major buffers.
enum Kernels {
    /// Copies `bias` into each of `rows` rows, so a GEMM with beta = 1 adds it.
    static func broadcastRows(_ bias: UnsafePointer<Float>, width: Int, rows: Int, into destination: UnsafeMutablePointer<Float>) {
        for row in 0..<rows {
            (destination + row * width).update(from: bias, count: width)
        }
    }

    /// x ← LayerNorm(x + residual) row by row (residual may be nil).
    static func addAndNormalize(_ x: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?, rows: Int, width: Int,
                                scale: UnsafePointer<Float>, bias: UnsafePointer<Float>, epsilon: Float) {
        let count = Float(width)
        for row in 0..<rows {
            let line = x + row * width
            if let residual {
                let other = residual + row * width
                for index in 0..<width { line[index] += other[index] }
            }
            var sum: Float = 0
            for index in 0..<width { sum += line[index] }
            let mean = sum / count
            var squares: Float = 0
            for index in 0..<width {
                let centred = line[index] - mean
                squares += centred * centred
            }
            let inverse = 1 / (squares / count + epsilon).squareRoot()
            for index in 0..<width {
                line[index] = (line[index] - mean) * inverse * scale[index] + bias[index]
            }
        }
    }

    /// GELU as BERT defines it, with the exact error function: x·½·(1 + erf(x/√2)).
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count {
            let value = x[index]
            x[index] = 0.5 * value * (1 + erf(value * 0.707_106_781_186_547_5))
        }
    }

    /// Softmax of each row of a [rows × width] matrix, in place.
    static func softmaxRows(_ x: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for row in 0..<rows {
            let line = x + row * width
            var maximum = line[0]
            for index in 1..<width where line[index] > maximum { maximum = line[index] }
            var sum: Float = 0
            for index in 0..<width {
                let value = exp(line[index] - maximum)
                line[index] = value
                sum += value
            }
            let inverse = 1 / sum
            for index in 0..<width { line[index] *= inverse }
        }
    }
}
