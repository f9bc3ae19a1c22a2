import Foundation
import Testing

@testable import Plotting

@Suite struct ContourPlotTests {
    @Test func marchingSquaresTracesACircle() {
        let xs = stride(from: -2.0, through: 2.0, by: 0.05).map { $0 }
        let values = xs.map { y in xs.map { x in x * x + y * y } }
        let lines = MarchingSquares.contours(x: xs, y: xs, values: values, level: 1)
        #expect(lines.count == 1, "one closed line, joined from its segments")
        let line = lines[0]
        #expect(line.count > 50)
        for (x, y) in line { #expect(abs((x * x + y * y).squareRoot() - 1) < 0.01) }
        #expect(abs(line.first!.0 - line.last!.0) < 1e-9 && abs(line.first!.1 - line.last!.1) < 1e-9, "closed")
    }

    @Test func levelsOutsideTheRangeGiveNoLines() {
        let xs = [0.0, 1, 2]
        let values = xs.map { y in xs.map { x in x + y } }
        #expect(MarchingSquares.contours(x: xs, y: xs, values: values, level: 10).isEmpty)
    }

    @Test func nanCellsAreSkipped() {
        let xs = [0.0, 1, 2]
        var values = xs.map { y in xs.map { x in x + y } }
        values[1][1] = .nan
        #expect(MarchingSquares.contours(x: xs, y: xs, values: values, level: 2).isEmpty)
    }

    @Test func optimizerPathHasMarkersAndDistinctEnds() throws {
        var plot = ContourPlot(title: "SGD", x: -10...10, y: -5...5) { x, y in x * x / 20 + y * y }
        let path = Gallery.optimizerPath("SGD")
        plot.add(path: "SGD", x: path.x, y: path.y)
        plot.mark(x: 0, y: 0, label: "minimum")
        let doc = try ParsedSVG(try plot.svg())
        let paths = doc.elements("path")
        // A marker at every one of the 31 positions.
        #expect(paths.contains { (doc.attribute($0, "d") ?? "").components(separatedBy: "h0").count - 1 == 31 })
        // Start: a ring (arcs); end: a square cap.
        #expect(paths.contains { (doc.attribute($0, "d") ?? "").contains("a") && doc.attribute($0, "fill") == "none" })
        #expect(paths.contains { doc.attribute($0, "stroke-linecap") == "square" })
        for t in ["SGD", "start", "end", "minimum"] { #expect(doc.texts.contains(t)) }
        // Contour levels: at least ten lines.
        #expect(try plot.levelValues().count >= 10)
        let desc = try #require(doc.elements("desc").first?.stringValue)
        #expect(desc.contains("from (−7, 2)"))
    }

    @Test func labelledLevelsWriteTheirValues() throws {
        var plot = ContourPlot(x: -1...1, y: -1...1) { x, y in x * x + y * y }
        plot.levels = .values([0.25, 0.5])
        plot.levelStyle = .labelled
        let texts = try ParsedSVG(try plot.svg()).texts
        #expect(texts.contains("0.25") && texts.contains("0.5"))
    }

    @Test func geometricLevelsAreRoundedRatios() throws {
        var plot = ContourPlot(x: 0...1, y: 0...1) { x, y in pow(10, 3 * x) + y }
        plot.levels = .geometric(5)
        let levels = try plot.levelValues()
        #expect(levels.count == 5)
        #expect(zip(levels, levels.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func badGridsThrow() {
        let bad = ContourPlot(gridX: [0, 1], gridY: [0, 1], values: [[0, 1]])
        #expect(throws: PlotError.self) { try bad.svg() }
        let nan = ContourPlot(gridX: [0, 1], gridY: [0, 1], values: [[.nan, .nan], [.nan, .nan]])
        #expect(throws: PlotError.self) { try nan.svg() }
        var path = ContourPlot(x: 0...1, y: 0...1) { x, y in x + y }
        path.add(path: "p", x: [0.0, 1], y: [0.0])
        #expect(throws: PlotError.self) { try path.svg() }
    }
}
