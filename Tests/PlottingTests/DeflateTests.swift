import Testing
@testable import Plotting

/// Round trips through a small inflater for fixed-Huffman blocks, written from
/// RFC 1951 independently of the encoder.
@Suite struct DeflateTests {
    struct Inflater {
        let bytes: [UInt8]
        var position = 0

        mutating func bit() -> Int {
            let b = Int(bytes[position >> 3] >> UInt8(position & 7)) & 1
            position += 1
            return b
        }
        mutating func bits(_ n: Int) -> Int {
            var v = 0
            for i in 0..<n { v |= bit() << i }
            return v
        }
        /// Reads a Huffman code of `n` bits, most significant first.
        mutating func code(_ n: Int) -> Int {
            var v = 0
            for _ in 0..<n { v = v << 1 | bit() }
            return v
        }
        mutating func symbol() -> Int {
            var v = code(7)
            if v <= 0b0010111 { return v + 256 }
            v = v << 1 | bit()
            if v >= 0x30 && v <= 0xBF { return v - 0x30 }
            if v >= 0xC0 && v <= 0xC7 { return v - 0xC0 + 280 }
            v = v << 1 | bit()
            return v - 0x190 + 144
        }

        mutating func inflate() -> [UInt8] {
            let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
                              115, 131, 163, 195, 227, 258]
            let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
            let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025,
                                1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
            let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12,
                                 12, 13, 13]
            #expect(bits(1) == 1, "final block")
            #expect(bits(2) == 1, "fixed Huffman")
            var out: [UInt8] = []
            while true {
                let s = symbol()
                if s < 256 { out.append(UInt8(s)); continue }
                if s == 256 { return out }
                let li = s - 257
                let length = lengthBase[li] + bits(lengthExtra[li])
                let di = code(5)
                let distance = distanceBase[di] + bits(distanceExtra[di])
                for _ in 0..<length { out.append(out[out.count - distance]) }
            }
        }
    }

    func roundTrip(_ data: [UInt8]) -> [UInt8] {
        var inflater = Inflater(bytes: Deflate.compress(data))
        return inflater.inflate()
    }

    @Test func emptyAndShort() {
        #expect(roundTrip([]) == [])
        #expect(roundTrip([7]) == [7])
        #expect(roundTrip([1, 2, 3, 1, 2, 3, 1, 2, 3]) == [1, 2, 3, 1, 2, 3, 1, 2, 3])
    }

    @Test func runsCompressAndRoundTrip() {
        let zeros = [UInt8](repeating: 0, count: 20_000)
        #expect(Deflate.compress(zeros).count < 300)
        #expect(roundTrip(zeros) == zeros)
    }

    @Test func randomAndMixedData() {
        var rng = SplitMix64(seed: 12)
        let random = (0..<5000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        #expect(roundTrip(random) == random)
        var mixed: [UInt8] = []
        for k in 0..<300 {
            mixed += [UInt8](repeating: UInt8(k % 7), count: Int(rng.uniform() * 40))
            mixed += (0..<Int(rng.uniform() * 20)).map { _ in UInt8(truncatingIfNeeded: rng.next() % 4) }
        }
        #expect(roundTrip(mixed) == mixed)
    }
}
