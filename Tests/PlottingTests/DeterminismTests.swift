import Foundation
import Testing

@testable import Plotting

@Suite struct DeterminismTests {
    @Test func sameInputSameBytes() throws {
        for (name, figure) in Gallery.figures() {
            let a = try figure.svg(), b = try figure.svg()
            let c = try Gallery.figures().first { $0.name == name }!.figure.svg()
            #expect(a == b && a == c, "\(name) is not deterministic")
        }
    }

    @Test func idsDifferBetweenFiguresAndCanBeSet() throws {
        var a = LineChart(title: "A")
        a.add(series: "s", y: [1.0, 2])
        var b = LineChart(title: "B")
        b.add(series: "s", y: [1.0, 2])
        let ida = try ParsedSVG(try a.svg()).ids.first
        let idb = try ParsedSVG(try b.svg()).ids.first
        #expect(ida != nil && ida != idb)
        a.id = "fig 3.1"
        let doc = try ParsedSVG(try a.svg())
        #expect(doc.attribute(doc.root, "id") == "fig31")
        #expect(doc.elements("clipPath").allSatisfy { (doc.attribute($0, "id") ?? "").hasPrefix("fig31-") })
        // A page can number its figures instead.
        let numbered = try ParsedSVG(try a.svg(id: "fig-2-3"))
        #expect(numbered.ids.allSatisfy { $0.hasPrefix("fig-2-3") })
    }

    @Test func allIdsInAGalleryPageAreUnique() throws {
        var seen = Set<String>()
        for (_, figure) in Gallery.figures() {
            let svg = try figure.svg()
            for id in try ParsedSVG(svg).ids {
                #expect(seen.insert(id).inserted, "duplicate id \(id)")
            }
        }
    }
}

@Suite struct SizeTests {
    @Test func twoThousandPointCurveIsCompact() throws {
        var chart = LineChart(title: "Loss", xLabel: "update", yLabel: "loss", yScale: .log)
        var state: UInt64 = 7
        let ys = (0..<2000).map { i -> Double in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let noise = Double(state >> 11) / Double(1 << 53)
            return 2.3 * exp(-Double(i) / 500) + 0.05 + 0.05 * noise
        }
        chart.add(series: "SGD", y: ys)
        let svg = try chart.svg()
        #expect(svg.utf8.count < 40_000, "2000 points took \(svg.utf8.count) bytes")
        _ = try ParsedSVG(svg)
    }
}
