/// How the weights of an affine layer `n_in → n_out` are drawn. Biases start at 0.
///
/// Fan conventions: `n_in` is the number of inputs of the layer (rows of W) and
/// `n_out` its number of outputs (columns of W). Normal forms are plain (not
/// truncated) Gaussians with mean 0.
///
/// | name | distribution |
/// | --- | --- |
/// | `.constant(c)` | every weight c (shows that symmetry is never broken) |
/// | `.normal(std: s)` | N(0, s²), e.g. DLFS's `0.01 * randn` |
/// | `.uniform(a...b)` | U[a, b) |
/// | `.glorotNormal` | N(0, 2/(n_in + n_out)) — Glorot & Bengio's "Xavier" |
/// | `.glorotUniform` | U[−√(6/(n_in + n_out)), +√(6/(n_in + n_out))) — same variance |
/// | `.xavierDLFS` | N(0, 1/n_in) — what DLFS calls Xavier |
/// | `.he` | N(0, 2/n_in) — He et al., for ReLU |
/// | `.heUniform` | U[−√(6/n_in), +√(6/n_in)) — same variance |
public enum Initializer: Sendable, Equatable, CustomStringConvertible {
    case constant(Double)
    case normal(std: Double)
    case uniform(ClosedRange<Double>)
    case glorotNormal
    case glorotUniform
    case xavierDLFS
    case he
    case heUniform

    public var description: String {
        switch self {
        case .constant(let c): "constant \(c)"
        case .normal(let s): "N(0, \(s)²)"
        case .uniform(let r): "U[\(r.lowerBound), \(r.upperBound))"
        case .glorotNormal: "Glorot normal"
        case .glorotUniform: "Glorot uniform"
        case .xavierDLFS: "Xavier (DLFS)"
        case .he: "He normal"
        case .heUniform: "He uniform"
        }
    }

    /// The standard deviation of the weights this draws for a layer `fanIn → fanOut`
    /// (0 for a constant; `(b − a)/√12` for a uniform range).
    public func standardDeviation(fanIn: Int, fanOut: Int) -> Double {
        let nIn = Double(fanIn), nOut = Double(fanOut)
        switch self {
        case .constant: return 0
        case .normal(let s): return s
        case .uniform(let r): return (r.upperBound - r.lowerBound) / 12.0.squareRoot()
        case .glorotNormal, .glorotUniform: return (2 / (nIn + nOut)).squareRoot()
        case .xavierDLFS: return (1 / nIn).squareRoot()
        case .he, .heUniform: return (2 / nIn).squareRoot()
        }
    }

    /// A `fanIn × fanOut` weight matrix.
    public func weights<Scalar: MatrixScalar>(
        fanIn: Int, fanOut: Int, random: inout SeededRandom, as: Scalar.Type = Scalar.self
    ) -> Matrix<Scalar> {
        precondition(fanIn > 0 && fanOut > 0, "Initializer needs positive fans, got \(fanIn)→\(fanOut)")
        let nIn = Double(fanIn), nOut = Double(fanOut)
        switch self {
        case .constant(let c):
            return Matrix(rows: fanIn, cols: fanOut, repeating: Scalar(c))
        case .uniform(let r):
            return random.uniformMatrix(fanIn, fanOut, low: r.lowerBound, high: r.upperBound)
        case .glorotUniform:
            let limit = (6 / (nIn + nOut)).squareRoot()
            return random.uniformMatrix(fanIn, fanOut, low: -limit, high: limit)
        case .heUniform:
            let limit = (6 / nIn).squareRoot()
            return random.uniformMatrix(fanIn, fanOut, low: -limit, high: limit)
        case .normal, .glorotNormal, .xavierDLFS, .he:
            return random.normalMatrix(fanIn, fanOut, std: standardDeviation(fanIn: fanIn, fanOut: fanOut))
        }
    }
}
