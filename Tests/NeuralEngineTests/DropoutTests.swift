import Testing

@testable import NeuralEngine

@Suite struct DropoutTests {
    let x = Matrix<Double>(rows: 200, cols: 50, repeating: 2)

    func run(_ style: Dropout<Double>.Style, training: Bool) -> Matrix<Double> {
        var layer = Dropout<Double>(ratio: 0.3, style: style)
        var random = SeededRandom(seed: 9)
        return layer.forward(x, parameters: [], first: 0, training: training, random: &random)
    }

    @Test func scaledAtTestMasksInTrainingAndScalesAtTest() {
        let train = run(.scaledAtTest, training: true)
        #expect(train.storage.allSatisfy { $0 == 0 || $0 == 2 })
        let dropped = Double(train.storage.filter { $0 == 0 }.count) / Double(train.count)
        #expect(Swift.abs(dropped - 0.3) < 0.02)
        #expect(run(.scaledAtTest, training: false) == Matrix(rows: 200, cols: 50, repeating: 2 * 0.7))
    }

    @Test func invertedScalesInTrainingAndIsIdentityAtTest() {
        let train = run(.inverted, training: true)
        #expect(train.storage.allSatisfy { $0 == 0 || Swift.abs($0 - 2 / 0.7) < 1e-12 })
        #expect(run(.inverted, training: false) == x)
    }

    /// Both styles agree in expectation: the training mean over many masks matches
    /// the scaled test output of each style, up to the ratio's overall factor.
    @Test func stylesAgreeInExpectation() {
        let scaled = run(.scaledAtTest, training: true).mean() / run(.scaledAtTest, training: false).mean()
        let inverted = run(.inverted, training: true).mean() / run(.inverted, training: false).mean()
        #expect(Swift.abs(scaled - 1) < 0.03)
        #expect(Swift.abs(inverted - 1) < 0.03)
    }

    @Test func backwardUsesTheSameMask() {
        var layer = Dropout<Double>(ratio: 0.5)
        var random = SeededRandom(seed: 1)
        let y = layer.forward(x, parameters: [], first: 0, training: true, random: &random)
        var g: [Matrix<Double>] = []
        let dx = layer.backward(Matrix(rows: 200, cols: 50, repeating: 1), parameters: [], gradients: &g, first: 0, needsInputGradient: true)
        #expect(dx * 2 == y)
    }
}
