// The six optimizers of the book, in order of increasing complexity.
//
// Each follows the formulas of *Deep Learning from Scratch* (DLFS), chapter 6, with
// ε = 1e-7 where a square root divides. Per-parameter state (velocity v, accumulated
// squares h, moments m and v) is kept by position in the parameter list and starts at
// zero on the first update. `g` is the gradient, `η` the learning rate.
//
// Each writes its formula once, for one element, as a closure given to
// `updateElementwise` (Optimizer+State.swift), the loop they all share.

/// Plain stochastic gradient descent: `W ← W − η·g`.
public struct SGD<Scalar: MatrixScalar>: Optimizer {
    public var learningRate: Double

    public init(learningRate: Double = 0.01) {
        self.learningRate = learningRate
    }

    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func update(_ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>]) {
        let lr = Scalar(learningRate)
        updateElementwise(&parameters, gradients: gradients, optimizer: "SGD") { w, g in
            w -= lr * g
        }
    }
}

/// Momentum: a velocity that accumulates past gradients, like a ball rolling downhill.
///
///     v ← μ·v − η·g
///     W ← W + v
///
/// On a constant gradient the step approaches `η·g / (1 − μ)`.
public struct Momentum<Scalar: MatrixScalar>: Optimizer {
    public var learningRate: Double
    /// μ, the fraction of the velocity kept from one update to the next.
    public var momentum: Double
    /// v, one matrix per parameter.
    public var velocities: [Matrix<Scalar>] = []

    public init(learningRate: Double = 0.01, momentum: Double = 0.9) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    /// Forgets the velocities, as if no update had happened.
    public mutating func reset() { velocities = [] }

    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func update(_ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>]) {
        let lr = Scalar(learningRate), mu = Scalar(momentum)
        updateElementwise(&parameters, gradients: gradients, state: &velocities, optimizer: "Momentum") { w, g, v in
            v = mu * v - lr * g
            w += v
        }
    }
}

/// Nesterov's accelerated gradient, in the form that needs no look-ahead evaluation
/// (Bengio et al. 2012), as EXPERIMENTS.md states it:
///
///     W ← W + μ²·v − (1 + μ)·η·g
///     v ← μ·v − η·g
///
/// The weight step uses the velocity from before this update. (The DLFS repository's
/// code updates `v` first and then uses the new one; the expansion of Nesterov's
/// update, `−μ·v_old + (1 + μ)·v_new`, is the order used here.)
public struct Nesterov<Scalar: MatrixScalar>: Optimizer {
    public var learningRate: Double
    /// μ, the fraction of the velocity kept from one update to the next.
    public var momentum: Double
    /// v, one matrix per parameter.
    public var velocities: [Matrix<Scalar>] = []

    public init(learningRate: Double = 0.01, momentum: Double = 0.9) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    /// Forgets the velocities, as if no update had happened.
    public mutating func reset() { velocities = [] }

    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func update(_ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>]) {
        let lr = Scalar(learningRate), mu = Scalar(momentum)
        let muSquared = mu * mu, gradientScale = (1 + mu) * lr
        updateElementwise(&parameters, gradients: gradients, state: &velocities, optimizer: "Nesterov") { w, g, v in
            w += muSquared * v - gradientScale * g
            v = mu * v - lr * g
        }
    }
}

/// AdaGrad: each weight's step shrinks with the squares of all its past gradients.
///
///     h ← h + g²
///     W ← W − η·g / (√h + 1e-7)
///
/// Since h only grows, the effective step falls like 1/√t and learning stalls.
public struct AdaGrad<Scalar: MatrixScalar>: Optimizer {
    public var learningRate: Double
    /// h, the running sum of squared gradients, one matrix per parameter.
    public var squaredGradientSums: [Matrix<Scalar>] = []

    public init(learningRate: Double = 0.01) {
        self.learningRate = learningRate
    }

    /// Forgets the accumulated squares, as if no update had happened.
    public mutating func reset() { squaredGradientSums = [] }

    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func update(_ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>]) {
        let lr = Scalar(learningRate), eps = Scalar(1e-7)
        updateElementwise(&parameters, gradients: gradients, state: &squaredGradientSums, optimizer: "AdaGrad") { w, g, h in
            h += g * g
            w -= lr * g / (rootOfSquares(h) + eps)
        }
    }
}

