/// Claims on replicated runs, which hold only when the 95 % interval says so:
///
///     expect("dropout raises test accuracy", withDropout, greaterThan: without)
///     expect("Adam reaches 85 %", adam, atLeast: 0.85)
///     expect("the two initializations end alike", he, closeTo: xavier, tolerance: 0.005)
///
/// Two replicates are compared seed by seed: the claim holds when the 95 % interval of
/// the paired differences lies entirely on the claimed side of 0 (or, for `closeTo`,
/// inside ± tolerance). Pairing removes what both runs of a seed share (the same
/// initial weights and minibatches when the seed sets them), so the interval measures
/// the effect and not the seed-to-seed spread. Against a constant, the interval of the
/// mean must lie on the claimed side. A claim needs at least two seeds, and fails when
/// a seed gave NaN or ∞.

// MARK: - Against a constant

/// Holds when the 95 % interval of the mean lies above `bound`.
@discardableResult
public func expect(
    _ claim: String, _ value: Replicates<Double>, greaterThan bound: Double,
    file: String = #filePath, line: Int = #line
) -> Bool {
    compare(claim, value, ">", "above", bound, holds: { $0.lower > bound }, file: file, line: line)
}

/// Holds when the 95 % interval of the mean lies below `bound`.
@discardableResult
public func expect(
    _ claim: String, _ value: Replicates<Double>, lessThan bound: Double,
    file: String = #filePath, line: Int = #line
) -> Bool {
    compare(claim, value, "<", "below", bound, holds: { $0.upper < bound }, file: file, line: line)
}

/// Holds when the 95 % interval of the mean lies at or above `bound`.
@discardableResult
public func expect(
    _ claim: String, _ value: Replicates<Double>, atLeast bound: Double,
    file: String = #filePath, line: Int = #line
) -> Bool {
    compare(claim, value, "≥", "at or above", bound, holds: { $0.lower >= bound }, file: file, line: line)
}

/// Holds when the 95 % interval of the mean lies at or below `bound`.
@discardableResult
public func expect(
    _ claim: String, _ value: Replicates<Double>, atMost bound: Double,
    file: String = #filePath, line: Int = #line
) -> Bool {
    compare(claim, value, "≤", "at or below", bound, holds: { $0.upper <= bound }, file: file, line: line)
}

/// Holds when the 95 % interval of the mean lies within [low, high].
@discardableResult
public func expect(
    _ claim: String, _ value: Replicates<Double>, between low: Double, and high: Double,
    file: String = #filePath, line: Int = #line
) -> Bool {
    if let problem = unusable(value) { return record(claim, false, problem, file: file, line: line, seeds: value.count) }
    let i = value.interval
    let passed = low <= i.lower && i.upper <= high
    let detail =
        passed
        ? "\(show(low)) ≤ \(NumberFormat.plusMinus(i)) ≤ \(show(high)), \(value.count) seeds"
        : "got \(NumberFormat.plusMinus(i)): interval \(i) does not lie within [\(show(low)), \(show(high))], \(value.count) seeds"
    return record(claim, passed, detail, file: file, line: line, seeds: value.count)
}

/// Holds when the 95 % interval of the mean lies within `target ± tolerance`.
@discardableResult
public func expect(
    _ claim: String, _ value: Replicates<Double>, closeTo target: Double, tolerance: Double,
    file: String = #filePath, line: Int = #line
) -> Bool {
    if let problem = unusable(value) { return record(claim, false, problem, file: file, line: line, seeds: value.count) }
    let i = value.interval
    let passed = target - tolerance <= i.lower && i.upper <= target + tolerance
    let detail =
        passed
        ? "\(NumberFormat.plusMinus(i)) ≈ \(show(target)): interval \(i) within ± \(show(tolerance)), \(value.count) seeds"
        : "got \(NumberFormat.plusMinus(i)): interval \(i) does not lie within \(show(target)) ± \(show(tolerance)), \(value.count) seeds"
    return record(claim, passed, detail, file: file, line: line, seeds: value.count)
}

// MARK: - Paired by seed

/// Holds when the 95 % interval of the seed-by-seed differences `value − other` lies
/// above 0. Both must have run on the same seeds.
@discardableResult
public func expect(
    _ claim: String, _ value: Replicates<Double>, greaterThan other: Replicates<Double>,
    file: String = #filePath, line: Int = #line
) -> Bool {
    comparePaired(claim, value, other, ">", "above 0", holds: { $0.lower > 0 }, file: file, line: line)
}

