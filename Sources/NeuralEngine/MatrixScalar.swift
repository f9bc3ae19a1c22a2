@_implementationOnly import CBLAS

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The element types a `Matrix` can hold: `Float` for training, `Double` for
/// gradient checks. Each supplies its BLAS product and the elementary functions the
/// layers need, so generic engine code specialises to straight-line loops.
public protocol MatrixScalar: BinaryFloatingPoint, Sendable, CustomStringConvertible
where Self.RawSignificand: FixedWidthInteger {
    /// C ← α·op(A)·op(B) + β·C on row-major storage, op(X) = X or Xᵀ.
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    /// `out` (cols × rows, dense) ← the transpose of `source` (rows × cols, leading
    /// dimension ld).
    static func transpose(
        _ source: UnsafePointer<Self>, rows: Int, cols: Int, ld: Int,
        into out: UnsafeMutablePointer<Self>)
    static func exp(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    static func log1p(_ x: Self) -> Self
    static func expm1(_ x: Self) -> Self
    static func pow(_ x: Self, _ y: Self) -> Self
}

extension MatrixScalar {
    /// The transpose in blocks of 32 × 32, so that reads and writes both stay in cache.
    @inlinable public static func transpose(
        _ source: UnsafePointer<Self>, rows: Int, cols: Int, ld: Int,
        into out: UnsafeMutablePointer<Self>
    ) {
        let tile = 32
        for r0 in stride(from: 0, to: rows, by: tile) {
            for c0 in stride(from: 0, to: cols, by: tile) {
                for c in c0..<Swift.min(c0 + tile, cols) {
                    for r in r0..<Swift.min(r0 + tile, rows) { out[c * rows + r] = source[r * ld + c] }
                }
            }
        }
    }
}

extension Float: MatrixScalar {
    // `gemm` is in Float+Product.swift: LIBXSMM kernels, OpenBLAS where they do not apply.
    @inlinable public static func exp(_ x: Float) -> Float { Glibc.expf(x) }
    @inlinable public static func log(_ x: Float) -> Float { Glibc.logf(x) }
    @inlinable public static func tanh(_ x: Float) -> Float { Glibc.tanhf(x) }
    @inlinable public static func log1p(_ x: Float) -> Float { Glibc.log1pf(x) }
    @inlinable public static func expm1(_ x: Float) -> Float { Glibc.expm1f(x) }
    @inlinable public static func pow(_ x: Float, _ y: Float) -> Float { Glibc.powf(x, y) }
}

extension Double: MatrixScalar {
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
    @inlinable public static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    @inlinable public static func log(_ x: Double) -> Double { Glibc.log(x) }
    @inlinable public static func tanh(_ x: Double) -> Double { Glibc.tanh(x) }
    @inlinable public static func log1p(_ x: Double) -> Double { Glibc.log1p(x) }
    @inlinable public static func expm1(_ x: Double) -> Double { Glibc.expm1(x) }
    @inlinable public static func pow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
}
