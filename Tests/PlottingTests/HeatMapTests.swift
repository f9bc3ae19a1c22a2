import Testing

@testable import Plotting

@Suite struct HeatMapTests {
    @Test func confusionMatrixShowsCountsLabelsAndColourBar() throws {
        let map = HeatMap.confusionMatrix([[5, 1], [2, 7]], classNames: ["cat", "dog"])
        let doc = try ParsedSVG(try map.svg())
        for t in ["5", "1", "2", "7", "cat", "dog", "predicted class", "true class", "count"] {
            #expect(doc.texts.contains(t), "missing \(t)")
        }
        #expect(doc.elements("linearGradient").count == 1)
        // Four cells plus the colour bar.
        #expect(doc.elements("rect").filter { (doc.attribute($0, "fill") ?? "").hasPrefix("#") }.count == 4)
    }

    @Test func cellTextContrastsWithItsCell() throws {
        let map = HeatMap(values: [[0.0, 1.0]], showValues: true)
        let doc = try ParsedSVG(try map.svg())
        let styles = doc.elements("text").compactMap { doc.attribute($0, "style") }
        #expect(styles.contains("fill:#ffffff"))  // on viridis' dark end
        #expect(styles.contains("fill:#1a1a1a"))  // on its yellow end
    }

    @Test func divergingMapIsSymmetric() throws {
        let map = HeatMap(values: [[-0.1, 0.4]], colorMap: .blueWhiteRed)
        #expect(try map.colorLimits() == -0.4...0.4)
    }

    @Test func largeMatricesBecomeOneImage() throws {
        let values = (0..<40).map { i in (0..<100).map { j in Double(i * j) } }
        let svg = try HeatMap(values: values, squareCells: false).svg()
        let doc = try ParsedSVG(svg)
        #expect(doc.elements("image").count == 1)
        #expect(svg.utf8.count < 30_000)
    }

    @Test func badInput() {
        #expect(throws: PlotError.self) { try HeatMap(values: [[Double]]()).svg() }
        #expect(throws: PlotError.self) { try HeatMap(values: [[1.0, 2], [3.0]]).svg() }
        #expect(throws: PlotError.self) { try HeatMap(values: [[Double.nan]]).svg() }
        #expect(throws: PlotError.self) { try HeatMap(values: [[1.0]], rowLabels: ["a", "b"]).svg() }
        // A constant matrix still draws.
        #expect(throws: Never.self) { try HeatMap(values: [[2.0, 2.0]]).svg() }
    }
}
