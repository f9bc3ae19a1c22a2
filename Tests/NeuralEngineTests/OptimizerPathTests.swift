import Testing

@testable import NeuralEngine

/// The optimizer paths of DLFS chapter 6 on f(x, y) = x²/20 + y², from (−7, 2), 30
/// updates; the positions are those of the original NumPy code, to 4 decimals.
@Suite struct OptimizerPathTests {
    /// ∇f = (x/10, 2y).
    static func gradient(_ p: Matrix<Double>) -> Matrix<Double> {
        Matrix(row: [p[0, 0] / 10, 2 * p[0, 1]])
    }

    static func finalPoint(_ optimizer: some Optimizer<Double>, updates: Int = 30) -> (x: Double, y: Double) {
        var optimizer = optimizer
        var parameters = [Matrix<Double>(row: [-7, 2])]
        for _ in 0..<updates {
            optimizer.update(&parameters, gradients: [gradient(parameters[0])])
        }
        return (parameters[0][0, 0], parameters[0][0, 1])
    }

    static func expectClose(
        _ p: (x: Double, y: Double), _ x: Double, _ y: Double,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(abs(p.x - x) < 5e-5, "x = \(p.x), expected \(x)", sourceLocation: sourceLocation)
        #expect(abs(p.y - y) < 5e-5, "y = \(p.y), expected \(y)", sourceLocation: sourceLocation)
    }

    @Test func sgd() { Self.expectClose(Self.finalPoint(SGD(learningRate: 0.95)), -0.3504, 0.0848) }
    @Test func momentum() { Self.expectClose(Self.finalPoint(Momentum(learningRate: 0.1)), 0.8964, 0.0881) }
    @Test func adaGrad() { Self.expectClose(Self.finalPoint(AdaGrad(learningRate: 1.5)), -0.1202, 0) }
    @Test func adam() { Self.expectClose(Self.finalPoint(Adam(learningRate: 0.3)), 0.1360, 0.3182) }

    /// Reference values from the same formulas in NumPy (no published figure).
    @Test func nesterovAndRMSProp() {
        Self.expectClose(Self.finalPoint(Nesterov(learningRate: 0.1)), 0.6896, -0.0007)
        Self.expectClose(Self.finalPoint(RMSProp(learningRate: 0.1)), -0.6974, 0)
    }

    /// Without bias correction Adam takes tiny first steps and ends elsewhere
    /// (NumPy reference: (0.3952, −0.3180)).
    @Test func adamWithoutBiasCorrection() {
        Self.expectClose(Self.finalPoint(Adam(learningRate: 0.3, biasCorrection: false)), 0.3952, -0.3180)
    }

    /// The same path in Float, through an optimizer chosen by name.
    @Test func floatThroughNamedOptimizer() throws {
        var optimizer: any Optimizer<Float> = try NeuralEngine.optimizer(named: "SGD", learningRate: 0.95)
        var parameters = [Matrix<Float>(row: [-7, 2])]
        for _ in 0..<30 {
            let p = parameters[0]
            optimizer.update(&parameters, gradients: [Matrix(row: [p[0, 0] / 10, 2 * p[0, 1]])])
        }
        #expect(abs(parameters[0][0, 0] - -0.3504) < 1e-4)
        #expect(abs(parameters[0][0, 1] - 0.0848) < 1e-4)
    }
}
