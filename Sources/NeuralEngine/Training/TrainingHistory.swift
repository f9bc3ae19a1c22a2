/// Loss and accuracy of a network on one set at one moment.
public struct Score: Sendable, Equatable {
    public var loss: Double
    public var accuracy: Double
}

/// Scores at one evaluation, after `update` updates (0: before training).
public struct Evaluation: Sendable, Equatable {
    public var update: Int
    /// Updates so far in epochs (an epoch is one pass over the training set's size).
    public var epoch: Double
    public var train: Score
    public var validation: Score?
    public var test: Score?
}

/// What a training run recorded: the minibatch loss of every update, and the
/// scores of every evaluation.
public struct TrainingHistory: Sendable, Equatable {
    /// `losses[u]` is the minibatch loss (with penalty) at update u, before that update.
    public var losses: [Double] = []
    public var evaluations: [Evaluation] = []

    public init() {}

    public var trainAccuracies: [Double] { evaluations.map(\.train.accuracy) }
    public var validationAccuracies: [Double] { evaluations.compactMap { $0.validation?.accuracy } }
    public var testAccuracies: [Double] { evaluations.compactMap { $0.test?.accuracy } }
    /// Update counts at which the evaluations happened (x axis of accuracy curves).
    public var evaluationUpdates: [Int] { evaluations.map(\.update) }
}

/// The outcome of `Trainer.train`.
public struct TrainingResult: Sendable {
    public var history: TrainingHistory
    /// Updates actually performed.
    public var updates: Int
    /// True when a loss became NaN or infinite; training stopped there.
    public var diverged: Bool
    /// The update whose loss was not finite, when `diverged`.
    public var divergedAtUpdate: Int?
    /// Wall-clock seconds of the updates (minibatch gathering, backpropagation,
    /// optimizer), evaluations excluded. A timing: it differs from run to run,
    /// unlike everything else here.
    public var seconds: Double
    /// Wall-clock seconds spent in evaluations.
    public var evaluationSeconds: Double

    /// The last minibatch loss, NaN when nothing ran.
    public var finalLoss: Double { history.losses.last ?? .nan }
    public var finalEvaluation: Evaluation? { history.evaluations.last }
}
