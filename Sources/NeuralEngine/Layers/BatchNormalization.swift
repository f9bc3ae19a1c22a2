/// Batch normalization (Ioffe & Szegedy 2015), in the form of DLFS.
///
/// Training, per feature j over the batch: `μ = mean x`, `σ² = mean (x − μ)²`,
/// `x̂ = (x − μ)/sqrt(σ² + ε)`, `y = γ·x̂ + β` with ε = 1e-6 (DLFS's `10e-7`).
/// Running statistics follow `running = m·running + (1 − m)·batch` with momentum
/// m = 0.9, starting from zeros as in DLFS; test mode normalises with them
/// instead of the batch's. γ (start 1) and β (start 0) are learned, not weights.
public struct BatchNormalization<Scalar: MatrixScalar>: Layer {
    public let features: Int
    public var momentum: Scalar
    public let epsilon: Scalar
    /// Running mean and variance, used in test mode (`1 × features`).
    public var runningMean: Matrix<Scalar>
    public var runningVariance: Matrix<Scalar>
    @usableFromInline var centred = Matrix<Scalar>.empty
    @usableFromInline var normalized = Matrix<Scalar>.empty
    @usableFromInline var output = Matrix<Scalar>.empty
    @usableFromInline var inputGradient = Matrix<Scalar>.empty
    /// Per feature: the batch mean, then σ = sqrt(σ² + ε), and backward's column sums.
    @usableFromInline var mean = Matrix<Scalar>.empty
    @usableFromInline var std = Matrix<Scalar>.empty
    @usableFromInline var columnSums = Matrix<Scalar>.empty

    public init(features: Int, momentum: Scalar = 0.9, epsilon: Scalar = 1e-6) {
        requirement(features > 0, "BatchNormalization needs a positive feature count, got \(features)")
        self.features = features
        self.momentum = momentum
        self.epsilon = epsilon
        runningMean = Matrix(rows: 1, cols: features)
        runningVariance = Matrix(rows: 1, cols: features)
    }

    public var name: String { "BatchNorm(\(features))" }

    public func initialParameters(random: inout SeededRandom) -> [LearnedValue<Scalar>] {
        [
            LearnedValue(name: "gamma", value: Matrix(rows: 1, cols: features, repeating: 1), isWeight: false),
            LearnedValue(name: "beta", value: Matrix(rows: 1, cols: features), isWeight: false),
        ]
    }

