import Testing

@testable import NeuralEngine

/// Measured standard deviations of 200×300 = 60,000 weights match the formulas
/// within 2% (the sampling error of a standard deviation is about 1/√(2n) ≈ 0.3%).
@Suite struct InitializerTests {
    @Test(arguments: [
        Initializer.normal(std: 0.01), .uniform(-0.5...0.5), .glorotNormal, .glorotUniform,
        .xavierDLFS, .he, .heUniform,
    ])
    func standardDeviationMatchesFormula(_ initializer: Initializer) {
        var random = SeededRandom(seed: 11)
        let w: Matrix<Double> = initializer.weights(fanIn: 200, fanOut: 300, random: &random)
        let mean = w.mean()
        let std = ((w - mean).squared().mean()).squareRoot()
        let want = initializer.standardDeviation(fanIn: 200, fanOut: 300)
        #expect(Swift.abs(std / want - 1) < 0.02, "\(initializer): \(std) vs \(want)")
        #expect(Swift.abs(mean) < 0.02 * want)
    }

    @Test func formulas() {
        #expect(Initializer.he.standardDeviation(fanIn: 50, fanOut: 7) == 0.2)
        #expect(Initializer.xavierDLFS.standardDeviation(fanIn: 100, fanOut: 7) == 0.1)
        #expect(Initializer.glorotNormal.standardDeviation(fanIn: 150, fanOut: 50) == 0.1)
        var random = SeededRandom(seed: 1)
        let u: Matrix<Double> = Initializer.heUniform.weights(fanIn: 6, fanOut: 1000, random: &random)
        #expect(u.max() < 1 && u.min() >= -1)
        let c: Matrix<Float> = Initializer.constant(0.5).weights(fanIn: 2, fanOut: 3, random: &random)
        #expect(c == Matrix(rows: 2, cols: 3, repeating: 0.5))
    }
}
