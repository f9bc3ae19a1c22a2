import Foundation

/// A fast 128-bit content hash for cache keys and entry checksums (not cryptographic:
/// it guards against change and corruption, not against an adversary). Two 64-bit
/// lanes of multiply–xorshift mixing over 8-byte words.
struct ContentHash {
    private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var length: UInt64 = 0

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            mix(word)
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        mix(tail ^ (UInt64(n & 7) << 56))
        length &+= UInt64(n)
    }

    mutating func update(_ data: Data) { data.withUnsafeBytes { update($0) } }

    /// Strings are length-prefixed, so `("ab", "c")` and `("a", "bc")` differ.
    mutating func update(_ string: String) {
        var s = string
        update(UInt64(s.utf8.count))
        s.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    mutating func update(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { update($0) }
    }

    private mutating func mix(_ word: UInt64) {
        a = (a ^ word) &* 0xFF51_AFD7_ED55_8CCD
        a ^= a >> 29
        b = (b &+ word) &* 0xC4CE_B9FE_1A85_EC53
        b ^= b >> 32
        b = b &+ a
    }

    func finalize() -> String {
        var x = a ^ length, y = b ^ (length &* 0x9E37_79B9_7F4A_7C15)
        for _ in 0..<2 {
            x ^= x >> 33
            x = x &* 0xFF51_AFD7_ED55_8CCD
            x ^= x >> 33
            y = y &+ x
            y ^= y >> 31
            y = y &* 0xC4CE_B9FE_1A85_EC53
            y ^= y >> 29
            x = x &+ y
        }
        return String(format: "%016llx%016llx", x, y)
    }

    static func of(_ data: Data) -> String {
        var h = ContentHash()
        h.update(data)
        return h.finalize()
    }

    /// Hashes a file's contents, reading it in pieces.
    static func of(file url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var h = ContentHash()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { h.update(chunk) }
        return h.finalize()
    }
}
