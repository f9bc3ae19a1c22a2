#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// What every optimizer checks and sets up before its first update.

/// Parameters and gradients must pair up one to one, shape for shape: a mismatch is a
/// programming mistake in the network, not a condition to recover from.
@inlinable
func checkShapes<Scalar>(_ parameters: [Matrix<Scalar>], _ gradients: [Matrix<Scalar>], optimizer: String) {
    precondition(parameters.count == gradients.count,
                 "\(optimizer): \(parameters.count) parameters but \(gradients.count) gradients")
    for i in parameters.indices {
        precondition(parameters[i].rows == gradients[i].rows && parameters[i].cols == gradients[i].cols,
                     "\(optimizer): parameter \(i) is \(parameters[i].rows)×\(parameters[i].cols) but its gradient is \(gradients[i].rows)×\(gradients[i].cols)")
    }
}

/// Creates zero state shaped like `parameters` on the first update. State from an
/// earlier update must still fit: an optimizer belongs to one parameter list.
@inlinable
func zeroStateIfNeeded<Scalar>(_ state: inout [Matrix<Scalar>], like parameters: [Matrix<Scalar>]) {
    if state.isEmpty {
        state = parameters.map { Matrix(rows: $0.rows, cols: $0.cols) }
        return
    }
    precondition(state.count == parameters.count && zip(state, parameters).allSatisfy {
        $0.rows == $1.rows && $0.cols == $1.cols
    }, "Optimizer state was made for a different parameter list; call reset() or use a new optimizer")
}

/// √x for an accumulated square x ≥ 0.
///
/// Written as √|x| because the compiler can then prove the argument non-negative and
/// use the bare square-root instruction, four lanes at a time; plain `squareRoot()`
/// on Linux keeps a branch to the C library's `sqrtf` (for errno) that stops the loop
/// from being vectorised. Adam and AdaGrad ran 4× slower without this.
@inlinable @inline(__always)
func rootOfSquares<Scalar: MatrixScalar>(_ x: Scalar) -> Scalar {
    x.magnitude.squareRoot()
}
