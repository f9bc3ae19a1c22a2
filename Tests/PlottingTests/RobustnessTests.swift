import Foundation
import Testing

@testable import Plotting

/// Awkward numbers thrown at every kind: each figure either draws valid XML or throws
/// a `PlotError`; nothing traps.
@Suite struct RobustnessTests {
    static let awkward: [Double] = [
        0, -0.0, 1, -1, .nan, .infinity, -.infinity, 1e-320, 1e-300, 1e300,
        -1e300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0.1, 3, 1e15,
    ]

    func check(_ figure: any Figure, _ note: String) {
        do {
            _ = try ParsedSVG(try figure.svg())
        } catch is PlotError {
        } catch {
            Issue.record("\(note): \(error)")
        }
    }

    @Test func randomAwkwardData() {
        var rng = SplitMix64(seed: 11)
        func pick(_ n: Int) -> [Double] {
            (0..<n).map { _ in
                rng.uniform() < 0.5 ? Self.awkward[Int(rng.uniform() * Double(Self.awkward.count))] : rng.normal() * 10
            }
        }
        for trial in 0..<150 {
            let n = Int(rng.uniform() * 6)
            let xs = pick(n), ys = pick(n)
            let scale: AxisScale = rng.uniform() < 0.3 ? .log : .linear
            var line = LineChart(xScale: rng.uniform() < 0.2 ? .log : .linear, yScale: scale)
            line.add(series: "a", x: xs, y: ys, marker: .diamond)
            if rng.uniform() < 0.5 { line.addHorizontalLine(at: pick(1)[0], label: "ref") }
            check(line, "line \(trial) \(xs) \(ys)")

            var scatter = ScatterPlot(yScale: scale)
            scatter.add(series: "s", x: xs, y: ys)
            check(scatter, "scatter \(trial)")

            var hist = Histogram(bins: Int(rng.uniform() * 5))
            hist.add(values: ys)
            check(hist, "histogram \(trial)")

            var bars = BarChart(categories: (0..<n).map { "c\($0)" }, yScale: scale, showValues: true)
            bars.add(series: "b", values: ys)
            check(bars, "bars \(trial)")

            if n >= 2 {
                let grid = (0..<n).map { _ in pick(n) }
                check(HeatMap(values: grid, showValues: true), "heat map \(trial)")
                var contour = ContourPlot(gridX: xs, gridY: ys, values: grid)
                contour.add(path: "p", x: xs, y: ys)
                check(contour, "contour \(trial)")
            }
            var images = ImageGrid(columns: 2, imageWidth: 2, imageHeight: 2)
            images.add(image: pick(4), caption: "i")
            check(images, "images \(trial)")
        }
    }

    @Test func degenerateSizesAndParameters() {
        var line = LineChart(width: .nan, height: 10)
        line.add(series: "a", y: [1.0, 2])
        check(line, "nan width")
        var tiny = LineChart(width: 40, height: 40)
        tiny.add(series: "a", y: [1.0, 2])
        tiny.add(series: "b", y: [2.0, 1])
        check(tiny, "tiny figure")
        var contour = ContourPlot(x: 0...1, y: 0...1, resolution: 1) { _, _ in 1 }
        contour.levels = .count(0)
        check(contour, "constant function")
        var grid = SubplotGrid(rows: 0, columns: 3)
        grid.add(line)
        check(grid, "no rows")
        let images = ImageGrid(columns: 0)
        check(images, "no columns")
    }
}
