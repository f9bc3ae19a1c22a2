// The forward and backward passes of a network, and what DLFS's networks offer on
// top of them: predict, loss, accuracy and gradient.

extension MLP {
    /// Runs x through `layers` in order.
    @inlinable static func forward(
        _ x: Matrix<Scalar>, through layers: inout [any Layer<Scalar>], firstSlot: [Int],
        in context: inout LayerContext<Scalar>
    ) -> Matrix<Scalar> {
        var y = x
        for i in layers.indices {
            context.first = firstSlot[i]
            y = layers[i].forward(y, in: &context)
        }
        return y
    }

    /// Runs ∂L/∂z back through `layers`, filling `context.gradients`. The first
    /// layer's input gradient is skipped: nothing needs it.
    @inlinable static func backward(
        _ dz: Matrix<Scalar>, through layers: inout [any Layer<Scalar>], firstSlot: [Int],
        in context: inout LayerContext<Scalar>
    ) {
        var g = dz
        for i in layers.indices.reversed() {
            context.first = firstSlot[i]
            context.needsInputGradient = i > 0
            g = layers[i].backward(g, in: &context)
        }
    }

    /// The logits z for a batch x (DLFS `predict`: the last affine output, before
    /// softmax). `training: true` samples dropout masks and uses batch statistics
    /// (and updates batch norm's running statistics).
    @_specialize(where Scalar == Float)
    public mutating func predict(_ x: Matrix<Scalar>, training: Bool = false) -> Matrix<Scalar> {
        var context = LayerContext(parameters: parameters, gradients: [], training: training, random: random)
        defer { random = context.random }
        return Self.forward(x, through: &layers, firstSlot: firstSlot, in: &context)
    }

    /// The network's output y: softmax or sigmoid probabilities, or values for regression.
    public mutating func probabilities(_ x: Matrix<Scalar>, training: Bool = false) -> Matrix<Scalar> {
        loss.output(predict(x, training: training))
    }

    /// Backpropagation (DLFS `gradient`): runs x forward in training mode, fills
    /// `gradients` with ∂L/∂parameters, and returns the loss L at x, including the
    /// regularization penalty.
    @_specialize(where Scalar == Float)
    @discardableResult
    public mutating func gradient(_ x: Matrix<Scalar>, labels: [Int]) -> Scalar {
        let z = predict(x, training: true)
        let dataLoss = loss.evaluate(z, labels: labels, dividedBy: z.rows, into: &lossGradient)
        backward(lossGradient)
        return dataLoss + penalty
    }

    /// Backpropagation on the examples `batch` (indices into `data`, repeats allowed).
    ///
    /// With `parts` > 1 the batch is cut into that many consecutive runs of rows,
    /// each run forward and backward on its own copy of the layers (on `threads`
    /// when given, else one after the other on this thread), and the parts'
    /// gradients are added in part order: the result does not depend on the number
    /// of threads, and equals the unsplit step up to rounding. Dropout masks then
    /// come from one stream per part, seeded from the network's. Batch
    /// normalization needs the whole batch's statistics, so networks with it take
    /// one part.
    @_specialize(where Scalar == Float)
    @discardableResult
    public mutating func gradient(
        on data: Dataset<Scalar>, batch: [Int], parts: Int = 1, threads: WorkerThreads? = nil
    ) -> Scalar {
        requirement(parts >= 1, "gradient: parts must be positive, got \(parts)")
        if parts > 1 { return splitGradient(on: data, batch: batch, parts: parts, threads: threads) }
        data.gather(batch, into: &batchInput, labels: &batchLabels)
        return gradient(batchInput, labels: batchLabels)
    }

    /// Backpropagation against target rows (one-hot, 0/1 or regression values).
    @discardableResult
    public mutating func gradient(_ x: Matrix<Scalar>, targets: Matrix<Scalar>) -> Scalar {
        let z = predict(x, training: true)
        let (dataLoss, dz) = loss.evaluate(z, targets: targets)
        backward(dz)
        return dataLoss + penalty
    }

    /// Backward from ∂L/∂z through every layer, then the penalty's gradient on the
    /// weights.
    @_specialize(where Scalar == Float)
    public mutating func backward(_ dz: Matrix<Scalar>) {
        var context = LayerContext(parameters: parameters, gradients: gradients, training: true, random: random)
        gradients = []  // the context holds the only reference, so layers write in place
        Self.backward(dz, through: &layers, firstSlot: firstSlot, in: &context)
        gradients = context.gradients
        addPenaltyGradient()
    }

