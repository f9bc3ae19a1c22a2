import Testing

@testable import NeuralEngine

@Suite struct ParameterKindsTests {
    @Test func preluAddsOneSlopePerHiddenUnit() {
        let net = MLP<Float>(sizes: [784, 100, 50, 10], activation: .prelu(initialSlope: 0.25), seed: 1)
        let counts = net.parameterCountsByKind
        #expect(counts.map(\.kind) == ["W", "b", "slope"])
        #expect(counts.map(\.count) == [784 * 100 + 100 * 50 + 50 * 10, 100 + 50 + 10, 100 + 50])
        #expect(counts.map(\.count).reduce(0, +) == net.parameterCount)
        let slopes = net.parameters(ofKind: "slope")
        #expect(slopes.map(\.cols) == [100, 50])
        #expect(slopes.allSatisfy { $0.storage.allSatisfy { $0 == 0.25 } })
    }

    @Test func reluHasNoSlopesAndMaxoutDoublesTheHiddenWeights() {
        let relu = MLP<Float>(sizes: [20, 8, 8, 3], activation: .relu, seed: 2)
        let maxout = MLP<Float>(sizes: [20, 8, 8, 3], activation: .maxout(pieces: 2), seed: 2)
        #expect(relu.parameterCountsByKind.map(\.kind) == ["W", "b"])
        #expect(relu.parameters(ofKind: "slope").isEmpty)
        let weights = { (net: MLP<Float>) in net.parameterCountsByKind.first { $0.kind == "W" }!.count }
        #expect(weights(relu) == 20 * 8 + 8 * 8 + 8 * 3)
        #expect(weights(maxout) == 20 * 16 + 8 * 16 + 8 * 3)
    }

    @Test func batchNormParametersAreTheirOwnKinds() {
        let net = MLP<Float>(sizes: [6, 5, 4], batchNorm: true, seed: 3)
        #expect(net.parameterCountsByKind.map(\.kind) == ["W", "b", "gamma", "beta"])
        #expect(net.parameters(ofKind: "gamma").map(\.count) == [5])
    }

    @Test func slopesFollowTraining() {
        var net = MLP<Double>(sizes: [3, 4, 2], activation: .prelu(initialSlope: 0.25), seed: 4)
        var random = SeededRandom(seed: 5)
        let x: Matrix<Double> = random.normalMatrix(16, 3)
        _ = net.gradient(x, labels: (0..<16).map { $0 % 2 })
        var sgd = SGD<Double>(learningRate: 0.5)
        sgd.update(&net.parameters, gradients: net.gradients)
        #expect(net.parameters(ofKind: "slope")[0].storage != Array(repeating: 0.25, count: 4))
    }

    @Test func kindDropsTheLayerNumber() {
        #expect(MLP<Float>.kind(of: "slope12") == "slope")
        #expect(MLP<Float>.kind(of: "W1") == "W")
    }
}
