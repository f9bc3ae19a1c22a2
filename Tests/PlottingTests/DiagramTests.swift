import Foundation
import Testing

@testable import Plotting

@Suite struct DiagramTests {
    /// x → Affine → Loss, with a parameter above the affine node.
    func smallGraph() -> Diagram {
        var graph = Diagram(title: "A graph")
        let x = graph.node("X", column: 0, row: 1, shape: .plain)
        let affine = graph.node("Affine", column: 1, row: 1)
        let w = graph.node("W", column: 1, row: 0, shape: .plain)
        let loss = graph.node("Loss", column: 2, row: 1, shape: .circle)
        graph.connect(x, affine, forward: "X")
        graph.connect(w, affine, backward: "∂L/∂W")
        graph.connect(affine, loss, forward: "Z", backward: "∂L/∂Z")
        return graph
    }

    @Test func drawsNodesArrowsAndLabels() throws {
        let svg = try smallGraph().svg()
        let doc = try ParsedSVG(svg)
        #expect(doc.texts == ["A graph", "X", "Affine", "W", "Loss", "X", "Z", "∂L/∂W", "∂L/∂Z"])
        #expect(doc.elements("rect").count == 1)
        #expect(doc.elements("circle").count == 1)
        // Three forward arrows and two backward ones, each a shaft and a head.
        #expect(doc.elements("path").count == 10)
        let dashed = doc.elements("path").filter { doc.attribute($0, "stroke-dasharray") != nil }
        #expect(dashed.count == 2)
        // Backward labels are grouped so the figure's style colours them.
        let groups = doc.elements("g").filter { doc.attribute($0, "class") == "bw" }
        #expect(groups.count == 1 && groups[0].children?.count == 2)
        #expect(svg.contains(" .bw text{fill:#D55E00}"))
    }

    @Test func labelsSitOnOppositeSidesOfAPair() throws {
        let doc = try ParsedSVG(try smallGraph().svg())
        let texts = doc.elements("text")
        func y(_ label: String) -> Double? {
            texts.first { $0.stringValue == label && doc.attribute($0, "text-anchor") == "middle" && $0 !== texts[0] }
                .flatMap { doc.attribute($0, "y") }.flatMap(Double.init)
        }
        // "Z" (forward) above the pair of arrows, "∂L/∂Z" (backward) below it.
        let forward = try #require(y("Z")), backward = try #require(y("∂L/∂Z"))
        #expect(forward < backward)
        // The vertical arrow's backward label stands to one side of it, not centred.
        let side = try #require(texts.first { $0.stringValue == "∂L/∂W" })
        #expect(doc.attribute(side, "text-anchor") != "middle")
    }

    @Test func sizeFollowsTheContent() throws {
        let graph = smallGraph()
        var wider = graph
        wider.columnSpacing *= 2
        #expect(wider.width > graph.width + 200)
        #expect(graph.height > 0 && graph.height < 250)
        let doc = try ParsedSVG(try graph.svg())
        #expect(doc.attribute(doc.root, "width") == SVG.num(graph.width))
    }

    @Test func labelsAreEscaped() throws {
        var graph = Diagram()
        let a = graph.node("<a>", column: 0, row: 0)
        let b = graph.node("b & c", column: 1, row: 0)
        graph.connect(a, b, forward: "\"x\" < y")
        let svg = try graph.svg()
        #expect(!svg.contains("<a>") && svg.contains("&lt;a&gt;") && svg.contains("b &amp; c"))
        #expect(try ParsedSVG(svg).texts.contains("\"x\" < y"))
    }

    @Test func badInputNamesTheProblem() {
        #expect(throws: PlotError.noData(figure: "diagram")) { try Diagram().svg() }
        var dangling = Diagram()
        let a = dangling.node("a", column: 0, row: 0)
        dangling.connect(a, 3)
        #expect(
            throws: PlotError.invalidArgument(
                figure: "diagram", message: "arrow 0 joins nodes 0 and 3, but there are 1 nodes (0..<1)")
        ) { try dangling.svg() }
        var stacked = Diagram()
        let p = stacked.node("p", column: 1, row: 1), q = stacked.node("q", column: 1, row: 1)
        stacked.connect(p, q)
        #expect(throws: PlotError.self) { try stacked.svg() }
        var nowhere = Diagram()
        nowhere.node("n", column: .nan, row: 0)
        #expect(throws: PlotError.self) { try nowhere.svg() }
    }

    @Test func sameGraphSameDocument() throws {
        #expect(try smallGraph().svg() == smallGraph().svg())
    }
}
