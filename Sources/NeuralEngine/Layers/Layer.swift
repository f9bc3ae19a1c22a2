/// One step of a network, with its forward pass and its backward pass side by side.
///
/// A layer owns no learned values. The network keeps every learned value of every
/// layer in one list, `parameters`, with a gradient list `gradients` of the same
/// shapes; a layer reads and writes its own consecutive slots of those lists,
/// starting at `context.first`. This is what lets an optimizer update the whole
/// network in place with `opt.update(&net.parameters, gradients: net.gradients)`.
///
/// A layer keeps what its backward pass needs (its input, a mask) between `forward`
/// and `backward`, and the buffers it writes its outputs into, so that a training
/// step allocates nothing once it has seen the shapes; `backward` always refers to
/// the latest `forward`, and lets go of the cached input when it is done.
public protocol Layer<Scalar>: Sendable {
    associatedtype Scalar: MatrixScalar

    /// A short description such as `"Affine 784→100"`.
    var name: String { get }

    /// The learned values this layer starts with, in slot order.
    func initialParameters(random: inout SeededRandom) -> [LearnedValue<Scalar>]

    /// Output for a batch `x` (one example per row), reading this layer's parameters
    /// from `context`; `context.training` selects the training behaviour of dropout
    /// and batch normalization, and `context.random` draws dropout masks.
    mutating func forward(_ x: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar>

    /// Given ∂L/∂output, writes ∂L/∂(own parameters) into `context.gradients` and
    /// returns ∂L/∂input — or an empty matrix when `context.needsInputGradient` is
    /// false (the first layer: nobody needs the gradient with respect to the data).
    mutating func backward(_ dy: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar>
}

/// What a layer works with besides its input: the network's learned values and
/// their gradients, where its own slots start, the mode, and the random stream.
public struct LayerContext<Scalar: MatrixScalar>: Sendable {
    public var parameters: [Matrix<Scalar>]
    public var gradients: [Matrix<Scalar>]
    /// The layer's first slot in `parameters` and `gradients`.
    public var first: Int
    public var training: Bool
    public var needsInputGradient: Bool
    /// Draws dropout masks.
    public var random: SeededRandom

    public init(
        parameters: [Matrix<Scalar>], gradients: [Matrix<Scalar>]? = nil, first: Int = 0,
        training: Bool, needsInputGradient: Bool = true, random: SeededRandom = SeededRandom(seed: 0)
    ) {
        self.parameters = parameters
        self.gradients = gradients ?? parameters.map { Matrix(rows: $0.rows, cols: $0.cols) }
        self.first = first
        self.training = training
        self.needsInputGradient = needsInputGradient
        self.random = random
    }

    /// The layer's learned value number `offset` (0 for its first).
    @inlinable public func parameter(_ offset: Int) -> Matrix<Scalar> { parameters[first + offset] }

    /// Runs `body` on the gradient buffer of the layer's value number `offset`, made
    /// `rows × cols`, in place.
    @inlinable public mutating func withGradient<R>(
        _ offset: Int, rows: Int, cols: Int, _ body: (UnsafeMutableBufferPointer<Scalar>) -> R
    ) -> R {
        gradients[first + offset].resize(rows: rows, cols: cols)
        return gradients[first + offset].storage.withUnsafeMutableBufferPointer { body($0) }
    }
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

    /// `forward` with the context spelled out, for calling a layer by hand.
    public mutating func forward(
        _ x: Matrix<Scalar>, parameters: [Matrix<Scalar>], first: Int, training: Bool, random: inout SeededRandom
    ) -> Matrix<Scalar> {
        var context = LayerContext(parameters: parameters, gradients: [], first: first, training: training, random: random)
        defer { random = context.random }
        return forward(x, in: &context)
    }

    /// `backward` with the context spelled out, for calling a layer by hand.
    public mutating func backward(
        _ dy: Matrix<Scalar>, parameters: [Matrix<Scalar>], gradients: inout [Matrix<Scalar>],
        first: Int, needsInputGradient: Bool
    ) -> Matrix<Scalar> {
        var context = LayerContext(
            parameters: parameters, gradients: gradients, first: first,
            training: true, needsInputGradient: needsInputGradient)
        gradients = []
        defer { gradients = context.gradients }
        return backward(dy, in: &context)
    }

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
