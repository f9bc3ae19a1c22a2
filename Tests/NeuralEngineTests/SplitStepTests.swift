import Testing

@testable import NeuralEngine

/// A minibatch split into parts: the parts' gradients add up to the whole batch's,
/// and nothing depends on how many threads computed them.
@Suite struct SplitStepTests {
    static func data(rows: Int, features: Int, classes: Int, seed: UInt64) -> Dataset<Float> {
        var random = SeededRandom(seed: seed)
        let inputs: Matrix<Float> = random.normalMatrix(rows, features)
        return Dataset(inputs: inputs, labels: (0..<rows).map { _ in random.int(below: classes) }, classCount: classes)
    }

    /// Largest |a − b| / (1 + |b|) over every element of every gradient.
    static func largestDifference(_ a: [Matrix<Float>], _ b: [Matrix<Float>]) -> Float {
        zip(a, b).map { x, y in
            zip(x.storage, y.storage).map { Swift.abs($0 - $1) / (1 + Swift.abs($1)) }.max() ?? 0
        }.max() ?? 0
    }

    @Test(arguments: [2, 3, 5])
    func splitStepEqualsUnsplitStep(parts: Int) {
        let set = Self.data(rows: 200, features: 30, classes: 7, seed: 1)
        let batch = Array((0..<61).map { ($0 * 37) % 200 })  // 61 rows: parts of unequal size
        for activation in [Activation.relu, .tanh, .sigmoid] {
            var whole = MLP<Float>(sizes: [30, 24, 16, 7], activation: activation, regularization: .l2(0.01), seed: 3)
            var split = whole
            let wholeLoss = whole.gradient(on: set, batch: batch)
            let splitLoss = split.gradient(on: set, batch: batch, parts: parts)
            #expect(Swift.abs(wholeLoss - splitLoss) <= 1e-5 * Swift.abs(wholeLoss))
            // Single precision: sums of 61 terms in another order agree to a few ulps.
            #expect(Self.largestDifference(split.gradients, whole.gradients) < 1e-5)
            #expect(split.gradients.map(\.count) == whole.gradients.map(\.count))
        }
    }

    @Test func splitGradientsAreNotTheUnsplitOnesByConstruction() {
        // The comparison above can fail: a part left out is far off.
        let set = Self.data(rows: 100, features: 10, classes: 3, seed: 2)
        var whole = MLP<Float>(sizes: [10, 8, 3], seed: 1)
        var half = whole
        whole.gradient(on: set, batch: Array(0..<40))
        half.gradient(on: set, batch: Array(0..<20))
        #expect(Self.largestDifference(half.gradients, whole.gradients) > 1e-3)
    }

    @Test func trainingDoesNotDependOnTheNumberOfThreads() {
        let set = Self.data(rows: 500, features: 20, classes: 4, seed: 4)
        func train(threads: Int) -> (TrainingResult, MLP<Float>) {
            var net = MLP<Float>(sizes: [20, 32, 32, 4], dropout: 0.2, seed: 5)
            var adam = Adam<Float>(learningRate: 0.01)
            let trainer = Trainer(batchSize: 50, updates: 40, evaluation: .never, seed: 6, parts: 3, threads: threads)
            return (trainer.train(&net, optimizer: &adam, on: set), net)
        }
        let (one, netOne) = train(threads: 1)
        for threads in [2, 3, 8] {
            let (many, netMany) = train(threads: threads)
            #expect(many.history.losses == one.history.losses)
            #expect(netMany.parameters == netOne.parameters)
        }
    }

    @Test func onePartIsTheUnsplitStep() {
        let set = Self.data(rows: 100, features: 12, classes: 3, seed: 7)
        var a = MLP<Float>(sizes: [12, 10, 3], dropout: 0.3, seed: 2)
        var b = a
        let batch = Array(0..<32)
        let lossA = a.gradient(on: set, batch: batch)
        let lossB = b.gradient(on: set, batch: batch, parts: 1, threads: WorkerThreads(count: 2))
        #expect(lossA == lossB)
        #expect(a.gradients == b.gradients)
    }

    @Test func workerThreadsRunEveryTaskOnce() {
        let team = WorkerThreads(count: 3)
        for tasks in [1, 2, 3, 7] {
            var counts = [Int](repeating: 0, count: tasks)
            counts.withUnsafeMutableBufferPointer { buffer in
                let buffer = UnsafeSendable(buffer)
                team.run(tasks) { buffer.value[$0] += 1 }
            }
            #expect(counts == [Int](repeating: 1, count: tasks))
        }
    }
}
