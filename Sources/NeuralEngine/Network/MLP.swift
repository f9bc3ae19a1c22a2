/// One hidden layer of a multilayer perceptron: affine → [batch norm] → activation → [dropout].
public struct HiddenLayer: Sendable, Equatable {
    public var units: Int
    public var activation: Activation
    public var initializer: Initializer
    public var batchNorm: Bool
    /// The dropout ratio after the activation, or nil for none.
    public var dropout: Double?

    public init(
        _ units: Int, activation: Activation = .relu, initializer: Initializer = .he,
        batchNorm: Bool = false, dropout: Double? = nil
    ) {
        self.units = units
        self.activation = activation
        self.initializer = initializer
        self.batchNorm = batchNorm
        self.dropout = dropout
    }
}

/// A network: a sequence of layers, all their learned values in one list, and a loss.
///
/// The learned values (weights, biases, batch-normalization γ and β, PReLU slopes)
/// live in `parameters`, in layer order, with `gradients` of the same shapes filled
/// by `gradient(_:labels:)`. An optimizer updates them in place:
/// `opt.update(&net.parameters, gradients: net.gradients)`. `parameterNames` says
/// which is which ("W1", "b1", "gamma1", …) and `isWeight` which ones weight
/// decay applies to.
///
/// The last layer's output is the logits z; `loss` pairs them with the output
/// function (softmax, sigmoid or identity) and the loss.
public struct MLP<Scalar: MatrixScalar>: Sendable {
    /// The layers in order; they refer to `parameters` by slot, so they are fixed at creation.
    public internal(set) var layers: [any Layer<Scalar>]
    public var parameters: [Matrix<Scalar>]
    public var gradients: [Matrix<Scalar>]
    public let parameterNames: [String]
    /// True for the slots weight decay applies to (affine weights only).
    public let isWeight: [Bool]
    public var loss: Loss
    public var regularization: Regularization
    /// Draws dropout masks; seeded, so training runs repeat exactly.
    public var random: SeededRandom
    /// Index of each layer's first slot in `parameters`.
    public let firstSlot: [Int]
    /// Indices in `layers` of the hidden activations (what histograms show).
    public let activationLayers: [Int]

    // Buffers of the training step, kept from one step to the next so that a step
    // allocates nothing (Matrix+Workspace.swift); each copy of a network has its own.
    @usableFromInline var batchInput = Matrix<Scalar>.empty
    @usableFromInline var batchLabels: [Int] = []
    @usableFromInline var lossGradient = Matrix<Scalar>.empty
    /// One per part of a split step (MLP+Split.swift).
    @usableFromInline var partSteps: [PartStep<Scalar>] = []

    /// A network from explicit layers. Parameters are drawn in layer order from
    /// a generator seeded with `seed`; dropout masks come from a separate stream.
    public init(
        layers: [any Layer<Scalar>], loss: Loss = .softmaxCrossEntropy,
        regularization: Regularization = .none, seed: UInt64 = 0
    ) {
        var random = SeededRandom(seed: seed)
        var parameters: [Matrix<Scalar>] = [], names: [String] = [], isWeight: [Bool] = []
        var firstSlot: [Int] = []
        var affineCount = 0
        for layer in layers {
            firstSlot.append(parameters.count)
            let values = layer.initialParameters(random: &random)
            // Number values by block as DLFS does: W1, b1 for the first affine layer,
            // then gamma1, beta1 (and slope1 for PReLU) for the layers that follow it.
            if layer is Affine<Scalar> { affineCount += 1 }
            let index = Swift.max(affineCount, 1)
            for v in values {
                parameters.append(v.value)
                names.append("\(v.name)\(index)")
                isWeight.append(v.isWeight)
            }
        }
        self.layers = layers
        self.parameters = parameters
        self.gradients = parameters.map { Matrix(rows: $0.rows, cols: $0.cols) }
        self.parameterNames = names
        self.isWeight = isWeight
        self.loss = loss
        self.regularization = regularization
        self.random = SeededRandom(seed: seed ^ 0x5DEE_CE66_D1CE_5EED)
        self.firstSlot = firstSlot
        self.activationLayers = layers.indices.filter { i in
            !(layers[i] is Affine<Scalar> || layers[i] is BatchNormalization<Scalar> || layers[i] is Dropout<Scalar>)
        }
    }

    /// A multilayer perceptron from layer sizes, e.g. `[784, 100, 100, 10]`: the
    /// same activation, initializer, batch norm and dropout for every hidden layer;
    /// the output layer is affine with the same initializer.
    public init(
        sizes: [Int], activation: Activation = .relu, initializer: Initializer = .he,
        batchNorm: Bool = false, dropout: Double? = nil,
        dropoutStyle: Dropout<Scalar>.Style = .scaledAtTest,
        loss: Loss = .softmaxCrossEntropy, regularization: Regularization = .none, seed: UInt64 = 0
    ) {
        requirement(sizes.count >= 2, "MLP needs at least input and output sizes, got \(sizes)")
        let hidden = sizes.dropFirst().dropLast().map {
            HiddenLayer($0, activation: activation, initializer: initializer, batchNorm: batchNorm, dropout: dropout)
        }
        self.init(
            inputs: sizes[0], hidden: hidden, outputs: sizes.last!, outputInitializer: initializer,
            dropoutStyle: dropoutStyle, loss: loss, regularization: regularization, seed: seed)
    }

    /// A multilayer perceptron described layer by layer.
    public init(
        inputs: Int, hidden: [HiddenLayer], outputs: Int, outputInitializer: Initializer = .he,
        dropoutStyle: Dropout<Scalar>.Style = .scaledAtTest,
        loss: Loss = .softmaxCrossEntropy, regularization: Regularization = .none, seed: UInt64 = 0
    ) {
        var layers: [any Layer<Scalar>] = []
        var width = inputs
        for h in hidden {
            let pieces = h.activation.inputWidth(units: h.units)
            layers.append(Affine<Scalar>(inputs: width, outputs: pieces, initializer: h.initializer))
            if h.batchNorm { layers.append(BatchNormalization<Scalar>(features: pieces)) }
            layers.append(h.activation.layer(units: h.units, as: Scalar.self))
            if let ratio = h.dropout { layers.append(Dropout<Scalar>(ratio: ratio, style: dropoutStyle)) }
            width = h.units
        }
        layers.append(Affine<Scalar>(inputs: width, outputs: outputs, initializer: outputInitializer))
        self.init(layers: layers, loss: loss, regularization: regularization, seed: seed)
    }

    /// Number of input features.
    public var inputCount: Int {
        (layers.first as? Affine<Scalar>)?.inputs ?? 0
    }

    /// The parameters weight decay applies to (affine weights), in layer order.
    public var weights: [Matrix<Scalar>] {
        parameters.indices.filter { isWeight[$0] }.map { parameters[$0] }
    }

    /// Learned values in total, e.g. 89,610 for 784-100-100-10.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }
}

extension MLP: CustomStringConvertible {
    public var description: String {
        "MLP [" + layers.map(\.name).joined(separator: ", ") + "] → \(loss), \(parameterCount) parameters"
    }
}
