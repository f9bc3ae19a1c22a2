/// The output layer and loss of a network, paired so that the gradient at the
/// logits z (the last affine layer's output) is `(y − t)/N` in every case.
///
/// | task | output y | loss |
/// | --- | --- | --- |
/// | multi-class | softmax(z) | cross-entropy |
/// | binary / multi-label | σ(z) | binary cross-entropy |
/// | regression | z (identity) | ½·mean Σ (y − t)² |
public enum Loss: Sendable, Equatable, CustomStringConvertible {
    case softmaxCrossEntropy
    case sigmoidBinaryCrossEntropy
    case meanSquaredError

    public var description: String {
        switch self {
        case .softmaxCrossEntropy: "softmax cross-entropy"
        case .sigmoidBinaryCrossEntropy: "sigmoid binary cross-entropy"
        case .meanSquaredError: "mean squared error"
        }
    }

    /// The network's output y for logits z: probabilities for the two
    /// cross-entropies, z itself for regression.
    @_specialize(where Scalar == Float)
    public func output<Scalar: MatrixScalar>(_ z: Matrix<Scalar>) -> Matrix<Scalar> {
        switch self {
        case .softmaxCrossEntropy: softmax(z)
        case .sigmoidBinaryCrossEntropy: z.mapped(sigmoid)
        case .meanSquaredError: z
        }
    }

    /// Loss and ∂L/∂z against targets given as a matrix (one-hot rows, 0/1 values
    /// or regression values).
    @_specialize(where Scalar == Float)
    public func evaluate<Scalar: MatrixScalar>(
        _ z: Matrix<Scalar>, targets: Matrix<Scalar>
    ) -> (loss: Scalar, gradient: Matrix<Scalar>) {
        switch self {
        case .softmaxCrossEntropy: NeuralEngine.softmaxCrossEntropy(logits: z, targets: targets)
        case .sigmoidBinaryCrossEntropy: NeuralEngine.sigmoidBinaryCrossEntropy(logits: z, targets: targets)
        case .meanSquaredError: NeuralEngine.meanSquaredError(z, targets: targets)
        }
    }

    /// Loss and ∂L/∂z against class labels. Softmax takes them directly; with one
    /// sigmoid output a label is the 0/1 target; otherwise labels become one-hot rows.
    @_specialize(where Scalar == Float)
    public func evaluate<Scalar: MatrixScalar>(
        _ z: Matrix<Scalar>, labels: [Int]
    ) -> (loss: Scalar, gradient: Matrix<Scalar>) {
        if self == .softmaxCrossEntropy { return NeuralEngine.softmaxCrossEntropy(logits: z, labels: labels) }
        return evaluate(z, targets: Loss.targets(labels: labels, columns: z.cols))
    }

    /// The loss against class labels, its gradient written into `gradient`: the sum
    /// over the rows divided by `divisor` rather than by their count, so that parts
    /// of a batch add up to the whole batch's mean. Softmax cross-entropy reuses
    /// `gradient`'s storage; the others compute a new gradient and copy it.
    @_specialize(where Scalar == Float)
    @usableFromInline func evaluate<Scalar: MatrixScalar>(
        _ z: Matrix<Scalar>, labels: [Int], dividedBy divisor: Int, into gradient: inout Matrix<Scalar>
    ) -> Scalar {
        if self == .softmaxCrossEntropy {
            return NeuralEngine.softmaxCrossEntropy(logits: z, labels: labels, dividedBy: divisor, into: &gradient)
        }
        let (loss, g) = evaluate(z, labels: labels)
        let scale = Scalar(z.rows) / Scalar(Swift.max(divisor, 1))
        if divisor == z.rows {
            gradient = g
            return loss
        }
        gradient.assign(g) { $0 * scale }
        return loss * scale
    }

    /// Labels as targets: a 0/1 column for one output, one-hot rows otherwise.
    public static func targets<Scalar: MatrixScalar>(labels: [Int], columns: Int) -> Matrix<Scalar> {
        if columns == 1 { return Matrix(column: labels.map { Scalar($0) }) }
        var t = Matrix<Scalar>(rows: labels.count, cols: columns)
        for (i, label) in labels.enumerated() {
            requirement(label >= 0 && label < columns, "Label \(label) out of 0..<\(columns) at row \(i)")
            t[i, label] = 1
        }
        return t
    }
}
