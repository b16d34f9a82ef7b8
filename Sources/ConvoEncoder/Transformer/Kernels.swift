import Foundation

/// The element-wise steps of the forward pass, over raw row-major buffers. Written with SIMD
/// vectors because, after the matrix products, these loops are where the time goes.
enum Kernels {
    typealias Vector = SIMD16<Float>
    static let lanes = Vector.scalarCount

    /// Copies `bias` into each of `rows` rows, so a GEMM with beta = 1 adds it.
    static func broadcastRows(_ bias: UnsafePointer<Float>, width: Int, rows: Int, into destination: UnsafeMutablePointer<Float>) {
        for row in 0..<rows {
            (destination + row * width).update(from: bias, count: width)
        }
    }

    /// x ← LayerNorm(x + residual + residualBias) row by row (residual may be nil): the bias of
    /// the layer that produced `residual` is added here rather than in a pass of its own.
    static func addAndNormalize(_ x: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?,
                                residualBias: UnsafePointer<Float>? = nil, rows: Int, width: Int,
                                scale: UnsafePointer<Float>, bias: UnsafePointer<Float>, epsilon: Float) {
        let count = Float(width)
        let vectorEnd = width - width % lanes
        for row in 0..<rows {
            let line = x + row * width
            if let residual, let residualBias {
                let other = residual + row * width
                var index = 0
                while index < vectorEnd {
                    store(load(line + index) + load(other + index) + load(residualBias + index), line + index)
                    index += lanes
                }
                while index < width {
                    line[index] += other[index] + residualBias[index]
                    index += 1
                }
            }
            let mean = sum(line, count: width) / count
            var squares = Vector.zero
            var tail: Float = 0
            var index = 0
            while index < vectorEnd {
                let centred = load(line + index) - mean
                squares += centred * centred
                index += lanes
            }
            while index < width {
                tail += (line[index] - mean) * (line[index] - mean)
                index += 1
            }
            let inverse = 1 / ((squares.sum() + tail) / count + epsilon).squareRoot()
            index = 0
            while index < vectorEnd {
                store((load(line + index) - mean) * inverse * load(scale + index) + load(bias + index), line + index)
                index += lanes
            }
            while index < width {
                line[index] = (line[index] - mean) * inverse * scale[index] + bias[index]
                index += 1
            }
        }
    }

    /// x ← GELU(x + bias) for each row, GELU as BERT defines it, with the exact error function:
    /// x·½·(1 + erf(x/√2)). Plain loops over a branch-free `erf` that the compiler vectorises.
    static func gelu(_ x: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, rows: Int, width: Int) {
        for row in 0..<rows {
            let line = x + row * width
            for index in 0..<width {
                let value = line[index] + bias[index]
                line[index] = 0.5 * value * (1 + erf(value * 0.707_106_781_186_547_5))
            }
        }
    }

    /// erf for single precision as a rational function of x (Eigen's `generic_fast_erf_float`):
    /// within a few ulp of the true value and free of branches, unlike libm's `erff`.
    @inline(__always) static func erf(_ input: Float) -> Float {
        let x = min(max(input, -4), 4)
        let x2 = x * x
        var p: Float = x2 * -2.726_142_258_013_06e-10 + 2.770_681_424_959_02e-08
        p = x2 * p - 2.101_024_020_825_08e-06
        p = x2 * p - 5.692_506_394_623_46e-05
        p = x2 * p - 7.349_906_303_268_55e-04
        p = x2 * p - 2.954_599_808_540_25e-03
        p = x2 * p - 1.609_603_332_624_15e-02
        p = x * p
        var q: Float = x2 * -1.456_607_184_649_96e-05 - 2.133_740_552_789_05e-04
        q = x2 * q - 1.682_826_974_382_03e-03
        q = x2 * q - 7.373_329_167_204_68e-03
        q = x2 * q - 1.426_473_905_141_89e-02
        return p / q
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

    /// Sum of `count` floats, with SIMD partial sums.
    static func sum(_ values: UnsafePointer<Float>, count: Int) -> Float {
        let vectorEnd = count - count % lanes
        var partial = Vector.zero
        var index = 0
        while index < vectorEnd {
            partial += load(values + index)
            index += lanes
        }
        var total = partial.sum()
        while index < count {
            total += values[index]
            index += 1
        }
        return total
    }

    @inline(__always) static func load(_ pointer: UnsafePointer<Float>) -> Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
    }

    @inline(__always) static func load(_ pointer: UnsafeMutablePointer<Float>) -> Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
    }

    @inline(__always) static func store(_ vector: Vector, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: vector, as: Vector.self)
    }
}
