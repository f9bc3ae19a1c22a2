import Testing

@testable import NeuralEngine

@Suite struct ActivationTests {
    static let all: [Activation] = [
        .identity, .step, .sigmoid, .tanh, .relu, .leakyReLU, .elu, .softplus, .prelu, .maxout(pieces: 2),
    ]

    @Test func knownValues() {
        #expect(Activation.sigmoid.value(0) == 0.5)
        #expect(Activation.sigmoid.derivative(0) == 0.25)
        #expect(Activation.tanh.derivative(0) == 1)
        #expect(Activation.relu.value(-3) == 0 && Activation.relu.value(3) == 3)
        #expect(Activation.leakyReLU(alpha: 0.1).value(-2) == -0.2)
        #expect(Swift.abs(Activation.elu(alpha: 1).value(-1) - (-0.6321205588)) < 1e-9)
        #expect(Swift.abs(Activation.softplus.value(0) - 0.6931471806) < 1e-9)
        #expect(Activation.softplus.value(1000) == 1000)
        #expect(Activation.step.value(0.5) == 1 && Activation.step.value(-0.5) == 0)
        #expect(Activation.maxout(pieces: 2).value(-2) == 1 && Activation.maxout(pieces: 2).value(2) == 2)
        #expect(Activation.sigmoid.value(-1000) == 0 && Activation.sigmoid.value(1000) == 1)
    }

    /// Each scalar derivative against a centered difference, away from kinks at 0.
    @Test(arguments: all)
    func derivativeMatchesFiniteDifference(_ a: Activation) {
        let h = 1e-6
        for x in stride(from: -3.05, through: 3.0, by: 0.1) {
            let numeric = (a.value(x + h) - a.value(x - h)) / (2 * h)
            #expect(Swift.abs(numeric - a.derivative(x)) < 1e-6, "\(a) at \(x)")
        }
    }

    @Test func sigmoidDerivativeIsAtMostAQuarter() {
        let peak = stride(from: -10.0, through: 10, by: 0.01).map(Activation.sigmoid.derivative).max()!
        #expect(peak <= 0.25)
    }

    /// The layers compute what the scalar functions plot.
    @Test(arguments: all)
    func layerMatchesScalarFunction(_ a: Activation) {
        guard case .maxout = a else {
            var layer: any Layer<Double> = a.layer(units: 4)
            var random = SeededRandom(seed: 1)
            let p = layer.initialParameters(random: &random).map(\.value)
            let x = Matrix<Double>([[-2, -0.5, 0.5, 2], [-1, 1, -3, 3]])
            let y = layer.forward(x, parameters: p, first: 0, training: false, random: &random)
            for i in 0..<x.count { #expect(Swift.abs(y.storage[i] - a.value(x.storage[i])) < 1e-12) }
            return
        }
    }

    @Test func maxoutTakesLargestPiece() {
        var layer = Maxout<Double>(units: 2, pieces: 3)
        var random = SeededRandom(seed: 1)
        let y = layer.forward(Matrix([[1, 5, 2, -1, -3, -2]]), parameters: [], first: 0, training: true, random: &random)
        #expect(y == Matrix([[5, -1]]))
    }
}
