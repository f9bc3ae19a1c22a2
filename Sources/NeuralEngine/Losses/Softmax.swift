/// Softmax of each row: `p_j = e^{z_j − m} / Σ_k e^{z_k − m}` with m the row's
/// maximum. Subtracting m changes nothing mathematically and keeps every exponent
/// ≤ 0, so `softmax([1000, 1000, 2000])` is finite (`[0, 0, 1]`).
@_specialize(where Scalar == Float)
public func softmax<Scalar: MatrixScalar>(_ z: Matrix<Scalar>) -> Matrix<Scalar> {
    var p = z
    let n = z.cols
    p.storage.withUnsafeMutableBufferPointer { q in
        for r in 0..<z.rows {
            let row = UnsafeMutableBufferPointer(rebasing: q[r * n..<(r + 1) * n])
            var m = -Scalar.infinity
            for v in row { m = Swift.max(m, v) }
            var s: Scalar = 0
            for j in 0..<n {
                row[j] = Scalar.exp(row[j] - m)
                s += row[j]
            }
            for j in 0..<n { row[j] /= s }
        }
    }
    return p
}
