// Looking inside a network: what each hidden layer outputs, and how large the
// gradients are layer by layer.

extension MLP {
    /// The output of every hidden activation layer for x, input side first, in
    /// test mode unless asked (activation histograms, dead units, correlations).
    @_specialize(where Scalar == Float)
    public mutating func activations(_ x: Matrix<Scalar>, training: Bool = false) -> [Matrix<Scalar>] {
        var outputs: [Matrix<Scalar>] = []
        var y = x
        for i in layers.indices {
            y = layers[i].forward(y, parameters: parameters, first: firstSlot[i], training: training, random: &random)
            if activationLayers.contains(i) { outputs.append(y) }
        }
        return outputs
    }

    /// The fraction of units in each hidden layer that output 0 for every row of x
    /// ("dead" ReLUs), input side first.
    @_specialize(where Scalar == Float)
    public mutating func deadUnitFractions(_ x: Matrix<Scalar>) -> [Double] {
        activations(x).map { a in
            guard a.cols > 0 else { return 0 }
            var alive = Array(repeating: false, count: a.cols)
            for r in 0..<a.rows { for j in 0..<a.cols where a[r, j] != 0 { alive[j] = true } }
            return Double(alive.filter { !$0 }.count) / Double(a.cols)
        }
    }

    /// Euclidean norm of each weight gradient, input side first, as left by the
    /// last `gradient(_:labels:)` (for vanishing gradients).
    public var weightGradientNorms: [Double] {
        gradients.indices.filter { isWeight[$0] }.map { Double(gradients[$0].norm()) }
    }

    /// The slots in `parameters` of each affine layer's weights, input side first.
    public var weightSlots: [Int] { parameters.indices.filter { isWeight[$0] } }

    /// The running mean and variance of every batch-normalization layer, in layer order.
    public var batchNormStatistics: [(mean: Matrix<Scalar>, variance: Matrix<Scalar>)] {
        layers.compactMap { ($0 as? BatchNormalization<Scalar>).map { ($0.runningMean, $0.runningVariance) } }
    }
}
