import Testing

@testable import NeuralEngine

@Suite struct TrainerTests {
    /// Four Gaussian clusters in 2-D, one per class: separable, so training must learn them.
    static func clusters(_ n: Int, seed: UInt64) -> Dataset<Float> {
        var random = SeededRandom(seed: seed)
        let centres: [(Double, Double)] = [(2, 2), (-2, 2), (-2, -2), (2, -2)]
        var values: [Float] = [], labels: [Int] = []
        for i in 0..<n {
            let c = i % 4
            values += [Float(centres[c].0 + 0.5 * random.normal()), Float(centres[c].1 + 0.5 * random.normal())]
            labels.append(c)
        }
        return Dataset(inputs: Matrix(rows: n, cols: 2, storage: values), labels: labels, classCount: 4)
    }
    let train = clusters(400, seed: 1)
    let test = clusters(200, seed: 2)

    func run(seed: UInt64 = 5, sampling: Trainer.Sampling = .withReplacement, dropout: Double? = 0.2) -> (TrainingResult, MLP<Float>) {
        var net = MLP<Float>(
            sizes: [2, 16, 16, 4], activation: .relu, initializer: .he, batchNorm: true,
            dropout: dropout, seed: seed)
        var sgd = TestSGD(learningRate: 0.1)
        let trainer = Trainer(batchSize: 32, updates: 200, sampling: sampling, evaluation: .every(50), seed: seed)
        return (trainer.train(&net, optimizer: &sgd, on: train, test: test), net)
    }

    @Test func learnsSeparableClusters() {
        let (result, _) = run()
        #expect(!result.diverged)
        #expect(result.updates == 200)
        #expect(result.history.losses.count == 200)
        #expect(result.history.evaluationUpdates == [0, 50, 100, 150, 200])
        #expect(result.history.testAccuracies.last! > 0.95)
        #expect(result.history.losses.suffix(20).reduce(0, +) / 20 < result.history.losses[0] / 2)
    }

    @Test func sameSeedSameHistory() {
        for sampling in [Trainer.Sampling.withReplacement, .shuffledEpochs] {
            let (a, netA) = run(sampling: sampling), (b, netB) = run(sampling: sampling)
            #expect(a.history == b.history)
            #expect(netA.parameters == netB.parameters)
            #expect(run(seed: 6, sampling: sampling).0.history != a.history)
        }
    }

    @Test func divergenceIsReportedNotACrash() {
        var net = MLP<Float>(sizes: [2, 16, 4], activation: .relu, seed: 1)
        var sgd = TestSGD(learningRate: 1e30)
        let result = Trainer(batchSize: 32, updates: 100, seed: 1).train(&net, optimizer: &sgd, on: train)
        #expect(result.diverged)
        #expect(result.divergedAtUpdate != nil)
        #expect(result.updates == result.divergedAtUpdate)
        #expect(result.updates < 100)
        #expect(!result.finalLoss.isFinite)
    }

    @Test func scheduleSetsLearningRateAndProgressCounts() {
        var net = MLP<Float>(sizes: [2, 8, 4], seed: 1)
        var sgd = TestSGD(learningRate: 1)
        var seen: [Int] = []
        var rates: [Double] = []
        let result = Trainer(batchSize: 10, updates: 5, seed: 1).train(
            &net, optimizer: &sgd, on: train,
            learningRate: { update in
                rates.append(0.1 / Double(update + 1))
                return rates.last!
            },
            progress: { done, total in
                seen.append(done)
                #expect(total == 5)
            })
        #expect(result.updates == 5)
        #expect(seen == [1, 2, 3, 4, 5])
        #expect(sgd.learningRate == 0.1 / 5)
    }

    @Test func evaluationSchedules() {
        var net = MLP<Float>(sizes: [2, 8, 4], seed: 1)
        var sgd = TestSGD(learningRate: 0.1)
        let never = Trainer(batchSize: 40, updates: 25, evaluation: .never).train(&net, optimizer: &sgd, on: train)
        #expect(never.history.evaluations.isEmpty && never.history.losses.count == 25)
        // 400 examples in batches of 40: an epoch is 10 updates.
        let epochs = Trainer(batchSize: 40, updates: 25, evaluationLimit: 50).train(&net, optimizer: &sgd, on: train, test: test)
        #expect(epochs.history.evaluationUpdates == [0, 10, 20, 25])
        #expect(epochs.history.evaluations.map(\.epoch) == [0, 1, 2, 2.5])
        #expect(epochs.history.testAccuracies.count == 4)
    }

    @Test func epochsCountUpdates() {
        let trainer = Trainer(batchSize: 100, epochs: 3, trainCount: 450)
        #expect(trainer.updates == 12)
    }
}