/// Holds when the 95 % interval of the seed-by-seed differences `value − other` lies
/// below 0. Both must have run on the same seeds.
@discardableResult
public func expect(
    _ claim: String, _ value: Replicates<Double>, lessThan other: Replicates<Double>,
    file: String = #filePath, line: Int = #line
) -> Bool {
    comparePaired(claim, value, other, "<", "below 0", holds: { $0.upper < 0 }, file: file, line: line)
}

/// Holds when the 95 % interval of the seed-by-seed differences `value − other` lies
/// within ± tolerance: the two agree to within `tolerance`, seed by seed. Both must
/// have run on the same seeds.
@discardableResult
public func expect(
    _ claim: String, _ value: Replicates<Double>, closeTo other: Replicates<Double>,
    tolerance: Double, file: String = #filePath, line: Int = #line
) -> Bool {
    comparePaired(
        claim, value, other, "≈", "within ± \(show(tolerance))",
        holds: { -tolerance <= $0.lower && $0.upper <= tolerance }, file: file, line: line)
}

// MARK: - Details

/// Why no interval claim on `r` can hold, if so.
private func unusable(_ r: Replicates<Double>) -> String? {
    let bad = zip(r.seeds, r.values).filter { !$0.1.isFinite }
    if !bad.isEmpty {
        return bad.map { "seed \($0.0) gave \(NumberFormat.significant($0.1))" }.joined(separator: ", ")
    }
    if r.count < 2 {
        return "got \(NumberFormat.significant(r.mean)) from 1 seed: an interval needs at least 2 seeds"
    }
    return nil
}

/// `0.8912 ± 0.0021 > 0.85, 5 seeds`, or `got 0.8912 ± 0.0100: interval [0.8812, 0.9012]
/// does not lie above 0.885, 5 seeds`.
private func compare(
    _ claim: String, _ value: Replicates<Double>, _ relation: String, _ side: String,
    _ bound: Double, holds: (ConfidenceInterval) -> Bool, file: String, line: Int
) -> Bool {
    if let problem = unusable(value) { return record(claim, false, problem, file: file, line: line, seeds: value.count) }
    let i = value.interval
    let passed = holds(i)
    let detail =
        passed
        ? "\(NumberFormat.plusMinus(i)) \(relation) \(show(bound)), \(value.count) seeds"
        : "got \(NumberFormat.plusMinus(i)): interval \(i) does not lie \(side) \(show(bound)), \(value.count) seeds"
    return record(claim, passed, detail, file: file, line: line, seeds: value.count)
}

/// `0.8912 ± 0.0021 > 0.8840 ± 0.0030; difference 0.0072 ∈ [0.0041, 0.0103], 5 seeds`,
/// or `got 0.8912 ± 0.0021 and 0.8840 ± 0.0030; difference 0.0072 ∈ [-0.0011, 0.0155]
/// does not lie above 0, 5 seeds`.
private func comparePaired(
    _ claim: String, _ value: Replicates<Double>, _ other: Replicates<Double>,
    _ relation: String, _ side: String, holds: (ConfidenceInterval) -> Bool,
    file: String, line: Int
) -> Bool {
    let differences: Replicates<Double>
    switch value.paired(with: other) {
    case .success(let d): differences = d
    case .failure(let mismatch):
        return record(claim, false, "cannot compare: \(mismatch.message)", file: file, line: line, seeds: value.count)
    }
    if let problem = unusable(value) ?? unusable(other) {
        return record(claim, false, problem, file: file, line: line, seeds: value.count)
    }
    let a = value.interval, b = other.interval, d = differences.interval
    let places = NumberFormat.places(forHalfWidths: [a.halfWidth, b.halfWidth, d.halfWidth])
    let passed = holds(d)
    let sides = "\(NumberFormat.plusMinus(a, places: places)) \(passed ? relation : "and") \(NumberFormat.plusMinus(b, places: places))"
    let range = "[\(NumberFormat.show(d.lower, places: places)), \(NumberFormat.show(d.upper, places: places))]"
    let difference = "difference \(NumberFormat.show(d.mean, places: places)) ∈ \(range)"
    let detail =
        passed
        ? "\(sides); \(difference), \(value.count) seeds"
        : "got \(sides); \(difference) does not lie \(side), \(value.count) seeds"
    return record(claim, passed, detail, file: file, line: line, seeds: value.count)
}
