import Testing

@testable import NeuralEngine

@Suite struct LearningRateScheduleTests {
    @Test func stepDecayHalvesEveryPeriod() {
        let s = StepDecay(base: 0.1, factor: 0.5, every: 10)
        #expect(s.learningRate(at: 0) == 0.1)
        #expect(s.learningRate(at: 9) == 0.1)
        #expect(s.learningRate(at: 10) == 0.05)
        #expect(s.learningRate(at: 25) == 0.025)
    }

    @Test func inverseTimeDecay() {
        let s = InverseTimeDecay(base: 0.1, decayRate: 1, steps: 100)
        #expect(s.learningRate(at: 0) == 0.1)
        #expect(abs(s.learningRate(at: 100) - 0.05) < 1e-15)
        #expect(abs(s.learningRate(at: 300) - 0.025) < 1e-15)
    }

    @Test func cosineGoesFromBaseToMinimumThenStays() {
        let s = CosineDecay(base: 0.1, totalUpdates: 100, minimum: 0.01)
        #expect(s.learningRate(at: 0) == 0.1)
        #expect(abs(s.learningRate(at: 50) - 0.055) < 1e-15)
        #expect(abs(s.learningRate(at: 100) - 0.01) < 1e-15)
        #expect(abs(s.learningRate(at: 500) - 0.01) < 1e-15)
    }

    @Test func aScheduleIsAFunction() {
        let s = StepDecay(base: 1, factor: 0.1, every: 2)
        let f: (Int) -> Double = s.function
        #expect((0..<5).map(f) == (0..<5).map { s($0) })
        #expect(ConstantLearningRate(0.3)(1000) == 0.3)
    }

    @Test func drivesAnOptimizersRate() {
        let schedule = CosineDecay(base: 0.1, totalUpdates: 10)
        var sgd = SGD<Double>(learningRate: schedule(0))
        var w = [Matrix<Double>(row: [0])]
        for t in 0..<10 {
            sgd.learningRate = schedule(t)
            sgd.update(&w, gradients: [Matrix(row: [-1])])
        }
        let total = (0..<10).map { schedule($0) }.reduce(0, +)
        #expect(abs(w[0][0, 0] - total) < 1e-12)
    }
}
