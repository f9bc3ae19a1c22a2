#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A learning rate that changes with the number of updates made.
///
/// `update` counts from 0 (the first update). A schedule is also a plain function:
/// `schedule(t)` calls it, and `schedule.function` is an `(Int) -> Double` closure for
/// APIs that take one.
public protocol LearningRateSchedule: Sendable {
    /// The learning rate η_t for update number `update` (0 for the first).
    func learningRate(at update: Int) -> Double
}

extension LearningRateSchedule {
    public func callAsFunction(_ update: Int) -> Double { learningRate(at: update) }

    /// This schedule as a closure.
    public var function: @Sendable (Int) -> Double { { self.learningRate(at: $0) } }
}

/// The same rate throughout: η_t = η.
public struct ConstantLearningRate: LearningRateSchedule {
    public var base: Double
    public init(_ base: Double) { self.base = base }
    public func learningRate(at update: Int) -> Double { base }
}

/// Step decay: the rate is multiplied by `factor` every `every` updates,
/// η_t = η·factorᶠˡᵒᵒʳ⁽ᵗ ᐟ ᵉᵛᵉʳʸ⁾.
public struct StepDecay: LearningRateSchedule {
    public var base: Double
    public var factor: Double
    public var every: Int

    public init(base: Double, factor: Double = 0.5, every: Int) {
        precondition(every > 0, "StepDecay: `every` must be positive, got \(every)")
        self.base = base
        self.factor = factor
        self.every = every
    }

    public func learningRate(at update: Int) -> Double {
        base * pow(factor, Double(Swift.max(update, 0) / every))
    }
}

/// Inverse-time (1/t) decay: η_t = η / (1 + k·t / steps). With `steps` = 1 this is the
/// classic η/(1 + k·t); the rate halves when k·t = steps.
public struct InverseTimeDecay: LearningRateSchedule {
    public var base: Double
    /// k, how fast the rate falls.
    public var decayRate: Double
    public var steps: Double

    public init(base: Double, decayRate: Double = 1, steps: Double = 1) {
        precondition(steps > 0, "InverseTimeDecay: `steps` must be positive, got \(steps)")
        self.base = base
        self.decayRate = decayRate
        self.steps = steps
    }

    public func learningRate(at update: Int) -> Double {
        base / (1 + decayRate * Double(Swift.max(update, 0)) / steps)
    }
}

/// Cosine decay from `base` to `minimum` over `totalUpdates` updates, then flat:
/// η_t = η_min + ½(η − η_min)(1 + cos(π·min(t, T)/T)).
public struct CosineDecay: LearningRateSchedule {
    public var base: Double
    public var totalUpdates: Int
    public var minimum: Double

    public init(base: Double, totalUpdates: Int, minimum: Double = 0) {
        precondition(totalUpdates > 0, "CosineDecay: `totalUpdates` must be positive, got \(totalUpdates)")
        self.base = base
        self.totalUpdates = totalUpdates
        self.minimum = minimum
    }

    public func learningRate(at update: Int) -> Double {
        let progress = Double(Swift.min(Swift.max(update, 0), totalUpdates)) / Double(totalUpdates)
        return minimum + 0.5 * (base - minimum) * (1 + cos(Double.pi * progress))
    }
}
