#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif

/// The dense products clustering needs, through the platform's BLAS (OpenBLAS on Linux,
/// Accelerate on macOS), whose kernels use the machine's widest vector units.
///
/// Each call runs on one thread and the callers split the work across cores themselves (rows
/// in fixed chunks, combined in chunk order): OpenBLAS's own threads spin after every call,
/// taking the cores from the parallel loops around them, and fixed chunks keep sums in the
/// same order on every machine.
enum BLAS {
    /// `YᵀY` for a tall `rows × width` matrix: full and symmetric.
    static func gram(_ y: [Double], rows: Int, width: Int) -> [Double] {
        var total = [Double](repeating: 0, count: width * width)
        guard rows > 0, width > 0 else { return total }
        singleThreaded()
        let partials = y.withUnsafeBufferPointer { buffer in
            let input = UnsafeSendable(buffer)
            return Parallel.mapChunks(rows, grain: 4096) { range -> [Double] in
                var partial = [Double](repeating: 0, count: width * width)
                partial.withUnsafeMutableBufferPointer { output in
                    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(width), Int32(range.count), 1,
                                input.value.baseAddress.map { $0 + range.lowerBound * width }, Int32(width),
                                0, output.baseAddress, Int32(width))
                }
                return partial
            }
        }
        for partial in partials {
            for index in 0..<total.count { total[index] += partial[index] }
        }
        for i in 0..<width {
            for j in 0..<i { total[i * width + j] = total[j * width + i] }
        }
        return total
    }

    /// `Y × M` for `Y` (`rows × width`) and a small `M` (`width × outWidth`).
    static func multiply(_ y: [Double], rows: Int, width: Int, by m: [Double], outWidth: Int) -> [Double] {
        var output = [Double](repeating: 0, count: rows * outWidth)
        guard rows > 0, width > 0, outWidth > 0 else { return output }
        singleThreaded()
        output.withUnsafeMutableBufferPointer { buffer in
            let result = SharedBuffer(buffer)
            y.withUnsafeBufferPointer { yBuffer in
                m.withUnsafeBufferPointer { mBuffer in
                    let input = UnsafeSendable(yBuffer)
                    let factor = UnsafeSendable(mBuffer)
                    Parallel.forEach(rows, grain: 2048) { range in
                        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(range.count), Int32(outWidth), Int32(width), 1,
                                    input.value.baseAddress.map { $0 + range.lowerBound * width }, Int32(width),
                                    factor.value.baseAddress, Int32(outWidth), 0,
                                    result.base + range.lowerBound * outWidth, Int32(outWidth))
                    }
                }
            }
        }
        return output
    }

    /// `out[q × n] = queries[q × dimension] × candidatesᵀ` (candidates `n × dimension`), on the
    /// calling thread. Callers that split the work across cores call `singleThreaded()` first,
    /// once, outside their parallel loop.
    static func similarities(_ queries: UnsafePointer<Float>, count: Int, _ candidates: UnsafePointer<Float>, candidateCount: Int,
                             dimension: Int, into out: UnsafeMutablePointer<Float>) {
        guard count > 0, candidateCount > 0, dimension > 0 else { return }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(count), Int32(candidateCount), Int32(dimension), 1,
                    queries, Int32(dimension), candidates, Int32(dimension), 0, out, Int32(candidateCount))
    }

    /// Makes every BLAS call run on the thread that makes it. Not safe to call from several
    /// threads at once: the setting is the library's.
    static func singleThreaded() {
        #if !canImport(Accelerate)
        openblas_set_num_threads(1)
        #endif
    }
}
