import Testing

@testable import Plotting

@Suite struct ScatterPlotTests {
    @Test func oneColourPerClass() throws {
        var plot = ScatterPlot(title: "Blobs")
        plot.add(
            x: [0.0, 1, 2, 3, 4, 5], y: [0.0, 1, 0, 1, 0, 1], labels: [2, 0, 2, 0, 1, 1],
            classNames: ["a", "b", "c"])
        #expect(plot.groups.map(\.name) == ["a", "b", "c"])
        #expect(plot.groups.map(\.x.count) == [2, 2, 2])
        let doc = try ParsedSVG(try plot.svg())
        let colours = doc.elements("path").compactMap { doc.attribute($0, "stroke") }
        for c in Palette.light[0..<3] { #expect(colours.contains(c)) }
        #expect(doc.texts.contains("a") && doc.texts.contains("c"))
    }

    @Test func pointsAreDotsInOnePathPerClass() throws {
        var plot = ScatterPlot()
        plot.add(series: "s", x: (0..<500).map(Double.init), y: (0..<500).map { Double($0 % 7) })
        let doc = try ParsedSVG(try plot.svg())
        let dots = doc.elements("path").filter { (doc.attribute($0, "d") ?? "").contains("h0") }
        #expect(dots.count == 1)
        let d = doc.attribute(dots[0], "d") ?? ""
        #expect(d.components(separatedBy: "h0").count - 1 == 500)
    }

    @Test func unnamedClassesGetNumbers() {
        var plot = ScatterPlot()
        plot.add(x: [0.0, 1], y: [0.0, 1], labels: [0, 3])
        #expect(plot.groups.map(\.name) == ["class 0", "class 3"])
    }

    @Test func nanPointsAreSkipped() throws {
        var plot = ScatterPlot()
        plot.add(series: "s", x: [0.0, .nan, 2, 3], y: [0.0, 1, .infinity, 3])
        let doc = try ParsedSVG(try plot.svg())
        let dots = doc.elements("path").filter { (doc.attribute($0, "d") ?? "").contains("h0") }
        #expect(dots.count == 1)
        // Of four points only the two with finite coordinates are drawn.
        #expect((doc.attribute(dots[0], "d") ?? "").components(separatedBy: "h0").count - 1 == 2)
    }
}
