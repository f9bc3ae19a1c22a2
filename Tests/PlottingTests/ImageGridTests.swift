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

    @Test func pngIsWellFormed() throws {
        let png = PNG.encode(width: 3, height: 2, pixels: [0, 128, 255, 255, 128, 0], rgb: false)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // Every chunk's CRC matches its type and data.
        var offset = 8
        var types: [String] = []
        while offset < png.count {
            let length = png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let body = Array(png[(offset + 4)..<(offset + 8 + length)])
            let crc = png[(offset + 8 + length)..<(offset + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(PNG.crc32(body) == crc)
            types.append(String(decoding: body.prefix(4), as: UTF8.self))
            offset += 12 + length
        }
        #expect(types == ["IHDR", "IDAT", "IEND"])
        #expect(PNG.base64([0x4D, 0x61, 0x6E]) == "TWFu")
        #expect(PNG.base64([0x4D, 0x61]) == "TWE=")
        #expect(Data(base64Encoded: PNG.base64(png)).map(Array.init) == png)
    }

    @Test func wrongPixelCountThrows() {
        var grid = ImageGrid()
        grid.add(image: [Float](repeating: 0, count: 780), caption: "short")
        #expect(throws: PlotError.self) { try grid.svg() }
        #expect(throws: PlotError.self) { try ImageGrid().svg() }
    }

    @Test func valuesOutsideTheRangeAreClamped() throws {
        var grid = ImageGrid(columns: 1, imageWidth: 2, imageHeight: 1, range: 0...255)
        grid.add(image: [-10.0, 300])
        _ = try ParsedSVG(try grid.svg())
    }
}
