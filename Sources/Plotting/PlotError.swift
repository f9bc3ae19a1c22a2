import Foundation

/// Everything that can go wrong when a figure is drawn. Each case names the figure,
/// series or value at fault so a chapter author can find the line to fix.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The figure was asked to draw but holds nothing to draw.
    case noData(figure: String)
    /// A series (or image, or matrix) was added with no values.
    case emptySeries(figure: String, series: String)
    /// `x` and `y` of one series differ in length.
    case mismatchedLengths(figure: String, series: String, x: Int, y: Int)
    /// Every value of a series is NaN or infinite.
    case noFiniteValues(figure: String, series: String)
    /// A log axis was given a value that is zero or negative.
    case nonPositiveOnLogAxis(figure: String, axis: String, series: String, value: Double)
    /// Limits set by the caller that cannot make an axis (lower ≥ upper, not finite,
    /// or ≤ 0 on a log axis).
    case invalidLimits(figure: String, axis: String, lower: Double, upper: Double)
    /// A parameter outside what the figure can draw (bin count 0, a grid with no cells…).
    case invalidArgument(figure: String, message: String)

    public var description: String {
        switch self {
        case let .noData(figure):
            return "\(figure): nothing to draw; add a series first"
        case let .emptySeries(figure, series):
            return "\(figure): series \"\(series)\" has no values"
        case let .mismatchedLengths(figure, series, x, y):
            return "\(figure): series \"\(series)\" has \(x) x values but \(y) y values"
        case let .noFiniteValues(figure, series):
            return "\(figure): series \"\(series)\" has no finite values (all NaN or infinite)"
        case let .nonPositiveOnLogAxis(figure, axis, series, value):
            return "\(figure): series \"\(series)\" has the value \(value) on the log \(axis) axis, "
                + "which only shows values > 0; use a linear axis or drop or clamp those values"
        case let .invalidLimits(figure, axis, lower, upper):
            return "\(figure): the \(axis) axis limits \(lower)...\(upper) cannot make an axis"
        case let .invalidArgument(figure, message):
            return "\(figure): \(message)"
        }
    }

    public var errorDescription: String? { description }
}
