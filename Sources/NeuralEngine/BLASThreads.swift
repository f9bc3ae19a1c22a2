@_implementationOnly import CBLAS

/// The BLAS library behind `Matrix.matmul`.
public enum BLAS {
    /// How many threads OpenBLAS uses for one matrix product.
    ///
    /// Single-precision products go to LIBXSMM's kernels (Float+Product.swift), which
    /// run on the calling thread; OpenBLAS computes double-precision products and the
    /// few single-precision ones LIBXSMM does not take. To use two cores for training,
    /// split minibatches into parts (`Trainer(parts:threads:)`) rather than raising
    /// this: at the book's sizes OpenBLAS's threads cost more in hand-offs than they
    /// save, and slow every product when other processes hold the cores.
    public static var threadCount: Int {
        get { Int(openblas_get_num_threads()) }
        set {
            requirement(newValue > 0, "BLAS.threadCount must be positive, got \(newValue)")
            openblas_set_num_threads(Int32(newValue))
        }
    }
}
