/// Centered finite differences: `∂L/∂θ ≈ (L(θ + h) − L(θ − h)) / 2h`, element by
/// element, for every matrix in `parameters`. The error of the estimate is O(h²);
/// with h = 1e-5 in Double it is around 1e-10 relative for smooth functions.
public func numericalGradients(
    of loss: ([Matrix<Double>]) -> Double, at parameters: [Matrix<Double>], step h: Double = 1e-5
) -> [Matrix<Double>] {
    var theta = parameters
    return parameters.indices.map { p in
        var g = Matrix<Double>(rows: parameters[p].rows, cols: parameters[p].cols)
        for i in 0..<g.count {
            let original = theta[p].storage[i]
            theta[p].storage[i] = original + h
            let plus = loss(theta)
            theta[p].storage[i] = original - h
            let minus = loss(theta)
            theta[p].storage[i] = original
            g.storage[i] = (plus - minus) / (2 * h)
        }
        return g
    }
}

/// The relative error `‖a − b‖ / (‖a‖ + ‖b‖)` (Euclidean norms). Below 1e-7 means
/// two gradients agree to about seven digits.
///
/// When both norms are below `noiseFloor` the gradient is zero up to rounding (a
/// centered difference of a flat loss in Double is about 1e-11, not 0; a bias
/// followed by batch normalization has exactly zero gradient) and the error is 0.
public func relativeError(_ a: Matrix<Double>, _ b: Matrix<Double>, noiseFloor: Double = 1e-9) -> Double {
    requirement(
        a.rows == b.rows && a.cols == b.cols,
        "relativeError: shapes \(a.rows)×\(a.cols) and \(b.rows)×\(b.cols) differ")
    let (na, nb) = (a.norm(), b.norm())
    return Swift.max(na, nb) < noiseFloor ? 0 : (a - b).norm() / (na + nb)
}

/// How well backpropagation agrees with finite differences for one parameter.
public struct GradientCheck: Sendable, Equatable {
    public var name: String
    public var rows: Int
    public var cols: Int
    public var relativeError: Double
    public var maxAbsoluteDifference: Double
}

extension MLP where Scalar == Double {
    /// Compares `gradient(x, labels:)` with centered finite differences of the
    /// training-mode loss, parameter by parameter. Dropout masks are held fixed
    /// (the dropout generator is rewound before every evaluation) so the loss is a
    /// deterministic function of the parameters. Step h: 1e-5. Inputs on a kink
    /// (ReLU at 0, a Maxout tie) can give large errors there; that is the kink, not
    /// a bug.
    public mutating func checkGradients(_ x: Matrix<Double>, labels: [Int], step h: Double = 1e-5) -> [GradientCheck] {
        let savedRandom = random
        gradient(x, labels: labels)
        let analytic = gradients
        var copy = self
        let numeric = numericalGradients(
            of: { theta in
                copy.random = savedRandom
                copy.parameters = theta
                let z = copy.predict(x, training: true)
                return copy.loss.evaluate(z, labels: labels).loss + copy.penalty
            }, at: parameters, step: h)
        random = savedRandom
        return parameters.indices.map { i in
            GradientCheck(
                name: parameterNames[i], rows: parameters[i].rows, cols: parameters[i].cols,
                relativeError: NeuralEngine.relativeError(analytic[i], numeric[i]),
                maxAbsoluteDifference: (analytic[i] - numeric[i]).absolute().max())
        }
    }
}
