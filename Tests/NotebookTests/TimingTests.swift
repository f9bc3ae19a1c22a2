import Testing

@testable import Notebook

@Suite struct TimingTests {
    @Test func fastestOfRunsTheBodyAndReturnsSeconds() {
        var runs = 0
        let seconds = fastestOf(3) { runs += 1 }
        #expect(runs == 3)
        #expect(seconds >= 0 && seconds < 1)
    }
}
