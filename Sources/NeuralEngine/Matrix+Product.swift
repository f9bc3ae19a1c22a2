extension Matrix {
    /// `op(a)·op(b)` through BLAS, where `op(X)` is `X` or `Xᵀ`. Shapes are checked.
    @inlinable public static func matmul(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false
    ) -> Matrix {
        let m = transposeA ? a.cols : a.rows
        let k = transposeA ? a.rows : a.cols
        let kb = transposeB ? b.cols : b.rows
        let n = transposeB ? b.rows : b.cols
        requirement(
            k == kb, "matmul: inner dimensions differ (\(a.rows)×\(a.cols)\(transposeA ? "ᵀ" : "") · \(b.rows)×\(b.cols)\(transposeB ? "ᵀ" : ""))")
        var c = Matrix(rows: m, cols: n)
        if m == 0 || n == 0 { return c }
        if k == 0 { return c }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    Scalar.gemm(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                        alpha: 1, a: pa.baseAddress!, lda: a.cols, b: pb.baseAddress!, ldb: b.cols,
                        beta: 0, c: pc.baseAddress!, ldc: n)
                }
            }
        }
        return c
    }

    /// `self · other`.
    @inlinable public func dot(_ other: Matrix) -> Matrix { Matrix.matmul(self, other) }
}
