import Testing

@testable import Plotting

@Suite struct TickFormatTests {
    @Test func compactLabels() {
        #expect(TickFormat.compact(1e-4) == "1e-4")
        #expect(TickFormat.compact(2.5e-5) == "2.5e-5")
        #expect(TickFormat.compact(0.001) == "0.001")
        #expect(TickFormat.compact(0.5) == "0.5")
        #expect(TickFormat.compact(1) == "1")
        #expect(TickFormat.compact(2000) == "2000")
        #expect(TickFormat.compact(10_000) == "10k")
        #expect(TickFormat.compact(1_500_000) == "1.5M")
        #expect(TickFormat.compact(1e9) == "1e9")
        #expect(TickFormat.compact(-0.2) == "\u{2212}0.2")
        #expect(TickFormat.compact(0) == "0")
    }

    @Test func linearLabelsShareDecimals() {
        #expect(TickFormat.linear(0.5, step: 0.5) == "0.5")
        #expect(TickFormat.linear(1, step: 0.5) == "1.0")
        #expect(TickFormat.linear(1500, step: 500) == "1500")
        #expect(TickFormat.linear(25_000, step: 5000) == "25k")
        #expect(TickFormat.linear(2.5e-4, step: 5e-5) == "2.5e-4")
        #expect(TickFormat.linear(-2, step: 1) == "\u{2212}2")
        #expect(TickFormat.linear(1e-17, step: 0.1) == "0")
    }
}
