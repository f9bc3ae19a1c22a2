// The forward and backward passes of a network, and what DLFS's networks offer on
// top of them: predict, loss, accuracy and gradient.

extension MLP {
    /// The logits z for a batch x (DLFS `predict`: the last affine output, before
    /// softmax). `training: true` samples dropout masks and uses batch statistics
    /// (and updates batch norm's running statistics).
    @_specialize(where Scalar == Float)
    public mutating func predict(_ x: Matrix<Scalar>, training: Bool = false) -> Matrix<Scalar> {
        var y = x
        for i in layers.indices {
            y = layers[i].forward(y, parameters: parameters, first: firstSlot[i], training: training, random: &random)
        }
        return y
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
        let (dataLoss, dz) = loss.evaluate(z, labels: labels)
        backward(dz)
        return dataLoss + penalty
    }

    /// Backpropagation on the examples `batch` (indices into `data`, repeats allowed).
    @_specialize(where Scalar == Float)
    @discardableResult
    public mutating func gradient(on data: Dataset<Scalar>, batch: [Int]) -> Scalar {
        let inputs = data.inputs, width = inputs.cols
        // The gather of `inputs.rows(batch)`, without first zeroing the batch.
        let x = inputs.storage.withUnsafeBufferPointer { source in
            Matrix<Scalar>(rows: batch.count, cols: width) { out in
                for (i, r) in batch.enumerated() {
                    precondition(r >= 0 && r < inputs.rows, "Example index \(r) out of 0..<\(inputs.rows)")
                    (out.baseAddress! + i * width).initialize(from: source.baseAddress! + r * width, count: width)
                }
            }
        }
        return gradient(x, labels: batch.map { data.labels[$0] })
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
    /// weights. The first layer's input gradient is skipped: nothing needs it.
    @_specialize(where Scalar == Float)
    public mutating func backward(_ dz: Matrix<Scalar>) {
        var g = dz
        for i in layers.indices.reversed() {
            g = layers[i].backward(g, parameters: parameters, gradients: &gradients,
                                   first: firstSlot[i], needsInputGradient: i > 0)
        }
        if regularization != .none {
            for i in parameters.indices where isWeight[i] {
                regularization.addGradient(of: parameters[i], to: &gradients[i])
            }
        }
    }

    /// The regularization penalty of the current weights.
    public var penalty: Scalar {
        regularization == .none ? 0 : regularization.penalty(weights)
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
        precondition(x.rows == labels.count, "evaluate: \(x.rows) rows but \(labels.count) labels")
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
