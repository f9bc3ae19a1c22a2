@_implementationOnly import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An array of unsigned bytes in the IDX format of MNIST and Fashion-MNIST.
///
/// Layout (all integers big-endian): two zero bytes, a type byte (0x08 = unsigned
/// byte, the only type these datasets use), the number of dimensions d, then d
/// 32-bit sizes, then the values in row-major order. Files may be gzip-compressed;
/// zlib reads plain and compressed files alike.
public struct IDXFile: Equatable, Sendable {
    /// The sizes of the array, outermost first: `[60000, 28, 28]` for images.
    public var dimensions: [Int]
    /// The values, row-major: `dimensions.reduce(1, *)` bytes.
    public var bytes: [UInt8]

    public init(dimensions: [Int], bytes: [UInt8]) {
        requirement(
            dimensions.allSatisfy { $0 >= 0 } && dimensions.count <= 255,
            "IDXFile: bad dimensions \(dimensions)")
        requirement(
            bytes.count == dimensions.reduce(1, *),
            "IDXFile: dimensions \(dimensions) need \(dimensions.reduce(1, *)) bytes, got \(bytes.count)")
        self.dimensions = dimensions
        self.bytes = bytes
    }

    /// Reads an IDX file, gzip-compressed or plain.
    ///
    /// Throws `EngineError.missingFile` when nothing can be opened at `path`, and
    /// `EngineError.corruptFile` for a wrong magic number, an unsupported type, or data
    /// shorter than the header promises. `debianPackage` names the package that
    /// provides the file, for the error message.
    public static func read(path: String, debianPackage: String? = nil) throws -> IDXFile {
        func corrupt(_ reason: String) -> EngineError {
            .corruptFile(path: path, reason: reason, debianPackage: debianPackage)
        }
        guard access(path, F_OK) == 0 else {
            throw EngineError.missingFile(path: path, debianPackage: debianPackage)
        }
        guard let file = gzopen(path, "rb") else {
            throw corrupt("cannot be opened: \(String(cString: strerror(errno)))")
        }
        defer { gzclose(file) }
        gzbuffer(file, 1 << 20)

        /// Reads exactly `count` bytes into `buffer`, or says how many there were.
        func readFully(_ buffer: UnsafeMutableRawPointer, _ count: Int) throws -> Int {
            var done = 0
            while done < count {
                let chunk = UInt32(Swift.min(count - done, 1 << 30))
                let n = gzread(file, buffer + done, chunk)
                if n < 0 {
                    var code: Int32 = 0
                    let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
                    throw corrupt("after \(done) bytes: \(message)")
                }
                if n == 0 { break }
                done += Int(n)
            }
            return done
        }

        var header = [UInt8](repeating: 0, count: 4)
        let headerCount = try header.withUnsafeMutableBytes { try readFully($0.baseAddress!, 4) }
        guard headerCount == 4 else {
            throw corrupt("file ends after \(headerCount) bytes, before the 4-byte IDX header")
        }
        let magic = header.reduce(0) { $0 << 8 | UInt32($1) }
        guard header[0] == 0, header[1] == 0 else {
            throw corrupt("magic number 0x\(hex(magic)) is not an IDX header (expected 0x0000TTDD)")
        }
        guard header[2] == 0x08 else {
            throw corrupt("IDX data type 0x\(hex(UInt32(header[2]), width: 2)) is not supported (only 0x08, unsigned byte)")
        }
        let rank = Int(header[3])
        guard rank >= 1 else { throw corrupt("IDX header declares 0 dimensions") }

        var sizeBytes = [UInt8](repeating: 0, count: 4 * rank)
        let sizeCount = try sizeBytes.withUnsafeMutableBytes { try readFully($0.baseAddress!, 4 * rank) }
        guard sizeCount == 4 * rank else {
            throw corrupt("file ends inside the header (\(rank) dimension sizes expected)")
        }
        let dimensions = (0..<rank).map { d in
            sizeBytes[4 * d..<4 * d + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        let (total, overflow) = dimensions.reduce((1, false)) { acc, size in
            let (product, o) = acc.0.multipliedReportingOverflow(by: size)
            return (product, acc.1 || o)
        }
        guard !overflow, total <= 1 << 34 else {
            throw corrupt("dimensions \(dimensions) are implausibly large")
        }

        // The header is checked against the file's length before anything is allocated:
        // a header that promises more than the file can hold is a corrupt file, not a
        // request for gigabytes. A plain file must hold the data; a compressed one cannot
        // expand more than deflate's 1032 : 1.
        let headerLength = 4 + 4 * rank
        var info = stat()
        guard stat(path, &info) == 0 else { throw corrupt("cannot be read: \(String(cString: strerror(errno)))") }
        let fileCount = Int(info.st_size)
        if gzdirect(file) == 1 {
            guard fileCount - headerLength >= total else {
                throw corrupt("truncated: dimensions \(dimensions) need \(total) data bytes, the file holds \(fileCount - headerLength)")
            }
        } else {
            let (limit, o) = fileCount.multipliedReportingOverflow(by: 1032)
            guard o || headerLength + total <= limit else {
                throw corrupt(
                    "truncated: dimensions \(dimensions) need \(total) data bytes, more than a compressed file of \(fileCount) bytes can hold")
            }
        }

        // Read in pieces, so memory grows only with data that is really there.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Swift.min(total, 64 << 20))
        var readCount = 0
        while readCount < total {
            let piece = Swift.min(total - readCount, 16 << 20)
            bytes.append(contentsOf: repeatElement(0, count: piece))
            let n = try bytes.withUnsafeMutableBytes { try readFully($0.baseAddress! + readCount, piece) }
            readCount += n
            if n < piece { break }
        }
        guard readCount == total else {
            throw corrupt("truncated: dimensions \(dimensions) need \(total) data bytes, found \(readCount)")
        }
        return IDXFile(dimensions: dimensions, bytes: bytes)
    }

    /// Writes the file, gzip-compressed when `compressed` (as Debian ships them).
    /// Throws `EngineError.missingFile` when `path` cannot be created.
    public func write(to path: String, compressed: Bool = false) throws {
        var data: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for size in dimensions {
            data += [
                UInt8(truncatingIfNeeded: size >> 24), UInt8(truncatingIfNeeded: size >> 16),
                UInt8(truncatingIfNeeded: size >> 8), UInt8(truncatingIfNeeded: size),
            ]
        }
        data += bytes
        guard let file = gzopen(path, compressed ? "wb6" : "wbT") else {
            throw EngineError.missingFile(path: path, debianPackage: nil)
        }
        let written = data.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
        let closed = gzclose(file)
        guard written == Int32(data.count), closed == Z_OK else {
            throw EngineError.corruptFile(path: path, reason: "could not write \(data.count) bytes", debianPackage: nil)
        }
    }
}

private func hex(_ value: UInt32, width: Int = 8) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
}
