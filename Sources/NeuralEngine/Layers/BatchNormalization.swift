/// Batch normalization (Ioffe & Szegedy 2015), in the form of DLFS.
///
/// Training, per feature j over the batch: `μ = mean x`, `σ² = mean (x − μ)²`,
/// `x̂ = (x − μ)/sqrt(σ² + ε)`, `y = γ·x̂ + β` with ε = 1e-6 (DLFS's `10e-7`).
/// Running statistics follow `running = m·running + (1 − m)·batch` with momentum
/// m = 0.9, starting from zeros as in DLFS; test mode normalises with them
/// instead of the batch's. γ (start 1) and β (start 0) are learned, not weights.
public struct BatchNormalization<Scalar: MatrixScalar>: Layer {
    public let features: Int
    public var momentum: Scalar
    public let epsilon: Scalar
    /// Running mean and variance, used in test mode (`1 × features`).
    public var runningMean: Matrix<Scalar>
    public var runningVariance: Matrix<Scalar>
    @usableFromInline var centred = Matrix<Scalar>(rows: 0, cols: 0)
    @usableFromInline var normalized = Matrix<Scalar>(rows: 0, cols: 0)
    @usableFromInline var std = Matrix<Scalar>(rows: 0, cols: 0)

    public init(features: Int, momentum: Scalar = 0.9, epsilon: Scalar = 1e-6) {
        precondition(features > 0, "BatchNormalization needs a positive feature count, got \(features)")
        self.features = features
        self.momentum = momentum
        self.epsilon = epsilon
        runningMean = Matrix(rows: 1, cols: features)
        runningVariance = Matrix(rows: 1, cols: features)
    }

    public var name: String { "BatchNorm(\(features))" }

    public func initialParameters(random: inout SeededRandom) -> [LearnedValue<Scalar>] {
        [LearnedValue(name: "gamma", value: Matrix(rows: 1, cols: features, repeating: 1), isWeight: false),
         LearnedValue(name: "beta", value: Matrix(rows: 1, cols: features), isWeight: false)]
    }

    @_specialize(where Scalar == Float)
    public mutating func forward(_ x: Matrix<Scalar>, parameters: [Matrix<Scalar>], first: Int,
                                 training: Bool, random: inout SeededRandom) -> Matrix<Scalar> {
        precondition(x.cols == features, "BatchNorm(\(features)) got input \(x.rows)×\(x.cols)")
        let gamma = parameters[first], beta = parameters[first + 1]
        if training {
            precondition(x.rows > 0, "BatchNorm needs a non-empty batch in training mode")
            let mean = x.meanRows()
            centred = x - mean
            let variance = centred.squared().meanRows()
            std = variance.mapped { [epsilon] in ($0 + epsilon).squareRoot() }
            normalized = centred / std
            runningMean = runningMean * momentum + mean * (1 - momentum)
            runningVariance = runningVariance * momentum + variance * (1 - momentum)
        } else {
            let testStd = runningVariance.mapped { [epsilon] in ($0 + epsilon).squareRoot() }
            normalized = (x - runningMean) / testStd
        }
        var y = normalized * gamma
        y += beta
        return y
    }

    /// The DLFS backward pass through the mean and the variance:
    /// `∂x̂ = γ·dy`, `∂x_c = ∂x̂/σ + (2/N)·x_c·∂σ²`, `∂x = ∂x_c − mean(∂x_c)`,
    /// with `∂σ² = −½ Σ(∂x̂·x_c)/σ³`.
    @_specialize(where Scalar == Float)
    public mutating func backward(_ dy: Matrix<Scalar>, parameters: [Matrix<Scalar>], gradients: inout [Matrix<Scalar>],
                                  first: Int, needsInputGradient: Bool) -> Matrix<Scalar> {
        let gamma = parameters[first]
        let n = Scalar(dy.rows)
        gradients[first + 1] = dy.sumRows()
        gradients[first] = (normalized * dy).sumRows()
        let dNormalized = dy * gamma
        var dCentred = dNormalized / std
        let dStd = -((dNormalized * centred) / (std * std)).sumRows()
        let dVariance = dStd.zip(std) { d, s in d / (2 * s) }
        dCentred += centred * dVariance * (2 / n)
        let dMean = dCentred.sumRows()
        return dCentred - dMean / n
    }
}
