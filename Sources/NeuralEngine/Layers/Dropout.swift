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
    @usableFromInline var mask = Matrix<Scalar>(rows: 0, cols: 0)

    public init(ratio: Double, style: Style = .scaledAtTest) {
        precondition(ratio >= 0 && ratio < 1, "Dropout ratio must lie in [0, 1), got \(ratio)")
        self.ratio = ratio
        self.style = style
    }

    public var name: String { "Dropout(\(ratio)\(style == .inverted ? ", inverted" : ""))" }

    @_specialize(where Scalar == Float)
    public mutating func forward(_ x: Matrix<Scalar>, parameters: [Matrix<Scalar>], first: Int,
                                 training: Bool, random: inout SeededRandom) -> Matrix<Scalar> {
        guard training else {
            let keep = Scalar(1 - ratio)
            return style == .scaledAtTest ? x.mapped { $0 * keep } : x
        }
        // The mask already carries the training-time scale, so backward is dy·mask.
        let kept: Scalar = style == .inverted ? Scalar(1 / (1 - ratio)) : 1
        mask = Matrix(rows: x.rows, cols: x.cols)
        for i in 0..<mask.count where random.uniform() >= ratio { mask.storage[i] = kept }
        return x.combined(with: mask, *)
    }

    @_specialize(where Scalar == Float)
    public mutating func backward(_ dy: Matrix<Scalar>, parameters: [Matrix<Scalar>], gradients: inout [Matrix<Scalar>],
                                  first: Int, needsInputGradient: Bool) -> Matrix<Scalar> {
        dy.combined(with: mask, *)
    }
}
