import Testing

@testable import NeuralEngine

@Suite struct RestrictedBoltzmannMachineTests {
    /// 200 noisy copies of three 12-bit binary prototypes (each bit flipped with
    /// probability 0.05): structure an RBM with a few hidden units can capture.
    static func binaryData(seed: UInt64 = 1) -> Matrix<Double> {
        let prototypes: [[Double]] = [
            [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1],
        ]
        var random = SeededRandom(seed: seed)
        let rows = (0..<200).map { i in
            prototypes[i % 3].map { random.bernoulli(0.05) ? 1 - $0 : $0 }
        }
        return Matrix(rows)
    }

    @Test func reconstructionErrorFalls() {
        let data = Self.binaryData()
        var rbm = RestrictedBoltzmannMachine<Double>(visible: 12, hidden: 6, seed: 3)
        let before = rbm.reconstructionError(data)
        let errors = rbm.train(on: data, epochs: 50, batchSize: 20, learningRate: 0.5, seed: 4)
        let after = rbm.reconstructionError(data)
        #expect(errors.count == 50)
        #expect(errors.last! < errors.first! / 2, "per-epoch errors \(errors.first!) → \(errors.last!)")
        #expect(after < before / 3, "reconstruction error \(before) → \(after)")
    }

    @Test func sameSeedSameMachine() {
        let data = Self.binaryData()
        var a = RestrictedBoltzmannMachine<Double>(visible: 12, hidden: 4, seed: 7)
        var b = RestrictedBoltzmannMachine<Double>(visible: 12, hidden: 4, seed: 7)
        #expect(a.train(on: data, epochs: 3, seed: 9) == b.train(on: data, epochs: 3, seed: 9))
        #expect(a.weights == b.weights)
    }

    @Test func deepBeliefNetworkGivesMLPShapedParameters() {
        let data = Self.binaryData()
        var dbn = DeepBeliefNetwork<Double>(layerSizes: [12, 8, 5], seed: 2)
        let errors = dbn.pretrain(on: data, epochs: 30, batchSize: 20, learningRate: 0.5, seed: 5)
        #expect(errors.count == 2 && errors.allSatisfy { $0.count == 30 })
        #expect(errors[0].last! < errors[0].first!)
        let shapes = dbn.parameters.map { [$0.rows, $0.cols] }
        #expect(shapes == [[12, 8], [1, 8], [8, 5], [1, 5]])
        #expect(dbn.features(data).cols == 5)
        #expect(dbn.layerSizes == [12, 8, 5])
    }
}

@Suite struct PretrainingTests {
    @Test func deepBeliefNetworkInitializesAnMLP() {
        let data = RestrictedBoltzmannMachineTests.binaryData()
        var dbn = DeepBeliefNetwork<Double>(layerSizes: [12, 8, 5], seed: 2)
        dbn.pretrain(on: data, epochs: 5, batchSize: 20, learningRate: 0.5, seed: 5)
        var net = MLP<Double>(sizes: [12, 8, 5, 3], activation: .sigmoid, initializer: .xavierDLFS, seed: 1)
        let outputLayer = net.parameters[4]
        net.initialize(from: dbn)
        #expect(net.parameters[0] == dbn.layers[0].weights)
        #expect(net.parameters[1] == dbn.layers[0].hiddenBias)
        #expect(net.parameters[2] == dbn.layers[1].weights)
        #expect(net.parameters[3] == dbn.layers[1].hiddenBias)
        #expect(net.parameters[4] == outputLayer)
        // With sigmoid units the network's hidden layer computes the RBM's p(h | v).
        let hidden = net.activations(data)[1]
        let expected = dbn.features(data)
        #expect(zip(hidden.storage, expected.storage).allSatisfy { abs($0 - $1) < 1e-12 })
    }
}
