/// A minimal PNG encoder (8-bit grayscale or RGB, stored deflate blocks), so images
/// and large heat maps embed as one small `<image>` instead of thousands of rectangles.
enum PNG {
    /// `pixels` row by row: one byte per pixel for grayscale, three for RGB.
    static func encode(width: Int, height: Int, pixels: [UInt8], rgb: Bool) -> [UInt8] {
        let channels = rgb ? 3 : 1
        precondition(pixels.count == width * height * channels, "PNG pixel count")
        var raw: [UInt8] = []
        raw.reserveCapacity((width * channels + 1) * height)
        for row in 0..<height {
            raw.append(0)  // filter: none
            raw += pixels[(row * width * channels)..<((row + 1) * width * channels)]
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)); header += bigEndian(UInt32(height))
        header += [8, rgb ? 2 : 0, 0, 0, 0]
        png += chunk("IHDR", header)
        png += chunk("IDAT", zlibStored(raw))
        png += chunk("IEND", [])
        return png
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i]), b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let n = (b0 << 16) | (b1 << 8) | b2
            out.append(table[Int((n >> 18) & 63)]); out.append(table[Int((n >> 12) & 63)])
            out.append(i + 1 < bytes.count ? table[Int((n >> 6) & 63)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? table[Int(n & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 255), UInt8((v >> 8) & 255), UInt8(v & 255)]
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(crc32(typeBytes + data))
    }

    /// A zlib stream of uncompressed deflate blocks: valid everywhere and simple; the
    /// images are small enough that compression would save little.
    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let n = min(65_535, data.count - offset)
            let final: UInt8 = offset + n >= data.count ? 1 : 0
            out.append(final)
            out += [UInt8(n & 255), UInt8(n >> 8), UInt8(~n & 255), UInt8((~n >> 8) & 255)]
            out += data[offset..<(offset + n)]
            offset += n
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        out += bigEndian((b << 16) | a)
        return out
    }

    private static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 255)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    /// An SVG `<image>` showing the PNG at the given rectangle, pixels kept sharp.
    static func imageElement(_ png: [UInt8], _ r: Rect, extra: String = "") -> String {
        "<image x=\"\(SVG.num(r.x))\" y=\"\(SVG.num(r.y))\" width=\"\(SVG.num(r.width))\" "
            + "height=\"\(SVG.num(r.height))\" preserveAspectRatio=\"none\" image-rendering=\"optimizeSpeed\" "
            + "style=\"image-rendering:pixelated\"\(extra) href=\"data:image/png;base64,\(base64(png))\"/>"
    }
}
