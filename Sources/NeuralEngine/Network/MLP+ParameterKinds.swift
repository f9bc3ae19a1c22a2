// The learned values of a network grouped by kind: weights W, biases b, batch
// normalization's gamma and beta, PReLU's slopes. Names are the kind followed by
// the number of the affine layer they belong to ("W1", "slope2").

extension MLP {
    /// The kind of a parameter name: the name without its layer number ("slope2" → "slope").
    static func kind(of name: String) -> String {
        String(name.prefix { !$0.isNumber })
    }

    /// The learned values of one kind, in layer order: `net.parameters(ofKind: "slope")`
    /// gives each PReLU layer's `1 × units` slopes.
    public func parameters(ofKind kind: String) -> [Matrix<Scalar>] {
        parameters.indices.filter { Self.kind(of: parameterNames[$0]) == kind }.map { parameters[$0] }
    }

    /// How many learned numbers of each kind the network has, kinds in order of first
    /// appearance: for `MLP(sizes: [784, 100, 10], activation: .prelu)`,
    /// `[("W", 79_400), ("b", 110), ("slope", 100)]`.
    public var parameterCountsByKind: [(kind: String, count: Int)] {
        var counts: [(kind: String, count: Int)] = []
        for (name, value) in zip(parameterNames, parameters) {
            let kind = Self.kind(of: name)
            if let i = counts.firstIndex(where: { $0.kind == kind }) { counts[i].count += value.count } else { counts.append((kind, value.count)) }
        }
        return counts
    }
}
