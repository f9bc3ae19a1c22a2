/// Mean squared error with DLFS's ½: `L = (1/N) Σ_i ½ Σ_j (y_ij − t_ij)²`, summed
/// over output columns and averaged over the N rows, so that the gradient at the
/// output is exactly `(y − t)/N`.
@_specialize(where Scalar == Float)
public func meanSquaredError<Scalar: MatrixScalar>(
    _ y: Matrix<Scalar>, targets t: Matrix<Scalar>
) -> (loss: Scalar, gradient: Matrix<Scalar>) {
    requirement(
        t.rows == y.rows && t.cols == y.cols,
        "meanSquaredError: outputs \(y.rows)×\(y.cols) but targets \(t.rows)×\(t.cols)")
    let batch = Scalar(Swift.max(y.rows, 1))
    var loss: Scalar = 0
    var gradient = Matrix<Scalar>(rows: y.rows, cols: y.cols)
    for i in 0..<y.count {
        let d = y.storage[i] - t.storage[i]
        loss += d * d / 2
        gradient.storage[i] = d / batch
    }
    return (loss / batch, gradient)
}
