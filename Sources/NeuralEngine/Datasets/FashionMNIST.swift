#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two parts of a dataset that ships with a fixed split.
public enum DatasetPart: String, Sendable, CaseIterable {
    /// 60,000 examples for training (and validation, split off by the caller).
    case training
    /// 10,000 examples held out for the final test.
    case test

    /// The IDX file-name prefix: `train` or `t10k`.
    var filePrefix: String { self == .training ? "train" : "t10k" }
}

/// Zalando's Fashion-MNIST: 28×28 grayscale images of clothing in 10 classes,
/// 60,000 for training and 10,000 for testing, as Debian's `dataset-fashion-mnist`
/// installs them.
///
/// The directory is, in order: the `directory` argument, the environment variable
/// `FASHION_MNIST_DIR`, then `/usr/share/datasets/fashion-mnist`.
public enum FashionMNIST {
    public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"
    public static let environmentVariable = "FASHION_MNIST_DIR"
    public static let debianPackage = "dataset-fashion-mnist"

    /// The classes, by label.
    public static let classNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]

    /// Image height and width in pixels; an input row holds 28·28 = 784 pixels.
    public static let imageSide = 28

    /// Where the files are looked for.
    public static func directory(_ override: String? = nil) -> String {
        resolveDirectory(override, environmentVariable: environmentVariable, default: defaultDirectory)
    }

    /// One part as rows of 784 pixels in [0, 1] and labels 0–9.
    public static func load<Scalar: MatrixScalar>(
        _ part: DatasetPart, directory: String? = nil, as: Scalar.Type = Float.self
    ) throws -> Dataset<Scalar> {
        try loadMNISTLayout(part, directory: Self.directory(directory), debianPackage: debianPackage)
    }

    /// The 60,000 training images.
    public static func training<Scalar: MatrixScalar>(
        directory: String? = nil, as: Scalar.Type = Float.self
    ) throws -> Dataset<Scalar> {
        try load(.training, directory: directory, as: Scalar.self)
    }

    /// The 10,000 test images.
    public static func test<Scalar: MatrixScalar>(
        directory: String? = nil, as: Scalar.Type = Float.self
    ) throws -> Dataset<Scalar> {
        try load(.test, directory: directory, as: Scalar.self)
    }
}

/// LeCun's handwritten digits, read from files laid out as Fashion-MNIST's (same names,
/// gzip or plain). Debian does not package them.
///
/// The directory is, in order: the `directory` argument, the environment variable
/// `MNIST_DIR`, then `/usr/share/datasets/mnist`.
public enum MNIST {
    public static let defaultDirectory = "/usr/share/datasets/mnist"
    public static let environmentVariable = "MNIST_DIR"
    public static let classNames = (0...9).map(String.init)
    public static let imageSide = 28

    public static func directory(_ override: String? = nil) -> String {
        resolveDirectory(override, environmentVariable: environmentVariable, default: defaultDirectory)
    }

    public static func load<Scalar: MatrixScalar>(
        _ part: DatasetPart, directory: String? = nil, as: Scalar.Type = Float.self
    ) throws -> Dataset<Scalar> {
        try loadMNISTLayout(part, directory: Self.directory(directory), debianPackage: nil)
    }

    public static func training<Scalar: MatrixScalar>(
        directory: String? = nil, as: Scalar.Type = Float.self
    ) throws -> Dataset<Scalar> {
        try load(.training, directory: directory, as: Scalar.self)
    }

    public static func test<Scalar: MatrixScalar>(
        directory: String? = nil, as: Scalar.Type = Float.self
    ) throws -> Dataset<Scalar> {
        try load(.test, directory: directory, as: Scalar.self)
    }
}

func resolveDirectory(_ override: String?, environmentVariable: String, default fallback: String) -> String {
    if let override, !override.isEmpty { return override }
    if let value = getenv(environmentVariable), case let text = String(cString: value), !text.isEmpty {
        return text
    }
    return fallback
}

/// `DIR/train-images-idx3-ubyte.gz` and its labels (or `t10k-…`); a plain file of the
/// same name without `.gz` is used when the compressed one is absent.
func loadMNISTLayout<Scalar: MatrixScalar>(
    _ part: DatasetPart, directory: String, debianPackage: String?
) throws -> Dataset<Scalar> {
    func path(_ name: String) -> String {
        let base = (directory.hasSuffix("/") ? directory : directory + "/") + "\(part.filePrefix)-\(name)"
        if access(base + ".gz", F_OK) != 0 && access(base, F_OK) == 0 { return base }
        return base + ".gz"
    }
    return try Dataset<Scalar>(
        idxImagesAt: path("images-idx3-ubyte"), labelsAt: path("labels-idx1-ubyte"),
        classCount: 10, debianPackage: debianPackage)
}
