extension LineChart {
    /// Adds the mean of replicated curves, point by point, with the 95 % interval of
    /// that mean as a shaded band; the legend and the figure's description say what the
    /// band is ("95 % interval of the mean, 5 seeds"). Curves that end early (a run
    /// that diverged) make the mean undefined beyond their end: the curve stops there.
    ///
    ///     chart.add(series: "SGD", replicates: runs.map(\.losses))
    public mutating func add(
        series name: String, replicates: Replicates<[Double]>, color: PlotColor? = nil,
        marker: Marker = .none, dashed: Bool? = nil, lineWidth: Double = 1.8
    ) {
        add(
            series: name, x: (0..<replicates.length).map(Double.init), replicates: replicates, color: color,
            marker: marker, dashed: dashed, lineWidth: lineWidth)
    }

    /// The same against integer x values (update or epoch numbers).
    public mutating func add(
        series name: String, x: [Int], replicates: Replicates<[Double]>,
        color: PlotColor? = nil, marker: Marker = .none, dashed: Bool? = nil,
        lineWidth: Double = 1.8
    ) {
        add(
            series: name, x: x.map(Double.init), replicates: replicates, color: color, marker: marker,
            dashed: dashed, lineWidth: lineWidth)
    }

    /// The same against x values.
    public mutating func add<X: BinaryFloatingPoint>(
        series name: String, x: [X], replicates: Replicates<[Double]>, color: PlotColor? = nil,
        marker: Marker = .none, dashed: Bool? = nil, lineWidth: Double = 1.8
    ) {
        let intervals = replicates.intervals
        let mean = intervals.map(\.mean)
        guard replicates.count >= 2 else {
            // One seed has no interval: the curve alone.
            add(series: name, x: x, y: mean, color: color, marker: marker, dashed: dashed, lineWidth: lineWidth)
            return
        }
        add(
            series: name, x: x, y: mean, lower: intervals.map(\.lower), upper: intervals.map(\.upper),
            band: "95 % interval of the mean, \(replicates.count) seeds", color: color, marker: marker,
            dashed: dashed, lineWidth: lineWidth)
    }
}
