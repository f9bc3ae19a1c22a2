/// A confidence interval for the mean of a few values, by Student's t:
///
///     mean ± t(1 − α/2, n − 1) · s / √n,   s² = Σ(xᵢ − mean)² / (n − 1)
///
/// Read "95 % interval" as: if the experiment were repeated with fresh seeds, intervals
/// made this way would contain the true mean (the one infinitely many seeds would give)
/// 95 times in 100. It assumes the values vary like independent draws from a roughly
/// normal distribution; with 3 to 10 seeds the t factor (4.30 for 3, 2.78 for 5, 2.26
/// for 10) widens the interval to pay for estimating s from so few.
///
/// With fewer than two values there is no estimate of the spread: the half-width is
/// infinite and no claim resting on the interval can hold.
public struct ConfidenceInterval: Sendable, Equatable, CustomStringConvertible {
    /// The mean of the values: the interval's centre.
    public var mean: Double
    /// Half the interval's width: `upper − mean`.
    public var halfWidth: Double
    /// The confidence level, e.g. 0.95.
    public var level: Double
    /// How many values the interval rests on.
    public var count: Int

    public var lower: Double { mean - halfWidth }
    public var upper: Double { mean + halfWidth }

    /// The interval of the mean of `values` at `level` (0 < level < 1).
    public init(values: [Double], level: Double = 0.95) {
        precondition(level > 0 && level < 1, "ConfidenceInterval: level must lie strictly between 0 and 1, got \(level)")
        self.level = level
        count = values.count
        mean = values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        guard values.count >= 2 else {
            halfWidth = .infinity
            return
        }
        let s = sampleStandardDeviation(values, mean: mean)
        let t = StudentT.quantile(1 - (1 - level) / 2, degreesOfFreedom: Double(values.count - 1))
        halfWidth = t * s / Double(values.count).squareRoot()
    }

    public init(mean: Double, halfWidth: Double, level: Double, count: Int) {
        self.mean = mean
        self.halfWidth = halfWidth
        self.level = level
        self.count = count
    }

    /// Whether `lower ≤ x ≤ upper`.
    public func contains(_ x: Double) -> Bool { lower <= x && x <= upper }

    /// `[0.0041, 0.0103]`, with the places the half-width calls for.
    public var description: String {
        let places = NumberFormat.places(forHalfWidths: [halfWidth])
        return "[\(NumberFormat.show(lower, places: places)), \(NumberFormat.show(upper, places: places))]"
    }
}

/// √(Σ(xᵢ − mean)² / (n − 1)); NaN for fewer than two values.
func sampleStandardDeviation(_ values: [Double], mean: Double) -> Double {
    guard values.count >= 2 else { return .nan }
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (squares / Double(values.count - 1)).squareRoot()
}
