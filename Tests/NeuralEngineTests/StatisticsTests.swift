import Testing

@testable import NeuralEngine

@Suite struct StatisticsTests {
    @Test func standardDeviationMatchesNumPy() {
        // np.std([2, 4, 4, 4, 5, 5, 7, 9]) == 2.0
        #expect(Matrix<Double>(row: [2, 4, 4, 4, 5, 5, 7, 9]).standardDeviation() == 2)
        #expect(standardDeviation([2.0, 4, 4, 4, 5, 5, 7, 9]) == 2)
        #expect(standardDeviation([Double]()).isNaN)
    }

    @Test func smoothIsATrailingMean() {
        #expect(smooth([1.0, 2, 3, 4, 5], window: 2) == [1, 1.5, 2.5, 3.5, 4.5])
        #expect(smooth([1.0, 2, 3], window: 10) == [1, 1.5, 2])
        let s = smooth([1.0, .nan, 3, 4, 5], window: 2)
        #expect(s[1].isNaN && s[2].isNaN && s[3] == 3.5)
    }

    @Test func correlationOfLinearColumns() {
        let x = Matrix<Double>([[1, 2, 5], [2, 4, 5], [3, 6, 5], [4, 8.5, 5]])
        let r = correlationMatrix(columnsOf: x)
        #expect(abs(r[0, 0] - 1) < 1e-12)
        #expect(r[0, 1] > 0.99 && r[0, 1] < 1)
        #expect(r[0, 2].isNaN && r[2, 2].isNaN)
    }
}
