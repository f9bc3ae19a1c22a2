/// A stack of restricted Boltzmann machines trained greedily, one layer at a time:
/// layer k learns to model the hidden probabilities of layer k − 1 on the data.
///
/// Its weights then initialise the hidden layers of a multilayer perceptron of the
/// same sizes: `parameters` lists `[W₁, c₁, W₂, c₂, …]`, weights `n_in × n_out` and
/// biases `1 × n_out`, the order and shapes of an MLP's affine layers.
public struct DeepBeliefNetwork<Scalar: MatrixScalar>: Sendable {
    public var layers: [RestrictedBoltzmannMachine<Scalar>]

    /// Layer sizes from the input up, e.g. `[784, 256, 128]` for two RBMs.
    public init(layerSizes: [Int], weightStd: Double = 0.01, seed: UInt64 = 0) {
        requirement(layerSizes.count >= 2, "DeepBeliefNetwork needs at least 2 layer sizes, got \(layerSizes)")
        var random = SeededRandom(seed: seed)
        layers = zip(layerSizes, layerSizes.dropFirst()).map { visible, hidden in
            RestrictedBoltzmannMachine(visible: visible, hidden: hidden, weightStd: weightStd, random: &random)
        }
    }

    public var layerSizes: [Int] { [layers[0].visibleCount] + layers.map(\.hiddenCount) }

    /// Trains each RBM in turn with CD-1 on what the layers below make of `data`.
    /// Returns the per-epoch reconstruction errors of each layer. `progress` receives
    /// (layer, epoch, error) after every epoch.
    @_specialize(where Scalar == Float)
    @discardableResult
    public mutating func pretrain(
        on data: Matrix<Scalar>, epochs: Int, batchSize: Int = 100, learningRate: Double = 0.1,
        seed: UInt64 = 0,
        progress: ((_ layer: Int, _ epoch: Int, _ error: Double) -> Void)? = nil
    ) -> [[Double]] {
        var input = data
        var errors: [[Double]] = []
        for k in layers.indices {
            errors.append(
                layers[k].train(
                    on: input, epochs: epochs, batchSize: batchSize, learningRate: learningRate,
                    seed: seed &+ UInt64(k), progress: { progress?(k, $0, $1) }))
            input = layers[k].hiddenProbabilities(input)
        }
        return errors
    }

    /// The top layer's hidden probabilities for `data`.
    @_specialize(where Scalar == Float)
    public func features(_ data: Matrix<Scalar>) -> Matrix<Scalar> {
        layers.reduce(data) { $1.hiddenProbabilities($0) }
    }

    /// W₁, W₂, …: each `n_in × n_out`.
    public var weights: [Matrix<Scalar>] { layers.map(\.weights) }
    /// c₁, c₂, …: each `1 × n_out`.
    public var hiddenBiases: [Matrix<Scalar>] { layers.map(\.hiddenBias) }
    /// `[W₁, c₁, W₂, c₂, …]`, ready to replace the first `2·layers.count` parameters of
    /// an MLP whose hidden sizes match.
    public var parameters: [Matrix<Scalar>] { layers.flatMap { [$0.weights, $0.hiddenBias] } }
}
