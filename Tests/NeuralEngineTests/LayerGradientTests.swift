import Testing

@testable import NeuralEngine

/// Every layer's backward against centered finite differences in Double: relative
/// error below 1e-6. Inputs are kept at least 0.1 from 0 so the kinks of ReLU,
/// Leaky ReLU and PReLU are never crossed by the step h = 1e-5; Maxout's inputs are
/// random normals, whose ties have probability 0.
@Suite struct LayerGradientTests {
    let x = awayFromZero(5, 6, seed: 3)

    @Test func affine() {
        for e in layerGradientErrors(Affine<Double>(inputs: 6, outputs: 4, initializer: .he), input: x) {
            #expect(e < 1e-6)
        }
    }

    @Test(arguments: [
        Activation.identity, .sigmoid, .tanh, .relu, .leakyReLU(alpha: 0.1), .elu(alpha: 1),
        .elu(alpha: 0.5), .softplus, .prelu(initialSlope: 0.25), .maxout(pieces: 3),
    ])
    func activation(_ activation: Activation) {
        let units = 6
        let input = activation.inputWidth(units: units) == units ? x : awayFromZero(5, 18, seed: 4)
        let errors = layerGradientErrors(activation.layer(units: units, as: Double.self), input: input)
        #expect(errors.count == (activation == .prelu ? 2 : 1))
        for e in errors { #expect(e < 1e-6, "\(activation): \(errors)") }
    }

    @Test func stepHasZeroGradient() {
        var step = StepLayer<Double>()
        var random = SeededRandom(seed: 1)
        var gradients: [Matrix<Double>] = []
        #expect(step.forward(x, parameters: [], first: 0, training: true, random: &random).storage.allSatisfy { $0 == 0 || $0 == 1 })
        let dx = step.backward(x, parameters: [], gradients: &gradients, first: 0, needsInputGradient: true)
        #expect(dx == Matrix(rows: 5, cols: 6))
    }

    @Test(arguments: [Dropout<Double>.Style.scaledAtTest, .inverted])
    func dropoutInTraining(_ style: Dropout<Double>.Style) {
        for e in layerGradientErrors(Dropout<Double>(ratio: 0.4, style: style), input: x) { #expect(e < 1e-6) }
    }

    @Test func batchNormalization() {
        // A batch of 5 (batch statistics need at least 2 rows).
        let errors = layerGradientErrors(BatchNormalization<Double>(features: 6), input: x)
        #expect(errors.count == 3)
        for e in errors { #expect(e < 1e-6, "\(errors)") }
    }

    @Test func firstLayerSkipsInputGradient() {
        var affine = Affine<Double>(inputs: 6, outputs: 2)
        var random = SeededRandom(seed: 1)
        let p = affine.initialParameters(random: &random).map(\.value)
        _ = affine.forward(x, parameters: p, first: 0, training: true, random: &random)
        var g = p.map { Matrix<Double>(rows: $0.rows, cols: $0.cols) }
        let dx = affine.backward(
            Matrix(rows: 5, cols: 2, repeating: 1), parameters: p, gradients: &g,
            first: 0, needsInputGradient: false)
        #expect(dx.count == 0)
        #expect(g[1] == Matrix(row: [5, 5]))
    }
}
