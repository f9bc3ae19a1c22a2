import Testing

@testable import NeuralEngine

@Suite struct RegularizationTests {
    func network(_ r: Regularization) -> MLP<Double> {
        MLP<Double>(
            sizes: [4, 5, 3], activation: .tanh, initializer: .xavierDLFS, batchNorm: true,
            regularization: r, seed: 3)
    }
    let x = awayFromZero(6, 4, seed: 8)
    let labels = [0, 1, 2, 0, 1, 2]

    @Test func l2AddsHalfLambdaSumOfSquaresAndLambdaW() {
        var plain = network(.none), decayed = network(.l2(0.1))
        let sumSquares = plain.weights.reduce(0) { $0 + $1.sumOfSquares() }
        let l0 = plain.gradient(x, labels: labels), l1 = decayed.gradient(x, labels: labels)
        #expect(Swift.abs(l1 - l0 - 0.05 * sumSquares) < 1e-12)
        for i in plain.parameters.indices {
            let expected = plain.isWeight[i] ? plain.gradients[i] + plain.parameters[i] * 0.1 : plain.gradients[i]
            #expect(relativeError(decayed.gradients[i], expected) < 1e-12, "\(plain.parameterNames[i])")
        }
    }

    @Test func l1AddsLambdaAbsAndSign() {
        var plain = network(.none), sparse = network(.l1(0.01))
        let sumAbs = plain.weights.reduce(0) { $0 + $1.absolute().sum() }
        let l0 = plain.gradient(x, labels: labels), l1 = sparse.gradient(x, labels: labels)
        #expect(Swift.abs(l1 - l0 - 0.01 * sumAbs) < 1e-12)
        for i in plain.parameters.indices {
            let sign = plain.parameters[i].map { $0 > 0 ? 0.01 : -0.01 }
            let expected = plain.isWeight[i] ? plain.gradients[i] + sign : plain.gradients[i]
            #expect(relativeError(sparse.gradients[i], expected) < 1e-12, "\(plain.parameterNames[i])")
        }
    }

    @Test func onlyAffineWeightsAreWeights() {
        let net = network(.l2(1))
        #expect(net.parameterNames == ["W1", "b1", "gamma1", "beta1", "W2", "b2"])
        #expect(net.isWeight == [true, false, false, false, true, false])
    }

    @Test func penaltyGradientsPassTheNumericalCheck() {
        for r in [Regularization.l2(0.3), .l1(0.2)] {
            var net = network(r)
            for check in net.checkGradients(x, labels: labels) { #expect(check.relativeError < 1e-6, "\(r) \(check)") }
        }
    }
}
