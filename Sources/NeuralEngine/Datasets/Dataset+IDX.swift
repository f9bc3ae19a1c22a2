extension Dataset {
    /// Images and labels from a pair of IDX files (MNIST's layout): images
    /// `n × height × width` bytes become rows of `height·width` pixels scaled to [0, 1]
    /// (x/255); labels are `n` bytes in `0..<classCount`.
    ///
    /// Errors name the file at fault and, when given, the Debian package providing it.
    public init(
        idxImagesAt imagesPath: String, labelsAt labelsPath: String,
        classCount: Int = 10, debianPackage: String? = nil
    ) throws {
        let images = try IDXFile.read(path: imagesPath, debianPackage: debianPackage)
        let labels = try IDXFile.read(path: labelsPath, debianPackage: debianPackage)
        guard images.dimensions.count >= 2 else {
            throw EngineError.corruptFile(
                path: imagesPath, reason: "images need at least 2 dimensions, found \(images.dimensions)",
                debianPackage: debianPackage)
        }
        guard labels.dimensions.count == 1 else {
            throw EngineError.corruptFile(
                path: labelsPath, reason: "labels need 1 dimension, found \(labels.dimensions)",
                debianPackage: debianPackage)
        }
        let count = images.dimensions[0]
        guard labels.dimensions[0] == count else {
            throw EngineError.corruptFile(
                path: labelsPath, reason: "\(labels.dimensions[0]) labels for \(count) images in \(imagesPath)",
                debianPackage: debianPackage)
        }
        if let bad = labels.bytes.firstIndex(where: { Int($0) >= classCount }) {
            throw EngineError.corruptFile(
                path: labelsPath, reason: "label \(labels.bytes[bad]) at index \(bad) is not in 0..<\(classCount)",
                debianPackage: debianPackage)
        }
        let pixelsPerImage = images.dimensions.dropFirst().reduce(1, *)
        let pixels = Self.scaledPixels(images.bytes)
        self.init(
            inputs: Matrix(rows: count, cols: pixelsPerImage, storage: pixels),
            labels: labels.bytes.map { Int($0) }, classCount: classCount)
    }

    /// Bytes to values in [0, 1], in one pass over raw buffers. Pre-specialised: the
    /// loaders above are generic, and unspecialised generic arithmetic is 20× slower.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func scaledPixels(_ bytes: [UInt8]) -> [Scalar] {
        [Scalar](unsafeUninitializedCapacity: bytes.count) { out, initialized in
            bytes.withUnsafeBufferPointer { src in
                for i in 0..<src.count { out[i] = Scalar(src[i]) / 255 }
            }
            initialized = bytes.count
        }
    }
}

extension Dataset {
    /// Example `index` as an image: its row of pixels folded into `height × width`
    /// (`width` 28 for MNIST and Fashion-MNIST), row by row as IDX stores them.
    public func image(_ index: Int, width: Int = 28) -> Matrix<Scalar> {
        requirement(index >= 0 && index < count, "image: index \(index) out of 0..<\(count)")
        requirement(
            width > 0 && featureCount % width == 0,
            "image: \(featureCount) pixels do not fold into rows of \(width)")
        return Matrix(rows: featureCount / width, cols: width, storage: inputs.row(index))
    }
}
