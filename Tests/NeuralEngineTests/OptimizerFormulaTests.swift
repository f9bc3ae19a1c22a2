import Testing

@testable import NeuralEngine

/// Each optimizer's update on a tiny case, computed by hand from its formula:
/// parameters W = [1, −2] and [0.5], gradient g = [0.5, −1] and [2].
@Suite struct OptimizerFormulaTests {
    static let start = [Matrix<Double>(row: [1, -2]), Matrix<Double>(row: [0.5])]
    static let g = [Matrix<Double>(row: [0.5, -1]), Matrix<Double>(row: [2])]

    /// Runs `n` updates with the same gradient and returns the flattened parameters.
    static func run(_ optimizer: inout some Optimizer<Double>, updates n: Int) -> [Double] {
        var w = start
        for _ in 0..<n { optimizer.update(&w, gradients: g) }
        return w.flatMap(\.storage)
    }

    static func expectClose(_ a: [Double], _ b: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.count == b.count, sourceLocation: sourceLocation)
        for (x, y) in zip(a, b) {
            #expect(abs(x - y) <= 1e-12 * max(1, abs(y)), "\(a) vs \(b)", sourceLocation: sourceLocation)
        }
    }

    static var w0: [Double] { start.flatMap(\.storage) }
    static var g0: [Double] { g.flatMap(\.storage) }

    @Test func sgdStepsAgainstTheGradient() {
        var o = SGD<Double>(learningRate: 0.1)
        Self.expectClose(Self.run(&o, updates: 2), zip(Self.w0, Self.g0).map { $0 - 2 * 0.1 * $1 })
    }

    @Test func momentumAccumulatesVelocity() {
        var o = Momentum<Double>(learningRate: 0.1, momentum: 0.9)
        // v₁ = −ηg, v₂ = μv₁ − ηg = −1.9ηg; W₂ = W − 2.9ηg.
        Self.expectClose(Self.run(&o, updates: 2), zip(Self.w0, Self.g0).map { $0 - 2.9 * 0.1 * $1 })
        Self.expectClose(o.velocities.flatMap(\.storage), Self.g0.map { -1.9 * 0.1 * $0 })
    }

    @Test func momentumStepApproachesTerminalVelocity() {
        var o = Momentum<Double>(learningRate: 0.1, momentum: 0.9)
        _ = Self.run(&o, updates: 300)
        // η·g/(1 − μ) = 0.1·0.5/0.1 = 0.5 for the first weight.
        #expect(abs(o.velocities[0][0, 0] - -0.5) < 1e-9)
    }

    @Test func nesterovUsesTheOldVelocity() {
        var o = Nesterov<Double>(learningRate: 0.1, momentum: 0.9)
        // Update 1: v = 0, W₁ = W − 1.9ηg, v₁ = −ηg.
        // Update 2: W₂ = W₁ + 0.81·v₁ − 1.9ηg = W − (3.8 + 0.81)ηg.
        Self.expectClose(Self.run(&o, updates: 2), zip(Self.w0, Self.g0).map { $0 - 4.61 * 0.1 * $1 })
    }

    @Test func adaGradDividesByAccumulatedSquares() {
        var o = AdaGrad<Double>(learningRate: 0.1)
        // h₁ = g², h₂ = 2g²: steps ηg/(|g| + ε) and ηg/(√2|g| + ε).
        let expected = zip(Self.w0, Self.g0).map { w, g in
            w - 0.1 * g / (abs(g) + 1e-7) - 0.1 * g / ((2 * g * g).squareRoot() + 1e-7)
        }
        Self.expectClose(Self.run(&o, updates: 2), expected)
    }

    @Test func rmsPropAveragesSquares() {
        var o = RMSProp<Double>(learningRate: 0.1, decay: 0.9)
        let expected = zip(Self.w0, Self.g0).map { w, g in
            let h1 = 0.1 * g * g, h2 = 0.9 * h1 + 0.1 * g * g
            return w - 0.1 * g / (h1.squareRoot() + 1e-7) - 0.1 * g / (h2.squareRoot() + 1e-7)
        }
        Self.expectClose(Self.run(&o, updates: 2), expected)
    }

    @Test func adamFirstStepIsLearningRateTimesSign() {
        var o = Adam<Double>(learningRate: 0.1)
        // t = 1: m = 0.1g, v = 0.001g², η₁ = η·√0.001/0.1, so the step is
        // η·g/(|g| + ε/√0.001): the sign of g times η, up to ε.
        let expected = zip(Self.w0, Self.g0).map { w, g in
            w - 0.1 * (0.001).squareRoot() / 0.1 * (0.1 * g) / ((0.001 * g * g).squareRoot() + 1e-7)
        }
        Self.expectClose(Self.run(&o, updates: 1), expected)
        #expect(o.updateCount == 1)
        // The bias-corrected first moment m/(1 − β₁) equals the first gradient.
        Self.expectClose(o.firstMoments.flatMap(\.storage).map { $0 / 0.1 }, Self.g0)
    }

    @Test func adamWithoutBiasCorrectionUsesTheBareRate() {
        var o = Adam<Double>(learningRate: 0.1, biasCorrection: false)
        #expect(o.nextEffectiveLearningRate == 0.1)
        let expected = zip(Self.w0, Self.g0).map { w, g in
            w - 0.1 * (0.1 * g) / ((0.001 * g * g).squareRoot() + 1e-7)
        }
        Self.expectClose(Self.run(&o, updates: 1), expected)
    }

    @Test func resetForgetsState() {
        var o = Adam<Double>(learningRate: 0.1)
        let first = Self.run(&o, updates: 1)
        o.reset()
        #expect(Self.run(&o, updates: 1) == first)
    }

    @Test func namesAreCaseInsensitiveWithKerasDefaults() throws {
        #expect(try OptimizerKind(name: "Adam") == .adam)
        #expect(try OptimizerKind(name: "RMSProp") == .rmsprop)
        #expect(try OptimizerKind(name: "rms_prop") == .rmsprop)
        #expect(try OptimizerKind(name: "ADAGRAD") == .adagrad)
        #expect(OptimizerKind.adam.defaultLearningRate == 0.001)
        #expect(OptimizerKind.sgd.defaultLearningRate == 0.01)
        let adam: any Optimizer<Float> = try optimizer(named: "adam")
        #expect(adam is Adam<Float>)
        #expect(adam.learningRate == 0.001)
        let nesterov: any Optimizer<Double> = try optimizer(named: "Nesterov", learningRate: 0.05, as: Double.self)
        #expect((nesterov as? Nesterov<Double>)?.momentum == 0.9)
        #expect(nesterov.learningRate == 0.05)
        // Keras's RMSprop keeps ρ = 0.9 of the running average; DLFS's 0.99 stays the type's default.
        let rmsprop: any Optimizer<Float> = try optimizer(named: "rmsprop")
        #expect((rmsprop as? RMSProp<Float>)?.decay == 0.9)
        #expect(rmsprop.learningRate == 0.001)
        #expect(RMSProp<Float>().decay == 0.99)
    }

    @Test func unknownNameListsTheValidOnes() {
        #expect(
            throws: EngineError.unknownOptimizer(
                name: "adamw", validNames: ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"])
        ) {
            _ = try optimizer(named: "adamw") as any Optimizer<Float>
        }
        let message = EngineError.unknownOptimizer(name: "adamw", validNames: ["sgd", "adam"]).description
        #expect(message.contains("adamw") && message.contains("sgd, adam"))
    }
}
