// A minibatch split into parts: each part runs forward and backward on its own copy
// of the layers, possibly on its own thread, and the parts' gradients are added in
// part order.

/// What one part of a split step keeps: its copy of the layers (their caches and
/// buffers), its gradients, its rows of the batch, and its random stream.
@usableFromInline struct PartStep<Scalar: MatrixScalar>: Sendable {
    @usableFromInline var layers: [any Layer<Scalar>]
    @usableFromInline var gradients: [Matrix<Scalar>]
    @usableFromInline var input = Matrix<Scalar>.empty
    @usableFromInline var labels: [Int] = []
    @usableFromInline var lossGradient = Matrix<Scalar>.empty
    @usableFromInline var random = SeededRandom(seed: 0)
    @usableFromInline var loss: Scalar = 0

    @usableFromInline init(layers: [any Layer<Scalar>], parameters: [Matrix<Scalar>]) {
        self.layers = layers
        self.gradients = parameters.map { Matrix(rows: $0.rows, cols: $0.cols) }
    }

    /// Forward and backward on `rows` of the batch; the loss and its gradient are
    /// divided by the whole batch's size.
    @inlinable mutating func run(
        rows: ArraySlice<Int>, batchSize: Int, data: Dataset<Scalar>, parameters: [Matrix<Scalar>],
        firstSlot: [Int], loss lossFunction: Loss
    ) {
        data.gather(rows, into: &input, labels: &labels)
        var context = LayerContext(parameters: parameters, gradients: gradients, training: true, random: random)
        gradients = []
        let z = MLP.forward(input, through: &layers, firstSlot: firstSlot, in: &context)
        loss = lossFunction.evaluate(z, labels: labels, dividedBy: batchSize, into: &lossGradient)
        MLP.backward(lossGradient, through: &layers, firstSlot: firstSlot, in: &context)
        gradients = context.gradients
        random = context.random
    }
}

extension MLP {
    /// `gradient(on:batch:parts:threads:)` for more than one part.
    @_specialize(where Scalar == Float)
    @usableFromInline mutating func splitGradient(
        on data: Dataset<Scalar>, batch: [Int], parts: Int, threads: WorkerThreads?
    ) -> Scalar {
        requirement(
            !layers.contains { $0 is BatchNormalization<Scalar> },
            "A network with batch normalization cannot split its batch into \(parts) parts: its statistics are the whole batch's")
        requirement(batch.count >= parts, "A batch of \(batch.count) cannot be split into \(parts) parts")
        if partSteps.count != parts {
            partSteps = (0..<parts).map { _ in PartStep(layers: layers, parameters: parameters) }
        }
        // Streams drawn in part order, so masks do not depend on which thread runs a part.
        for p in 0..<parts { partSteps[p].random = SeededRandom(seed: random.next()) }
        let values = parameters, slots = firstSlot, lossFunction = loss, n = batch.count
        partSteps.withUnsafeMutableBufferPointer { steps in
            let work = SplitStepWork(
                steps: steps, batch: batch, data: data, parameters: values, firstSlot: slots,
                loss: lossFunction)
            if let threads { threads.run(parts, work) } else { for p in 0..<parts { work.run(part: p) } }
        }
        // Σ over parts in part order, element by element.
        var dataLoss: Scalar = 0
        for p in 0..<parts { dataLoss += partSteps[p].loss }
        for i in parameters.indices {
            gradients[i].resize(rows: parameters[i].rows, cols: parameters[i].cols)
            // Copies the storage if anyone else holds it (a caller's earlier `gradients`),
            // so that the threads below write into this network's own.
            gradients[i].storage.withUnsafeMutableBufferPointer { _ in }
        }
        // Each thread sums a slice of every gradient: element by element, in part order.
        let slices = threads?.count ?? 1
        gradients.withUnsafeMutableBufferPointer { sums in
            partSteps.withUnsafeBufferPointer { steps in
                let work = GradientSumWork(sums: sums, steps: steps, slices: slices)
                if let threads { threads.run(slices, work) } else { work.run(part: 0) }
            }
        }
        addPenaltyGradient()
        return dataLoss + penalty
    }
}

/// One split step as work for `WorkerThreads`: part p runs its rows of the batch
/// on its own `PartStep`, the only one it touches.
struct SplitStepWork<Scalar: MatrixScalar>: PartedWork {
    let steps: UnsafeMutableBufferPointer<PartStep<Scalar>>
    let batch: [Int]
    let data: Dataset<Scalar>
    let parameters: [Matrix<Scalar>]
    let firstSlot: [Int]
    let loss: Loss

    func run(part p: Int) {
        let n = batch.count, parts = steps.count
        steps[p].run(
            rows: batch[p * n / parts..<(p + 1) * n / parts], batchSize: n, data: data,
            parameters: parameters, firstSlot: firstSlot, loss: loss)
    }
}

/// Adds the parts' gradients into `sums`, element by element in part order; part t
/// of the work takes slice t of every gradient.
struct GradientSumWork<Scalar: MatrixScalar>: PartedWork {
    let sums: UnsafeMutableBufferPointer<Matrix<Scalar>>
    let steps: UnsafeBufferPointer<PartStep<Scalar>>
    let slices: Int

    func run(part t: Int) {
        for i in sums.indices {
            let count = sums[i].count, start = t * count / slices, end = (t + 1) * count / slices
            guard start < end else { continue }
            // Unique (made so by the caller): threads write disjoint slices through it.
            sums[i].storage.withUnsafeBufferPointer { buffer in
                let g = UnsafeMutablePointer(mutating: buffer.baseAddress!)
                steps[0].gradients[i].storage.withUnsafeBufferPointer { q in
                    (g + start).update(from: q.baseAddress! + start, count: end - start)
                }
                for p in 1..<steps.count {
                    steps[p].gradients[i].storage.withUnsafeBufferPointer { q in
                        for j in start..<end { g[j] += q[j] }
                    }
                }
            }
        }
    }
}

/// A value handed to other threads by a caller that guarantees they use it safely
/// (here: each part touches only its own element of a buffer).
@usableFromInline struct UnsafeSendable<Value>: @unchecked Sendable {
    @usableFromInline let value: Value
    @usableFromInline init(_ value: Value) { self.value = value }
}
