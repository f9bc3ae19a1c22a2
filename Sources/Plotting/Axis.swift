import Foundation

/// How values map to positions along an axis.
public enum AxisScale: Sendable, Equatable {
    /// Equal differences take equal room.
    case linear
    /// Equal ratios take equal room (base 10); only values > 0 can be shown.
    case log
}

/// One axis of a chart: its label, scale and limits.
public struct Axis: Sendable, Equatable {
    /// Text under the x axis or beside the y axis.
    public var label: String?
    public var scale: AxisScale
    /// Fixed limits; `nil` picks them from the data, widened to nice numbers.
    public var limits: ClosedRange<Double>?
    /// Light lines across the plot at every labelled tick.
    public var grid: Bool

    public init(
        label: String? = nil, scale: AxisScale = .linear,
        limits: ClosedRange<Double>? = nil, grid: Bool = true
    ) {
        self.label = label
        self.scale = scale
        self.limits = limits
        self.grid = grid
    }
}

/// A resolved axis: limits fixed, ticks chosen, ready to map values to pixels.
struct AxisLayout {
    var scale: AxisScale
    var lower: Double
    var upper: Double
    var ticks: [Tick]
    var minorTicks: [Double]

    /// Fraction of the way from `lower` to `upper` (0…1 inside the limits).
    func fraction(_ v: Double) -> Double {
        switch scale {
        case .linear: return (v - lower) / (upper - lower)
        case .log: return (log10(v) - log10(lower)) / (log10(upper) - log10(lower))
        }
    }

    func contains(_ v: Double) -> Bool {
        let eps = (scale == .log ? 1e-9 * lower : 1e-9 * (upper - lower))
        return v >= lower - eps && v <= upper + eps
    }

    /// Resolves limits and ticks from the data's finite extent (`nil` when there is none)
    /// and the caller's fixed limits. `padding` widens automatic limits by that fraction
    /// of the range before rounding to nice numbers (scatter points off the frame);
    /// `nice` rounds automatic limits outwards to tick values.
    static func resolve(
        axis: Axis, dataLower: Double?, dataUpper: Double?, name: String,
        figure: String, padding: Double = 0, nice: Bool = true,
        maxTicks: Int = 7, integers: Bool = false
    ) throws -> AxisLayout {
        // Integer data (epochs, updates) gets no ticks between whole numbers.
        let minStep = integers ? 1.0 : 0
        var lo: Double, hi: Double
        if let limits = axis.limits {
            lo = limits.lowerBound
            hi = limits.upperBound
            if !lo.isFinite || !hi.isFinite || lo >= hi || !(hi - lo).isFinite || hi - lo < 1e-200
                || abs(lo) > 1e300 || abs(hi) > 1e300 || (axis.scale == .log && lo < 1e-300)
            {
                throw PlotError.invalidLimits(figure: figure, axis: name, lower: lo, upper: hi)
            }
            return AxisLayout.make(scale: axis.scale, lower: lo, upper: hi, maxTicks: maxTicks, minStep: minStep)
        }
        lo = dataLower ?? (axis.scale == .log ? 1 : 0)
        hi = dataUpper ?? (axis.scale == .log ? 10 : 1)
        if !(hi - lo).isFinite || abs(lo) > 1e300 || abs(hi) > 1e300 {
            // Past ±1e300 the padded, rounded limits would overflow.
            throw PlotError.invalidLimits(figure: figure, axis: name, lower: lo, upper: hi)
        }
        switch axis.scale {
        case .linear:
            if hi - lo < 1e-200 {
                // Ranges this small are rounding noise (and their ticks would underflow).
                let centre = (lo + hi) / 2
                let pad = max(abs(centre) * 0.1, 1e-200)
                lo = centre - pad
                hi = centre + pad
            } else if hi - lo <= abs(hi) * 1e-12 {
                // A zero range: show the value in the middle of a small, nice range.
                let pad = lo == 0 ? 1 : abs(lo) * 0.1
                lo -= pad
                hi += pad
            } else if padding > 0 {
                let pad = (hi - lo) * padding
                lo -= pad
                hi += pad
            }
            if nice {
                // Round outwards to the largest multiple of the tick step ≤ lo and the
                // smallest ≥ hi (forgiving rounding noise, so 0 stays 0), or to a finer
                // step when that would waste more than a quarter of the plot.
                let range = hi - lo
                func rounded(_ step: Double) -> (Double, Double) {
                    ((lo / step + 1e-9).rounded(.down) * step, (hi / step - 1e-9).rounded(.up) * step)
                }
                let coarse = rounded(Ticks.niceStep(max(minStep, range / Double(max(2, maxTicks - 2)))))
                if coarse.1 - coarse.0 <= range * 1.25 {
                    (lo, hi) = coarse
                } else {
                    (lo, hi) = rounded(Ticks.niceStep(max(minStep, range / Double(max(4, 2 * maxTicks)))))
                }
            }
        case .log:
            lo = max(lo, 1e-300)
            hi = max(hi, lo)
            if hi / lo < 1 + 1e-12 {
                lo /= 10.0.squareRoot()
                hi *= 10.0.squareRoot()
            } else if padding > 0 {
                let f = pow(hi / lo, padding)
                lo /= f
                hi *= f
            }
            if nice {
                lo = Ticks.niceLogFloor(lo)
                hi = Ticks.niceLogCeil(hi)
            }
        }
        return AxisLayout.make(scale: axis.scale, lower: lo, upper: hi, maxTicks: maxTicks, minStep: minStep)
    }

    static func make(
        scale: AxisScale, lower: Double, upper: Double, maxTicks: Int,
        minStep: Double = 0
    ) -> AxisLayout {
        switch scale {
        case .linear:
            let ticks = Ticks.linear(lower, upper, maxTicks: maxTicks, minStep: minStep)
            return AxisLayout(scale: scale, lower: lower, upper: upper, ticks: ticks, minorTicks: [])
        case .log:
            let (major, minor) = Ticks.log(lower, upper, maxTicks: maxTicks)
            return AxisLayout(scale: scale, lower: lower, upper: upper, ticks: major, minorTicks: minor)
        }
    }
}

/// A tick: where it sits and what it says.
struct Tick: Equatable {
    var value: Double
    var label: String
}
