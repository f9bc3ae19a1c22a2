/// Small grayscale images in a grid, each with a caption: Fashion-MNIST samples,
/// learned filters.
///
/// ```swift
/// var grid = ImageGrid(title: "Fashion-MNIST", columns: 5)
/// for (pixels, label) in samples { grid.add(image: pixels, caption: classNames[label]) }
/// let svg = try grid.svg()
/// ```
///
/// Pixels are given row by row; values in `range` (0…1 by default) map from black to
/// white (`invert` flips that), values outside it are clamped, NaN shows as mid-grey.
/// Each image is embedded as a PNG, so a grid of a hundred stays small.
public struct ImageGrid: Figure {
    public var title: String?
    public var columns: Int
    public var imageWidth: Int
    public var imageHeight: Int
    /// Screen pixels per image pixel.
    public var scale: Double
    public var range: ClosedRange<Double>
    public var invert: Bool
    public var id: String?
    public private(set) var images: [Image] = []

    public struct Image: Sendable {
        public var pixels: [Double]
        public var caption: String?
    }

    public init(
        title: String? = nil, columns: Int = 8, imageWidth: Int = 28, imageHeight: Int = 28,
        scale: Double = 2, range: ClosedRange<Double> = 0...1, invert: Bool = false, id: String? = nil
    ) {
        self.title = title
        self.columns = columns
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.scale = scale
        self.range = range
        self.invert = invert
        self.id = id
    }

    public mutating func add<T: BinaryFloatingPoint>(image pixels: [T], caption: String? = nil) {
        images.append(Image(pixels: SeriesData.doubles(pixels), caption: caption))
    }

    public func svg() throws -> String { try renderDocument() }
    public func svg(id: String?) throws -> String { try renderDocument(id: id) }

    var hasCaptions: Bool { images.contains { $0.caption?.isEmpty == false } }
    var captionFont: Double { 11 }
    var cellWidth: Double {
        let captionWidth = images.compactMap { $0.caption }.map { TextMetrics.width($0, size: captionFont) }.max() ?? 0
        return max(Double(imageWidth) * scale, min(captionWidth, Double(imageWidth) * scale * 1.8)) + 10
    }
    var cellHeight: Double { Double(imageHeight) * scale + (hasCaptions ? captionFont + 8 : 0) + 8 }
    var rowCount: Int { columns > 0 ? (images.count + columns - 1) / columns : 0 }
    var titleSpace: Double { title != nil ? 30 : 6 }

    public var width: Double {
        max(
            Double(min(columns, max(1, images.count))) * cellWidth + 12,
            title.map { TextMetrics.width($0, size: 14) + 24 } ?? 0)
    }
    public var height: Double { titleSpace + Double(rowCount) * cellHeight + 4 }
}

extension ImageGrid: Panel {
    var kind: String { "image grid" }

    func summary() -> String {
        var s = "Grid of \(images.count) images of \(imageWidth)×\(imageHeight) pixels"
        let captions = images.compactMap(\.caption)
        if !captions.isEmpty { s += ": " + captions.joined(separator: ", ") }
        return s + "."
    }

    func validate() throws {
        if images.isEmpty { throw PlotError.noData(figure: figureName) }
        if columns < 1 || imageWidth < 1 || imageHeight < 1 || !(scale > 0) {
            throw PlotError.invalidArgument(
                figure: figureName,
                message: "columns (\(columns)), image size (\(imageWidth)×\(imageHeight)) and scale (\(scale)) must be positive")
        }
        if !(range.upperBound > range.lowerBound) || !range.lowerBound.isFinite || !range.upperBound.isFinite {
            throw PlotError.invalidLimits(figure: figureName, axis: "pixel value", lower: range.lowerBound, upper: range.upperBound)
        }
        for (k, image) in images.enumerated() where image.pixels.count != imageWidth * imageHeight {
            throw PlotError.invalidArgument(
                figure: figureName,
                message: "image \(k)\(image.caption.map { " (\"\($0)\")" } ?? "") has \(image.pixels.count) pixels; "
                    + "expected \(imageWidth)×\(imageHeight) = \(imageWidth * imageHeight)")
        }
    }

    func render(into canvas: inout Canvas, frame: Rect, options: PanelOptions) throws {
        try validate()
        // Fit the natural layout into the frame (a subplot may be smaller or larger).
        let fit = min(1.5, frame.width / width, frame.height / height)
        let cw = cellWidth * fit, ch = cellHeight * fit
        let top = frame.y + (title != nil ? (options.isSubplot ? 22 : 30) : 6)
        let usedWidth = Double(min(columns, images.count)) * cw
        let left = frame.x + (frame.width - usedWidth) / 2
        if let title {
            canvas.title(
                title, centerX: frame.x + frame.width / 2, y: frame.y + (options.isSubplot ? 14 : 20),
                size: options.isSubplot ? 12 : 14, frame: frame)
        }
        let iw = Double(imageWidth) * scale * fit, ih = Double(imageHeight) * scale * fit
        let span = range.upperBound - range.lowerBound
        for (k, image) in images.enumerated() {
            let row = k / columns, column = k % columns
            let x = left + Double(column) * cw + (cw - iw) / 2
            let y = top + Double(row) * ch
            let bytes = image.pixels.map { v -> UInt8 in
                guard v.isFinite else { return 128 }
                var t = min(1, max(0, (v - range.lowerBound) / span))
                if invert { t = 1 - t }
                return UInt8((t * 255).rounded())
            }
            let png = PNG.encode(width: imageWidth, height: imageHeight, pixels: bytes, rgb: false)
            let label = image.caption.map { " aria-label=\"\(SVG.escape($0))\"" } ?? ""
            canvas.raw(PNG.imageElement(png, Rect(x: x, y: y, width: iw, height: ih), extra: label))
            canvas.rect(Rect(x: x, y: y, width: iw, height: ih), attributes: "fill=\"none\" class=\"ax\" stroke-opacity=\".25\"")
            if let caption = image.caption, !caption.isEmpty {
                canvas.text(
                    caption, x: x + iw / 2, y: y + ih + 4, anchor: .middle, size: captionFont * min(1, fit),
                    baseline: .hanging)
            }
        }
    }
}
