/// Deflate (RFC 1951) with LZ77 matching and the fixed Huffman code: much smaller
/// PNGs for images with runs and repeats (a garment on a black background), with a
/// fraction of a full encoder's code. Blocks never need dynamic tables this way.
enum Deflate {
    private static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
                                            59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4,
                                             4, 5, 5, 5, 5, 0]
    private static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257,
                                              385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289,
                                              16385, 24577]
    private static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9,
                                               10, 10, 11, 11, 12, 12, 13, 13]

    struct BitWriter {
        var bytes: [UInt8] = []
        var buffer: UInt64 = 0
        var count = 0

        /// Writes `n` bits of `value`, least significant first (deflate's bit order).
        mutating func write(_ value: Int, _ n: Int) {
            buffer |= UInt64(value) << UInt64(count)
            count += n
            while count >= 8 {
                bytes.append(UInt8(buffer & 0xFF))
                buffer >>= 8
                count -= 8
            }
        }

        /// Writes a Huffman code, which deflate stores most significant bit first.
        mutating func code(_ value: Int, _ n: Int) {
            var reversed = 0
            for i in 0..<n where value & (1 << i) != 0 { reversed |= 1 << (n - 1 - i) }
            write(reversed, n)
        }

        mutating func flush() {
            if count > 0 { bytes.append(UInt8(buffer & 0xFF)); buffer = 0; count = 0 }
        }
    }

    /// The fixed literal/length code of symbol `s` (0…287).
    private static func literal(_ s: Int, _ w: inout BitWriter) {
        switch s {
        case 0...143: w.code(0x30 + s, 8)
        case 144...255: w.code(0x190 + s - 144, 9)
        case 256...279: w.code(s - 256, 7)
        default: w.code(0xC0 + s - 280, 8)
        }
    }

    private static func match(length: Int, distance: Int, _ w: inout BitWriter) {
        var li = lengthBase.count - 1
        while lengthBase[li] > length { li -= 1 }
        literal(257 + li, &w)
        if lengthExtra[li] > 0 { w.write(length - lengthBase[li], lengthExtra[li]) }
        var di = distanceBase.count - 1
        while distanceBase[di] > distance { di -= 1 }
        w.code(di, 5)
        if distanceExtra[di] > 0 { w.write(distance - distanceBase[di], distanceExtra[di]) }
    }

    /// One final fixed-Huffman block holding all of `data`.
    static func compress(_ data: [UInt8]) -> [UInt8] {
        var w = BitWriter()
        w.write(1, 1)  // final block
        w.write(1, 2)  // fixed Huffman codes
        let n = data.count
        let hashSize = 1 << 15
        var head = [Int](repeating: -1, count: hashSize)
        var previous = [Int](repeating: -1, count: n)
        func hash(_ i: Int) -> Int {
            (Int(data[i]) << 10 ^ Int(data[i + 1]) << 5 ^ Int(data[i + 2])) & (hashSize - 1)
        }
        func insert(_ i: Int) {
            guard i + 2 < n else { return }
            let h = hash(i)
            previous[i] = head[h]
            head[h] = i
        }
        var i = 0
        while i < n {
            var bestLength = 0, bestDistance = 0
            if i + 2 < n {
                var candidate = head[hash(i)]
                var chain = 48
                while candidate >= 0 && i - candidate <= 32_768 && chain > 0 {
                    var length = 0
                    let limit = min(258, n - i)
                    while length < limit && data[candidate + length] == data[i + length] { length += 1 }
                    if length > bestLength { bestLength = length; bestDistance = i - candidate }
                    if length == limit { break }
                    candidate = previous[candidate]
                    chain -= 1
                }
            }
            if bestLength >= 3 {
                match(length: bestLength, distance: bestDistance, &w)
                for k in i..<(i + bestLength) { insert(k) }
                i += bestLength
            } else {
                literal(Int(data[i]), &w)
                insert(i)
                i += 1
            }
        }
        literal(256, &w)  // end of block
        w.flush()
        return w.bytes
    }
}
