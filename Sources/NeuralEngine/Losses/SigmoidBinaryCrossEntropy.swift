/// Sigmoid followed by binary cross-entropy, for targets in [0, 1] (usually 0 or 1):
/// `L = −(1/N) Σ [t log σ(z) + (1 − t) log(1 − σ(z))]`, summed over output columns
/// and averaged over the N rows.
///
/// Computed as `max(z, 0) − z·t + log(1 + e^−|z|)`, which equals the above and
/// never takes the log of 0 or overflows. The gradient at the logits is `(σ(z) − t)/N`.
@_specialize(where Scalar == Float)
public func sigmoidBinaryCrossEntropy<Scalar: MatrixScalar>(
    logits z: Matrix<Scalar>, targets t: Matrix<Scalar>
) -> (loss: Scalar, gradient: Matrix<Scalar>) {
    requirement(
        t.rows == z.rows && t.cols == z.cols,
        "sigmoidBinaryCrossEntropy: logits \(z.rows)×\(z.cols) but targets \(t.rows)×\(t.cols)")
    let batch = Scalar(Swift.max(z.rows, 1))
    var loss: Scalar = 0
    var gradient = Matrix<Scalar>(rows: z.rows, cols: z.cols)
    for i in 0..<z.count {
        let v = z.storage[i], target = t.storage[i]
        loss += Swift.max(v, 0) - v * target + Scalar.log1p(Scalar.exp(-Swift.abs(v)))
        gradient.storage[i] = (sigmoid(v) - target) / batch
    }
    return (loss / batch, gradient)
}
