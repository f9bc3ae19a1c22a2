import Foundation

@_implementationOnly import CZlib

/// A minimal PNG encoder (8-bit grayscale, RGB or palette), so images and large heat
/// maps embed as one small `<image>` instead of thousands of rectangles. zlib compresses
/// the pixels and checksums the chunks.
enum PNG {
    /// `pixels` row by row: one byte per pixel for grayscale, three for RGB; with a
    /// `palette` of RGB triples, one byte per pixel indexing it (a third of RGB's size).
    static func encode(
        width: Int, height: Int, pixels: [UInt8], rgb: Bool = false,
        palette: [(UInt8, UInt8, UInt8)]? = nil
    ) -> [UInt8] {
        let channels = rgb && palette == nil ? 3 : 1
        precondition(pixels.count == width * height * channels, "PNG pixel count")
        var raw: [UInt8] = []
        raw.reserveCapacity((width * channels + 1) * height)
        for row in 0..<height {
            raw.append(0)  // filter: none
            raw += pixels[(row * width * channels)..<((row + 1) * width * channels)]
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(width))
        header += bigEndian(UInt32(height))
        header += [8, palette != nil ? 3 : (rgb ? 2 : 0), 0, 0, 0]
        png += chunk("IHDR", header)
        if let palette { png += chunk("PLTE", palette.flatMap { [$0.0, $0.1, $0.2] }) }
        png += chunk("IDAT", zlib(raw))
        png += chunk("IEND", [])
        return png
    }

    static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 255), UInt8((v >> 8) & 255), UInt8(v & 255)]
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(crc32(typeBytes + data))
    }

    /// A zlib stream (RFC 1950) of `data`, at zlib's best compression: the same bytes
    /// for the same pixels, build after build.
    static func zlib(_ data: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = compress2(&out, &length, data, uLong(data.count), Z_BEST_COMPRESSION)
        precondition(status == Z_OK, "zlib's compress2 failed (\(status)) on \(data.count) bytes")
        out.removeSubrange(Int(length)...)
        return out
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        UInt32(CZlib.crc32(0, bytes, uInt(bytes.count)))
    }

    /// An SVG `<image>` showing the PNG at the given rectangle, pixels kept sharp.
    static func imageElement(_ png: [UInt8], _ r: Rect, extra: String = "") -> String {
        "<image x=\"\(SVG.num(r.x))\" y=\"\(SVG.num(r.y))\" width=\"\(SVG.num(r.width))\" "
            + "height=\"\(SVG.num(r.height))\" preserveAspectRatio=\"none\" image-rendering=\"optimizeSpeed\" "
            + "style=\"image-rendering:pixelated\"\(extra) href=\"data:image/png;base64,\(base64(png))\"/>"
    }
}