/// RMSProp: AdaGrad with an exponentially decaying average of squared gradients, so
/// old gradients are forgotten and the step does not stall.
///
///     h ← ρ·h + (1 − ρ)·g²
///     W ← W − η·g / (√h + 1e-7)
public struct RMSProp<Scalar: MatrixScalar>: Optimizer {
    public var learningRate: Double
    /// ρ, how much of the running average is kept per update (DLFS: 0.99).
    public var decay: Double
    /// h, the running average of squared gradients, one matrix per parameter.
    public var squaredGradientAverages: [Matrix<Scalar>] = []

    public init(learningRate: Double = 0.001, decay: Double = 0.99) {
        self.learningRate = learningRate
        self.decay = decay
    }

    /// Forgets the running averages, as if no update had happened.
    public mutating func reset() { squaredGradientAverages = [] }

    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func update(_ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>]) {
        let lr = Scalar(learningRate), rho = Scalar(decay), eps = Scalar(1e-7)
        updateElementwise(&parameters, gradients: gradients, state: &squaredGradientAverages, optimizer: "RMSProp") { w, g, h in
            h = rho * h + (1 - rho) * g * g
            w -= lr * g / (rootOfSquares(h) + eps)
        }
    }
}

/// Adam: momentum on the gradient (first moment m) and RMSProp on its square (second
/// moment v), with bias correction folded into the learning rate, as in DLFS:
///
///     t ← t + 1
///     η_t = η·√(1 − β₂ᵗ) / (1 − β₁ᵗ)
///     m ← m + (1 − β₁)·(g − m)
///     v ← v + (1 − β₂)·(g² − v)
///     W ← W − η_t·m / (√v + 1e-7)
///
/// Both moments start at zero, so early on they underestimate; the correction undoes
/// that, and at t = 1 the corrected m is exactly g. With `biasCorrection` off,
/// `η_t = η` and the two biases do not cancel: v's (1 − β₂ = 0.001) is stronger than
/// m's (1 − β₁ = 0.1), so on a constant gradient the step is η·(1 − β₁ᵗ)/√(1 − β₂ᵗ),
/// already ≈ 3.16·η at t = 1 and larger for the following dozens of updates.
public struct Adam<Scalar: MatrixScalar>: Optimizer {
    public var learningRate: Double
    /// β₁, the decay of the first-moment (mean gradient) average.
    public var beta1: Double
    /// β₂, the decay of the second-moment (mean squared gradient) average.
    public var beta2: Double
    /// Whether to scale the step by √(1 − β₂ᵗ)/(1 − β₁ᵗ).
    public var biasCorrection: Bool
    /// t, the number of updates made so far.
    public var updateCount = 0
    /// m, one matrix per parameter.
    public var firstMoments: [Matrix<Scalar>] = []
    /// v, one matrix per parameter.
    public var secondMoments: [Matrix<Scalar>] = []

    public init(
        learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
        biasCorrection: Bool = true
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.biasCorrection = biasCorrection
    }

    /// Forgets the moments and the update count, as if no update had happened.
    public mutating func reset() {
        updateCount = 0
        firstMoments = []
        secondMoments = []
    }

    /// η_t for the next update: `η·√(1 − β₂ᵗ) / (1 − β₁ᵗ)`, or η without correction.
    public var nextEffectiveLearningRate: Double {
        guard biasCorrection else { return learningRate }
        let t = Double(updateCount + 1)
        return learningRate * (1 - Double.pow(beta2, t)).squareRoot() / (1 - Double.pow(beta1, t))
    }

    @inlinable
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func update(_ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>]) {
        let lrT = Scalar(nextEffectiveLearningRate)
        updateCount += 1
        let a1 = Scalar(1 - beta1), a2 = Scalar(1 - beta2), eps = Scalar(1e-7)
        updateElementwise(
            &parameters, gradients: gradients, state: &firstMoments, &secondMoments,
            optimizer: "Adam"
        ) { w, g, m, v in
            m += a1 * (g - m)
            v += a2 * (g * g - v)
            w -= lrT * m / (rootOfSquares(v) + eps)
        }
    }
}
