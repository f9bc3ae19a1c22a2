import Testing

@testable import NeuralEngine

@Suite struct MatrixTests {
    @Test func productMatchesHandComputation() {
        let a = Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        let b = Matrix<Double>([[7, 8], [9, 10], [11, 12]])
        #expect(Matrix.matmul(a, b) == Matrix([[58, 64], [139, 154]]))
        #expect(Matrix.matmul(a, a, transposeB: true) == Matrix([[14, 32], [32, 77]]))
        #expect(Matrix.matmul(a, a, transposeA: true) == Matrix([[17, 22, 27], [22, 29, 36], [27, 36, 45]]))
    }

    @Test func rowVectorBroadcasts() {
        let a = Matrix<Float>([[1, 2], [3, 4]])
        #expect(a + Matrix(row: [10, 20]) == Matrix([[11, 22], [13, 24]]))
        #expect(a.sumRows() == Matrix(row: [4, 6]))
        #expect(a.sumColumns() == Matrix(column: [3, 7]))
    }

    @Test func sameSeedSameNumbers() {
        var a = SeededRandom(seed: 42)
        var b = SeededRandom(seed: 42)
        #expect((0..<100).map { _ in a.normal() } == (0..<100).map { _ in b.normal() })
        var c = SeededRandom(seed: 43)
        var d = SeededRandom(seed: 42)
        #expect(d.next() != c.next())
    }
}
