import Testing

@testable import Plotting

@Suite struct TicksTests {
    @Test func niceStepsAreOneTwoFive() {
        #expect(Ticks.niceStep(0.17) == 0.2)
        #expect(Ticks.niceStep(0.2) == 0.2)
        #expect(Ticks.niceStep(3) == 5)
        #expect(Ticks.niceStep(7) == 10)
        #expect(Ticks.niceStep(1) == 1)
        #expect(Ticks.niceStep(420) == 500)
    }

    @Test func zeroToOneInFifths() {
        #expect(Ticks.linearValues(0, 1, maxTicks: 6) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        let labels = Ticks.linear(0, 1, maxTicks: 6).map(\.label)
        #expect(labels == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func valuesHaveNoRoundingNoise() {
        for v in Ticks.linearValues(0, 0.9, maxTicks: 10) {
            #expect(String(v).count <= 4, "tick \(v) carries rounding noise")
        }
    }

    @Test func negativeRangesAndLargeNumbers() {
        #expect(Ticks.linearValues(-1, 1, maxTicks: 5) == [-1, -0.5, 0, 0.5, 1])
        #expect(Ticks.linearValues(0, 2000, maxTicks: 5) == [0, 500, 1000, 1500, 2000])
        #expect(
            Ticks.linearValues(0, 50_000, maxTicks: 6).map { TickFormat.linear($0, step: 10_000) }
                == ["0", "10k", "20k", "30k", "40k", "50k"])
    }

    @Test func logTicksAtDecades() {
        let (major, minor) = Ticks.logValues(1e-4, 1)
        #expect(major.count == 5)
        for (v, e) in zip(major, [1e-4, 1e-3, 1e-2, 1e-1, 1]) { #expect(abs(v / e - 1) < 1e-12) }
        #expect(major.map(TickFormat.compact) == ["1e-4", "0.001", "0.01", "0.1", "1"])
        #expect(minor.count == 4 * 8)
    }

    @Test func narrowLogRangesGetTwosAndFives() {
        let (major, _) = Ticks.logValues(0.02, 5)
        #expect(major == [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5])
    }

    @Test func wideLogRangesSkipDecades() {
        let (major, _) = Ticks.logValues(1e-12, 1e4, maxTicks: 7)
        #expect(major.count <= 7)
        #expect(major.contains(1))
    }

    @Test func automaticLimitsAreNice() throws {
        let a = try AxisLayout.resolve(axis: Axis(), dataLower: 0.03, dataUpper: 0.97, name: "y", figure: "t")
        #expect(a.lower == 0 && a.upper == 1)
        let b = try AxisLayout.resolve(axis: Axis(), dataLower: 0, dataUpper: 1999, name: "x", figure: "t")
        #expect(b.lower == 0 && b.upper == 2000)
        let c = try AxisLayout.resolve(axis: Axis(scale: .log), dataLower: 0.023, dataUpper: 2.3, name: "y", figure: "t")
        #expect(abs(c.lower - 0.02) < 1e-12 && c.upper == 5)
    }

    @Test func zeroRangeIsPadded() throws {
        let a = try AxisLayout.resolve(axis: Axis(), dataLower: 3, dataUpper: 3, name: "y", figure: "t")
        #expect(a.lower < 3 && a.upper > 3)
        let z = try AxisLayout.resolve(axis: Axis(), dataLower: 0, dataUpper: 0, name: "y", figure: "t")
        #expect(z.lower < 0 && z.upper > 0)
        let l = try AxisLayout.resolve(axis: Axis(scale: .log), dataLower: 5, dataUpper: 5, name: "y", figure: "t")
        #expect(l.lower < 5 && l.upper > 5)
    }

    @Test func fixedLimitsAreKept() throws {
        let a = try AxisLayout.resolve(axis: Axis(limits: -1.5...3), dataLower: 0, dataUpper: 100, name: "y", figure: "t")
        #expect(a.lower == -1.5 && a.upper == 3)
        #expect(a.ticks.map(\.value).allSatisfy { $0 >= -1.5 && $0 <= 3 })
    }
}
