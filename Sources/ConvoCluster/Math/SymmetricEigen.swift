/// Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: exact enough,
/// dependency-free, and deterministic. Used on the (a few hundred)² Gram matrices of the
/// randomized SVD, never on anything that grows with the data.
enum SymmetricEigen {
    /// Eigenvalues in descending order, and the matching unit eigenvectors as the columns of a
    /// row-major `size × size` matrix.
    static func decompose(_ matrix: [Double], size: Int) -> (values: [Double], vectors: [Double]) {
        var aStorage = matrix
        var vStorage = [Double](repeating: 0, count: size * size)
        for i in 0..<size { vStorage[i * size + i] = 1 }
        aStorage.withUnsafeMutableBufferPointer { aBuffer in
            vStorage.withUnsafeMutableBufferPointer { vBuffer in
                guard let a = aBuffer.baseAddress, let v = vBuffer.baseAddress else { return }
                rotate(a, v, size: size)
            }
        }
        let a = aStorage
        let v = vStorage
        let order = (0..<size).sorted { a[$0 * size + $0] > a[$1 * size + $1] || (a[$0 * size + $0] == a[$1 * size + $1] && $0 < $1) }
        var sortedVectors = [Double](repeating: 0, count: size * size)
        for (column, source) in order.enumerated() {
            for row in 0..<size { sortedVectors[row * size + column] = v[row * size + source] }
        }
        return (order.map { a[$0 * size + $0] }, sortedVectors)
    }

    private static func rotate(_ a: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>, size: Int) {
        for _ in 0..<60 {
            var off = 0.0
            var diagonal = 0.0
            for i in 0..<size {
                diagonal += a[i * size + i] * a[i * size + i]
                for j in (i + 1)..<max(i + 1, size) { off += a[i * size + j] * a[i * size + j] }
            }
            if off <= 1e-22 * max(diagonal, 1e-300) { break }
            for p in 0..<size {
                for q in (p + 1)..<max(p + 1, size) {
                    let apq = a[p * size + q]
                    guard abs(apq) > 1e-300 else { continue }
                    let app = a[p * size + p]
                    let aqq = a[q * size + q]
                    let theta = (aqq - app) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    for k in 0..<size {
                        let akp = a[k * size + p]
                        let akq = a[k * size + q]
                        a[k * size + p] = c * akp - s * akq
                        a[k * size + q] = s * akp + c * akq
                    }
                    for k in 0..<size {
                        let apk = a[p * size + k]
                        let aqk = a[q * size + k]
                        a[p * size + k] = c * apk - s * aqk
                        a[q * size + k] = s * apk + c * aqk
                    }
                    for k in 0..<size {
                        let vkp = v[k * size + p]
                        let vkq = v[k * size + q]
                        v[k * size + p] = c * vkp - s * vkq
                        v[k * size + q] = s * vkp + c * vkq
                    }
                }
            }
        }
    }
}

/// Small dense algebra over row-major `[Double]` matrices with `width` columns.
enum DenseMath {
    /// Replaces the columns of `y` by an orthonormal basis of their span (Cholesky QR, done
    /// twice for accuracy). Columns that add nothing new become zero instead of noise.
    static func orthonormalizeColumns(_ y: [Double], rows: Int, width: Int, passes: Int = 2) -> [Double] {
        var q = y
        for _ in 0..<max(1, passes) { q = choleskyStep(q, rows: rows, width: width) }
        return q
    }

    private static func choleskyStep(_ y: [Double], rows: Int, width: Int) -> [Double] {
        let g = BLAS.gram(y, rows: rows, width: width)
        var largest = 0.0
        for i in 0..<width { largest = max(largest, g[i * width + i]) }
        let tolerance = largest * 1e-12
        // Lower-triangular L with G = L Lᵀ; a column with no energy left gets a zero pivot.
        var l = [Double](repeating: 0, count: width * width)
        for j in 0..<width {
            var diagonal = g[j * width + j]
            for k in 0..<j { diagonal -= l[j * width + k] * l[j * width + k] }
            guard diagonal > tolerance else { continue }
            let pivot = diagonal.squareRoot()
            l[j * width + j] = pivot
            for i in (j + 1)..<max(j + 1, width) {
                var value = g[i * width + j]
                for k in 0..<j { value -= l[i * width + k] * l[j * width + k] }
                l[i * width + j] = value / pivot
            }
        }
        // Q = Y L⁻ᵀ. Inverting the small triangle first turns the per-row triangular solves
        // (a dependent chain that does not vectorise) into one plain matrix product.
        var inverse = [Double](repeating: 0, count: width * width)
        for i in 0..<width where l[i * width + i] > 0 {
            inverse[i * width + i] = 1 / l[i * width + i]
            for j in stride(from: i - 1, through: 0, by: -1) where l[j * width + j] > 0 {
                // Row i of L⁻¹: solve sum_k L[i,k] X[k,j] = 0 for k in j...i.
                var value = 0.0
                for k in j..<i { value += l[i * width + k] * inverse[k * width + j] }
                inverse[i * width + j] = -value / l[i * width + i]
            }
        }
        var transposedInverse = [Double](repeating: 0, count: width * width)
        for i in 0..<width {
            for j in 0..<width { transposedInverse[j * width + i] = inverse[i * width + j] }
        }
        let q = BLAS.multiply(y, rows: rows, width: width, by: transposedInverse, outWidth: width)
        return q
    }
}
