import Foundation
import Testing

@testable import NeuralEngine

/// IDX reading on small files written here: plain and gzip, truncated, wrong magic,
/// missing. Never needs the Debian dataset.
@Suite struct IDXFileTests {
    /// A fresh temporary directory for one test.
    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("idx-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static let images = IDXFile(dimensions: [3, 28, 28], bytes: (0..<3 * 784).map { UInt8($0 % 256) })
    static let labels = IDXFile(dimensions: [3], bytes: [9, 0, 4])

    @Test(arguments: [false, true])
    func roundTrip(compressed: Bool) throws {
        let dir = try Self.temporaryDirectory()
        let path = dir + "/images"
        try Self.images.write(to: path, compressed: compressed)
        let raw = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect((raw.prefix(2) == Data([0x1f, 0x8b])) == compressed)
        #expect(try IDXFile.read(path: path) == Self.images)
    }

    @Test(arguments: [false, true])
    func truncatedFileIsAClearError(compressed: Bool) throws {
        let dir = try Self.temporaryDirectory()
        let path = dir + "/train-images-idx3-ubyte" + (compressed ? ".gz" : "")
        try Self.images.write(to: path, compressed: compressed)
        let raw = try Data(contentsOf: URL(fileURLWithPath: path))
        try raw.prefix(raw.count * 2 / 3).write(to: URL(fileURLWithPath: path))
        do {
            _ = try IDXFile.read(path: path, debianPackage: "dataset-fashion-mnist")
            Issue.record("a truncated file was read without error")
        } catch let error as EngineError {
            guard case .corruptFile(let p, _, _) = error else {
                Issue.record("expected corruptFile, got \(error)")
                return
            }
            #expect(p == path)
            #expect(error.description.contains(path))
            #expect(error.description.contains("dataset-fashion-mnist"))
        }
    }

    @Test func wrongMagicNumberIsAClearError() throws {
        let dir = try Self.temporaryDirectory()
        let path = dir + "/not-idx"
        try Data([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]).write(to: URL(fileURLWithPath: path))
        do {
            _ = try IDXFile.read(path: path)
            Issue.record("a wrong magic number was accepted")
        } catch let error as EngineError {
            #expect(error.description.contains(path))
            #expect(error.description.contains("magic number 0x504b0304"))
        }
    }

    @Test func missingFileNamesPathAndPackage() throws {
        let dir = try Self.temporaryDirectory()
        #expect(
            throws: EngineError.missingFile(
                path: dir + "/t10k-images-idx3-ubyte.gz",
                debianPackage: "dataset-fashion-mnist")
        ) {
            _ = try FashionMNIST.test(directory: dir)
        }
        let message = EngineError.missingFile(path: "/x/y.gz", debianPackage: "dataset-fashion-mnist").description
        #expect(message.contains("/x/y.gz") && message.contains("apt-get install dataset-fashion-mnist"))
    }

    @Test func loadsADatasetDirectoryScaledToUnitRange() throws {
        let dir = try Self.temporaryDirectory()
        try Self.images.write(to: dir + "/train-images-idx3-ubyte.gz", compressed: true)
        try Self.labels.write(to: dir + "/train-labels-idx1-ubyte", compressed: false)  // plain works too
        let data = try FashionMNIST.training(directory: dir)
        #expect(data.count == 3 && data.featureCount == 784 && data.classCount == 10)
        #expect(data.labels == [9, 0, 4])
        #expect(data.inputs[0, 255] == 1 && data.inputs[0, 0] == 0)
        #expect(data.inputs[1, 784 - 256 - 0] == Float(Self.images.bytes[784 + 528]) / 255)
        #expect(data.inputs.max() <= 1 && data.inputs.min() >= 0)
        #expect(FashionMNIST.classNames[data.labels[0]] == "Ankle boot")
        let image = data.image(2)
        #expect(image.rows == 28 && image.cols == 28)
        #expect(image[1, 0] == Float(Self.images.bytes[2 * 784 + 28]) / 255)
    }

    @Test func labelCountMustMatchImages() throws {
        let dir = try Self.temporaryDirectory()
        try Self.images.write(to: dir + "/i", compressed: true)
        try IDXFile(dimensions: [2], bytes: [1, 2]).write(to: dir + "/l")
        #expect(throws: EngineError.self) { _ = try Dataset<Float>(idxImagesAt: dir + "/i", labelsAt: dir + "/l") }
    }

    @Test func directoryComesFromArgumentThenEnvironmentThenDefault() {
        #expect(FashionMNIST.directory("/somewhere") == "/somewhere")
        setenv("MNIST_DIR", "/from/env", 1)
        defer { unsetenv("MNIST_DIR") }
        #expect(MNIST.directory() == "/from/env")
        #expect(MNIST.directory("/arg") == "/arg")
    }

    /// A header promising 15 GB in a file of a few bytes is a corrupt file, found from
    /// the file's length before any memory is asked for.
    @Test(arguments: [false, true])
    func aHeaderPromisingMoreThanTheFileHoldsIsRefusedBeforeAllocating(compressed: Bool) throws {
        let dir = try Self.temporaryDirectory()
        let path = dir + "/huge"
        // 60000 × 1000 × 250 unsigned bytes, then four of them.
        let bytes: [UInt8] = [0, 0, 0x08, 3, 0, 0, 0xEA, 0x60, 0, 0, 0x03, 0xE8, 0, 0, 0, 0xFA, 1, 2, 3, 4]
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        if compressed { try Self.gzip(path) }
        do {
            _ = try IDXFile.read(path: path)
            Issue.record("a header promising 15 GB was accepted")
        } catch let error as EngineError {
            #expect(error.description.contains("truncated: dimensions [60000, 1000, 250] need 15000000000 data bytes"), "\(error)")
        }
    }

    /// Replaces the file at `path` by its gzip-compressed form.
    static func gzip(_ path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try data.write(to: URL(fileURLWithPath: path))
    }
}
