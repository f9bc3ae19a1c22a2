/// Dropout: during training each unit is kept with probability `1 − ratio` and
/// zeroed otherwise, a fresh mask per forward pass.
///
/// Two conventions give the same expected output:
/// - `.scaledAtTest` (DLFS): train `y = x·mask`; test `y = x·(1 − ratio)`.
/// - `.inverted`: train `y = x·mask / (1 − ratio)`; test `y = x`.
/// Backward multiplies `dy` by the same factor as the forward pass.
public struct Dropout<Scalar: MatrixScalar>: Layer {
    public enum Style: Sendable, Equatable {
        /// DLFS: unscaled mask in training, outputs scaled by 1 − ratio at test.
        case scaledAtTest
        /// Mask scaled by 1/(1 − ratio) in training, identity at test.
        case inverted
    }

    public let ratio: Double
    public let style: Style
    @usableFromInline var mask = Matrix<Scalar>.empty
    @usableFromInline var output = Matrix<Scalar>.empty
    @usableFromInline var inputGradient = Matrix<Scalar>.empty

    public init(ratio: Double, style: Style = .scaledAtTest) {
        requirement(ratio >= 0 && ratio < 1, "Dropout ratio must lie in [0, 1), got \(ratio)")
        self.ratio = ratio
        self.style = style
    }

    public var name: String { "Dropout(\(ratio)\(style == .inverted ? ", inverted" : ""))" }

    @_specialize(where Scalar == Float)
    public mutating func forward(_ x: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        guard context.training else {
            guard style == .scaledAtTest else { return x }
            let keep = Scalar(1 - ratio)
            output.assign(x) { $0 * keep }
            return output
        }
        // The mask already carries the training-time scale, so backward is dy·mask.
        // One uniform draw per element, in order, whether kept or not.
        let kept: Scalar = style == .inverted ? Scalar(1 / (1 - ratio)) : 1
        let ratio = self.ratio
        mask.resize(rows: x.rows, cols: x.cols)
        mask.storage.withUnsafeMutableBufferPointer { m in
            for i in 0..<m.count { m[i] = context.random.uniform() >= ratio ? kept : 0 }
        }
        output.assign(x, mask, *)
        return output
    }

    @_specialize(where Scalar == Float)
    public mutating func backward(_ dy: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        inputGradient.assign(dy, mask, *)
        return inputGradient
    }
}
