import Testing

@testable import Plotting

@Suite struct HistogramTests {
    @Test func countsFallInTheirBins() throws {
        var hist = Histogram(bins: 4, range: 0...1)
        hist.add(values: [0.0, 0.1, 0.3, 0.55, 0.6, 0.99, 1.0, 1.5, -0.2, .nan])
        let (range, heights, dropped) = try hist.heights()
        #expect(range == 0...1)
        #expect(heights == [[2, 1, 2, 2]])  // 1.0 belongs to the last bin
        #expect(dropped == 3)
        #expect(hist.summary().contains("3 values outside"))
    }

    @Test func normalizations() throws {
        var fraction = Histogram(bins: 2, range: 0...2, normalization: .fraction)
        fraction.add(values: [0.5, 1.5, 1.6, 1.7])
        #expect(try fraction.heights().heights == [[0.25, 0.75]])
        var density = Histogram(bins: 2, range: 0...2, normalization: .density)
        density.add(values: [0.5, 1.5, 1.6, 1.7])
        let d = try density.heights().heights[0]
        #expect(abs(d.reduce(0, +) * 1.0 - 1) < 1e-12)  // bin width 1: areas sum to 1
    }

    @Test func axisSpansTheFixedRangeAndStartsAtZero() throws {
        var hist = Histogram(xLabel: "activation", bins: 10, range: 0...1)
        hist.add(values: [0.2, 0.4, 0.4])
        let texts = try ParsedSVG(try hist.svg()).texts
        #expect(texts.contains("0") && texts.contains("1.0") && texts.contains("activation"))
        #expect(texts.contains("count"))
        #expect(!texts.contains { $0.hasPrefix("\u{2212}") }, "no negative ticks: \(texts)")
    }

    @Test func overlaidSeriesHaveALegend() throws {
        var hist = Histogram(bins: 10)
        hist.add(series: "L1", values: [0.0, 0.1, 0.1, 0.2])
        hist.add(series: "L2", values: [-0.3, 0.0, 0.3])
        let doc = try ParsedSVG(try hist.svg())
        #expect(doc.texts.contains("L1") && doc.texts.contains("L2"))
        #expect(doc.elements("path").contains { doc.attribute($0, "fill-opacity") == ".45" })
    }
}
