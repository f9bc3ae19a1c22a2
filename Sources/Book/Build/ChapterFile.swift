import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads a chapter's Markdown, refusing in plain words what is not a text file: a
/// folder, a named pipe or device (never opened, so reading cannot wait forever), a
/// link to nothing, a binary file, text that is not UTF-8, a file too large to be a
/// chapter. A UTF-8 byte-order mark is dropped.
enum ChapterFile {
    /// A chapter larger than this is refused rather than read into memory.
    static let byteLimit = 16 << 20

    /// The file's text; throws `ChapterFile.Problem` saying what is wrong with it.
    static func read(_ url: URL) throws -> String {
        let path = url.path
        var info = stat()
        if lstat(path, &info) != 0 { throw Problem(describe(errno)) }
        if info.st_mode & S_IFMT == S_IFLNK, stat(path, &info) != 0 {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            throw Problem(
                errno == ENOENT
                    ? "is a symbolic link to '\(target)', which does not exist"
                    : "is a symbolic link to '\(target)', which cannot be read: \(describe(errno))")
        }
        if let kind = kind(info.st_mode) { throw Problem(kind) }
        if Int(info.st_size) > byteLimit { throw Problem(tooLarge(Int(info.st_size))) }

        // O_NONBLOCK: should the file have become a pipe since `stat`, opening it does
        // not wait for a writer; it is checked again on the open descriptor.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw Problem("cannot be opened: \(describe(errno))") }
        defer { close(fd) }
        if fstat(fd, &info) != 0 { throw Problem("cannot be read: \(describe(errno))") }
        if let kind = kind(info.st_mode) { throw Problem(kind) }

        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Problem("cannot be read: \(describe(errno))")
            }
            if n == 0 { break }
            bytes += chunk[..<n]
            if bytes.count > byteLimit { throw Problem(tooLarge(bytes.count)) }
        }
        return try text(bytes)
    }

    /// The bytes as text, or why they are not Markdown text.
    static func text(_ bytes: [UInt8]) throws -> String {
        if let nul = bytes.firstIndex(of: 0) {
            throw Problem("is a binary file, not Markdown text (it holds a NUL byte at \(place(nul, in: bytes)))")
        }
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: break loop
            case .error:
                throw Problem(
                    "is not UTF-8 text: byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at \(place(offset, in: bytes)) is not UTF-8; save the file as UTF-8"
                )
            }
        }
        var text = bytes[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        return String(decoding: text, as: UTF8.self)
    }

    /// What a non-regular file is, in words; nil for a regular file.
    private static func kind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a folder, not a Markdown file"
        case S_IFIFO: return "is a named pipe (FIFO), not a file; it was not opened, as reading it could wait forever"
        case S_IFSOCK: return "is a socket, not a file"
        case S_IFCHR, S_IFBLK: return "is a device, not a file"
        default: return "is not a regular file"
        }
    }

    private static func tooLarge(_ size: Int) -> String {
        "is larger than \(byteLimit >> 20) MB (\(size) bytes), too large to be a chapter"
    }

    /// `line L, column C` (1-based, columns in bytes) of a byte offset.
    private static func place(_ offset: Int, in bytes: [UInt8]) -> String {
        let before = bytes[..<offset]
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let column = offset - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        return "line \(line), column \(column)"
    }

    /// `strerror`, lower-cased as the middle of a sentence.
    private static func describe(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    /// What is wrong with a file, as the rest of a sentence that begins with its path.
    struct Problem: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
