/// The affine (fully connected) layer `y = x·W + b`.
///
/// `W` is `inputs × outputs` and `b` is `1 × outputs`, broadcast over the rows of
/// the batch. Backward: `∂W = xᵀ·dy`, `∂b = Σ_rows dy`, `∂x = dy·Wᵀ`, each by BLAS
/// with transpose flags, so no transposed copy is ever made.
public struct Affine<Scalar: MatrixScalar>: Layer {
    public let inputs: Int
    public let outputs: Int
    public var initializer: Initializer
    @usableFromInline var x = Matrix<Scalar>(rows: 0, cols: 0)

    public init(inputs: Int, outputs: Int, initializer: Initializer = .he) {
        precondition(inputs > 0 && outputs > 0, "Affine needs positive sizes, got \(inputs)→\(outputs)")
        self.inputs = inputs
        self.outputs = outputs
        self.initializer = initializer
    }

    public var name: String { "Affine \(inputs)→\(outputs)" }

    public func initialParameters(random: inout SeededRandom) -> [LearnedValue<Scalar>] {
        [LearnedValue(name: "W", value: initializer.weights(fanIn: inputs, fanOut: outputs, random: &random), isWeight: true),
         LearnedValue(name: "b", value: Matrix(rows: 1, cols: outputs), isWeight: false)]
    }

    @_specialize(where Scalar == Float)
    public mutating func forward(
        _ x: Matrix<Scalar>, parameters: [Matrix<Scalar>], first: Int,
        training: Bool, random: inout SeededRandom
    ) -> Matrix<Scalar> {
        precondition(x.cols == inputs, "Affine \(inputs)→\(outputs) got input \(x.rows)×\(x.cols)")
        let w = parameters[first], b = parameters[first + 1]
        precondition(w.rows == inputs && w.cols == outputs && b.rows == 1 && b.cols == outputs,
                     "Affine \(inputs)→\(outputs): parameters are \(w.rows)×\(w.cols) and \(b.rows)×\(b.cols)")
        self.x = x
        let n = outputs, m = x.rows, k = inputs
        guard m > 0 else { return Matrix(rows: 0, cols: n) }
        // Start from b in every row, then add x·W with β = 1.
        let y = Matrix<Scalar>(rows: m, cols: n) { out in
            b.storage.withUnsafeBufferPointer { bias in
                for r in 0..<m { (out.baseAddress! + r * n).initialize(from: bias.baseAddress!, count: n) }
            }
            x.storage.withUnsafeBufferPointer { px in
                w.storage.withUnsafeBufferPointer { pw in
                    Scalar.gemm(transposeA: false, transposeB: false, m: m, n: n, k: k,
                                alpha: 1, a: px.baseAddress!, lda: k, b: pw.baseAddress!, ldb: n,
                                beta: 1, c: out.baseAddress!, ldc: n)
                }
            }
        }
        return y
    }

    @_specialize(where Scalar == Float)
    public mutating func backward(
        _ dy: Matrix<Scalar>, parameters: [Matrix<Scalar>], gradients: inout [Matrix<Scalar>],
        first: Int, needsInputGradient: Bool
    ) -> Matrix<Scalar> {
        precondition(dy.rows == x.rows && dy.cols == outputs,
                     "Affine \(inputs)→\(outputs) backward got \(dy.rows)×\(dy.cols) after a batch of \(x.rows)")
        let m = x.rows, n = outputs, k = inputs
        let x = self.x
        if gradients[first].rows != k || gradients[first].cols != n { gradients[first] = Matrix(rows: k, cols: n) }
        if gradients[first + 1].rows != 1 || gradients[first + 1].cols != n { gradients[first + 1] = Matrix(rows: 1, cols: n) }
        // ∂W = xᵀ·dy, written straight into the gradient's storage.
        gradients[first].storage.withUnsafeMutableBufferPointer { gw in
            if m == 0 { for i in 0..<gw.count { gw[i] = 0 }; return }
            x.storage.withUnsafeBufferPointer { px in
                dy.storage.withUnsafeBufferPointer { pd in
                    Scalar.gemm(transposeA: true, transposeB: false, m: k, n: n, k: m,
                                alpha: 1, a: px.baseAddress!, lda: k, b: pd.baseAddress!, ldb: n,
                                beta: 0, c: gw.baseAddress!, ldc: n)
                }
            }
        }
        // ∂b = Σ over the batch.
        gradients[first + 1].storage.withUnsafeMutableBufferPointer { gb in
            for j in 0..<n { gb[j] = 0 }
            dy.storage.withUnsafeBufferPointer { pd in
                for r in 0..<m { for j in 0..<n { gb[j] += pd[r * n + j] } }
            }
        }
        guard needsInputGradient else { return Matrix(rows: 0, cols: 0) }
        // ∂x = dy·Wᵀ.
        guard m > 0 else { return Matrix(rows: 0, cols: k) }
        let dx = Matrix<Scalar>(rows: m, cols: k) { px in
            dy.storage.withUnsafeBufferPointer { pd in
                parameters[first].storage.withUnsafeBufferPointer { pw in
                    Scalar.gemm(transposeA: false, transposeB: true, m: m, n: k, k: n,
                                alpha: 1, a: pd.baseAddress!, lda: n, b: pw.baseAddress!, ldb: n,
                                beta: 0, c: px.baseAddress!, ldc: k)
                }
            }
        }
        return dx
    }
}
