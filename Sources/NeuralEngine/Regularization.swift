/// A penalty on the weights (never biases, batch-normalization scales and shifts,
/// or PReLU slopes) added to the loss, and its gradient added to the weights' gradients.
///
/// - `.l2(λ)`, weight decay: loss + ½λ Σ W², gradient + λW.
/// - `.l1(λ)`: loss + λ Σ |W|, gradient + λ·sign(W) (sign(0) = 0).
public enum Regularization: Sendable, Equatable, CustomStringConvertible {
    case none
    case l2(Double)
    case l1(Double)

    public var description: String {
        switch self {
        case .none: "none"
        case .l2(let l): "L2 λ = \(l)"
        case .l1(let l): "L1 λ = \(l)"
        }
    }

    /// The penalty for these weights.
    @inlinable
    public func penalty<Scalar: MatrixScalar, Weights: Sequence>(_ weights: Weights) -> Scalar
    where Weights.Element == Matrix<Scalar> {
        switch self {
        case .none: return 0
        case .l2(let lambda): return Scalar(lambda / 2) * weights.reduce(0) { $0 + $1.sumOfSquares() }
        case .l1(let lambda):
            return Scalar(lambda)
                * weights.reduce(0) { total, w in
                    var s: Scalar = 0
                    w.storage.withUnsafeBufferPointer { p in for v in p { s += Swift.abs(v) } }
                    return total + s
                }
        }
    }

    /// Adds the penalty's gradient with respect to `weights` to `gradient`.
    @_specialize(where Scalar == Float)
    public func addGradient<Scalar: MatrixScalar>(of weights: Matrix<Scalar>, to gradient: inout Matrix<Scalar>) {
        switch self {
        case .none: return
        case .l2(let lambda): gradient.addScaled(weights, Scalar(lambda))
        case .l1(let lambda):
            let l = Scalar(lambda)
            gradient.formZip(weights) { g, w in g + (w > 0 ? l : w < 0 ? -l : 0) }
        }
    }
}
