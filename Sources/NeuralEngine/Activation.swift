#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The activation functions of the book, by name.
///
/// An `Activation` chooses the activation layer of a network
/// (`MLP(sizes:activation:…)`) and gives the scalar function and its derivative
/// for plots: `Activation.sigmoid.value(0) == 0.5`,
/// `Activation.sigmoid.derivative(0) == 0.25`.
public enum Activation: Sendable, Equatable, CustomStringConvertible {
    case identity
    /// 1 for x > 0, else 0; derivative 0 (undefined at 0).
    case step
    case sigmoid
    case tanh
    case relu
    /// x for x > 0, else αx (α = 0.01 is usual).
    case leakyReLU(alpha: Double)
    /// x for x > 0, else α(eˣ − 1).
    case elu(alpha: Double)
    case softplus
    /// Leaky ReLU with a learned slope per unit, starting at `initialSlope` (0.25 in He et al.).
    case prelu(initialSlope: Double)
    /// Maximum of `pieces` affine pieces per unit.
    case maxout(pieces: Int)

    public static let leakyReLU = Activation.leakyReLU(alpha: 0.01)
    public static let elu = Activation.elu(alpha: 1)
    public static let prelu = Activation.prelu(initialSlope: 0.25)

    public var description: String {
        switch self {
        case .identity: "identity"
        case .step: "step"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .relu: "ReLU"
        case .leakyReLU(let a): "Leaky ReLU (α = \(a))"
        case .elu(let a): "ELU (α = \(a))"
        case .softplus: "softplus"
        case .prelu: "PReLU"
        case .maxout(let k): "Maxout (\(k) pieces)"
        }
    }

    /// The function at `x`. PReLU uses its initial slope. Maxout, which has learned
    /// pieces, is drawn with the illustrative pieces of `maxoutPieces(_:)`.
    public func value(_ x: Double) -> Double {
        switch self {
        case .identity: return x
        case .step: return x > 0 ? 1 : 0
        case .sigmoid: return NeuralEngine.sigmoid(x)
        case .tanh: return Glibc.tanh(x)
        case .relu: return Swift.max(0, x)
        case .leakyReLU(let a), .prelu(let a): return x > 0 ? x : a * x
        case .elu(let a): return x > 0 ? x : a * expm1(x)
        case .softplus: return Swift.max(x, 0) + log1p(exp(-Swift.abs(x)))
        case .maxout(let k):
            return Activation.maxoutPieces(k).map { $0.slope * x + $0.intercept }.max()!
        }
    }

    /// The derivative at `x`. At a kink (x = 0 for step, ReLU, Leaky ReLU, PReLU,
    /// ELU with α ≠ 1; ties for Maxout) this returns the left-hand value, as the
    /// layers do.
    public func derivative(_ x: Double) -> Double {
        switch self {
        case .identity: return 1
        case .step: return 0
        case .sigmoid:
            let s = NeuralEngine.sigmoid(x)
            return s * (1 - s)
        case .tanh:
            let t = Glibc.tanh(x)
            return 1 - t * t
        case .relu: return x > 0 ? 1 : 0
        case .leakyReLU(let a), .prelu(let a): return x > 0 ? 1 : a
        case .elu(let a): return x > 0 ? 1 : a * exp(x)
        case .softplus: return NeuralEngine.sigmoid(x)
        case .maxout(let k):
            let pieces = Activation.maxoutPieces(k)
            var best = pieces[0]
            for p in pieces.dropFirst() where p.slope * x + p.intercept > best.slope * x + best.intercept { best = p }
            return best.slope
        }
    }

    /// Fixed pieces for drawing a k-piece Maxout as a scalar function: slopes
    /// spread evenly over [−0.5, 1], intercepts 0, so two pieces give max(−x/2, x).
    public static func maxoutPieces(_ k: Int) -> [(slope: Double, intercept: Double)] {
        precondition(k > 0, "Maxout needs at least one piece, got \(k)")
        if k == 1 { return [(1, 0)] }
        return (0..<k).map { i in (-0.5 + 1.5 * Double(i) / Double(k - 1), 0) }
    }

    /// How many columns the affine layer before this activation must produce for
    /// `units` units: `units·k` for Maxout, `units` otherwise.
    public func inputWidth(units: Int) -> Int {
        if case .maxout(let k) = self { return units * k }
        return units
    }

    /// The layer computing this activation for `units` units.
    public func layer<Scalar: MatrixScalar>(units: Int, as: Scalar.Type = Scalar.self) -> any Layer<Scalar> {
        switch self {
        case .identity: IdentityLayer<Scalar>()
        case .step: StepLayer<Scalar>()
        case .sigmoid: SigmoidLayer<Scalar>()
        case .tanh: TanhLayer<Scalar>()
        case .relu: ReLULayer<Scalar>()
        case .leakyReLU(let a): LeakyReLULayer<Scalar>(alpha: Scalar(a))
        case .elu(let a): ELULayer<Scalar>(alpha: Scalar(a))
        case .softplus: SoftplusLayer<Scalar>()
        case .prelu(let a): PReLU<Scalar>(units: units, initialSlope: a)
        case .maxout(let k): Maxout<Scalar>(units: units, pieces: k)
        }
    }
}
