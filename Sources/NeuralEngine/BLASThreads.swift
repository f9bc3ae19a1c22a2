@_implementationOnly import CBLAS

/// The BLAS library behind `Matrix.matmul`.
public enum BLAS {
    /// How many threads OpenBLAS uses for one matrix product.
    ///
    /// The products of the book's networks are small (a batch of 128 through 784×100
    /// weights at most in the DLFS workloads); on two cores a second thread often costs
    /// more in hand-offs than it saves, and when other processes (or chapters run in
    /// parallel) hold the cores, waiting threads slow every product down. Setting 1
    /// makes each process use one core; see Benchmarks/README.md for measurements.
    public static var threadCount: Int {
        get { Int(openblas_get_num_threads()) }
        set {
            requirement(newValue > 0, "BLAS.threadCount must be positive, got \(newValue)")
            openblas_set_num_threads(Int32(newValue))
        }
    }
}
