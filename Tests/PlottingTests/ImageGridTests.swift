import Foundation
import Testing

@testable import Plotting

@Suite struct ImageGridTests {
    @Test func imagesAreEmbeddedPNGsWithCaptions() throws {
        var grid = ImageGrid(title: "Samples", columns: 2)
        grid.add(image: [Float](repeating: 0.5, count: 784), caption: "Sneaker")
        grid.add(image: [Double](repeating: 1, count: 784), caption: "Bag")
        grid.add(image: [Double](repeating: 0, count: 784), caption: "Coat")
        let svg = try grid.svg()
        let doc = try ParsedSVG(svg)
        let images = doc.elements("image")
        #expect(images.count == 3)
        let href = try #require(doc.attribute(images[0], "href"))
        #expect(href.hasPrefix("data:image/png;base64,"))
        #expect(doc.texts == ["Samples", "Sneaker", "Bag", "Coat"])
        #expect(grid.width > 0 && grid.height > 0)
        #expect(svg.utf8.count < 8_000)
    }

    @Test func wrongPixelCountThrows() {
        var grid = ImageGrid()
        grid.add(image: [Float](repeating: 0, count: 780), caption: "short")
        #expect(throws: PlotError.self) { try grid.svg() }
        #expect(throws: PlotError.self) { try ImageGrid().svg() }
    }

    @Test func valuesOutsideTheRangeAreClamped() throws {
        var grid = ImageGrid(columns: 1, imageWidth: 4, imageHeight: 1, range: 0...255)
        grid.add(image: [-10.0, 300, 51, .nan])
        let doc = try ParsedSVG(try grid.svg())
        let href = try #require(doc.attribute(doc.elements("image")[0], "href"))
        // Below the range is black, above it white; inside it scales; NaN is mid-grey.
        #expect(try DecodedPNG(href: href).rows == [0, 0, 255, 51, 128])
    }
}
