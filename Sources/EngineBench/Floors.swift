import NeuralEngine

// What the optimizer comparison's time is made of, measured in the same run: the
// matrix products alone, the optimizer's updates alone, and the hand-offs between
// threads alone. What remains of a run's seconds is the rest of the training step:
// gathering the minibatch, the element-wise layers, the loss, adding the parts'
// gradients.

/// Seconds for the products of `updates` training steps of an MLP with these layer
/// sizes: per part of each batch, forward `x·W` (added to the bias rows), the weight
/// gradients `xᵀ·dy`, and the input gradients `dy·Wᵀ` of every layer but the first,
/// through `Float.gemm` on the same shapes and threads as the network's step.
func productSeconds(sizes: [Int], batch: Int, parts: Int, updates: Int, threads: WorkerThreads?) -> Double {
    struct Part {
        var activations: [[Float]], deltas: [[Float]], gradients: [[Float]]
        let rows: Int
    }
    var random = SeededRandom(seed: 3)
    let layers = sizes.count - 1
    let weights = (0..<layers).map { l in (0..<sizes[l] * sizes[l + 1]).map { _ in Float(random.normal()) * 0.05 } }
    let transposed = weights  // same sizes, n × k instead of k × n: values do not matter
    var partState = (0..<parts).map { p -> Part in
        let rows = (p + 1) * batch / parts - p * batch / parts
        return Part(
            activations: sizes.map { [Float](repeating: 0.5, count: rows * $0) },
            deltas: sizes.map { [Float](repeating: 0.01, count: rows * $0) },
            gradients: weights.map { [Float](repeating: 0, count: $0.count) }, rows: rows)
    }
    struct Products: PartedWork {
        let parts: UnsafeMutableBufferPointer<Part>
        let sizes: [Int], weights: [[Float]], transposed: [[Float]]
        func run(part p: Int) {
            let m = parts[p].rows, layers = sizes.count - 1
            for l in 0..<layers {
                let k = sizes[l], n = sizes[l + 1]
                Float.gemm(
                    transposeA: false, transposeB: false, m: m, n: n, k: k, alpha: 1,
                    a: parts[p].activations[l], lda: k, b: weights[l], ldb: n, beta: 1,
                    c: &parts[p].activations[l + 1], ldc: n)
            }
            for l in (0..<layers).reversed() {
                let k = sizes[l], n = sizes[l + 1]
                Float.gemm(
                    transposeA: true, transposeB: false, m: k, n: n, k: m, alpha: 1,
                    a: parts[p].activations[l], lda: k, b: parts[p].deltas[l + 1], ldb: n, beta: 0,
                    c: &parts[p].gradients[l], ldc: n)
                if l > 0 {
                    Float.gemm(
                        transposeA: false, transposeB: false, m: m, n: k, k: n, alpha: 1,
                        a: parts[p].deltas[l + 1], lda: n, b: transposed[l], ldb: k, beta: 0,
                        c: &parts[p].deltas[l], ldc: k)
                }
            }
        }
    }
    let start = secondsNow()
    partState.withUnsafeMutableBufferPointer { states in
        let work = Products(parts: states, sizes: sizes, weights: weights, transposed: transposed)
        for _ in 0..<updates {
            if let threads { threads.run(parts, work) } else { for p in 0..<parts { work.run(part: p) } }
        }
    }
    return secondsNow() - start
}

/// Seconds for `updates` updates of `optimizer` on parameters of these shapes.
func optimizerSeconds(_ optimizer: any Optimizer<Float>, like parameters: [Matrix<Float>], updates: Int) -> Double {
    var optimizer = optimizer
    var random = SeededRandom(seed: 4)
    var values = parameters
    let gradients: [Matrix<Float>] = parameters.map { random.normalMatrix($0.rows, $0.cols, std: 0.01) }
    let start = secondsNow()
    for _ in 0..<updates { optimizer.update(&values, gradients: gradients) }
    return secondsNow() - start
}

/// Seconds for `updates` hand-offs of empty parts to the threads and back.
func handOffSeconds(parts: Int, updates: Int, threads: WorkerThreads?) -> Double {
    guard let threads else { return 0 }
    let start = secondsNow()
    struct Nothing: PartedWork { func run(part: Int) {} }
    for _ in 0..<updates { threads.run(parts, Nothing()) }
    return secondsNow() - start
}
