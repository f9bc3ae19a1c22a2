import NotebookProtocol

/// Claims a chapter makes, checked by its experiment. A failed expectation is marked on
/// the page and fails `tutorial check`, but the chapter goes on. Each returns whether it
/// held.
///
///     expect("softmax sums to 1", sum, closeTo: 1, tolerance: 1e-6)
///     expect("He ends below Xavier", heLoss, lessThan: xavierLoss)
///     expect("every unit is identical", units.allSatisfy { $0 == units[0] })

@discardableResult
public func expect(
    _ claim: String, _ condition: Bool, _ detail: @autoclosure () -> String? = nil,
    file: String = #filePath, line: Int = #line
) -> Bool {
    record(claim, condition, condition ? nil : detail(), file: file, line: line)
}

/// Holds when `value < bound`.
@discardableResult
public func expect<T: Comparable>(
    _ claim: String, _ value: T, lessThan bound: T,
    file: String = #filePath, line: Int = #line
) -> Bool {
    compare(claim, value < bound, value, "<", bound, file: file, line: line)
}

/// Holds when `value <= bound`.
@discardableResult
public func expect<T: Comparable>(
    _ claim: String, _ value: T, atMost bound: T,
    file: String = #filePath, line: Int = #line
) -> Bool {
    compare(claim, value <= bound, value, "≤", bound, file: file, line: line)
}

/// Holds when `value > bound`.
@discardableResult
public func expect<T: Comparable>(
    _ claim: String, _ value: T, greaterThan bound: T,
    file: String = #filePath, line: Int = #line
) -> Bool {
    compare(claim, value > bound, value, ">", bound, file: file, line: line)
}

/// Holds when `value >= bound`.
@discardableResult
public func expect<T: Comparable>(
    _ claim: String, _ value: T, atLeast bound: T,
    file: String = #filePath, line: Int = #line
) -> Bool {
    compare(claim, value >= bound, value, "≥", bound, file: file, line: line)
}

/// Holds when `low <= value <= high`.
@discardableResult
public func expect<T: Comparable>(
    _ claim: String, _ value: T, between low: T, and high: T,
    file: String = #filePath, line: Int = #line
) -> Bool {
    let passed = low <= value && value <= high
    return record(
        claim, passed,
        passed
            ? "\(show(low)) ≤ \(show(value)) ≤ \(show(high))"
            : "got \(show(value)), expected between \(show(low)) and \(show(high))", file: file, line: line)
}

/// Holds when `|value − target| ≤ tolerance` (an absolute tolerance; NaN never holds).
@discardableResult
public func expect<T: BinaryFloatingPoint>(
    _ claim: String, _ value: T, closeTo target: T,
    tolerance: T, file: String = #filePath,
    line: Int = #line
) -> Bool {
    let difference = abs(value - target)
    let passed = difference <= tolerance
    return record(
        claim, passed,
        passed
            ? "\(show(value)) ≈ \(show(target)), |Δ| = \(show(difference)) ≤ \(show(tolerance))"
            : "got \(show(value)), expected \(show(target)) ± \(show(tolerance)), |Δ| = \(show(difference))",
        file: file, line: line)
}

/// Holds when `value == expected`.
@discardableResult
public func expect<T: Equatable>(
    _ claim: String, _ value: T, equals expected: T,
    file: String = #filePath, line: Int = #line
) -> Bool {
    let passed = value == expected
    return record(
        claim, passed, passed ? "= \(show(expected))" : "got \(show(value)), expected \(show(expected))",
        file: file, line: line)
}

/// `6 < 5` when it holds; `got 6, expected < 5` when it does not.
private func compare(
    _ claim: String, _ passed: Bool, _ value: Any, _ relation: String, _ bound: Any,
    file: String, line: Int
) -> Bool {
    record(
        claim, passed,
        passed
            ? "\(show(value)) \(relation) \(show(bound))"
            : "got \(show(value)), expected \(relation) \(show(bound))", file: file, line: line)
}

func show(_ value: Any) -> String { NumberFormat.describe(value).text }

func record(_ claim: String, _ passed: Bool, _ detail: String?, file: String, line: Int, seeds: Int = 1) -> Bool {
    Channel.shared.send(
        .expectation(
            ExpectationOutcome(
                claim: claim, passed: passed, detail: detail,
                file: file, line: line, seeds: seeds)))
    return passed
}
