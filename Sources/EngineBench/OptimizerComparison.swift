import NeuralEngine

/// DLFS chapter 6's optimizer comparison (`optimizer_compare_mnist.py`) on
/// Fashion-MNIST: 784-100-100-100-100-10, ReLU, He initialisation, batches of 128
/// drawn with replacement from the 60,000 training images, 2,000 updates per
/// optimizer. Timed: the training loop only (the trainer evaluates nothing), as in
/// Benchmarks/numpy/dlfs_optimizers.py; both report the loss of the last minibatch
/// as computed for its gradient.
///
/// Each line also says where the time went, from measurements made just before the
/// run on the same threads: `products_seconds` (the matrix products alone, the floor
/// of any implementation that calls the same kernels), `optimizer_seconds` (the
/// updates alone), `handoff_seconds` (waking the threads and waiting for them), and
/// `rest_seconds`, what remains of `seconds`.
func runOptimizerComparison(_ options: BenchOptions) throws {
    let training = try FashionMNIST.training(directory: options.directory)
    let test = try FashionMNIST.test(directory: options.directory)
    let runs: [(name: String, optimizer: any Optimizer<Float>)] = [
        ("SGD", SGD(learningRate: 0.01)),
        ("Momentum", Momentum(learningRate: 0.01, momentum: 0.9)),
        ("AdaGrad", AdaGrad(learningRate: 0.01)),
        ("Adam", Adam(learningRate: 0.001)),
    ]
    let selected = runs.filter { options.only == nil || $0.name.lowercased() == options.only!.lowercased() }
    guard !selected.isEmpty else {
        throw BenchOptions.UsageError(
            description: "--only: no run named \(options.only!); runs are \(runs.map(\.name).joined(separator: ", "))")
    }
    let sizes = [784, 100, 100, 100, 100, 10], batch = 128, updates = options.updates ?? 2000
    let trainer = Trainer(
        batchSize: batch, updates: updates, sampling: .withReplacement, evaluation: .never, seed: 1,
        parts: options.parts, threads: options.threadCount)
    for run in selected {
        var optimizer = run.optimizer
        var network = MLP<Float>(sizes: sizes, activation: .relu, initializer: .he, seed: 0)
        let team = options.threadCount > 1 ? WorkerThreads(count: options.threadCount) : nil
        let products = productSeconds(sizes: sizes, batch: batch, parts: options.parts, updates: updates, threads: team)
        let handOffs = handOffSeconds(parts: options.parts, updates: updates, threads: team)
        let updating = optimizerSeconds(run.optimizer, like: network.parameters, updates: updates)
        let cpuStart = cpuSecondsNow()
        let result = trainer.train(&network, optimizer: &optimizer, on: training)
        let cpuSeconds = cpuSecondsNow() - cpuStart
        let accuracy = network.accuracy(test.inputs, labels: test.labels)
        printResult([
            "run": run.name, "seconds": result.seconds, "final_loss": result.finalLoss, "test_acc": accuracy,
            "cpu_seconds": cpuSeconds, "products_seconds": products, "optimizer_seconds": updating,
            "handoff_seconds": handOffs, "rest_seconds": result.seconds - products - updating - handOffs,
            "parts": options.parts, "threads": options.threadCount,
        ])
    }
}
