import Testing

@testable import Plotting

@Suite struct SubplotGridTests {
    func histogramRow(sharedY: Bool) -> SubplotGrid {
        var grid = SubplotGrid(title: "Layers", rows: 1, columns: 3, sharedY: sharedY)
        for k in 1...3 {
            var h = Histogram(title: "layer \(k)", bins: 5, range: 0...1)
            h.add(values: (0..<(10 * k)).map { Double($0 % 5) / 5 + 0.1 })
            grid.add(h)
        }
        return grid
    }

    @Test func sharedYLabelsOnlyTheFirstColumn() throws {
        let shared = try ParsedSVG(try histogramRow(sharedY: true).svg())
        let independent = try ParsedSVG(try histogramRow(sharedY: false).svg())
        // Three panels with "0" on both axes each when independent; shared y keeps one y "0".
        #expect(shared.texts.filter { $0 == "0" }.count == 3 + 1)
        #expect(independent.texts.filter { $0 == "0" }.count == 3 * 2)
        #expect(shared.texts.filter { $0 == "count" }.count == 1)
        for t in ["Layers", "layer 1", "layer 2", "layer 3"] { #expect(shared.texts.contains(t)) }
    }

    @Test func sharedLimitsCoverEveryPanel() throws {
        let (_, y) = try histogramRow(sharedY: true).sharedLayouts()
        let layout = try #require(y)
        #expect(layout.lower == 0 && layout.upper >= 6)
    }

    @Test func sharedLegendIsOneRow() throws {
        var grid = SubplotGrid(rows: 2, columns: 2, sharedX: true, sharedY: true)
        for _ in 0..<4 {
            var c = LineChart()
            c.add(series: "with BN", y: [0.1, 0.5, 0.9])
            c.add(series: "without", y: [0.1, 0.2, 0.3])
            grid.add(c)
        }
        let doc = try ParsedSVG(try grid.svg())
        #expect(doc.texts.filter { $0 == "with BN" }.count == 1)
        // Clip path ids stay unique across panels.
        let ids = doc.ids
        #expect(Set(ids).count == ids.count)
        #expect(doc.elements("clipPath").count == 4)
    }

    @Test func mixedPanelsAndSize() throws {
        var grid = SubplotGrid(rows: 1, columns: 2, panelWidth: 300, panelHeight: 250)
        var images = ImageGrid(columns: 2)
        images.add(image: [Double](repeating: 0.5, count: 784), caption: "a")
        grid.add(images)
        grid.add(HeatMap(values: [[1.0, 2], [3, 4]]))
        let doc = try ParsedSVG(try grid.svg())
        #expect(doc.attribute(doc.root, "width") == "600")
        #expect(doc.elements("image").count == 1)
    }

    @Test func tooManyPanelsThrow() {
        var grid = SubplotGrid(rows: 1, columns: 1)
        var a = LineChart()
        a.add(series: "a", y: [1.0, 2])
        grid.add(a)
        grid.add(a)
        #expect(throws: PlotError.self) { try grid.svg() }
        #expect(throws: PlotError.self) { try SubplotGrid(rows: 1, columns: 1).svg() }
    }
}

@Suite struct SubplotGridPanelsTests {
    @Test func rowsFollowFromPanelsAndColumns() throws {
        var a = LineChart(title: "a")
        a.add(series: "s", y: [1.0, 2])
        let five = SubplotGrid(columns: 3, panels: Array(repeating: a, count: 5))
        #expect(five.rows == 2 && five.columns == 3 && five.panels.count == 5)
        let doc = try ParsedSVG(try five.svg())
        #expect(doc.texts.filter { $0 == "a" }.count == 5)
        #expect(SubplotGrid(columns: 2, panels: [a, a]).rows == 1)
    }
}
