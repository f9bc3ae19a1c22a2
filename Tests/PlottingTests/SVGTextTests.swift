import Testing

@testable import Plotting

@Suite struct SVGTextTests {
    @Test func escapesMarkupAndDropsControlCharacters() {
        #expect(SVG.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
        #expect(SVG.escape("bell\u{07}") == "bell")
        #expect(SVG.escape("손실 loss") == "손실 loss")
    }

    @Test func numbersRoundToTenths() {
        #expect(SVG.num(12) == "12")
        #expect(SVG.num(12.25) == "12.3")
        #expect(SVG.num(-0.04) == "0")
        #expect(SVG.num(-3.46) == "-3.5")
        #expect(SVG.num(.nan) == "0")
    }

    @Test func pathsAreRelativeAndCompact() {
        var p = PathBuilder()
        p.move(10, 10)
        p.line(20, 10)
        p.line(20, 5)
        p.line(21.5, 5.5)
        p.line(21.5, 5.5)  // no movement: dropped
        p.line(22, 6)
        #expect(p.data == "M10 10h10v-5l1.5.5.5.5")
    }

    @Test func gapsStartRelativeMoves() {
        var p = PathBuilder()
        p.move(0, 0)
        p.line(1, 1)
        p.move(5, 5)
        p.line(6, 5)
        #expect(p.data == "M0 0l1 1m4 4h1")
    }
}
