import Testing

@testable import NeuralEngine

@Suite struct WeightImageTests {
    @Test func zeroIsMidGreyAndTheLargestWeightAnEnd() {
        let w = Matrix<Float>([[-2, 0], [0, 0], [1, 0]])
        #expect(w.weightImage(unit: 0) == [0, 0.5, 0.75])
        #expect(w.weightImage(unit: 1) == [0.5, 0.5, 0.5])
    }

    @Test func eachUnitIsScaledByItsOwnLargestWeight() {
        let w = Matrix<Double>([[0.01, 100], [-0.005, -50]])
        #expect(w.weightImage(unit: 0) == [1, 0.25])
        #expect(w.weightImage(unit: 1) == [1, 0.25])
    }
}
