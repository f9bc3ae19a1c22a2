/// What one experiment gave with each of several seeds, in seed order: a number, a
/// curve, or a value made of several (a named tuple of train and test accuracy and a
/// loss curve), so that one training run per seed feeds several claims.
///
///     let runs = replicate(seeds: 1...5) { seed in (train: …, test: …, losses: …) }
///     let test = runs.map(\.test)          // Replicates<Double>
///     test.mean, test.interval             // 0.8912, [0.8891, 0.8933]
///
/// Made by `replicate(seeds:_:)`; statistics are on `Replicates<Double>` and, point by
/// point, on curves (`Replicates<[Double]>`).
public struct Replicates<Value> {
    /// The seeds, in the order they were given.
    public let seeds: [UInt64]
    /// `values[i]` is what seed `seeds[i]` gave.
    public let values: [Value]

    /// Values given per seed. Seeds must be distinct and as many as the values.
    public init(seeds: [UInt64], values: [Value]) {
        precondition(
            seeds.count == values.count,
            "Replicates: \(seeds.count) seeds but \(values.count) values")
        precondition(Set(seeds).count == seeds.count, "Replicates: seeds must be distinct, got \(seeds)")
        self.seeds = seeds
        self.values = values
    }

    /// How many seeds.
    public var count: Int { values.count }

    /// The value seed `seed` gave.
    public subscript(seed seed: UInt64) -> Value {
        guard let i = seeds.firstIndex(of: seed) else {
            preconditionFailure("Replicates: no seed \(seed) among \(Self.list(seeds))")
        }
        return values[i]
    }

    /// The same seeds with each value transformed: `runs.map(\.test)`,
    /// `runs.map { $0.losses.last! }`.
    public func map<T, E: Error>(_ transform: (Value) throws(E) -> T) throws(E) -> Replicates<T> {
        var out: [T] = []
        out.reserveCapacity(values.count)
        for v in values { out.append(try transform(v)) }
        return Replicates<T>(seeds: seeds, values: out)
    }

    /// `1, 2, 3, 4, 5`, shortened when long.
    static func list(_ seeds: [UInt64]) -> String {
        let shown = seeds.prefix(8).map(String.init).joined(separator: ", ")
        return seeds.count > 8 ? shown + ", … (\(seeds.count) seeds)" : shown
    }
}

extension Replicates: Sendable where Value: Sendable {}
extension Replicates: Equatable where Value: Equatable {}

// MARK: - Numbers

extension Replicates where Value == Double {
    /// The mean over seeds.
    public var mean: Double { values.reduce(0, +) / Double(count) }

    /// The sample standard deviation across seeds, √(Σ(xᵢ − mean)² / (n − 1)): how much
    /// one run differs from another. NaN for a single seed.
    public var standardDeviation: Double { sampleStandardDeviation(values, mean: mean) }

    /// The standard error of the mean, s / √n: how much the mean itself would move
    /// with other seeds.
    public var standardError: Double { standardDeviation / Double(count).squareRoot() }

    /// The 95 % interval of the mean (Student t with n − 1 degrees of freedom).
    public var interval: ConfidenceInterval { ConfidenceInterval(values: values) }

    /// The interval of the mean at another level, e.g. 0.99.
    public func interval(level: Double) -> ConfidenceInterval { ConfidenceInterval(values: values, level: level) }

    /// The half-width of the 95 % interval, the `± h` of tables and expectations.
    public var halfWidth: Double { interval.halfWidth }

    /// Paired differences, seed by seed: `(withDropout - without).interval` is the
    /// interval of the improvement. Both sides must have run on the same seeds (in any
    /// order); the result is in the left side's seed order.
    public static func - (lhs: Replicates<Double>, rhs: Replicates<Double>) -> Replicates<Double> {
        switch lhs.paired(with: rhs) {
        case .success(let d): return d
        case .failure(let mismatch): preconditionFailure("Replicates: cannot subtract: \(mismatch.message)")
        }
    }

    /// The seed-by-seed differences `self − other`, or why they cannot be formed.
    func paired(with other: Replicates<Double>) -> Result<Replicates<Double>, SeedMismatch> {
        guard Set(seeds) == Set(other.seeds) else { return .failure(SeedMismatch(left: seeds, right: other.seeds)) }
        let differences = seeds.indices.map { values[$0] - other[seed: seeds[$0]] }
        return .success(Replicates(seeds: seeds, values: differences))
    }
}

/// Two replicates that cannot be paired because they ran on different seeds.
struct SeedMismatch: Error {
    var left: [UInt64]
    var right: [UInt64]
    var message: String {
        "the two sides ran on different seeds (\(Replicates<Double>.list(left)) and \(Replicates<Double>.list(right))); a paired comparison needs the same seeds on both"
    }
}

// MARK: - Curves

extension Replicates where Value == [Double] {
    /// The longest curve's length; shorter curves (a run that stopped when it
    /// diverged) count as NaN beyond their end.
    public var length: Int { values.map(\.count).max() ?? 0 }

    /// Every curve's value at `index` (NaN for curves that end before it).
    public func at(_ index: Int) -> Replicates<Double> {
        map { index < $0.count ? $0[index] : .nan }
    }

    /// Every curve's last value.
    public var last: Replicates<Double> { map { $0.last ?? .nan } }

    /// The mean curve, point by point.
    public var mean: [Double] { intervals.map(\.mean) }

    /// The 95 % interval of the mean, point by point.
    public var intervals: [ConfidenceInterval] {
        let n = count
        let t = n >= 2 ? StudentT.quantile(0.975, degreesOfFreedom: Double(n - 1)) : .infinity
        return (0..<length).map { index in
            let column = values.map { index < $0.count ? $0[index] : .nan }
            let mean = column.reduce(0, +) / Double(n)
            let halfWidth = n >= 2 ? t * sampleStandardDeviation(column, mean: mean) / Double(n).squareRoot() : .infinity
            return ConfidenceInterval(mean: mean, halfWidth: halfWidth, level: 0.95, count: n)
        }
    }

    /// The sample standard deviation across seeds, point by point.
    public var standardDeviation: [Double] { (0..<length).map { at($0).standardDeviation } }
}

extension Replicates: CustomStringConvertible {
    /// `0.8912 ± 0.0021 (95 % interval, 5 seeds)` for numbers; the values by seed
    /// otherwise.
    public var description: String {
        if let numbers = self as? Replicates<Double> {
            let interval = numbers.interval
            guard interval.halfWidth.isFinite else {
                return "\(NumberFormat.significant(interval.mean)) (\(count) seed\(count == 1 ? "" : "s"), no interval)"
            }
            return "\(NumberFormat.plusMinus(interval)) (95 % interval, \(count) seeds)"
        }
        let pairs = zip(seeds, values).map { "\($0): \($1)" }.joined(separator: ", ")
        return "Replicates(\(pairs))"
    }
}
