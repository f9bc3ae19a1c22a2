/// Trains a network with minibatch gradient descent and records what happened.
///
/// Everything is seeded: the same network, optimizer, data and `seed` give the
/// same history on every run.
///
/// ```swift
/// var net = MLP<Float>(sizes: [784, 100, 10], seed: 1)
/// var sgd = SGD<Float>(learningRate: 0.1)
/// let result = Trainer(batchSize: 100, updates: 1000).train(&net, optimizer: &sgd, on: train, test: test)
/// ```
public struct Trainer: Sendable {
    /// How minibatches are drawn.
    public enum Sampling: Sendable, Equatable {
        /// Each batch is `batchSize` indices drawn with replacement (DLFS's `np.random.choice`).
        case withReplacement
        /// Each epoch visits a fresh permutation in consecutive batches; a last
        /// short batch is dropped.
        case shuffledEpochs
    }

    /// When to measure loss and accuracy on the train, validation and test sets.
    public enum EvaluationSchedule: Sendable, Equatable {
        /// Once per epoch, `max(trainCount / batchSize, 1)` updates, as DLFS does.
        case everyEpoch
        /// Every n updates.
        case every(Int)
        /// Never (for timing the updates alone).
        case never
    }

    public var batchSize: Int
    public var updates: Int
    public var sampling: Sampling
    public var evaluation: EvaluationSchedule
    /// Evaluate on at most this many examples of each set (the first ones), to
    /// keep frequent evaluations cheap; nil uses every example.
    public var evaluationLimit: Int?
    public var seed: UInt64
    /// Parts each minibatch is split into, computed separately and their gradients
    /// added in order (`MLP.gradient(on:batch:parts:threads:)`). Part of what is
    /// computed: a different number of parts rounds differently.
    public var parts: Int
    /// Threads computing the parts (at most `parts` are used). Decides only the
    /// speed: results are the same for any number. 1, the default, computes on the
    /// calling thread, for callers that run several trainings at once.
    public var threads: Int

    public init(
        batchSize: Int = 100, updates: Int, sampling: Sampling = .withReplacement,
        evaluation: EvaluationSchedule = .everyEpoch, evaluationLimit: Int? = nil, seed: UInt64 = 0,
        parts: Int = 1, threads: Int = 1
    ) {
        requirement(batchSize > 0, "Trainer: batch size must be positive, got \(batchSize)")
        requirement(updates >= 0, "Trainer: updates must be non-negative, got \(updates)")
        if case .every(let n) = evaluation { requirement(n > 0, "Trainer: evaluation interval must be positive, got \(n)") }
        self.batchSize = batchSize
        self.updates = updates
        self.sampling = sampling
        self.evaluation = evaluation
        self.evaluationLimit = evaluationLimit
        self.seed = seed
        requirement(parts >= 1 && parts <= batchSize, "Trainer: parts must lie in 1...\(batchSize) (the batch size), got \(parts)")
        requirement(threads >= 1, "Trainer: threads must be positive, got \(threads)")
        self.parts = parts
        self.threads = threads
    }

    /// A trainer for `epochs` passes over a training set of `trainCount` examples
    /// (`epochs · max(trainCount / batchSize, 1)` updates).
    public init(
        batchSize: Int = 100, epochs: Int, trainCount: Int, sampling: Sampling = .withReplacement,
        evaluation: EvaluationSchedule = .everyEpoch, evaluationLimit: Int? = nil, seed: UInt64 = 0,
        parts: Int = 1, threads: Int = 1
    ) {
        self.init(
            batchSize: batchSize, updates: epochs * Swift.max(trainCount / batchSize, 1), sampling: sampling,
            evaluation: evaluation, evaluationLimit: evaluationLimit, seed: seed, parts: parts, threads: threads)
    }

