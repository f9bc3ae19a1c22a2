import Testing

@testable import NeuralEngine

@Suite struct SyntheticDataTests {
    @Test func sameSeedSameData() {
        #expect(SyntheticData.spirals(seed: 5).inputs == SyntheticData.spirals(seed: 5).inputs)
        #expect(SyntheticData.twoMoons(seed: 5).labels == SyntheticData.twoMoons(seed: 5).labels)
        #expect(SyntheticData.xor(seed: 5).inputs == SyntheticData.xor(seed: 5).inputs)
        let a: Dataset<Double> = SyntheticData.gaussianBlobs(classes: 4, seed: 5, as: Double.self)
        #expect(a.inputs == SyntheticData.gaussianBlobs(classes: 4, seed: 5, as: Double.self).inputs)
        #expect(SyntheticData.spirals(seed: 5).inputs != SyntheticData.spirals(seed: 6).inputs)
    }

    @Test func xorTruthTable() {
        let d: Dataset<Double> = SyntheticData.xor(count: 4, noise: 0, as: Double.self)
        #expect(d.inputs == Matrix([[0, 0], [0, 1], [1, 0], [1, 1]]))
        #expect(d.labels == [0, 1, 1, 0])
    }

    @Test func shapesAndClassCounts() {
        let spirals = SyntheticData.spirals(arms: 4, pointsPerArm: 50)
        #expect(spirals.count == 200 && spirals.classCount == 4 && spirals.featureCount == 2)
        #expect(spirals.classCounts() == [50, 50, 50, 50])
        #expect(SyntheticData.twoMoons(count: 101).classCounts() == [50, 51])
        let blobs = SyntheticData.gaussianBlobs(centers: [[0, 0, 0], [5, 5, 5]], countPerClass: 30)
        #expect(blobs.featureCount == 3 && blobs.classCounts() == [30, 30])
        #expect(SyntheticData.xor(count: 100).classCounts() == [50, 50])
    }

    @Test func blobsSitAroundTheirCentres() {
        let d: Dataset<Double> = SyntheticData.gaussianBlobs(
            centers: [[-4, 0], [4, 0]], countPerClass: 500, std: 0.5, as: Double.self)
        for label in 0..<2 {
            let rows = d.labels.indices.filter { d.labels[$0] == label }
            let meanX = rows.map { d.inputs[$0, 0] }.reduce(0, +) / Double(rows.count)
            #expect(abs(meanX - (label == 0 ? -4 : 4)) < 0.1)
        }
    }

    @Test func splitsPartitionTheExamples() {
        let d = SyntheticData.twoMoons(count: 100, seed: 1)
        let (training, validation) = d.split(validationFraction: 0.2, seed: 3)
        #expect(training.count == 80 && validation.count == 20)
        #expect(training.classCounts().enumerated().map { $1 + validation.classCounts()[$0] } == d.classCounts())
        let again = d.split(validationFraction: 0.2, seed: 3)
        #expect(again.validation.inputs == validation.inputs)
        #expect(d.prefix(10).labels == Array(d.labels.prefix(10)))
        #expect(d.randomSubset(30, seed: 2).count == 30)
        #expect(d.shuffled(seed: 4).classCounts() == d.classCounts())
    }
}
