#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif

/// The two matrix products the encoder needs, row-major, through the platform's BLAS
/// (Accelerate on macOS, OpenBLAS on Linux).
enum BLAS {
    /// C[m×n] = alpha·A[m×k]·B[n×k]ᵀ + beta·C: a linear layer whose weight is stored
    /// [out × in], as PyTorch stores it.
    static func multiplyTransposed(m: Int, n: Int, k: Int, alpha: Float = 1,
                                   a: UnsafePointer<Float>, lda: Int,
                                   b: UnsafePointer<Float>, ldb: Int,
                                   beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k),
                    alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// C[m×n] = A[m×k]·B[k×n].
    static func multiply(m: Int, n: Int, k: Int,
                         a: UnsafePointer<Float>, lda: Int,
                         b: UnsafePointer<Float>, ldb: Int,
                         c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                    1, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
    }

    /// Threads each BLAS call may use. The encoder runs one batch per core with single-threaded
    /// BLAS, which keeps the element-wise work (GELU, softmax, LayerNorm) parallel too.
    static func setThreadCount(_ count: Int) {
        #if !canImport(Accelerate)
        openblas_set_num_threads(Int32(count))
        #endif
    }
}
