/// The optimizers by the names Keras users know, each with its usual defaults.
public enum OptimizerKind: String, CaseIterable, Sendable {
    case sgd, momentum, nesterov, adagrad, rmsprop, adam

    /// Looks a name up, ignoring case and `-`, `_` or spaces ("RMSProp", "rms_prop").
    /// An unknown name throws `EngineError.unknownOptimizer`, which lists the valid ones.
    public init(name: String) throws {
        let key = name.lowercased().filter { !"-_ ".contains($0) }
        guard let kind = OptimizerKind(rawValue: key) else {
            throw EngineError.unknownOptimizer(name: name, validNames: Self.allCases.map(\.rawValue))
        }
        self = kind
    }

    /// Keras's default learning rates (SGD 0.01 with or without momentum; the adaptive
    /// methods 0.001).
    public var defaultLearningRate: Double {
        switch self {
        case .sgd, .momentum, .nesterov: return 0.01
        case .adagrad, .rmsprop, .adam: return 0.001
        }
    }

    /// A fresh optimizer of this kind with Keras's defaults where Keras has the name:
    /// RMSProp ρ = 0.9 (`keras.optimizers.RMSprop`; DLFS's 0.99 is the type's own
    /// default), Adam β₁ = 0.9, β₂ = 0.999. Keras has no "momentum" or "nesterov": it
    /// writes `SGD(momentum=0.9)` and `SGD(momentum=0.9, nesterov=True)`, and μ = 0.9
    /// is that value.
    public func make<Scalar: MatrixScalar>(
        learningRate: Double? = nil, as: Scalar.Type = Float.self
    ) -> any Optimizer<Scalar> {
        let lr = learningRate ?? defaultLearningRate
        switch self {
        case .sgd: return SGD<Scalar>(learningRate: lr)
        case .momentum: return Momentum<Scalar>(learningRate: lr)
        case .nesterov: return Nesterov<Scalar>(learningRate: lr)
        case .adagrad: return AdaGrad<Scalar>(learningRate: lr)
        case .rmsprop: return RMSProp<Scalar>(learningRate: lr, decay: 0.9)
        case .adam: return Adam<Scalar>(learningRate: lr)
        }
    }
}

/// An optimizer by name, as in Keras: `try optimizer(named: "adam")`. Names are
/// case-insensitive; the learning rate defaults to Keras's for that optimizer.
public func optimizer<Scalar: MatrixScalar>(
    named name: String, learningRate: Double? = nil, as: Scalar.Type = Float.self
) throws -> any Optimizer<Scalar> {
    try OptimizerKind(name: name).make(learningRate: learningRate, as: Scalar.self)
}
