import Foundation
import Testing

@testable import Plotting

/// Whole SVG documents compared byte for byte with files under Fixtures/. A change in
/// output shows up here first; when it is intended, regenerate the files with
/// `PLOTTING_UPDATE_GOLDEN=1 swift test --filter PlottingTests.GoldenFileTests`
/// and look at the new figures before committing them.
@Suite struct GoldenFileTests {
    static let figures: [(name: String, figure: any Figure)] = {
        var line = LineChart(
            title: "Loss", xLabel: "epoch", yLabel: "loss", yScale: .log, width: 400, height: 260,
            id: "golden-line")
        line.add(series: "train", x: [1, 2, 3, 4, 5], y: [2.3, 0.9, 0.4, 0.2, 0.12], marker: .circle)
        line.add(series: "test", x: [1, 2, 3, 4, 5], y: [2.3, 1.1, 0.7, 0.6, 0.62], dashed: true)

        var band = LineChart(
            title: "Loss over 5 seeds", xLabel: "update", yLabel: "loss", width: 400, height: 260,
            id: "golden-band")
        band.add(
            series: "SGD", x: [0, 100, 200, 300, 400], y: [2.3, 1.2, 0.8, 0.62, 0.55],
            lower: [2.25, 1.05, 0.7, 0.55, 0.47], upper: [2.35, 1.35, 0.9, 0.69, 0.63],
            band: "95 % interval of the mean, 5 seeds")
        band.add(
            series: "Adam", x: [0, 100, 200, 300, 400], y: [2.3, 0.7, 0.45, 0.38, 0.35],
            lower: [2.26, 0.62, 0.41, 0.35, 0.31], upper: [2.34, 0.78, 0.49, 0.41, 0.39],
            band: "95 % interval of the mean, 5 seeds")

        var hist = Histogram(
            title: "Activations", xLabel: "value", bins: 8, range: 0...1, width: 360, height: 240,
            id: "golden-hist")
        hist.add(values: [0.05, 0.1, 0.12, 0.3, 0.45, 0.5, 0.52, 0.55, 0.7, 0.95, 0.97])

        var contour = ContourPlot(
            title: "Momentum", x: -10...10, y: -5...5, resolution: 31, width: 400, height: 280,
            id: "golden-contour"
        ) { x, y in x * x / 20 + y * y }
        let path = Gallery.optimizerPath("Momentum")
        contour.add(path: "Momentum", x: Array(path.x.prefix(12)), y: Array(path.y.prefix(12)))
        contour.levels = .count(6)

        var bars = BarChart(
            title: "Accuracy", categories: ["SGD", "Adam"], showValues: true, width: 360, height: 240,
            id: "golden-bars")
        bars.add(series: "train", values: [0.9, 0.97])
        bars.add(series: "test", values: [0.86, 0.9])

        let confusion = HeatMap.confusionMatrix(
            [[9, 1, 0], [2, 7, 1], [0, 3, 7]], classNames: ["cat", "dog", "고양이"],
            id: "golden-confusion")
        return [
            ("line-log", line), ("line-band", band), ("histogram", hist), ("contour-path", contour), ("bars", bars),
            ("confusion", confusion),
        ]
    }()

    @Test(arguments: GoldenFileTests.figures.map(\.name))
    func matchesFixture(name: String) throws {
        let figure = try #require(Self.figures.first { $0.name == name }).figure
        let svg = try figure.svg()
        if ProcessInfo.processInfo.environment["PLOTTING_UPDATE_GOLDEN"] == "1" {
            let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
            try svg.write(to: dir.appendingPathComponent("\(name).svg"), atomically: true, encoding: .utf8)
            return
        }
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "svg", subdirectory: "Fixtures"),
            "missing Fixtures/\(name).svg; generate it with PLOTTING_UPDATE_GOLDEN=1")
        let expected = try String(contentsOf: url, encoding: .utf8)
        if svg != expected {
            let a = Array(svg.utf8), b = Array(expected.utf8)
            let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            let context = { (x: [UInt8]) in String(decoding: x[max(0, i - 40)..<min(x.count, i + 40)], as: UTF8.self) }
            let message =
                "Fixtures/\(name).svg differs at byte \(i): got …\(context(a))… expected …\(context(b))…; "
                + "if intended, regenerate (see GoldenFileTests)"
            Issue.record(Comment(rawValue: message))
        }
        _ = try ParsedSVG(svg)
    }
}
