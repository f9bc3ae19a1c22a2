/// The affine (fully connected) layer `y = x·W + b`.
///
/// `W` is `inputs × outputs` and `b` is `1 × outputs`, broadcast over the rows of
/// the batch. Backward: `∂W = xᵀ·dy`, `∂b = Σ_rows dy`, `∂x = dy·Wᵀ`. The products
/// read x transposed in place; `∂x` multiplies by a copy of Wᵀ the layer keeps,
/// since the fast product kernels (Float+Product.swift) take no transposed right
/// operand.
public struct Affine<Scalar: MatrixScalar>: Layer {
    public let inputs: Int
    public let outputs: Int
    public var initializer: Initializer
    @usableFromInline var input = Matrix<Scalar>.empty
    @usableFromInline var output = Matrix<Scalar>.empty
    @usableFromInline var inputGradient = Matrix<Scalar>.empty
    @usableFromInline var weightsTransposed = Matrix<Scalar>.empty

    public init(inputs: Int, outputs: Int, initializer: Initializer = .he) {
        requirement(inputs > 0 && outputs > 0, "Affine needs positive sizes, got \(inputs)→\(outputs)")
        self.inputs = inputs
        self.outputs = outputs
        self.initializer = initializer
    }

    public var name: String { "Affine \(inputs)→\(outputs)" }

    public func initialParameters(random: inout SeededRandom) -> [LearnedValue<Scalar>] {
        [
            LearnedValue(name: "W", value: initializer.weights(fanIn: inputs, fanOut: outputs, random: &random), isWeight: true),
            LearnedValue(name: "b", value: Matrix(rows: 1, cols: outputs), isWeight: false),
        ]
    }

    @_specialize(where Scalar == Float)
    public mutating func forward(_ x: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        requirement(x.cols == inputs, "Affine \(inputs)→\(outputs) got input \(x.rows)×\(x.cols)")
        let w = context.parameter(0), b = context.parameter(1)
        requirement(
            w.rows == inputs && w.cols == outputs && b.rows == 1 && b.cols == outputs,
            "Affine \(inputs)→\(outputs): parameters are \(w.rows)×\(w.cols) and \(b.rows)×\(b.cols)")
        input = x
        let n = outputs, m = x.rows, k = inputs
        output.resize(rows: m, cols: n)
        guard m > 0 else { return output }
        // Start from b in every row, then add x·W with β = 1.
        output.storage.withUnsafeMutableBufferPointer { out in
            b.storage.withUnsafeBufferPointer { bias in
                for r in 0..<m { (out.baseAddress! + r * n).update(from: bias.baseAddress!, count: n) }
            }
            x.storage.withUnsafeBufferPointer { px in
                w.storage.withUnsafeBufferPointer { pw in
                    Scalar.gemm(
                        transposeA: false, transposeB: false, m: m, n: n, k: k,
                        alpha: 1, a: px.baseAddress!, lda: k, b: pw.baseAddress!, ldb: n,
                        beta: 1, c: out.baseAddress!, ldc: n)
                }
            }
        }
        return output
    }

    @_specialize(where Scalar == Float)
    public mutating func backward(_ dy: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        requirement(
            dy.rows == input.rows && dy.cols == outputs,
            "Affine \(inputs)→\(outputs) backward got \(dy.rows)×\(dy.cols) after a batch of \(input.rows)")
        let m = input.rows, n = outputs, k = inputs
        let x = input
        input = .empty
        // ∂W = xᵀ·dy, written straight into the gradient's storage.
        context.withGradient(0, rows: k, cols: n) { gw in
            if m == 0 {
                gw.update(repeating: 0)
                return
            }
            x.storage.withUnsafeBufferPointer { px in
                dy.storage.withUnsafeBufferPointer { pd in
                    Scalar.gemm(
                        transposeA: true, transposeB: false, m: k, n: n, k: m,
                        alpha: 1, a: px.baseAddress!, lda: k, b: pd.baseAddress!, ldb: n,
                        beta: 0, c: gw.baseAddress!, ldc: n)
                }
            }
        }
        // ∂b = Σ over the batch.
        context.withGradient(1, rows: 1, cols: n) { gb in
            gb.update(repeating: 0)
            dy.storage.withUnsafeBufferPointer { pd in
                for r in 0..<m { for j in 0..<n { gb[j] += pd[r * n + j] } }
            }
        }
        guard context.needsInputGradient else { return .empty }
        // ∂x = dy·Wᵀ.
        inputGradient.resize(rows: m, cols: k)
        guard m > 0 else { return inputGradient }
        let w = context.parameter(0)
        weightsTransposed.resize(rows: n, cols: k)
        weightsTransposed.storage.withUnsafeMutableBufferPointer { wt in
            w.storage.withUnsafeBufferPointer { pw in
                Scalar.transpose(pw.baseAddress!, rows: k, cols: n, ld: n, into: wt.baseAddress!)
            }
        }
        inputGradient.storage.withUnsafeMutableBufferPointer { px in
            dy.storage.withUnsafeBufferPointer { pd in
                weightsTransposed.storage.withUnsafeBufferPointer { pw in
                    Scalar.gemm(
                        transposeA: false, transposeB: false, m: m, n: k, k: n,
                        alpha: 1, a: pd.baseAddress!, lda: n, b: pw.baseAddress!, ldb: k,
                        beta: 0, c: px.baseAddress!, ldc: k)
                }
            }
        }
        return inputGradient
    }
}
