import Testing

@testable import NeuralEngine

@Suite struct MatrixTransposeTests {
    @Test func swapsRowsAndColumns() {
        let a = Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        #expect(a.transposed() == Matrix([[1, 4], [2, 5], [3, 6]]))
        #expect(a.transposed().transposed() == a)
        #expect(Matrix<Float>(rows: 0, cols: 3).transposed().shape == (3, 0))
    }

    @Test func agreesWithTheTransposedProduct() {
        // Larger than one 32 × 32 tile in both directions, with ragged edges.
        var random = SeededRandom(seed: 7)
        let a: Matrix<Double> = random.normalMatrix(45, 70)
        let b: Matrix<Double> = random.normalMatrix(45, 33)
        #expect((a.transposed().dot(b) - Matrix.matmul(a, b, transposeA: true)).absolute().max() < 1e-12)
        #expect((0..<45).allSatisfy { r in (0..<70).allSatisfy { c in a.transposed()[c, r] == a[r, c] } })
    }
}
