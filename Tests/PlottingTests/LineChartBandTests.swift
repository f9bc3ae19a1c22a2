import Foundation
import Testing

@testable import Plotting

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct LineChartBandTests {
    static let wording = "95 % interval of the mean, 5 seeds"

    func chart() -> LineChart {
        var chart = LineChart(title: "Loss", xLabel: "update", yLabel: "loss")
        chart.add(
            series: "SGD", x: [0, 1, 2, 3], y: [1.0, 0.6, 0.4, 0.3],
            lower: [0.9, 0.5, 0.35, 0.2], upper: [1.1, 0.7, 0.45, 0.4], band: Self.wording)
        chart.add(series: "Adam", x: [0, 1, 2, 3], y: [1.0, 0.3, 0.2, 0.15])
        return chart
    }

    func bands(_ doc: ParsedSVG) -> [XMLElement] {
        doc.elements("path").filter { doc.attribute($0, "fill-opacity") == ".2" }
    }

    @Test func drawsAShadedOutlineUnderItsCurve() throws {
        let svg = try chart().svg()
        let doc = try ParsedSVG(svg)
        let band = try #require(bands(doc).first)
        #expect(doc.attribute(band, "fill") == Palette.light[0])
        let d = try #require(doc.attribute(band, "d"))
        #expect(d.hasPrefix("M") && d.hasSuffix("z"))
        // The band comes before the curves, so every curve is drawn over it.
        let curve = try #require(svg.range(of: "stroke-width=\"1.8\""))
        #expect(try #require(svg.range(of: "fill-opacity=\".2\" stroke=\"none\"")).lowerBound < curve.lowerBound)
    }

    @Test func legendAndDescriptionSayWhatTheBandIs() throws {
        let doc = try ParsedSVG(try chart().svg())
        #expect(doc.texts.contains("shaded: " + Self.wording))
        #expect(doc.texts.contains("SGD") && doc.texts.contains("Adam"))
        let description = try #require(doc.elements("desc").first?.stringValue)
        #expect(description == "Line chart with 2 series (SGD, Adam); shaded band around SGD: \(Self.wording); x: update; y: loss.")
    }

    @Test func aSingleCurveWithABandStillHasALegend() throws {
        var chart = LineChart()
        chart.add(series: "mean", y: [1.0, 2, 3], lower: [0.5, 1.5, 2.5], upper: [1.5, 2.5, 3.5], band: "range")
        let doc = try ParsedSVG(try chart.svg())
        #expect(doc.texts.contains("shaded: range"))
        #expect(doc.elements("desc").first?.stringValue == "Line chart with 1 series (mean); shaded band: range.")
    }

    @Test func gapsSplitTheBandAndItStaysInView() throws {
        var chart = LineChart()
        chart.add(series: "a", y: [1.0, 2, 3, 4, 5], lower: [0, 1, .nan, 3, 4], upper: [2, 3, 4, 5, 9], band: "b")
        let extent = try #require(try chart.dataExtent())
        #expect(extent.y == 0...9)
        let doc = try ParsedSVG(try chart.svg())
        let d = try #require(bands(doc).first.flatMap { doc.attribute($0, "d") })
        #expect(d.filter { $0 == "z" }.count == 2, "two stretches: \(d)")
    }

    @Test func onALogAxisBoundsBelowZeroReachTheBottom() throws {
        var chart = LineChart(yScale: .log)
        chart.add(series: "loss", y: [1.0, 0.1, 0.01], lower: [0.5, -0.2, 0.005], upper: [2, 0.3, 0.02], band: "b")
        let extent = try #require(try chart.dataExtent())
        #expect(extent.y == 0.005...2)
        let doc = try ParsedSVG(try chart.svg())
        #expect(bands(doc).count == 1)
    }

    @Test func boundsOfTheWrongLengthAreAnError() {
        var chart = LineChart(title: "T")
        chart.add(series: "s", y: [1.0, 2, 3], lower: [0.0, 1], upper: [2.0, 3, 4], band: "b")
        expectPlotError(
            .invalidArgument(
                figure: "line chart \"T\"",
                message: "the band of series \"s\" has 2 lower and 3 upper values for 3 points")
        ) {
            _ = try chart.svg()
        }
    }
}