    /// Column by column over the batch, into buffers kept between steps; each value
    /// is computed with the same operations in the same order as the matrix form.
    @_specialize(where Scalar == Float)
    public mutating func forward(_ x: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        requirement(x.cols == features, "BatchNorm(\(features)) got input \(x.rows)×\(x.cols)")
        let gamma = context.parameter(0), beta = context.parameter(1)
        let rows = x.rows, f = features, eps = epsilon, m = momentum
        centred.resize(rows: rows, cols: f)
        normalized.resize(rows: rows, cols: f)
        output.resize(rows: rows, cols: f)
        mean.resize(rows: 1, cols: f)
        std.resize(rows: 1, cols: f)
        if context.training {
            requirement(rows > 0, "BatchNorm needs a non-empty batch in training mode")
            let n = Scalar(rows)
            x.storage.withUnsafeBufferPointer { px in
                centred.storage.withUnsafeMutableBufferPointer { c in
                    mean.storage.withUnsafeMutableBufferPointer { mu in
                        std.storage.withUnsafeMutableBufferPointer { s in
                            runningMean.storage.withUnsafeMutableBufferPointer { rm in
                                runningVariance.storage.withUnsafeMutableBufferPointer { rv in
                                    mu.update(repeating: 0)
                                    for r in 0..<rows { for j in 0..<f { mu[j] += px[r * f + j] } }
                                    for j in 0..<f { mu[j] /= n }
                                    s.update(repeating: 0)  // Σ (x − μ)², then σ
                                    for r in 0..<rows {
                                        for j in 0..<f {
                                            let v = px[r * f + j] - mu[j]
                                            c[r * f + j] = v
                                            s[j] += v * v
                                        }
                                    }
                                    for j in 0..<f {
                                        let variance = s[j] / n
                                        s[j] = (variance + eps).squareRoot()
                                        rm[j] = rm[j] * m + mu[j] * (1 - m)
                                        rv[j] = rv[j] * m + variance * (1 - m)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } else {
            x.storage.withUnsafeBufferPointer { px in
                centred.storage.withUnsafeMutableBufferPointer { c in
                    std.storage.withUnsafeMutableBufferPointer { s in
                        runningMean.storage.withUnsafeBufferPointer { rm in
                            runningVariance.storage.withUnsafeBufferPointer { rv in
                                for j in 0..<f { s[j] = (rv[j] + eps).squareRoot() }
                                for r in 0..<rows { for j in 0..<f { c[r * f + j] = px[r * f + j] - rm[j] } }
                            }
                        }
                    }
                }
            }
        }
        // x̂ = x_c / σ, y = γ·x̂ + β.
        centred.storage.withUnsafeBufferPointer { c in
            std.storage.withUnsafeBufferPointer { s in
                normalized.storage.withUnsafeMutableBufferPointer { xh in
                    output.storage.withUnsafeMutableBufferPointer { y in
                        gamma.storage.withUnsafeBufferPointer { g in
                            beta.storage.withUnsafeBufferPointer { b in
                                for r in 0..<rows {
                                    for j in 0..<f {
                                        let v = c[r * f + j] / s[j]
                                        xh[r * f + j] = v
                                        y[r * f + j] = v * g[j] + b[j]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    /// The DLFS backward pass through the mean and the variance:
    /// `∂x̂ = γ·dy`, `∂x_c = ∂x̂/σ + (2/N)·x_c·∂σ²`, `∂x = ∂x_c − mean(∂x_c)`,
    /// with `∂σ² = −½ Σ(∂x̂·x_c)/σ³`.
    @_specialize(where Scalar == Float)
    public mutating func backward(_ dy: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        let gamma = context.parameter(0)
        let rows = dy.rows, f = features
        let n = Scalar(rows)
        requirement(
            dy.cols == f && rows == centred.rows,
            "BatchNorm(\(f)) backward got \(dy.rows)×\(dy.cols) after a batch of \(centred.rows)")
        inputGradient.resize(rows: rows, cols: f)
        columnSums.resize(rows: 1, cols: f)
        // Both gradients are taken out of the context while written, then put back.
        var betaGradient = context.gradients[context.first + 1], gammaGradient = context.gradients[context.first]
        context.gradients[context.first + 1] = .empty
        context.gradients[context.first] = .empty
        betaGradient.resize(rows: 1, cols: f)
        gammaGradient.resize(rows: 1, cols: f)
        betaGradient.storage.withUnsafeMutableBufferPointer { dBeta in
            gammaGradient.storage.withUnsafeMutableBufferPointer { dGamma in
                dy.storage.withUnsafeBufferPointer { d in
                    gamma.storage.withUnsafeBufferPointer { g in
                        centred.storage.withUnsafeBufferPointer { c in
                            normalized.storage.withUnsafeBufferPointer { xh in
                                std.storage.withUnsafeBufferPointer { s in
                                    columnSums.storage.withUnsafeMutableBufferPointer { sums in
                                        inputGradient.storage.withUnsafeMutableBufferPointer { dx in
                                            // ∂β = Σ dy, ∂γ = Σ x̂·dy, and Σ (∂x̂·x_c)/σ² for ∂σ.
                                            dBeta.update(repeating: 0)
                                            dGamma.update(repeating: 0)
                                            sums.update(repeating: 0)
                                            for r in 0..<rows {
                                                for j in 0..<f {
                                                    let i = r * f + j
                                                    dBeta[j] += d[i]
                                                    dGamma[j] += xh[i] * d[i]
                                                    sums[j] += (d[i] * g[j] * c[i]) / (s[j] * s[j])
                                                }
                                            }
                                            // ∂σ² = ∂σ / 2σ with ∂σ = −Σ…; then ∂x_c, summed again for the mean.
                                            for j in 0..<f { sums[j] = -sums[j] / (2 * s[j]) }
                                            for r in 0..<rows {
                                                for j in 0..<f {
                                                    let i = r * f + j
                                                    dx[i] = (d[i] * g[j]) / s[j] + c[i] * sums[j] * (2 / n)
                                                }
                                            }
                                            for j in 0..<f { sums[j] = 0 }
                                            for r in 0..<rows { for j in 0..<f { sums[j] += dx[r * f + j] } }
                                            for r in 0..<rows { for j in 0..<f { dx[r * f + j] = dx[r * f + j] - sums[j] / n } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        context.gradients[context.first + 1] = betaGradient
        context.gradients[context.first] = gammaGradient
        return inputGradient
    }
}