    /// Adds the regularization penalty's gradient to the weights' gradients.
    @inlinable mutating func addPenaltyGradient() {
        guard regularization != .none else { return }
        for i in parameters.indices where isWeight[i] {
            regularization.addGradient(of: parameters[i], to: &gradients[i])
        }
    }

    /// The regularization penalty of the current weights.
    public var penalty: Scalar {
        guard regularization != .none else { return 0 }
        return regularization.penalty(parameters.indices.lazy.filter { isWeight[$0] }.map { parameters[$0] })
    }

    /// The loss at x (DLFS `loss`): data loss plus penalty, test mode unless asked.
    public mutating func loss(_ x: Matrix<Scalar>, labels: [Int], training: Bool = false) -> Scalar {
        loss.evaluate(predict(x, training: training), labels: labels).loss + penalty
    }

    /// The loss at x against target rows.
    public mutating func loss(_ x: Matrix<Scalar>, targets: Matrix<Scalar>, training: Bool = false) -> Scalar {
        loss.evaluate(predict(x, training: training), targets: targets).loss + penalty
    }

    /// Predicted classes: the largest logit, or for a single output z > 0.
    public mutating func classify(_ x: Matrix<Scalar>, training: Bool = false) -> [Int] {
        let z = predict(x, training: training)
        return z.cols == 1 ? z.storage.map { $0 > 0 ? 1 : 0 } : z.argmaxRows()
    }

    /// The fraction of rows classified as their label, in test mode, evaluated in
    /// chunks of `chunk` rows to bound memory.
    public mutating func accuracy(_ x: Matrix<Scalar>, labels: [Int], chunk: Int = 10_000) -> Double {
        evaluate(x, labels: labels, chunk: chunk).accuracy
    }

    /// Loss (with penalty) and accuracy on a whole set, in test mode and in chunks.
    @_specialize(where Scalar == Float)
    public mutating func evaluate(_ x: Matrix<Scalar>, labels: [Int], chunk: Int = 10_000) -> (loss: Double, accuracy: Double) {
        requirement(x.rows == labels.count, "evaluate: \(x.rows) rows but \(labels.count) labels")
        guard x.rows > 0 else { return (.nan, .nan) }
        var correct = 0
        var lossSum = 0.0
        var start = 0
        while start < x.rows {
            let end = Swift.min(start + chunk, x.rows)
            let batch = start == 0 && end == x.rows ? x : x.rows(start..<end)
            let batchLabels = Array(labels[start..<end])
            let z = predict(batch, training: false)
            lossSum += Double(loss.evaluate(z, labels: batchLabels).loss) * Double(end - start)
            let predicted = z.cols == 1 ? z.storage.map { $0 > 0 ? 1 : 0 } : z.argmaxRows()
            correct += zip(predicted, batchLabels).filter { $0 == $1 }.count
            start = end
        }
        return (lossSum / Double(x.rows) + Double(penalty), Double(correct) / Double(x.rows))
    }

    /// The fraction of a dataset's examples classified correctly, in test mode.
    public mutating func accuracy(_ data: Dataset<Scalar>) -> Double {
        evaluate(data.inputs, labels: data.labels).accuracy
    }

    /// Loss and accuracy on a dataset.
    public mutating func evaluate(_ data: Dataset<Scalar>) -> (loss: Double, accuracy: Double) {
        evaluate(data.inputs, labels: data.labels)
    }
}

extension Dataset {
    /// The inputs at `indices` into `inputs` and their labels into `labels`, reusing
    /// both buffers (the minibatch gather of a training step).
    @inlinable func gather<C: Collection>(_ indices: C, into x: inout Matrix<Scalar>, labels: inout [Int])
    where C.Element == Int {
        let width = inputs.cols, count = indices.count, rows = inputs.rows
        x.resize(rows: count, cols: width)
        labels.removeAll(keepingCapacity: true)
        inputs.storage.withUnsafeBufferPointer { source in
            x.storage.withUnsafeMutableBufferPointer { out in
                for (i, r) in indices.enumerated() {
                    requirement(r >= 0 && r < rows, "Example index \(r) out of 0..<\(rows)")
                    (out.baseAddress! + i * width).update(from: source.baseAddress! + r * width, count: width)
                    labels.append(self.labels[r])
                }
            }
        }
    }
}
