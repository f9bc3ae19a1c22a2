#include <cblas.h>

// LIBXSMM: products generated for the CPU and the shape (Float+Product.swift).
#include <libxsmm.h>

/// Row-major `C = op(A)·B + β·C` (β 0 or 1, op(A) = A or Aᵀ) by a kernel LIBXSMM
/// generates for this CPU and these sizes, cached by LIBXSMM after the first call.
/// Returns 0, computing nothing, when LIBXSMM has no kernel (no JIT on this CPU).
///
/// LIBXSMM is column-major, and a row-major matrix is its column-major transpose:
/// `C = op(A)·B` is computed as `Cᵀ = Bᵀ·op(A)ᵀ`. Its kernels are variadic C
/// function pointers, which Swift cannot call; this wrapper can.
static inline int engine_sgemm_row_major(int transpose_a, int m, int n, int k,
                                         const float *a, int lda, const float *b, int ldb,
                                         int accumulate, float *c, int ldc) {
    const libxsmm_blasint cm = n, cn = m, ck = k, clda = ldb, cldb = lda, cldc = ldc;
    const float alpha = 1, beta = accumulate ? 1 : 0;
    const int flags = transpose_a ? LIBXSMM_GEMM_FLAG_TRANS_B : LIBXSMM_GEMM_FLAG_NONE;
    const libxsmm_smmfunction kernel =
        libxsmm_smmdispatch(cm, cn, ck, &clda, &cldb, &cldc, &alpha, &beta, &flags, NULL);
    if (!kernel) return 0;
    kernel(b, a, c);
#if defined(__x86_64__)
    // The kernels leave the upper halves of the vector registers dirty; until they
    // are cleared, every SSE instruction of the code that follows (Swift's element
    // loops, libm) waits on a merge with them, several times slower.
    if (libxsmm_get_target_archid() >= LIBXSMM_X86_AVX) __asm__ volatile("vzeroupper" ::: "memory");
#endif
    return 1;
}

/// Row-major `out` (cols × rows) ← the transpose of `in` (rows × cols, leading
/// dimension ld), by LIBXSMM's transpose kernels.
static inline void engine_stranspose_row_major(int rows, int cols, const float *in, int ld, float *out) {
    libxsmm_otrans(out, in, sizeof(float), cols, rows, ld, rows);
#if defined(__x86_64__)
    if (libxsmm_get_target_archid() >= LIBXSMM_X86_AVX) __asm__ volatile("vzeroupper" ::: "memory");
#endif
}

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
/// The calling thread's SSE control word, then sets its flush-to-zero and
/// denormals-are-zero bits (see Float+Product.swift for why).
static inline unsigned engine_flush_denormals(void) {
    unsigned saved = _mm_getcsr();
    _mm_setcsr(saved | 0x8040);
    return saved;
}
/// Restores a control word `engine_flush_denormals` returned.
static inline void engine_restore_float_control(unsigned saved) { _mm_setcsr(saved); }
#else
static inline unsigned engine_flush_denormals(void) { return 0; }
static inline void engine_restore_float_control(unsigned saved) { (void)saved; }
#endif
