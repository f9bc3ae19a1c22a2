// Summary statistics that chapters use to describe activations, weights and curves.

extension Matrix {
    /// Population standard deviation of all elements, sqrt(Σ(x − mean)² / n)
    /// (NumPy's `std()` with its default `ddof=0`). NaN for an empty matrix.
    public func standardDeviation() -> Scalar {
        guard count > 0 else { return .nan }
        let m = mean()
        var s: Scalar = 0
        for v in storage { s += (v - m) * (v - m) }
        return (s / Scalar(count)).squareRoot()
    }
}

/// Population standard deviation of `values` (NumPy `np.std`). NaN when empty.
public func standardDeviation<T: BinaryFloatingPoint>(_ values: [T]) -> T {
    guard !values.isEmpty else { return .nan }
    let mean = values.reduce(0, +) / T(values.count)
    return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / T(values.count)).squareRoot()
}

/// A trailing moving average: element i is the mean of `values[max(0, i−window+1)...i]`.
///
/// Same length as the input, so a smoothed loss curve lines up with its update
/// numbers; the first `window − 1` points average what exists so far. Non-finite
/// values (a diverged run) propagate into the windows that contain them.
public func smooth<T: BinaryFloatingPoint>(_ values: [T], window: Int) -> [T] {
    precondition(window >= 1, "smooth: window must be at least 1, got \(window)")
    var out = [T]()
    out.reserveCapacity(values.count)
    var sum: T = 0
    var nonFinite = 0
    for (i, v) in values.enumerated() {
        if v.isFinite { sum += v } else { nonFinite += 1 }
        if i >= window {
            let old = values[i - window]
            if old.isFinite { sum -= old } else { nonFinite -= 1 }
        }
        let n = Swift.min(i + 1, window)
        out.append(nonFinite > 0 ? .nan : sum / T(n))
    }
    return out
}

/// Pearson correlation between every pair of columns: a `cols × cols` matrix.
///
/// r_ij = cov(x_i, x_j) / (σ_i σ_j). A column that never varies (a unit that is
/// always off) has no defined correlation: its row and column are NaN.
public func correlationMatrix<T: MatrixScalar>(columnsOf x: Matrix<T>) -> Matrix<T> {
    let n = x.rows
    precondition(n >= 2, "correlationMatrix needs at least 2 rows, got \(n)")
    let means = x.meanRows()
    let centered = x - means
    let covariance = Matrix.matmul(centered, centered, transposeA: true) / T(n)
    var r = covariance
    let d = x.cols
    for i in 0..<d {
        for j in 0..<d {
            let denominator = (covariance[i, i] * covariance[j, j]).squareRoot()
            r[i, j] = denominator > 0 ? covariance[i, j] / denominator : .nan
        }
    }
    return r
}
