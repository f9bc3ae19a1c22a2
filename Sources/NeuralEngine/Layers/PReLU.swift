/// PReLU: a Leaky ReLU whose slope for x ≤ 0 is learned, one slope `a_j` per unit.
///
/// `y = x` for x > 0 and `a_j·x` otherwise. Backward: `∂a_j = Σ_rows dy·x` over the
/// elements with x ≤ 0, and `∂x = dy` or `a_j·dy`. The slopes are a `1 × units`
/// parameter that weight decay leaves alone.
public struct PReLU<Scalar: MatrixScalar>: Layer {
    public let units: Int
    public let initialSlope: Double
    @usableFromInline var x = Matrix<Scalar>(rows: 0, cols: 0)

    public init(units: Int, initialSlope: Double = 0.25) {
        precondition(units > 0, "PReLU needs a positive unit count, got \(units)")
        self.units = units
        self.initialSlope = initialSlope
    }

    public var name: String { "PReLU(\(units))" }

    public func initialParameters(random: inout SeededRandom) -> [LearnedValue<Scalar>] {
        [LearnedValue(name: "slope", value: Matrix(rows: 1, cols: units, repeating: Scalar(initialSlope)), isWeight: false)]
    }

    @_specialize(where Scalar == Float)
    public mutating func forward(_ x: Matrix<Scalar>, parameters: [Matrix<Scalar>], first: Int,
                                 training: Bool, random: inout SeededRandom) -> Matrix<Scalar> {
        precondition(x.cols == units, "PReLU(\(units)) got input \(x.rows)×\(x.cols)")
        self.x = x
        let slope = parameters[first]
        var y = x
        y.formZip(slope) { v, a in v > 0 ? v : a * v }
        return y
    }

    @_specialize(where Scalar == Float)
    public mutating func backward(_ dy: Matrix<Scalar>, parameters: [Matrix<Scalar>], gradients: inout [Matrix<Scalar>],
                                  first: Int, needsInputGradient: Bool) -> Matrix<Scalar> {
        let slope = parameters[first]
        var dSlope = Matrix<Scalar>(rows: 1, cols: units)
        var dx = dy
        for r in 0..<x.rows {
            for j in 0..<units where x.storage[r * units + j] <= 0 {
                dSlope.storage[j] += dy.storage[r * units + j] * x.storage[r * units + j]
                dx.storage[r * units + j] *= slope.storage[j]
            }
        }
        gradients[first] = dSlope
        return dx
    }
}
