/// Updates parameters from their gradients.
///
/// Parameters are a flat list of matrices, updated in place: a network keeps its
/// weights, biases and other learned values in one `[Matrix]`, so
/// `optimizer.update(&network.parameters, gradients: network.gradients)` touches
/// no copies. A plain vector, such as the point (x, y) on f(x, y) = x²/20 + y², is a
/// one-element list holding a `1 × 2` matrix. Per-parameter state (velocity,
/// moments) is kept by position in that list.
public protocol Optimizer<Scalar> {
    associatedtype Scalar: MatrixScalar
    /// The base learning rate; a schedule may change it between updates.
    var learningRate: Double { get set }
    /// One update: `parameters[i]` moves using `gradients[i]`.
    mutating func update(_ parameters: inout [Matrix<Scalar>], gradients: [Matrix<Scalar>])
}
