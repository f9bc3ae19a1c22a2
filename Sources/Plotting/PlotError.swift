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
        case .noData(let figure):
            return "\(figure): nothing to draw; add a series first"
        case .emptySeries(let figure, let series):
            return "\(figure): series \"\(series)\" has no values"
        case .mismatchedLengths(let figure, let series, let x, let y):
            return "\(figure): series \"\(series)\" has \(x) x values but \(y) y values"
        case .noFiniteValues(let figure, let series):
            return "\(figure): series \"\(series)\" has no finite values (all NaN or infinite)"
        case .nonPositiveOnLogAxis(let figure, let axis, let series, let value):
            return "\(figure): series \"\(series)\" has the value \(value) on the log \(axis) axis, "
                + "which only shows values > 0; use a linear axis or drop or clamp those values"
        case .invalidLimits(let figure, let axis, let lower, let upper):
            return "\(figure): the \(axis) axis limits \(lower)...\(upper) cannot make an axis"
        case .invalidArgument(let figure, let message):
            return "\(figure): \(message)"
        }
    }

    public var errorDescription: String? { description }
}
