import Testing

@testable import Plotting

@Suite struct BarChartTests {
    @Test func categoriesValuesAndLegend() throws {
        var bars = BarChart(title: "Accuracy", categories: ["SGD", "Adam"], yLabel: "accuracy", showValues: true)
        bars.add(series: "train", values: [0.9, 0.95])
        bars.add(series: "test", values: [0.85, 0.88])
        let doc = try ParsedSVG(try bars.svg())
        for t in ["SGD", "Adam", "train", "test", "0.9", "0.95", "0.85", "0.88", "accuracy"] {
            #expect(doc.texts.contains(t), "missing \(t)")
        }
        // Two bars per series in one path each: two closed subpaths.
        let filled = doc.elements("path").filter { doc.attribute($0, "fill") == Palette.light[0] }
        #expect(filled.contains { (doc.attribute($0, "d") ?? "").filter { $0 == "z" }.count == 2 })
    }

    @Test func barsStartAtZero() throws {
        var bars = BarChart(categories: ["a", "b"])
        bars.add(series: "v", values: [5.0, 7.0])
        let extent = try #require(try bars.dataExtent())
        #expect(extent.y?.lowerBound == 0)
    }

    @Test func negativeValuesGoDown() throws {
        var bars = BarChart(categories: ["a", "b"])
        bars.add(series: "v", values: [-2.0, 3.0])
        let extent = try #require(try bars.dataExtent())
        #expect(extent.y == -2...3)
        _ = try ParsedSVG(try bars.svg())
    }

    @Test func longCategoryNamesAreRotated() throws {
        let names = (0..<10).map { "a rather long category \($0)" }
        var bars = BarChart(categories: names)
        bars.add(series: "v", values: (0..<10).map(Double.init))
        let doc = try ParsedSVG(try bars.svg())
        #expect(doc.elements("text").contains { (doc.attribute($0, "transform") ?? "").contains("rotate(-35") })
    }

    @Test func badInput() {
        var none = BarChart(categories: [])
        none.add(series: "v", values: [Double]())
        #expect(throws: PlotError.self) { try none.svg() }
        var short = BarChart(categories: ["a", "b", "c"])
        short.add(series: "v", values: [1.0])
        expectPlotError(.mismatchedLengths(figure: "bar chart", series: "v", x: 3, y: 1)) { _ = try short.svg() }
    }
}
