import CZlib
import Foundation
import Testing

@testable import Plotting

/// A PNG's chunks, read back by hand: what the tests check an encoded image against.
struct DecodedPNG {
    var chunks: [(type: String, data: [UInt8])] = []
    /// The IDAT data inflated by zlib: each row its filter byte, then its pixels.
    var rows: [UInt8] = []

    init(_ png: [UInt8]) throws {
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var offset = 8
        var idat: [UInt8] = []
        while offset + 12 <= png.count {
            let length = png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let body = Array(png[(offset + 4)..<(offset + 8 + length)])
            let crc = png[(offset + 8 + length)..<(offset + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(Self.crc32(body) == crc, "CRC of a chunk")
            let type = String(decoding: body.prefix(4), as: UTF8.self)
            chunks.append((type, Array(body.dropFirst(4))))
            if type == "IDAT" { idat += body.dropFirst(4) }
            offset += 12 + length
        }
        var size = uLong(1 << 20)
        var out = [UInt8](repeating: 0, count: Int(size))
        #expect(uncompress(&out, &size, idat, uLong(idat.count)) == Z_OK)
        rows = Array(out.prefix(Int(size)))
    }

    /// The PNG of an SVG `<image>`'s `data:` URL.
    init(href: String) throws {
        let prefix = "data:image/png;base64,"
        #expect(href.hasPrefix(prefix))
        try self.init(Array(try #require(Data(base64Encoded: String(href.dropFirst(prefix.count))))))
    }

    /// CRC-32 (ISO 3309, as PNG specifies it), bit by bit: a reference independent of zlib's.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            c ^= UInt32(byte)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return c ^ 0xFFFF_FFFF
    }
}

@Suite struct PNGTests {
    @Test func pngIsWellFormedAndHoldsThePixels() throws {
        let png = PNG.encode(width: 3, height: 2, pixels: [0, 128, 255, 255, 128, 0], rgb: false)
        let decoded = try DecodedPNG(png)
        #expect(decoded.chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        #expect(decoded.chunks[0].data == [0, 0, 0, 3, 0, 0, 0, 2, 8, 0, 0, 0, 0])
        #expect(decoded.rows == [0, 0, 128, 255, 0, 255, 128, 0])
        #expect(PNG.base64([0x4D, 0x61, 0x6E]) == "TWFu")
        #expect(PNG.base64([0x4D, 0x61]) == "TWE=")
    }

    @Test func runsCompressAndEncodingIsDeterministic() throws {
        let black = [UInt8](repeating: 0, count: 200 * 100)
        let png = PNG.encode(width: 200, height: 100, pixels: black)
        #expect(png.count < 300)
        #expect(try DecodedPNG(png).rows.count == 201 * 100)
        #expect(PNG.encode(width: 200, height: 100, pixels: black) == png)
    }
}
