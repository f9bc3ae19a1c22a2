/// Softmax followed by cross-entropy, averaged over the batch, for integer labels:
/// `L = −(1/N) Σ_i log p_{i, t_i}` with `p = softmax(z)`.
///
/// The log-probability is taken as `z_t − m − log Σ e^{z − m}` (log-sum-exp with
/// the row maximum m), so no `log 0` and no overflow occur at any logit size.
/// The gradient at the logits is `(p − onehot(t)) / N`.
@_specialize(where Scalar == Float)
public func softmaxCrossEntropy<Scalar: MatrixScalar>(
    logits z: Matrix<Scalar>, labels: [Int]
) -> (loss: Scalar, gradient: Matrix<Scalar>) {
    var gradient = Matrix<Scalar>.empty
    let loss = softmaxCrossEntropy(logits: z, labels: labels, dividedBy: z.rows, into: &gradient)
    return (loss, gradient)
}

/// The same, with the sums over rows divided by `divisor` (the whole batch, when z
/// holds part of it) and the gradient written into `gradient`'s storage.
@_specialize(where Scalar == Float)
@usableFromInline func softmaxCrossEntropy<Scalar: MatrixScalar>(
    logits z: Matrix<Scalar>, labels: [Int], dividedBy divisor: Int, into gradient: inout Matrix<Scalar>
) -> Scalar {
    requirement(labels.count == z.rows, "softmaxCrossEntropy: \(z.rows) rows of logits but \(labels.count) labels")
    let n = z.cols
    let batch = Scalar(Swift.max(divisor, 1))
    gradient.assign(z) { $0 }
    var loss: Scalar = 0
    gradient.storage.withUnsafeMutableBufferPointer { q in
        for r in 0..<z.rows {
            let t = labels[r]
            requirement(t >= 0 && t < n, "softmaxCrossEntropy: label \(t) out of 0..<\(n) at row \(r)")
            let row = UnsafeMutableBufferPointer(rebasing: q[r * n..<(r + 1) * n])
            var m = -Scalar.infinity
            for v in row { m = Swift.max(m, v) }
            let zt = row[t]
            var s: Scalar = 0
            for j in 0..<n {
                row[j] = Scalar.exp(row[j] - m)
                s += row[j]
            }
            loss -= zt - m - Scalar.log(s)
            let scale = 1 / (s * batch)
            for j in 0..<n { row[j] *= scale }
            row[t] -= 1 / batch
        }
    }
    return loss / batch
}

/// Softmax cross-entropy for target distributions (one-hot rows, or any rows
/// summing to 1): `L = −(1/N) Σ_i Σ_j t_ij log p_ij`, gradient `(p − t)/N`.
@_specialize(where Scalar == Float)
public func softmaxCrossEntropy<Scalar: MatrixScalar>(
    logits z: Matrix<Scalar>, targets t: Matrix<Scalar>
) -> (loss: Scalar, gradient: Matrix<Scalar>) {
    requirement(
        t.rows == z.rows && t.cols == z.cols,
        "softmaxCrossEntropy: logits \(z.rows)×\(z.cols) but targets \(t.rows)×\(t.cols)")
    let n = z.cols
    let batch = Scalar(Swift.max(z.rows, 1))
    var gradient = softmax(z)
    var loss: Scalar = 0
    for r in 0..<z.rows {
        var m = -Scalar.infinity
        for j in 0..<n { m = Swift.max(m, z.storage[r * n + j]) }
        var s: Scalar = 0
        for j in 0..<n { s += Scalar.exp(z.storage[r * n + j] - m) }
        let logS = Scalar.log(s)
        for j in 0..<n where t.storage[r * n + j] != 0 {
            loss -= t.storage[r * n + j] * (z.storage[r * n + j] - m - logS)
        }
        for j in 0..<n { gradient.storage[r * n + j] = (gradient.storage[r * n + j] - t.storage[r * n + j]) / batch }
    }
    return (loss / batch, gradient)
}
