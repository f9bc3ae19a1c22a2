/// Maxout with k pieces: each unit outputs the largest of k affine pieces.
///
/// The pieces come from the affine layer before it, which therefore has `units·k`
/// outputs; unit j takes the maximum of columns `j·k ..< (j+1)·k`. Backward routes
/// `dy` to the winning piece and 0 to the others (a tie, a kink, goes to the first).
public struct Maxout<Scalar: MatrixScalar>: Layer {
    public let units: Int
    public let pieces: Int
    @usableFromInline var winners: [Int] = []
    @usableFromInline var output = Matrix<Scalar>.empty
    @usableFromInline var inputGradient = Matrix<Scalar>.empty

    public init(units: Int, pieces: Int) {
        requirement(units > 0 && pieces > 0, "Maxout needs positive units and pieces, got \(units), \(pieces)")
        self.units = units
        self.pieces = pieces
    }

    public var name: String { "Maxout(\(units)×\(pieces))" }

    @_specialize(where Scalar == Float)
    public mutating func forward(_ x: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        requirement(
            x.cols == units * pieces,
            "Maxout(\(units)×\(pieces)) needs \(units * pieces) input columns, got \(x.rows)×\(x.cols)")
        output.resize(rows: x.rows, cols: units)
        if winners.count != x.rows * units { winners = Array(repeating: 0, count: x.rows * units) }
        let (units, pieces, cols) = (units, pieces, x.cols)
        x.storage.withUnsafeBufferPointer { px in
            output.storage.withUnsafeMutableBufferPointer { y in
                winners.withUnsafeMutableBufferPointer { w in
                    for r in 0..<x.rows {
                        for j in 0..<units {
                            let base = r * cols + j * pieces
                            var best = base
                            for p in 1..<Swift.max(pieces, 1) where px[base + p] > px[best] { best = base + p }
                            y[r * units + j] = px[best]
                            w[r * units + j] = best
                        }
                    }
                }
            }
        }
        return output
    }

    @_specialize(where Scalar == Float)
    public mutating func backward(_ dy: Matrix<Scalar>, in context: inout LayerContext<Scalar>) -> Matrix<Scalar> {
        inputGradient.resize(rows: dy.rows, cols: units * pieces)
        inputGradient.storage.withUnsafeMutableBufferPointer { dx in
            dx.update(repeating: 0)
            dy.storage.withUnsafeBufferPointer { d in
                for i in 0..<d.count { dx[winners[i]] = d[i] }
            }
        }
        return inputGradient
    }
}
