@testable import NeuralEngine

/// Plain gradient descent, `θ ← θ − lr·g`: the real optimizers live elsewhere;
/// this one keeps these tests independent of them.
struct TestSGD: Optimizer {
    typealias Scalar = Float
    var learningRate: Double
    mutating func update(_ parameters: inout [Matrix<Float>], gradients: [Matrix<Float>]) {
        for i in parameters.indices { parameters[i].addScaled(gradients[i], Float(-learningRate)) }
    }
}

/// Checks one layer's backward against centered differences of
/// `f(x, θ) = Σ forward(x, θ) ⊙ R` for a fixed random R: backward(R) must give
/// ∂f/∂x and ∂f/∂θ. Returns the relative errors, input first, then each parameter.
func layerGradientErrors(
    _ layer: any Layer<Double>, input x: Matrix<Double>, training: Bool = true, seed: UInt64 = 7
) -> [Double] {
    var random = SeededRandom(seed: seed)
    let parameters = layer.initialParameters(random: &random).map(\.value)
    var layer = layer
    let dropoutRandom = random
    var r = dropoutRandom
    let y = layer.forward(x, parameters: parameters, first: 0, training: training, random: &r)
    let projection: Matrix<Double> = random.normalMatrix(y.rows, y.cols)
    var gradients = parameters.map { Matrix<Double>(rows: $0.rows, cols: $0.cols) }
    let dx = layer.backward(projection, parameters: parameters, gradients: &gradients, first: 0, needsInputGradient: true)

    func f(_ input: Matrix<Double>, _ theta: [Matrix<Double>]) -> Double {
        var copy = layer
        var r = dropoutRandom  // the same dropout mask every time
        return (copy.forward(input, parameters: theta, first: 0, training: training, random: &r) * projection).sum()
    }
    let numericX = numericalGradients(of: { f($0[0], parameters) }, at: [x])[0]
    let numericTheta = numericalGradients(of: { f(x, $0) }, at: parameters)
    return [relativeError(dx, numericX)] + parameters.indices.map { relativeError(gradients[$0], numericTheta[$0]) }
}

/// A batch whose entries are at least `margin` away from 0, so kinks at 0 (ReLU,
/// Leaky ReLU, PReLU, step) are never within a finite-difference step.
func awayFromZero(_ rows: Int, _ cols: Int, seed: UInt64, margin: Double = 0.1) -> Matrix<Double> {
    var random = SeededRandom(seed: seed)
    var m: Matrix<Double> = random.normalMatrix(rows, cols)
    for i in 0..<m.count where Swift.abs(m.storage[i]) < margin {
        m.storage[i] = m.storage[i] < 0 ? m.storage[i] - margin : m.storage[i] + margin
    }
    return m
}
