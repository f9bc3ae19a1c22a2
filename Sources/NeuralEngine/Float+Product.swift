@_implementationOnly import CBLAS

// Single-precision products, the engine's hot path.
//
// Debian's OpenBLAS (0.3.21) picks its kernels from the CPU model and falls back to
// its oldest x86-64 ones (SSE3, "Prescott") on CPUs newer than itself, which runs
// the book's products 3–4× below what the CPU does. LIBXSMM generates a kernel for
// each product shape from the CPU's feature flags instead (AVX-512 where present),
// and at the book's sizes (batches of tens to hundreds of rows, layers of up to a
// thousand units) it needs no packing of the operands, which OpenBLAS pays on every
// call. So products go to LIBXSMM when it has a kernel, to OpenBLAS otherwise.

extension Float {
    /// C ← α·op(A)·op(B) + β·C on row-major storage, op(X) = X or Xᵀ.
    ///
    /// LIBXSMM takes α = 1, β ∈ {0, 1} and B untransposed; `transposeB` makes a
    /// transposed copy of B first. Large products are cut into blocks of at most
    /// `rowBlock` rows of C and `depthBlock` terms of each sum, since LIBXSMM's
    /// kernels neither block for the cache nor stay fast on long sums. Each element
    /// of C is still the sum over k in increasing order.
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if alpha == 1 && (beta == 0 || beta == 1) && m > 0 && n > 0 && k > 0 {
            if !transposeB {
                if blockedKernelProduct(
                    transposeA: transposeA, m: m, n: n, k: k, a: a, lda: lda,
                    b: b, ldb: ldb, accumulate: beta == 1, c: c, ldc: ldc)
                {
                    return
                }
            } else {
                // op(B) = Bᵀ is k × n; B is stored n × k with leading dimension ldb.
                let copy = UnsafeMutablePointer<Float>.allocate(capacity: k * n)
                defer { copy.deallocate() }
                transpose(b, rows: n, cols: k, ld: ldb, into: copy)
                if blockedKernelProduct(
                    transposeA: transposeA, m: m, n: n, k: k, a: a, lda: lda,
                    b: copy, ldb: n, accumulate: beta == 1, c: c, ldc: ldc)
                {
                    return
                }
            }
        }
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Rows of C per LIBXSMM call.
    static let rowBlock = 512
    /// Terms of each sum per LIBXSMM call (later blocks accumulate).
    static let depthBlock = 1024

    /// `C = op(A)·B (+ C)` block by block through LIBXSMM; false when it has no kernel
    /// (before anything was written).
    static func blockedKernelProduct(
        transposeA: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int
    ) -> Bool {
        guard lda <= Int(Int32.max), ldb <= Int(Int32.max), ldc <= Int(Int32.max) else { return false }
        var first = true
        for row in stride(from: 0, to: m, by: rowBlock) {
            let rows = Swift.min(rowBlock, m - row)
            for depth in stride(from: 0, to: k, by: depthBlock) {
                let terms = Swift.min(depthBlock, k - depth)
                // op(A)[row..., depth...]: A is m × k, or k × m when transposed.
                let aBlock = transposeA ? a + depth * lda + row : a + row * lda + depth
                let ok = engine_sgemm_row_major(
                    transposeA ? 1 : 0, Int32(rows), Int32(n), Int32(terms), aBlock, Int32(lda),
                    b + depth * ldb, Int32(ldb), accumulate || depth > 0 ? 1 : 0, c + row * ldc, Int32(ldc))
                if ok == 0 {
                    // Only the very first call can fail: LIBXSMM either generates kernels on
                    // this CPU or never does.
                    requirement(first, "LIBXSMM refused a kernel after accepting others")
                    return false
                }
                first = false
            }
        }
        return true
    }

    /// `out` (cols × rows, dense) ← the transpose of `source` (rows × cols, leading
    /// dimension ld), by LIBXSMM.
    public static func transpose(
        _ source: UnsafePointer<Float>, rows: Int, cols: Int, ld: Int,
        into out: UnsafeMutablePointer<Float>
    ) {
        engine_stranspose_row_major(Int32(rows), Int32(cols), source, Int32(ld), out)
    }
}

/// Runs `body` with subnormal numbers (below 1.2e-38 in single precision) read and
/// written as zero on this thread, restoring the previous mode after.
///
/// x86 cores handle subnormals in microcode, a hundred times slower than other
/// numbers; in training they are values that have decayed to nothing (Adam's first
/// moment after a few hundred updates of a zero gradient), and flushing them
/// changes no result that matters. Optimizers and `Trainer.train` use it.
public func withSubnormalsFlushed<R>(_ body: () throws -> R) rethrows -> R {
    let saved = flushSubnormals()
    defer { restoreFloatingPointControl(saved) }
    return try body()
}

/// Starts flushing subnormals on this thread; returns the control word to restore.
@usableFromInline func flushSubnormals() -> UInt32 { UInt32(engine_flush_denormals()) }

/// Restores what `flushSubnormals` returned.
@usableFromInline func restoreFloatingPointControl(_ saved: UInt32) { engine_restore_float_control(CUnsignedInt(saved)) }
