import Foundation
import NotebookProtocol
import Testing

@testable import Notebook

extension ChannelTests {
    /// Claims on replicates: what holds, and what the page says. Expected intervals come
    /// from `pairedIntervals` (SciPy), formatted by hand.
    @Suite struct ReplicateExpectTests {
        static let seeds: [UInt64] = [1, 2, 3, 4, 5]
        static let a = Replicates(seeds: seeds, values: [0.892, 0.8914, 0.8904, 0.8863, 0.8899])
        static let b = Replicates(seeds: seeds, values: [0.8881, 0.8814, 0.883, 0.8746, 0.88])
        // Three seeds whose difference is inside the noise: [-0.0024, 0.0140].
        static let c = Replicates(seeds: [1, 2, 3], values: [0.8882, 0.886, 0.8902])
        static let d = Replicates(seeds: [1, 2, 3], values: [0.8862, 0.8785, 0.8823])

        @Test func pairedClaimsShowBothMeansAndTheIntervalOfTheDifference() {
            let found = ChannelTests.outcomes {
                expect("a beats b", Self.a, greaterThan: Self.b)
                expect("b beats a", Self.b, greaterThan: Self.a)
                expect("b is below a", Self.b, lessThan: Self.a)
                expect("c beats d", Self.c, greaterThan: Self.d)
            }
            #expect(found.map(\.passed) == [true, false, true, false])
            #expect(found.map(\.seeds) == [5, 5, 5, 3])
            #expect(found[0].detail == "0.8900 ± 0.0028 > 0.8814 ± 0.0061; difference 0.0086 ∈ [0.0048, 0.0123], 5 seeds")
            #expect(
                found[1].detail == "got 0.8814 ± 0.0061 and 0.8900 ± 0.0028; difference -0.0086 ∈ [-0.0123, -0.0048] does not lie above 0, 5 seeds")
            #expect(found[2].detail == "0.8814 ± 0.0061 < 0.8900 ± 0.0028; difference -0.0086 ∈ [-0.0123, -0.0048], 5 seeds")
            #expect(found[3].detail == "got 0.8881 ± 0.0052 and 0.8823 ± 0.0096; difference 0.0058 ∈ [-0.0024, 0.0140] does not lie above 0, 3 seeds")
        }

        @Test func pairingIsWhatMakesTheDifferenceVisible() {
            // Each seed moves both sides alike: the means' intervals overlap, the paired
            // differences are all +0.002.
            let base = [0.85, 0.87, 0.89, 0.86, 0.88]
            let left = Replicates(seeds: Self.seeds, values: base.map { $0 + 0.002 })
            let right = Replicates(seeds: Self.seeds, values: base)
            #expect(left.interval.lower < right.interval.upper)
            let found = ChannelTests.outcomes { expect("left is higher", left, greaterThan: right) }
            #expect(found.first?.passed == true)
        }

        @Test func againstAConstantTheIntervalOfTheMeanMustLieOnTheClaimedSide() {
            let found = ChannelTests.outcomes {
                expect("above 0.885", Self.a, greaterThan: 0.885)
                expect("above 0.888", Self.a, greaterThan: 0.888)
                expect("below 0.9", Self.a, lessThan: 0.9)
                expect("at least 0.887", Self.a, atLeast: 0.887)
                expect("at most 0.89", Self.a, atMost: 0.89)
                expect("between", Self.a, between: 0.88, and: 0.9)
                expect("close", Self.a, closeTo: 0.89, tolerance: 0.003)
                expect("not close", Self.a, closeTo: 0.89, tolerance: 0.002)
            }
            #expect(found.map(\.passed) == [true, false, true, true, false, true, true, false])
            #expect(found[0].detail == "0.8900 ± 0.0028 > 0.885, 5 seeds")
            #expect(found[1].detail == "got 0.8900 ± 0.0028: interval [0.8872, 0.8928] does not lie above 0.888, 5 seeds")
            #expect(found[5].detail == "0.88 ≤ 0.8900 ± 0.0028 ≤ 0.9, 5 seeds")
            #expect(found[6].detail == "0.8900 ± 0.0028 ≈ 0.89: interval [0.8872, 0.8928] within ± 0.003, 5 seeds")
            #expect(found[7].detail == "got 0.8900 ± 0.0028: interval [0.8872, 0.8928] does not lie within 0.89 ± 0.002, 5 seeds")
        }

        @Test func pairedCloseness() {
            let found = ChannelTests.outcomes {
                expect("a and b agree within 0.02", Self.a, closeTo: Self.b, tolerance: 0.02)
                expect("a and b agree within 0.01", Self.a, closeTo: Self.b, tolerance: 0.01)
            }
            #expect(found.map(\.passed) == [true, false])
            #expect(
                found[1].detail == "got 0.8900 ± 0.0028 and 0.8814 ± 0.0061; difference 0.0086 ∈ [0.0048, 0.0123] does not lie within ± 0.01, 5 seeds"
            )
        }

        @Test func claimsThatCannotBeCheckedFailAtTheirLine() {
            let other = Replicates(seeds: [1, 2, 3], values: [0.1, 0.2, 0.3])
            let single = Replicates(seeds: [9], values: [0.9])
            let diverged = Replicates(seeds: [1, 2, 3], values: [0.5, .nan, 0.4])
            let firstLine = #line + 2
            let found = ChannelTests.outcomes {
                expect("different seeds", Self.a, greaterThan: other)
                expect("one seed", single, greaterThan: 0.5)
                expect("a NaN", diverged, lessThan: 1)
            }
            #expect(found.map(\.passed) == [false, false, false])
            #expect(
                found[0].detail
                    == "cannot compare: the two sides ran on different seeds (1, 2, 3, 4, 5 and 1, 2, 3); a paired comparison needs the same seeds on both"
            )
            #expect(found[0].line == firstLine)
            #expect(found[1].detail == "got 0.9 from 1 seed: an interval needs at least 2 seeds")
            #expect(found[2].detail == "seed 2 gave NaN")
        }

        @Test func tablesShowMeanPlusMinusHalfWidth() {
            let t = makeTable(
                ["model", "test accuracy"], [["a", Self.a], ["one", Replicates(seeds: [3], values: [0.5])]],
                caption: nil, id: nil, decimals: 4)
            #expect(t.rows == [["a", "0.8900 ± 0.0028"], ["one", "0.5000 (1 seed)"]])
            #expect(t.numeric == [false, true])
        }

        @Test func seedsTravelInTheMessageAndOldResultsReadAsOne() throws {
            let outcome = ExpectationOutcome(claim: "c", passed: true, detail: nil, file: "x.md", line: 3, seeds: 5)
            let data = try JSONEncoder().encode(NotebookMessage.expectation(outcome))
            #expect(try JSONDecoder().decode(NotebookMessage.self, from: data) == .expectation(outcome))
            let old = #"{"claim":"c","passed":false,"file":"x.md","line":3}"#
            let decoded = try JSONDecoder().decode(ExpectationOutcome.self, from: Data(old.utf8))
            #expect(decoded.seeds == 1)
            #expect(decoded.detail == nil)
        }
    }
}
