/// One step of a network, with its forward pass and its backward pass side by side.
///
/// A layer owns no learned values. The network keeps every learned value of every
/// layer in one list, `parameters`, with a gradient list `gradients` of the same
/// shapes; a layer reads and writes its own consecutive slots of those lists,
/// starting at index `first`. This is what lets an optimizer update the whole
/// network in place with `opt.update(&net.parameters, gradients: net.gradients)`.
///
/// A layer may keep what its backward pass needs (its input, a mask) between
/// `forward` and `backward`; `backward` always refers to the latest `forward`.
public protocol Layer<Scalar>: Sendable {
    associatedtype Scalar: MatrixScalar

    /// A short description such as `"Affine 784→100"`.
    var name: String { get }

    /// The learned values this layer starts with, in slot order.
    func initialParameters(random: inout SeededRandom) -> [LearnedValue<Scalar>]

    /// Output for a batch `x` (one example per row). `training` selects the
    /// training behaviour of dropout and batch normalization; `random` draws
    /// dropout masks.
    mutating func forward(
        _ x: Matrix<Scalar>, parameters: [Matrix<Scalar>], first: Int,
        training: Bool, random: inout SeededRandom
    ) -> Matrix<Scalar>

    /// Given ∂L/∂output, writes ∂L/∂(own parameters) into `gradients[first...]`
    /// and returns ∂L/∂input — or an empty matrix when `needsInputGradient` is
    /// false (the first layer: nobody needs the gradient with respect to the data).
    mutating func backward(
        _ dy: Matrix<Scalar>, parameters: [Matrix<Scalar>], gradients: inout [Matrix<Scalar>],
        first: Int, needsInputGradient: Bool
    ) -> Matrix<Scalar>
}

/// A learned value together with its role: weights are what weight decay shrinks;
/// biases, batch-normalization scales and shifts, and PReLU slopes are not.
public struct LearnedValue<Scalar: MatrixScalar>: Sendable {
    public var name: String
    public var value: Matrix<Scalar>
    public var isWeight: Bool
    public init(name: String, value: Matrix<Scalar>, isWeight: Bool) {
        self.name = name
        self.value = value
        self.isWeight = isWeight
    }
}

extension Layer {
    /// Layers without learned values (activations, dropout, maxout).
    public func initialParameters(random: inout SeededRandom) -> [LearnedValue<Scalar>] { [] }
}

extension Matrix {
    /// A matrix whose every element `fill` writes through the buffer it is given;
    /// skips zeroing memory that is about to be overwritten (BLAS outputs with β = 0).
    @inlinable init(rows: Int, cols: Int, fill: (UnsafeMutableBufferPointer<Scalar>) -> Void) {
        let storage = [Scalar](unsafeUninitializedCapacity: rows * cols) { buffer, count in
            fill(buffer)
            count = rows * cols
        }
        self.init(rows: rows, cols: cols, storage: storage)
    }

    /// A new matrix of the same shape whose element `i` is `f(self[i], other[i])`:
    /// the shape of most backward passes, `dx = f(dy, cached)`.
    @inlinable func combined(with other: Matrix, _ f: (Scalar, Scalar) -> Scalar) -> Matrix {
        precondition(rows == other.rows && cols == other.cols,
                     "Shapes \(rows)×\(cols) and \(other.rows)×\(other.cols) differ")
        return storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                Matrix(rows: rows, cols: cols) { o in
                    for i in 0..<o.count { o[i] = f(a[i], b[i]) }
                }
            }
        }
    }

    /// Like `map`, through raw buffers so specialised loops vectorise.
    @inlinable func mapped(_ f: (Scalar) -> Scalar) -> Matrix {
        storage.withUnsafeBufferPointer { a in
            Matrix(rows: rows, cols: cols) { o in
                for i in 0..<o.count { o[i] = f(a[i]) }
            }
        }
    }
}

extension Layer {
    /// Runs this layer on its own, outside a network: with `parameters`, or when
    /// nil with the layer's initial ones (γ = 1 and β = 0 for batch
    /// normalization; weights drawn from `seed` for an affine layer). Dropout
    /// masks are drawn from `seed` too.
    ///
    /// ```swift
    /// var bn = BatchNormalization<Double>(features: 3)
    /// let y = bn.forward(x, training: true)   // each column: mean 0, variance 1
    /// ```
    public mutating func forward(
        _ x: Matrix<Scalar>, parameters: [Matrix<Scalar>]? = nil, training: Bool, seed: UInt64 = 0
    ) -> Matrix<Scalar> {
        var random = SeededRandom(seed: seed)
        let values = parameters ?? initialParameters(random: &random).map(\.value)
        return forward(x, parameters: values, first: 0, training: training, random: &random)
    }
}
