// Element-wise activation layers, each forward beside its backward. Their scalar
// forms, for plots, are `Activation.value(_:)` and `Activation.derivative(_:)`.
// Each keeps what its derivative is cheapest to compute from: the input x, or the
// output y where the derivative is a function of y (sigmoid, tanh).

/// What an element-wise layer keeps between its passes: the value its derivative
/// needs (x or y) and the buffers it writes y and ∂L/∂x into.
public struct ElementwiseBuffers<Scalar: MatrixScalar>: Sendable {
    @usableFromInline var kept = Matrix<Scalar>.empty
    @usableFromInline var output = Matrix<Scalar>.empty
    @usableFromInline var inputGradient = Matrix<Scalar>.empty

    public init() {}

    /// `y = f(x)`, keeping x for backward.
    @inlinable mutating func forward(_ x: Matrix<Scalar>, keepingInput f: (Scalar) -> Scalar) -> Matrix<Scalar> {
        kept = x
        output.assign(x, f)
        return output
    }

    /// `y = f(x)`, keeping y for backward.
    @inlinable mutating func forward(_ x: Matrix<Scalar>, keepingOutput f: (Scalar) -> Scalar) -> Matrix<Scalar> {
        output.assign(x, f)
        kept = output
        return output
    }

    /// `∂L/∂x = f(dy, kept)` element by element; lets go of what forward kept.
    @inlinable mutating func backward(_ dy: Matrix<Scalar>, _ f: (Scalar, Scalar) -> Scalar) -> Matrix<Scalar> {
        inputGradient.assign(dy, kept, f)
        kept = .empty
        return inputGradient
    }
}

/// `y = x`, derivative 1: the output layer of a regression, or "no activation".
public struct IdentityLayer<Scalar: MatrixScalar>: Layer {
    public init() {}
    public var name: String { "Identity" }
    public mutating func forward(_ x: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> { x }
    public mutating func backward(_ dy: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> { dy }
}

/// The step function `y = 1 if x > 0 else 0`, the perceptron's activation.
///
/// Its derivative is 0 wherever it exists, so backward returns zeros: a network of
/// steps cannot learn by gradient descent, which is the point of showing it.
public struct StepLayer<Scalar: MatrixScalar>: Layer {
    @usableFromInline var buffers = ElementwiseBuffers<Scalar>()
    public init() {}
    public var name: String { "Step" }
    public mutating func forward(_ x: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        buffers.forward(x, keepingInput: { $0 > 0 ? 1 : 0 })
    }
    public mutating func backward(_ dy: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        buffers.backward(dy) { _, _ in 0 }
    }
}

/// `σ(x) = 1 / (1 + e^−x)`, with `σ' = σ(1 − σ)`, at most 1/4.
public struct SigmoidLayer<Scalar: MatrixScalar>: Layer {
    @usableFromInline var buffers = ElementwiseBuffers<Scalar>()
    public init() {}
    public var name: String { "Sigmoid" }
    @_specialize(where Scalar == Float)
    public mutating func forward(_ x: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        buffers.forward(x, keepingOutput: sigmoid)
    }
    @_specialize(where Scalar == Float)
    public mutating func backward(_ dy: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        buffers.backward(dy) { d, s in d * s * (1 - s) }
    }
}

/// The logistic function without overflow: e^−x is only taken for x ≥ 0.
@inlinable func sigmoid<Scalar: MatrixScalar>(_ x: Scalar) -> Scalar {
    if x >= 0 { return 1 / (1 + Scalar.exp(-x)) }
    let e = Scalar.exp(x)
    return e / (1 + e)
}

/// `tanh x`, with `tanh' = 1 − tanh²`, zero-centred unlike the sigmoid.
public struct TanhLayer<Scalar: MatrixScalar>: Layer {
    @usableFromInline var buffers = ElementwiseBuffers<Scalar>()
    public init() {}
    public var name: String { "Tanh" }
    @_specialize(where Scalar == Float)
    public mutating func forward(_ x: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        buffers.forward(x, keepingOutput: { Scalar.tanh($0) })
    }
    @_specialize(where Scalar == Float)
    public mutating func backward(_ dy: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        buffers.backward(dy) { d, t in d * (1 - t * t) }
    }
}

/// `max(0, x)`, derivative 1 for x > 0 and 0 otherwise (0 is taken at the kink x = 0).
public struct ReLULayer<Scalar: MatrixScalar>: Layer {
    @usableFromInline var buffers = ElementwiseBuffers<Scalar>()
    public init() {}
    public var name: String { "ReLU" }
    @_specialize(where Scalar == Float)
    public mutating func forward(_ x: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        buffers.forward(x, keepingInput: { $0 > 0 ? $0 : 0 })
    }
    @_specialize(where Scalar == Float)
    public mutating func backward(_ dy: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        buffers.backward(dy) { d, v in v > 0 ? d : 0 }
    }
}

/// `x` for x > 0 and `αx` otherwise, derivative 1 or α: a ReLU whose units cannot die.
public struct LeakyReLULayer<Scalar: MatrixScalar>: Layer {
    public let alpha: Scalar
    @usableFromInline var buffers = ElementwiseBuffers<Scalar>()
    public init(alpha: Scalar = 0.01) { self.alpha = alpha }
    public var name: String { "LeakyReLU(α=\(alpha))" }
    @_specialize(where Scalar == Float)
    public mutating func forward(_ x: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        let a = alpha
        return buffers.forward(x, keepingInput: { $0 > 0 ? $0 : a * $0 })
    }
    @_specialize(where Scalar == Float)
    public mutating func backward(_ dy: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        let a = alpha
        return buffers.backward(dy) { d, v in v > 0 ? d : a * d }
    }
}

/// ELU: `x` for x > 0 and `α(eˣ − 1)` otherwise; derivative 1 or `α·eˣ = y + α`.
public struct ELULayer<Scalar: MatrixScalar>: Layer {
    public let alpha: Scalar
    @usableFromInline var buffers = ElementwiseBuffers<Scalar>()
    public init(alpha: Scalar = 1) { self.alpha = alpha }
    public var name: String { "ELU(α=\(alpha))" }
    @_specialize(where Scalar == Float)
    public mutating func forward(_ x: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        let a = alpha
        return buffers.forward(x, keepingInput: { $0 > 0 ? $0 : a * Scalar.expm1($0) })
    }
    @_specialize(where Scalar == Float)
    public mutating func backward(_ dy: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        let a = alpha
        return buffers.backward(dy) { d, v in v > 0 ? d : d * a * Scalar.exp(v) }
    }
}

/// Softplus `log(1 + eˣ)`, a smooth ReLU whose derivative is the sigmoid. Computed
/// as `max(x, 0) + log1p(e^−|x|)` so large |x| neither overflows nor loses digits.
public struct SoftplusLayer<Scalar: MatrixScalar>: Layer {
    @usableFromInline var buffers = ElementwiseBuffers<Scalar>()
    public init() {}
    public var name: String { "Softplus" }
    @_specialize(where Scalar == Float)
    public mutating func forward(_ x: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        buffers.forward(x, keepingInput: { Swift.max($0, 0) + Scalar.log1p(Scalar.exp(-Swift.abs($0))) })
    }
    @_specialize(where Scalar == Float)
    public mutating func backward(_ dy: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        buffers.backward(dy) { d, v in d * sigmoid(v) }
    }
}
