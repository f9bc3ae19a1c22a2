#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// What every optimizer checks and sets up before its first update.

/// The loop every optimizer shares: for each parameter i and each element j,
/// `step(&W[i][j], g[i][j], &s₁[i][j], &s₂[i][j])`, where s₁ and s₂ are the
/// optimizer's per-element state (`stateCount` of them are used; the others are
/// scratch). State starts at zero on the first update.
///
/// Parameters and gradients must pair up one to one, shape for shape: a mismatch is
/// a programming mistake in the network, not a condition to recover from. The loop
/// runs over raw buffers: it is most of what an update costs, and once `step` is
/// inlined it vectorises.
@inlinable @inline(__always)
func updateElementwise<Scalar: MatrixScalar>(
    _ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>],
    state first: inout [Matrix<Scalar>], _ second: inout [Matrix<Scalar>], stateCount: Int, optimizer: String,
    _ step: (_ w: inout Scalar, _ g: Scalar, _ s1: inout Scalar, _ s2: inout Scalar) -> Void
) {
    requirement(
        parameters.count == gradients.count,
        "\(optimizer): \(parameters.count) parameters but \(gradients.count) gradients")
    for i in parameters.indices {
        requirement(
            parameters[i].rows == gradients[i].rows && parameters[i].cols == gradients[i].cols,
            "\(optimizer): parameter \(i) is \(parameters[i].rows)×\(parameters[i].cols) but its gradient is \(gradients[i].rows)×\(gradients[i].cols)"
        )
    }
    if stateCount >= 1 { zeroStateIfNeeded(&first, like: parameters) }
    if stateCount >= 2 { zeroStateIfNeeded(&second, like: parameters) }
    // Moments that decay towards zero become subnormal numbers, which x86 cores handle
    // in microcode at a hundred times the cost (Adam's m after a few hundred updates
    // of a zero gradient); flushed to zero, they change nothing above 1e-38.
    let floatControl = flushSubnormals()
    defer { restoreFloatingPointControl(floatControl) }
    var scratch1: Scalar = 0, scratch2: Scalar = 0
    for i in parameters.indices {
        parameters[i].storage.withUnsafeMutableBufferPointer { w in
            gradients[i].storage.withUnsafeBufferPointer { g in
                switch stateCount {
                case 0:
                    for j in 0..<w.count { step(&w[j], g[j], &scratch1, &scratch2) }
                case 1:
                    first[i].storage.withUnsafeMutableBufferPointer { s1 in
                        for j in 0..<w.count { step(&w[j], g[j], &s1[j], &scratch2) }
                    }
                default:
                    first[i].storage.withUnsafeMutableBufferPointer { s1 in
                        second[i].storage.withUnsafeMutableBufferPointer { s2 in
                            for j in 0..<w.count { step(&w[j], g[j], &s1[j], &s2[j]) }
                        }
                    }
                }
            }
        }
    }
}

/// `updateElementwise` for an optimizer without state (`step(&W, g)`).
@inlinable @inline(__always)
func updateElementwise<Scalar: MatrixScalar>(
    _ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>], optimizer: String,
    _ step: (_ w: inout Scalar, _ g: Scalar) -> Void
) {
    var none1: [Matrix<Scalar>] = [], none2: [Matrix<Scalar>] = []
    updateElementwise(&parameters, gradients: gradients, state: &none1, &none2, stateCount: 0, optimizer: optimizer) {
        w, g, _, _ in step(&w, g)
    }
}

/// `updateElementwise` for an optimizer with one state value per element (`step(&W, g, &s)`).
@inlinable @inline(__always)
func updateElementwise<Scalar: MatrixScalar>(
    _ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>], state: inout [Matrix<Scalar>],
    optimizer: String, _ step: (_ w: inout Scalar, _ g: Scalar, _ s: inout Scalar) -> Void
) {
    var none: [Matrix<Scalar>] = []
    updateElementwise(&parameters, gradients: gradients, state: &state, &none, stateCount: 1, optimizer: optimizer) {
        w, g, s, _ in step(&w, g, &s)
    }
}

/// `updateElementwise` for an optimizer with two state values per element.
@inlinable @inline(__always)
func updateElementwise<Scalar: MatrixScalar>(
    _ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>],
    state first: inout [Matrix<Scalar>], _ second: inout [Matrix<Scalar>],
    optimizer: String, _ step: (_ w: inout Scalar, _ g: Scalar, _ s1: inout Scalar, _ s2: inout Scalar) -> Void
) {
    updateElementwise(
        &parameters, gradients: gradients, state: &first, &second, stateCount: 2,
        optimizer: optimizer, step)
}

/// Creates zero state shaped like `parameters` on the first update. State from an
/// earlier update must still fit: an optimizer belongs to one parameter list.
@inlinable
func zeroStateIfNeeded<Scalar>(_ state: inout [Matrix<Scalar>], like parameters: [Matrix<Scalar>]) {
    if state.isEmpty {
        state = parameters.map { Matrix(rows: $0.rows, cols: $0.cols) }
        return
    }
    requirement(
        state.count == parameters.count
            && zip(state, parameters).allSatisfy {
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
