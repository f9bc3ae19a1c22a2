import Foundation
import Testing

@testable import Notebook

@Suite struct StatisticsTests {
    @Test func studentQuantilesMatchSciPy() {
        for (df, p, expected) in studentTQuantiles {
            let t = StudentT.quantile(p, degreesOfFreedom: df)
            #expect(abs(t - expected) <= 1e-11 * max(1, abs(expected)), "t(\(p), \(df)) = \(t), SciPy \(expected)")
            // Symmetry: the lower tail is the negative of the upper.
            #expect(StudentT.quantile(1 - p, degreesOfFreedom: df) == -t)
        }
    }

    @Test func quantileAndDistributionFunctionAreInverses() {
        for df in [1.0, 2, 3, 4.5, 7, 30, 300] {
            for p in stride(from: 0.01, through: 0.99, by: 0.07) {
                let t = StudentT.quantile(p, degreesOfFreedom: df)
                #expect(abs(StudentT.cdf(t, degreesOfFreedom: df) - p) < 1e-12, "df \(df), p \(p)")
            }
        }
        // Closed forms: ν = 1 is Cauchy, ν = 4 has F(t) = ½ + (3/8)·(t/√(1+t²/4))·(1 − t²/(12(1+t²/4))).
        #expect(abs(StudentT.cdf(1, degreesOfFreedom: 1) - 0.75) < 1e-14)
        let t = 1.3, s = t / (1 + t * t / 4).squareRoot()
        let closedForm = 0.5 + 3.0 / 8 * s * (1 - t * t / (12 * (1 + t * t / 4)))
        #expect(abs(StudentT.cdf(t, degreesOfFreedom: 4) - closedForm) < 1e-14)
        #expect(StudentT.quantile(0.5, degreesOfFreedom: 3) == 0)
        #expect(StudentT.quantile(1, degreesOfFreedom: 3) == .infinity)
    }

    @Test func pairedIntervalsMatchSciPy() {
        for (a, b, difference, mean) in pairedIntervals {
            let seeds = (1...UInt64(a.count)).map { $0 }
            let left = Replicates(seeds: seeds, values: a), right = Replicates(seeds: seeds, values: b)
            let d = (left - right).interval
            #expect(
                abs(d.lower - difference.0) < 1e-12 && abs(d.upper - difference.1) < 1e-12,
                "n = \(a.count): \(d.lower)…\(d.upper), SciPy \(difference)")
            let m = left.interval
            #expect(abs(m.lower - mean.0) < 1e-12 && abs(m.upper - mean.1) < 1e-12)
            #expect(m.count == a.count && m.level == 0.95)
        }
    }

    @Test func pairingFollowsSeedsNotPositions() {
        let a = Replicates(seeds: [1, 2, 3], values: [10.0, 20, 30])
        let b = Replicates(seeds: [3, 1, 2], values: [29.0, 9, 19])
        let d = a - b
        #expect(d.seeds == [1, 2, 3])
        #expect(d.values == [1, 1, 1])
        #expect(d.interval.halfWidth == 0)
    }

    @Test func summaryStatistics() {
        let r = Replicates(seeds: [1, 2, 3, 4], values: [1.0, 2, 3, 4])
        #expect(r.mean == 2.5)
        #expect(abs(r.standardDeviation - (5.0 / 3).squareRoot()) < 1e-15)
        #expect(abs(r.standardError - (5.0 / 3).squareRoot() / 2) < 1e-15)
        #expect(abs(r.halfWidth - 3.1824463052837078 * (5.0 / 3).squareRoot() / 2) < 1e-12)
        #expect(r.interval(level: 0.99).halfWidth > r.halfWidth)
        let one = Replicates(seeds: [7], values: [0.5])
        #expect(one.interval.halfWidth == .infinity)
        #expect(one.standardDeviation.isNaN)
    }

    @Test func curvesArePointwise() {
        let curves = Replicates(seeds: [1, 2, 3], values: [[1.0, 2, 3], [3.0, 4, 5], [2.0, 3]])
        #expect(curves.length == 3)
        #expect(curves.mean[0] == 2 && curves.mean[1] == 3)
        #expect(curves.mean[2].isNaN, "a curve that ended early leaves the mean undefined")
        #expect(curves.at(1).values == [2, 4, 3])
        #expect(curves.last.values == [3, 5, 3])
        #expect(abs(curves.intervals[0].halfWidth - curves.at(0).halfWidth) < 1e-15)
        #expect(curves.standardDeviation[0] == 1)
    }

    @Test func mapProjectsEachSeedsValue() {
        let runs = Replicates(seeds: [4, 5], values: [(train: 0.9, test: 0.8), (train: 0.95, test: 0.85)])
        let test = runs.map(\.test)
        #expect(test.seeds == [4, 5])
        #expect(test.values == [0.8, 0.85])
        #expect(runs[seed: 5].train == 0.95)
    }

    @Test func meansShowWithTheirHalfWidths() {
        #expect(NumberFormat.places(forHalfWidths: [0.0021]) == 4)
        #expect(NumberFormat.places(forHalfWidths: [0.35, 0.0099]) == 4)
        #expect(NumberFormat.places(forHalfWidths: [0.01]) == 3)
        #expect(NumberFormat.places(forHalfWidths: [120]) == 0)
        #expect(NumberFormat.places(forHalfWidths: [0, .infinity]) == nil)
        #expect(
            NumberFormat.plusMinus(ConfidenceInterval(mean: 0.89123, halfWidth: 0.00214, level: 0.95, count: 5))
                == "0.8912 ± 0.0021")
        #expect(NumberFormat.show(-0.00001, places: 3) == "0.000")
        let r = Replicates(seeds: [1, 2, 3], values: [0.5, 0.52, 0.54])
        #expect(r.description == "0.520 ± 0.050 (95 % interval, 3 seeds)")
        #expect(ConfidenceInterval(mean: 0.0072, halfWidth: 0.0031, level: 0.95, count: 5).description == "[0.0041, 0.0103]")
    }
}