    /// Trains `network` on `data` for `updates` updates.
    ///
    /// Evaluates on train (and validation and test when given) before the first
    /// update, on the `evaluation` schedule, and after the last update (unless `.never`).
    /// Before update u (from 0), `learningRate(u)`, when given, sets the
    /// optimizer's learning rate. `progress(done, total)` is called after each
    /// update. A NaN or infinite minibatch loss stops training: the result says
    /// `diverged` and at which update; the network keeps its last parameters.
    public func train<Scalar: MatrixScalar, O: Optimizer<Scalar>>(
        _ network: inout MLP<Scalar>, optimizer: inout O, on data: Dataset<Scalar>,
        validation: Dataset<Scalar>? = nil, test: Dataset<Scalar>? = nil,
        learningRate schedule: ((Int) -> Double)? = nil,
        progress: ((Int, Int) -> Void)? = nil
    ) -> TrainingResult {
        withSubnormalsFlushed {
            run(
                &network, optimizer: &optimizer, on: data, validation: validation, test: test,
                learningRate: schedule, progress: progress)
        }
    }

    private func run<Scalar: MatrixScalar, O: Optimizer<Scalar>>(
        _ network: inout MLP<Scalar>, optimizer: inout O, on data: Dataset<Scalar>,
        validation: Dataset<Scalar>?, test: Dataset<Scalar>?,
        learningRate schedule: ((Int) -> Double)?, progress: ((Int, Int) -> Void)?
    ) -> TrainingResult {
        requirement(data.count > 0, "Trainer: the training set is empty")
        requirement(
            data.featureCount == network.inputCount || network.inputCount == 0,
            "Trainer: data has \(data.featureCount) features but the network takes \(network.inputCount)")
        let clock = ContinuousClock()
        var evaluationTime = Duration.zero
        let start = clock.now
        var random = SeededRandom(seed: seed)
        let perEpoch = Swift.max(data.count / batchSize, 1)
        let interval: Int? =
            switch evaluation {
            case .everyEpoch: perEpoch
            case .every(let n): n
            case .never: nil
            }
        var history = TrainingHistory()
        history.losses.reserveCapacity(updates)

        func limited(_ set: Dataset<Scalar>) -> Dataset<Scalar> {
            if let limit = evaluationLimit, limit < set.count { return set.prefix(limit) }
            return set
        }
        let (trainSet, validationSet, testSet) = (limited(data), validation.map(limited), test.map(limited))
        func score(_ set: Dataset<Scalar>) -> Score {
            let (loss, accuracy) = network.evaluate(set)
            return Score(loss: loss, accuracy: accuracy)
        }
        func evaluate(after update: Int) {
            guard interval != nil else { return }
            let started = clock.now
            defer { evaluationTime += clock.now - started }
            history.evaluations.append(
                Evaluation(
                    update: update, epoch: Double(update) / Double(perEpoch),
                    train: score(trainSet), validation: validationSet.map(score), test: testSet.map(score)))
        }

        var order: [Int] = []
        var cursor = 0
        var batch: [Int] = []
        batch.reserveCapacity(batchSize)
        func nextBatch() {
            switch sampling {
            case .withReplacement:
                random.sampleWithReplacement(batchSize, from: data.count, into: &batch)
            case .shuffledEpochs:
                let size = Swift.min(batchSize, data.count)
                if cursor + size > order.count {
                    order = random.permutation(data.count)
                    cursor = 0
                }
                batch.removeAll(keepingCapacity: true)
                batch.append(contentsOf: order[cursor..<cursor + size])
                cursor += size
            }
        }
        let parts = Swift.min(self.parts, Swift.min(batchSize, data.count))
        let team = threads > 1 && parts > 1 ? WorkerThreads(count: Swift.min(threads, parts)) : nil

        evaluate(after: 0)
        var done = 0
        var divergedAt: Int?
        while done < updates {
            // A specialised call: this generic function itself runs unspecialised.
            nextBatch()
            let loss = Double(network.gradient(on: data, batch: batch, parts: parts, threads: team))
            history.losses.append(loss)
            guard loss.isFinite else {
                divergedAt = done
                break
            }
            if let schedule { optimizer.learningRate = schedule(done) }
            optimizer.update(&network.parameters, gradients: network.gradients)
            done += 1
            if let interval, done % interval == 0 || done == updates { evaluate(after: done) }
            progress?(done, updates)
        }
        func seconds(_ d: Duration) -> Double {
            Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        return TrainingResult(
            history: history, updates: done, diverged: divergedAt != nil, divergedAtUpdate: divergedAt,
            seconds: seconds(clock.now - start - evaluationTime), evaluationSeconds: seconds(evaluationTime))
    }
}
