extension MLP {
    /// Replaces the first `dbn.layers.count` affine layers' weights and biases with
    /// the deep belief network's `W` and hidden biases `c` (the pretraining step of
    /// Hinton et al. 2006); the layers above keep their initial values.
    ///
    /// Each RBM must have the shape of the affine layer it replaces:
    /// `visible × hidden` = `n_in × n_out`. A mismatch is a programming mistake.
    public mutating func initialize(from dbn: DeepBeliefNetwork<Scalar>) {
        let slots = weightSlots
        requirement(
            dbn.layers.count <= slots.count,
            "initialize(from:): \(dbn.layers.count) RBMs but only \(slots.count) affine layers")
        for (k, rbm) in dbn.layers.enumerated() {
            let w = slots[k], b = w + 1
            requirement(
                parameters[w].rows == rbm.weights.rows && parameters[w].cols == rbm.weights.cols,
                "initialize(from:): RBM \(k + 1) is \(rbm.visibleCount)×\(rbm.hiddenCount) but affine layer \(k + 1) is \(parameters[w].rows)×\(parameters[w].cols)"
            )
            requirement(
                parameterNames[b].hasPrefix("b") && parameters[b].cols == rbm.hiddenBias.cols,
                "initialize(from:): affine layer \(k + 1) has no bias of \(rbm.hiddenCount) units after its weights")
            parameters[w] = rbm.weights
            parameters[b] = rbm.hiddenBias
        }
    }
}
