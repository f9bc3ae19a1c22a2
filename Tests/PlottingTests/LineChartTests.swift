import Foundation
import Testing

@testable import Plotting

@Suite struct LineChartTests {
    func simpleChart() -> LineChart {
        var chart = LineChart(title: "Loss", xLabel: "update", yLabel: "loss")
        chart.add(series: "SGD", x: [0.0, 0.5, 1.0], y: [1.0, 0.5, 0.25])
        chart.add(series: "Adam", x: [0.0, 0.5, 1.0], y: [0.9, 0.2, 0.05])
        return chart
    }

    @Test func isAStandaloneAccessibleSVG() throws {
        let svg = try simpleChart().svg()
        let doc = try ParsedSVG(svg)
        let root = doc.root
        #expect(root.localName == "svg")
        #expect(root.uri == "http://www.w3.org/2000/svg")
        #expect(doc.attribute(root, "viewBox") == "0 0 640 400")
        #expect(doc.attribute(root, "width") == "640")
        #expect(doc.attribute(root, "height") == "400")
        #expect(doc.attribute(root, "role") == "img")
        let id = try #require(doc.attribute(root, "id"))
        #expect(doc.attribute(root, "aria-labelledby") == "\(id)-title \(id)-desc")
        #expect(doc.elements("title").first?.stringValue == "Loss")
        #expect(doc.elements("desc").first?.stringValue?.contains("SGD") == true)
        let style = try #require(doc.elements("style").first?.stringValue)
        #expect(style.contains("prefers-color-scheme:dark"))
        #expect(style.contains("Noto Sans CJK KR"))
        #expect(style.contains("currentColor"))
    }

    @Test func drawsTitleLabelsTicksAndLegend() throws {
        let doc = try ParsedSVG(try simpleChart().svg())
        let texts = doc.texts
        for expected in ["Loss", "update", "loss", "SGD", "Adam", "0", "0.2", "0.4", "0.6", "0.8", "1.0"] {
            #expect(texts.contains(expected), "missing text \(expected)")
        }
        // One clip path for the plot area, referenced by the data group.
        let clip = try #require(doc.elements("clipPath").first)
        let clipId = try #require(doc.attribute(clip, "id"))
        #expect(doc.elements("g").contains { doc.attribute($0, "clip-path") == "url(#\(clipId))" })
        // One path per series in the palette's first two colours.
        let strokes = doc.elements("path").compactMap { doc.attribute($0, "stroke") }
        #expect(strokes.filter { $0 == Palette.light[0] }.count >= 2)  // curve + legend swatch
        #expect(strokes.contains(Palette.light[1]))
    }

    @Test func logAxisShowsDecades() throws {
        var chart = LineChart(title: "Log", yScale: .log)
        chart.add(series: "g", x: [0.0, 1, 2, 3, 4], y: [1, 0.1, 0.01, 0.001, 0.0001])
        let texts = try ParsedSVG(try chart.svg()).texts
        for expected in ["1e-4", "0.001", "0.01", "0.1", "1"] {
            #expect(texts.contains(expected), "missing tick \(expected)")
        }
    }

    @Test func nanLeavesAGap() throws {
        var chart = LineChart()
        chart.add(series: "a", x: [0.0, 1, 2, 3, 4], y: [1, 2, .nan, 3, 4])
        let doc = try ParsedSVG(try chart.svg())
        let curve = try #require(doc.elements("path").first { doc.attribute($0, "stroke-width") == "1.8" })
        let d = try #require(doc.attribute(curve, "d"))
        #expect(d.filter { $0 == "M" || $0 == "m" }.count == 2, "a gap starts a new subpath: \(d)")
    }

    @Test func isolatedPointsAreDots() throws {
        var chart = LineChart()
        chart.add(series: "a", x: [0.0, 1, 2, 3, 4], y: [1, .nan, 3, .nan, 4])
        let doc = try ParsedSVG(try chart.svg())
        #expect(
            doc.elements("path").contains {
                doc.attribute($0, "stroke-linecap") == "round"
                    && doc.attribute($0, "fill") == "none" && (doc.attribute($0, "d") ?? "").contains("h0")
            })
    }

    @Test func markersAndIntegerX() throws {
        var chart = LineChart()
        chart.add(series: "train", x: [1, 2, 3], y: [0.5, 0.7, 0.8] as [Float], marker: .diamond)
        let doc = try ParsedSVG(try chart.svg())
        let filled = doc.elements("path").filter { doc.attribute($0, "fill") == Palette.light[0] }
        #expect(!filled.isEmpty)
    }

    @Test func fixedLimitsAreRespected() throws {
        var chart = LineChart(yLimits: 0...10)
        chart.add(series: "a", y: [1.0, 2, 3])
        let texts = try ParsedSVG(try chart.svg()).texts
        #expect(texts.contains("10"))
    }

    @Test func singleUnnamedSeriesHasNoLegend() throws {
        var chart = LineChart()
        chart.add(series: "", y: [1.0, 2, 3])
        let doc = try ParsedSVG(try chart.svg())
        #expect(!doc.elements("rect").contains { doc.attribute($0, "class") == "lg" })
    }

    @Test func textIsEscaped() throws {
        var chart = LineChart(title: "<script>&", xLabel: "a \"b\"")
        chart.add(series: "x<y", y: [1.0, 2])
        chart.add(series: "y>x", y: [2.0, 1])
        let svg = try chart.svg()
        #expect(!svg.contains("<script>"))
        let doc = try ParsedSVG(svg)
        #expect(doc.texts.contains("<script>&"))
        #expect(doc.texts.contains("x<y"))
    }

    @Test func koreanTextSurvives() throws {
        var chart = LineChart(title: "손실 곡선", xLabel: "갱신 횟수")
        chart.add(series: "확률적 경사 하강법", y: [1.0, 0.5])
        chart.add(series: "Adam", y: [1.0, 0.3])
        let texts = try ParsedSVG(try chart.svg()).texts
        #expect(texts.contains("손실 곡선"))
        #expect(texts.contains("확률적 경사 하강법"))
    }

    @Test func referenceLinesAreDrawnAndKeptInView() throws {
        var chart = LineChart(yScale: .log)
        chart.add(series: "loss", y: [1.0, 0.5, 0.2])
        chart.addHorizontalLine(at: log(10), label: "ln 10")
        chart.addVerticalLine(at: 1, label: "step")
        let extent = try #require(try chart.dataExtent())
        #expect(extent.y?.upperBound == log(10))
        let doc = try ParsedSVG(try chart.svg())
        #expect(doc.texts.contains("ln 10") && doc.texts.contains("step"))
        #expect(doc.elements("path").contains { doc.attribute($0, "stroke-dasharray") == "4 3" })
    }
}
