// Reductions. `sumRows()` adds the rows together (NumPy `sum(axis=0)`, a `1 × cols`
// row vector); `sumColumns()` adds across each row (`sum(axis=1)`, `rows × 1`).

extension Matrix {
    @inlinable public func sum() -> Scalar {
        var s: Scalar = 0
        storage.withUnsafeBufferPointer { p in for v in p { s += v } }
        return s
    }

    @inlinable public func mean() -> Scalar { count == 0 ? .nan : sum() / Scalar(count) }

    /// Σ over rows: `1 × cols` (NumPy `sum(axis=0)`), e.g. the bias gradient.
    @inlinable public func sumRows() -> Matrix {
        var out = Matrix(rows: 1, cols: cols)
        let c = cols
        storage.withUnsafeBufferPointer { p in
            out.storage.withUnsafeMutableBufferPointer { o in
                for r in 0..<rows {
                    let base = r * c
                    for j in 0..<c { o[j] += p[base + j] }
                }
            }
        }
        return out
    }

    /// Mean over rows: `1 × cols` (NumPy `mean(axis=0)`).
    @inlinable public func meanRows() -> Matrix { sumRows() / Scalar(Swift.max(rows, 1)) }

    /// Σ across each row: `rows × 1` (NumPy `sum(axis=1)`).
    @inlinable public func sumColumns() -> Matrix {
        var out = Matrix(rows: rows, cols: 1)
        for r in 0..<rows {
            var s: Scalar = 0
            for j in 0..<cols { s += storage[r * cols + j] }
            out.storage[r] = s
        }
        return out
    }

    /// Index of the largest element in each row (the predicted class).
    @inlinable public func argmaxRows() -> [Int] {
        (0..<rows).map { r in
            var best = 0
            var m = -Scalar.infinity
            for j in 0..<cols where storage[r * cols + j] > m {
                m = storage[r * cols + j]
                best = j
            }
            return best
        }
    }

    @inlinable public func max() -> Scalar { storage.max() ?? .nan }
    @inlinable public func min() -> Scalar { storage.min() ?? .nan }

    /// Σ x², the squared Frobenius norm.
    @inlinable public func sumOfSquares() -> Scalar {
        var s: Scalar = 0
        storage.withUnsafeBufferPointer { p in for v in p { s += v * v } }
        return s
    }

    /// Euclidean (Frobenius) norm.
    @inlinable public func norm() -> Scalar { sumOfSquares().squareRoot() }
}
