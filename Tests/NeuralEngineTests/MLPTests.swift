import Testing

@testable import NeuralEngine

@Suite struct MLPTests {
    let x = awayFromZero(8, 5, seed: 21)
    let labels = [0, 1, 2, 3, 0, 1, 2, 3]

    @Test func shapesAndNames() {
        let net = MLP<Float>(sizes: [784, 100, 100, 10], activation: .relu, initializer: .he, seed: 1)
        #expect(net.parameterNames == ["W1", "b1", "W2", "b2", "W3", "b3"])
        #expect(net.parameters.map(\.shape.rows) == [784, 1, 100, 1, 100, 1])
        #expect(net.parameterCount == 784 * 100 + 100 + 100 * 100 + 100 + 100 * 10 + 10)
        #expect(net.gradients.map(\.count) == net.parameters.map(\.count))
        #expect(net.parameters[1] == Matrix(rows: 1, cols: 100))  // biases start at 0
        #expect(net.activationLayers == [1, 3])
    }

    @Test func initialLossIsLogTen() {
        var net = MLP<Double>(sizes: [20, 50, 10], initializer: .normal(std: 0.01), seed: 1)
        var random = SeededRandom(seed: 2)
        let x: Matrix<Double> = random.normalMatrix(100, 20)
        let loss = net.loss(x, labels: (0..<100).map { $0 % 10 })
        #expect(Swift.abs(loss - 2.302585) < 1e-3)
    }

    /// Backpropagation through whole networks agrees with finite differences.
    @Test(arguments: [
        Activation.sigmoid, .tanh, .relu, .leakyReLU, .elu, .softplus, .prelu, .maxout(pieces: 2),
    ])
    func gradientCheck(_ activation: Activation) {
        var net = MLP<Double>(sizes: [5, 6, 6, 4], activation: activation, initializer: .xavierDLFS, seed: 3)
        for check in net.checkGradients(x, labels: labels) {
            #expect(check.relativeError < 1e-6, "\(activation) \(check)")
        }
    }

    @Test func gradientCheckWithBatchNormAndDropout() {
        for style in [Dropout<Double>.Style.scaledAtTest, .inverted] {
            var net = MLP<Double>(
                sizes: [5, 7, 6, 4], activation: .tanh, initializer: .he, batchNorm: true,
                dropout: 0.3, dropoutStyle: style, seed: 4)
            let checks = net.checkGradients(x, labels: labels)
            #expect(checks.count == 10)
            for check in checks { #expect(check.relativeError < 1e-6, "\(style) \(check)") }
        }
    }

    @Test(arguments: [Loss.sigmoidBinaryCrossEntropy, .meanSquaredError])
    func otherLosses(_ loss: Loss) {
        var net = MLP<Double>(sizes: [5, 6, 1], activation: .tanh, initializer: .xavierDLFS, loss: loss, seed: 5)
        for check in net.checkGradients(x, labels: labels.map { $0 % 2 }) {
            #expect(check.relativeError < 1e-6, "\(loss) \(check)")
        }
    }

    @Test func prefixNamesFollowTheirBlock() {
        let net = MLP<Float>(sizes: [4, 3, 3, 2], activation: .prelu, batchNorm: true)
        #expect(
            net.parameterNames == [
                "W1", "b1", "gamma1", "beta1", "slope1", "W2", "b2", "gamma2", "beta2", "slope2", "W3", "b3",
            ])
        #expect(net.isWeight.filter { $0 }.count == 3)
    }

    @Test func perLayerSpec() {
        let net = MLP<Float>(
            inputs: 10,
            hidden: [
                HiddenLayer(8, activation: .relu, initializer: .he, batchNorm: true),
                HiddenLayer(6, activation: .maxout(pieces: 3), initializer: .glorotUniform, dropout: 0.5),
            ], outputs: 3, outputInitializer: .xavierDLFS, seed: 1)
        #expect(
            net.layers.map(\.name) == [
                "Affine 10→8", "BatchNorm(8)", "ReLU", "Affine 8→18", "Maxout(6×3)", "Dropout(0.5)", "Affine 6→3",
            ])
        #expect(net.parameterNames == ["W1", "b1", "gamma1", "beta1", "W2", "b2", "W3", "b3"])
    }

    @Test func inspection() {
        var net = MLP<Double>(sizes: [5, 6, 6, 4], activation: .relu, seed: 3)
        let activations = net.activations(x)
        #expect(activations.map(\.cols) == [6, 6])
        #expect(activations.allSatisfy { $0.storage.allSatisfy { $0 >= 0 } })
        net.gradient(x, labels: labels)
        #expect(net.weightGradientNorms.count == 3)
        #expect(net.weightGradientNorms.allSatisfy { $0 > 0 })
        let dead = net.deadUnitFractions(x)
        #expect(dead.count == 2 && dead.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func sameSeedSameNetwork() {
        let a = MLP<Float>(sizes: [10, 5, 2], seed: 9), b = MLP<Float>(sizes: [10, 5, 2], seed: 9)
        let c = MLP<Float>(sizes: [10, 5, 2], seed: 10)
        #expect(a.parameters == b.parameters)
        #expect(a.parameters != c.parameters)
    }

    @Test func accuracyCountsCorrectRows() {
        // A network whose weights are the identity classifies each one-hot row as itself.
        var net = MLP<Double>(layers: [Affine<Double>(inputs: 3, outputs: 3)])
        net.parameters[0] = Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]])
        let x = Matrix<Double>([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]])
        #expect(net.accuracy(x, labels: [0, 1, 2, 2]) == 0.75)
        #expect(net.accuracy(x, labels: [0, 1, 2, 2], chunk: 3) == 0.75)
    }
}
