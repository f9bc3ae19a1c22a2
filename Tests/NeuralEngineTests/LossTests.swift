import Testing

@testable import NeuralEngine

@Suite struct LossTests {
    @Test func softmaxOfOneOneTwo() {
        let p = softmax(Matrix<Double>(row: [1, 1, 2]))
        for (got, want) in zip(p.storage, [0.2119, 0.2119, 0.5761]) { #expect(Swift.abs(got - want) < 5e-5) }
        #expect(Swift.abs(p.sum() - 1) < 1e-12)
    }

    @Test func softmaxOfHugeLogitsIsFinite() {
        let p = softmax(Matrix<Float>(row: [1000, 1000, 2000]))
        #expect(p.isFinite)
        #expect(p == Matrix(row: [0, 0, 1]))
        let (loss, gradient) = softmaxCrossEntropy(logits: Matrix<Float>(row: [1000, 1000, 2000]), labels: [0])
        #expect(loss == 1000)
        #expect(gradient.isFinite)
    }

    @Test func uniformLogitsGiveLogOfClassCount() {
        let (loss, _) = softmaxCrossEntropy(logits: Matrix<Double>(rows: 4, cols: 10), labels: [0, 3, 5, 9])
        #expect(Swift.abs(loss - 2.302585093) < 1e-9)
    }

    @Test func labelsAndOneHotAgree() {
        var random = SeededRandom(seed: 2)
        let z: Matrix<Double> = random.normalMatrix(4, 3)
        let labels = [2, 0, 1, 2]
        let a = softmaxCrossEntropy(logits: z, labels: labels)
        let b = softmaxCrossEntropy(logits: z, targets: Loss.targets(labels: labels, columns: 3))
        #expect(Swift.abs(a.loss - b.loss) < 1e-12)
        #expect(relativeError(a.gradient, b.gradient) < 1e-12)
    }

    /// The gradient at the logits is (y − t)/N for each pair, checked numerically.
    @Test(arguments: [Loss.softmaxCrossEntropy, .sigmoidBinaryCrossEntropy, .meanSquaredError])
    func gradientAtLogitsIsOutputMinusTarget(_ loss: Loss) {
        var random = SeededRandom(seed: 5)
        let z: Matrix<Double> = random.normalMatrix(4, 3)
        let t: Matrix<Double> =
            loss == .softmaxCrossEntropy
            ? Loss.targets(labels: [0, 2, 1, 1], columns: 3)
            : loss == .sigmoidBinaryCrossEntropy ? Matrix([[1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0]]) : random.normalMatrix(4, 3)
        let (_, gradient) = loss.evaluate(z, targets: t)
        #expect(relativeError(gradient, (loss.output(z) - t) / 4) < 1e-12)
        let numeric = numericalGradients(of: { loss.evaluate($0[0], targets: t).loss }, at: [z])[0]
        #expect(relativeError(gradient, numeric) < 1e-8)
    }

    @Test func binaryCrossEntropyIsStable() {
        let (loss, gradient) = sigmoidBinaryCrossEntropy(logits: Matrix<Float>(column: [-1000, 1000]), targets: Matrix(column: [1, 0]))
        #expect(loss == 1000)
        #expect(gradient == Matrix(column: [-0.5, 0.5]))
        let (small, _) = sigmoidBinaryCrossEntropy(logits: Matrix<Double>(column: [0]), targets: Matrix(column: [1]))
        #expect(Swift.abs(small - 0.6931471806) < 1e-9)
    }

    @Test func meanSquaredErrorHasAHalf() {
        let (loss, _) = meanSquaredError(Matrix<Double>([[1, 2], [3, 4]]), targets: Matrix([[0, 0], [0, 0]]))
        #expect(loss == 7.5)  // (1 + 4 + 9 + 16) / 2, averaged over 2 rows
    }
}
