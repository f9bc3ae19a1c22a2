/// PReLU: a Leaky ReLU whose slope for x ≤ 0 is learned, one slope `a_j` per unit.
///
/// `y = x` for x > 0 and `a_j·x` otherwise. Backward: `∂a_j = Σ_rows dy·x` over the
/// elements with x ≤ 0, and `∂x = dy` or `a_j·dy`. The slopes are a `1 × units`
/// parameter that weight decay leaves alone.
public struct PReLU<Scalar: MatrixScalar>: Layer {
    public let units: Int
    public let initialSlope: Double
    @usableFromInline var input = Matrix<Scalar>.empty
    @usableFromInline var output = Matrix<Scalar>.empty
    @usableFromInline var inputGradient = Matrix<Scalar>.empty

    public init(units: Int, initialSlope: Double = 0.25) {
        requirement(units > 0, "PReLU needs a positive unit count, got \(units)")
        self.units = units
        self.initialSlope = initialSlope
    }

    public var name: String { "PReLU(\(units))" }

    public func initialParameters(random: inout SeededRandom) -> [LearnedValue<Scalar>] {
        [LearnedValue(name: "slope", value: Matrix(rows: 1, cols: units, repeating: Scalar(initialSlope)), isWeight: false)]
    }

    @_specialize(where Scalar == Float)
    public mutating func forward(_ x: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        requirement(x.cols == units, "PReLU(\(units)) got input \(x.rows)×\(x.cols)")
        input = x
        let slope = context.parameter(0), units = units
        output.resize(rows: x.rows, cols: units)
        x.storage.withUnsafeBufferPointer { px in
            slope.storage.withUnsafeBufferPointer { a in
                output.storage.withUnsafeMutableBufferPointer { y in
                    for r in 0..<x.rows {
                        for j in 0..<units {
                            let v = px[r * units + j]
                            y[r * units + j] = v > 0 ? v : a[j] * v
                        }
                    }
                }
            }
        }
        return output
    }

    @_specialize(where Scalar == Float)
    public mutating func backward(_ dy: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        let slope = context.parameter(0), units = units
        let x = input
        input = .empty
        inputGradient.assign(dy) { $0 }
        context.withGradient(0, rows: 1, cols: units) { dSlope in
            x.storage.withUnsafeBufferPointer { px in
                dy.storage.withUnsafeBufferPointer { d in
                    slope.storage.withUnsafeBufferPointer { a in
                        inputGradient.storage.withUnsafeMutableBufferPointer { dx in
                            dSlope.update(repeating: 0)
                            for r in 0..<x.rows {
                                for j in 0..<units where px[r * units + j] <= 0 {
                                    dSlope[j] += d[r * units + j] * px[r * units + j]
                                    dx[r * units + j] *= a[j]
                                }
                            }
                        }
                    }
                }
            }
        }
        return inputGradient
    }
}
