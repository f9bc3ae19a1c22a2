/// A restricted Boltzmann machine with binary (Bernoulli) visible and hidden units.
///
/// The units of one layer are independent given the other:
///
///     p(hⱼ = 1 | v) = σ(cⱼ + Σᵢ vᵢ Wᵢⱼ)      hidden: σ(v·W + c)
///     p(vᵢ = 1 | h) = σ(bᵢ + Σⱼ Wᵢⱼ hⱼ)      visible: σ(h·Wᵀ + b)
///
/// The methods are pre-specialised for `Float` and `Double`: called from generic code,
/// unspecialised element loops made an epoch 20× slower than its matrix products.
///
/// `weights` is `visible × hidden`, the shape of an affine layer's weights from the
/// visible to the hidden layer, so `weights` and `hiddenBias` can initialise that
/// layer of a network directly. Inputs in [0, 1] (such as pixel intensities) are
/// used as probabilities.
public struct RestrictedBoltzmannMachine<Scalar: MatrixScalar>: Sendable {
    /// W, `visibleCount × hiddenCount`.
    public var weights: Matrix<Scalar>
    /// b, `1 × visibleCount`.
    public var visibleBias: Matrix<Scalar>
    /// c, `1 × hiddenCount`.
    public var hiddenBias: Matrix<Scalar>

    public var visibleCount: Int { weights.rows }
    public var hiddenCount: Int { weights.cols }

    /// Small random weights N(0, `weightStd`²) and zero biases (Hinton's guide uses 0.01).
    public init(visible: Int, hidden: Int, weightStd: Double = 0.01, seed: UInt64 = 0) {
        var random = SeededRandom(seed: seed)
        self.init(visible: visible, hidden: hidden, weightStd: weightStd, random: &random)
    }

    public init(visible: Int, hidden: Int, weightStd: Double = 0.01, random: inout SeededRandom) {
        requirement(visible > 0 && hidden > 0, "RBM needs positive layer sizes, got \(visible)×\(hidden)")
        weights = random.normalMatrix(visible, hidden, std: weightStd)
        visibleBias = Matrix(rows: 1, cols: visible)
        hiddenBias = Matrix(rows: 1, cols: hidden)
    }

    /// p(h = 1 | v) = σ(v·W + c), one row per example.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func hiddenProbabilities(_ visible: Matrix<Scalar>) -> Matrix<Scalar> {
        requirement(
            visible.cols == visibleCount,
            "RBM: input has \(visible.cols) columns, the visible layer \(visibleCount) units")
        var a = Matrix.matmul(visible, weights)
        a += hiddenBias
        return logistic(a)
    }

    /// p(v = 1 | h) = σ(h·Wᵀ + b), one row per example.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func visibleProbabilities(_ hidden: Matrix<Scalar>) -> Matrix<Scalar> {
        requirement(
            hidden.cols == hiddenCount,
            "RBM: hidden input has \(hidden.cols) columns, the hidden layer \(hiddenCount) units")
        var a = Matrix.matmul(hidden, weights, transposeB: true)
        a += visibleBias
        return logistic(a)
    }

    /// One round trip v → p(h|v) → p(v|h): what the machine makes of its input.
    public func reconstruct(_ visible: Matrix<Scalar>) -> Matrix<Scalar> {
        visibleProbabilities(hiddenProbabilities(visible))
    }

    /// Mean squared difference per visible unit between `data` and its reconstruction,
    /// `Σ(v − v̂)² / (rows·visibleCount)`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func reconstructionError(_ data: Matrix<Scalar>) -> Double {
        meanSquaredDifference(data, reconstruct(data))
    }

    /// One step of contrastive divergence (CD-1) on a minibatch `v₀` of B rows:
    ///
    ///     h₀ ~ p(h | v₀)             (binary sample; its probabilities are p₀)
    ///     v₁ = p(v | h₀)             (probabilities, not sampled)
    ///     p₁ = p(h | v₁)
    ///     W ← W + η·(v₀ᵀp₀ − v₁ᵀp₁)/B
    ///     b ← b + η·mean(v₀ − v₁)     c ← c + η·mean(p₀ − p₁)
    ///
    /// Returns the reconstruction error of this batch before the update,
    /// `Σ(v₀ − v₁)² / (B·visibleCount)`.
    @discardableResult
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func contrastiveDivergence(
        _ batch: Matrix<Scalar>, learningRate: Double, random: inout SeededRandom
    ) -> Double {
        let p0 = hiddenProbabilities(batch)
        var h0 = p0
        h0.storage.withUnsafeMutableBufferPointer { h in
            for i in 0..<h.count { h[i] = random.uniform() < Double(h[i]) ? 1 : 0 }
        }
        let v1 = visibleProbabilities(h0)
        let p1 = hiddenProbabilities(v1)
        let error = meanSquaredDifference(batch, v1)

        let scale = Scalar(learningRate) / Scalar(batch.rows)
        let positive = Matrix.matmul(batch, p0, transposeA: true)
        let negative = Matrix.matmul(v1, p1, transposeA: true)
        weights.addScaled(positive, scale)
        weights.addScaled(negative, -scale)
        visibleBias.addScaled(batch.sumRows(), scale)
        visibleBias.addScaled(v1.sumRows(), -scale)
        hiddenBias.addScaled(p0.sumRows(), scale)
        hiddenBias.addScaled(p1.sumRows(), -scale)
        return error
    }

    /// CD-1 over `epochs` passes of `data` in shuffled minibatches of `batchSize`.
    /// Returns the mean reconstruction error of each epoch (measured during it, on the
    /// batches before their updates). `progress` is called after every epoch.
    @discardableResult
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func train(
        on data: Matrix<Scalar>, epochs: Int, batchSize: Int = 100, learningRate: Double = 0.1,
        seed: UInt64 = 0, progress: ((_ epoch: Int, _ error: Double) -> Void)? = nil
    ) -> [Double] {
        requirement(epochs >= 0 && batchSize > 0, "RBM.train: epochs must be ≥ 0 and batchSize > 0")
        var random = SeededRandom(seed: seed)
        var errors: [Double] = []
        for epoch in 0..<epochs {
            let order = random.permutation(data.rows)
            var total = 0.0, batches = 0
            for start in stride(from: 0, to: data.rows, by: batchSize) {
                let batch = data.rows(Array(order[start..<Swift.min(start + batchSize, data.rows)]))
                total += contrastiveDivergence(batch, learningRate: learningRate, random: &random)
                batches += 1
            }
            errors.append(batches == 0 ? .nan : total / Double(batches))
            progress?(epoch, errors.last!)
        }
        return errors
    }
}

/// σ(x) = 1/(1 + e⁻ˣ), element by element.
@inlinable func logistic<Scalar: MatrixScalar>(_ a: Matrix<Scalar>) -> Matrix<Scalar> {
    var out = a
    out.storage.withUnsafeMutableBufferPointer { p in
        for i in 0..<p.count { p[i] = 1 / (1 + Scalar.exp(-p[i])) }
    }
    return out
}

@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func meanSquaredDifference<Scalar: MatrixScalar>(_ a: Matrix<Scalar>, _ b: Matrix<Scalar>) -> Double {
    guard a.count > 0 else { return .nan }
    var sum = 0.0
    a.storage.withUnsafeBufferPointer { p in
        b.storage.withUnsafeBufferPointer { q in
            for i in 0..<p.count {
                let d = Double(p[i] - q[i])
                sum += d * d
            }
        }
    }
    return sum / Double(a.count)
}
