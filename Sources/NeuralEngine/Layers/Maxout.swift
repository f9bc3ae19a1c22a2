/// Maxout with k pieces: each unit outputs the largest of k affine pieces.
///
/// The pieces come from the affine layer before it, which therefore has `units·k`
/// outputs; unit j takes the maximum of columns `j·k ..< (j+1)·k`. Backward routes
/// `dy` to the winning piece and 0 to the others (a tie, a kink, goes to the first).
public struct Maxout<Scalar: MatrixScalar>: Layer {
    public let units: Int
    public let pieces: Int
    @usableFromInline var winners: [Int] = []

    public init(units: Int, pieces: Int) {
        precondition(units > 0 && pieces > 0, "Maxout needs positive units and pieces, got \(units), \(pieces)")
        self.units = units
        self.pieces = pieces
    }

    public var name: String { "Maxout(\(units)×\(pieces))" }

    @_specialize(where Scalar == Float)
    public mutating func forward(_ x: Matrix<Scalar>, parameters: [Matrix<Scalar>], first: Int,
                                 training: Bool, random: inout SeededRandom) -> Matrix<Scalar> {
        precondition(x.cols == units * pieces,
                     "Maxout(\(units)×\(pieces)) needs \(units * pieces) input columns, got \(x.rows)×\(x.cols)")
        var y = Matrix<Scalar>(rows: x.rows, cols: units)
        winners = Array(repeating: 0, count: x.rows * units)
        for r in 0..<x.rows {
            for j in 0..<units {
                let base = r * x.cols + j * pieces
                var best = base
                for p in 1..<Swift.max(pieces, 1) where x.storage[base + p] > x.storage[best] { best = base + p }
                y.storage[r * units + j] = x.storage[best]
                winners[r * units + j] = best
            }
        }
        return y
    }

    public mutating func backward(_ dy: Matrix<Scalar>, parameters: [Matrix<Scalar>], gradients: inout [Matrix<Scalar>],
                                  first: Int, needsInputGradient: Bool) -> Matrix<Scalar> {
        var dx = Matrix<Scalar>(rows: dy.rows, cols: units * pieces)
        for i in 0..<dy.count { dx.storage[winners[i]] = dy.storage[i] }
        return dx
    }
}
