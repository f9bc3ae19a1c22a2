import Testing

@testable import Plotting

/// Bad data gives a clear error or a sensible figure, never a trap.
@Suite struct BadInputTests {
    @Test func emptyFigure() {
        expectPlotError(.noData(figure: "line chart \"Empty\"")) { _ = try LineChart(title: "Empty").svg() }
        expectPlotError(.noData(figure: "scatter plot")) { _ = try ScatterPlot().svg() }
        expectPlotError(.noData(figure: "histogram")) { _ = try Histogram().svg() }
    }

    @Test func emptySeries() {
        var chart = LineChart()
        chart.add(series: "a", x: [Double](), y: [Double]())
        expectPlotError(.emptySeries(figure: "line chart", series: "a")) { _ = try chart.svg() }
        var hist = Histogram()
        hist.add(series: "h", values: [Double]())
        expectPlotError(.emptySeries(figure: "histogram", series: "h")) { _ = try hist.svg() }
    }

    @Test func mismatchedLengths() {
        var chart = LineChart()
        chart.add(series: "a", x: [1.0, 2, 3], y: [1.0, 2])
        expectPlotError(.mismatchedLengths(figure: "line chart", series: "a", x: 3, y: 2)) { _ = try chart.svg() }
        var plot = ScatterPlot()
        plot.add(series: "s", x: [1.0], y: [1.0, 2])
        expectPlotError(.mismatchedLengths(figure: "scatter plot", series: "s", x: 1, y: 2)) { _ = try plot.svg() }
        var labelled = ScatterPlot()
        labelled.add(x: [1.0, 2], y: [1.0, 2], labels: [0])
        #expect(throws: PlotError.self) { try labelled.svg() }
    }

    @Test func allNaN() {
        var chart = LineChart()
        chart.add(series: "a", y: [Double.nan, .nan])
        expectPlotError(.noFiniteValues(figure: "line chart", series: "a")) { _ = try chart.svg() }
        var hist = Histogram()
        hist.add(series: "h", values: [Float.nan, .infinity])
        expectPlotError(.noFiniteValues(figure: "histogram", series: "h")) { _ = try hist.svg() }
    }

    @Test func nonPositiveOnLogAxis() {
        var chart = LineChart(yScale: .log)
        chart.add(series: "loss", y: [1.0, 0.5, 0])
        expectPlotError(.nonPositiveOnLogAxis(figure: "line chart", axis: "y", series: "loss", value: 0)) {
            _ = try chart.svg()
        }
        var bad = LineChart(yScale: .log, yLimits: -1...1)
        bad.add(series: "a", y: [1.0, 2])
        expectPlotError(.invalidLimits(figure: "line chart", axis: "y", lower: -1, upper: 1)) { _ = try bad.svg() }
    }

    @Test func invalidLimitsAndBins() {
        var chart = LineChart(xLimits: 1...1)
        chart.add(series: "a", y: [1.0, 2])
        expectPlotError(.invalidLimits(figure: "line chart", axis: "x", lower: 1, upper: 1)) { _ = try chart.svg() }
        var hist = Histogram(bins: 0)
        hist.add(values: [1.0])
        #expect(throws: PlotError.self) { try hist.svg() }
    }

    @Test func zeroRangeGivesAFigure() throws {
        var chart = LineChart()
        chart.add(series: "flat", y: [2.0, 2, 2])
        _ = try ParsedSVG(try chart.svg())
        var single = LineChart()
        single.add(series: "one", x: [5.0], y: [5.0])
        _ = try ParsedSVG(try single.svg())
        var hist = Histogram()
        hist.add(values: [3.0, 3, 3])
        _ = try ParsedSVG(try hist.svg())
        var plot = ScatterPlot(yScale: .log)
        plot.add(series: "p", x: [1.0], y: [1.0])
        _ = try ParsedSVG(try plot.svg())
    }

    @Test func errorsReadWell() {
        let e = PlotError.mismatchedLengths(figure: "line chart \"Loss\"", series: "SGD", x: 3, y: 2)
        #expect(e.description == "line chart \"Loss\": series \"SGD\" has 3 x values but 2 y values")
    }

    @Test func hugeAndTinyValuesStayValid() throws {
        var chart = LineChart()
        chart.add(series: "a", y: [1e300, -1e300, 1e-300])
        _ = try ParsedSVG(try chart.svg())
        var tiny = LineChart()
        tiny.add(series: "b", y: [1e-9, 2e-9, 3e-9])
        let texts = try ParsedSVG(try tiny.svg()).texts
        #expect(texts.contains { $0.contains("e-9") })
    }
}
