import Testing

@testable import NeuralEngine

@Suite struct BatchNormalizationTests {
    @Test func trainingOutputHasMeanZeroVarianceOne() {
        var random = SeededRandom(seed: 4)
        let x: Matrix<Double> = random.normalMatrix(64, 5, mean: 3, std: 7)
        var bn = BatchNormalization<Double>(features: 5)
        let p = bn.initialParameters(random: &random).map(\.value)
        let y = bn.forward(x, parameters: p, first: 0, training: true, random: &random)
        for j in 0..<5 {
            let column = Matrix(column: y.column(j))
            #expect(Swift.abs(column.mean()) < 1e-12)
            // Variance 1 up to ε = 1e-6 in the denominator.
            #expect(Swift.abs(column.squared().mean() - 1) < 1e-5)
        }
    }

    @Test func runningStatisticsFollowMomentumAndDriveTestMode() {
        var random = SeededRandom(seed: 4)
        var bn = BatchNormalization<Double>(features: 2)
        let p = bn.initialParameters(random: &random).map(\.value)
        let x = Matrix<Double>([[1, 10], [3, 30]])  // mean (2, 20), variance (1, 100)
        _ = bn.forward(x, parameters: p, first: 0, training: true, random: &random)
        #expect(relativeError(bn.runningMean, Matrix(row: [0.2, 2])) < 1e-12)
        #expect(relativeError(bn.runningVariance, Matrix(row: [0.1, 10])) < 1e-12)
        for _ in 0..<300 { _ = bn.forward(x, parameters: p, first: 0, training: true, random: &random) }
        #expect(relativeError(bn.runningMean, Matrix(row: [2, 20])) < 1e-9)
        // Test mode uses the running statistics, so a single row is normalised too.
        let y = bn.forward(Matrix([[3, 30]]), parameters: p, first: 0, training: false, random: &random)
        #expect(Swift.abs(y[0, 0] - 1) < 1e-5 && Swift.abs(y[0, 1] - 1) < 1e-5)
    }

    @Test func gammaAndBetaScaleAndShift() {
        var random = SeededRandom(seed: 4)
        var bn = BatchNormalization<Double>(features: 1)
        let y = bn.forward(
            Matrix(column: [1, 3]), parameters: [Matrix(row: [2]), Matrix(row: [5])],
            first: 0, training: true, random: &random)
        #expect(Swift.abs(y[0, 0] - 3) < 1e-5 && Swift.abs(y[1, 0] - 7) < 1e-5)
    }

    @Test func standaloneForwardUsesInitialParameters() {
        var bn = BatchNormalization<Double>(features: 2)
        let y = bn.forward(Matrix([[1, 10], [3, 30]]), training: true)
        #expect(Swift.abs(y[0, 0] + 1) < 1e-5 && Swift.abs(y[1, 1] - 1) < 1e-5)
    }
}
