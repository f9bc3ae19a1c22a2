import Foundation

/// Just enough of a PDF to know its pages and on which page each named destination
/// lies: what the printer needs to put page numbers into the table of contents.
///
/// Chromium names a destination after the id of every element a link of the page leads
/// to, so `destinations()["03-x/adam"]` is the page of `<h2 id="03-x/adam">`. It reads
/// the cross-reference table (following `/Prev`), the catalogue, the page tree and the
/// destinations (the catalogue's `/Dests` dictionary or its `/Names` tree); it never
/// decompresses a stream. Written by hand because no PDF library is on the machine
/// (poppler's is C++ and GLib); a PDF it cannot read (cross-reference streams, which
/// Chromium does not write) is an error, never a guess.
struct PDFReader {
    indirect enum Value: Equatable {
        case number(Double)
        case name(String)
        case string([UInt8])
        case array([Value])
        case dictionary([String: Value])
        case reference(Int)
        case bool(Bool)
        case null

        subscript(key: String) -> Value? {
            if case .dictionary(let entries) = self { return entries[key] }
            return nil
        }
    }

    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    private let bytes: [UInt8]
    private var offsets: [Int: Int] = [:]
    private var trailer: [String: Value] = [:]

    init(_ data: Data) throws {
        bytes = [UInt8](data)
        guard bytes.starts(with: Array("%PDF-".utf8)) else { throw Unreadable(description: "not a PDF") }
        guard let marker = Self.lastIndex(of: Array("startxref".utf8), in: bytes) else {
            throw Unreadable(description: "no startxref")
        }
        var lexer = Lexer(bytes: bytes, position: marker + 9)
        guard case .number(let start)? = try lexer.value() else { throw Unreadable(description: "no cross-reference offset") }
        var next: Int? = Int(start)
        var visited = Set<Int>()
        while let offset = next, visited.insert(offset).inserted {
            let section = try readCrossReferences(at: offset)
            if trailer.isEmpty { trailer = section }
            next = section["Prev"].flatMap { if case .number(let n) = $0 { return Int(n) } else { return nil } }
        }
    }

    /// The object numbers of the pages, in order.
    func pages() throws -> [Int] {
        guard let root = trailer["Root"], let pagesRoot = try resolve(root)["Pages"] else {
            throw Unreadable(description: "no page tree")
        }
        var pages: [Int] = []
        var seen = Set<Int>()
        func walk(_ node: Value, number: Int?) throws {
            if let number, !seen.insert(number).inserted { throw Unreadable(description: "the page tree loops") }
            let dictionary = try resolve(node)
            if case .array(let kids)? = dictionary["Kids"] {
                for kid in kids {
                    guard case .reference(let n) = kid else { throw Unreadable(description: "a page that is not a reference") }
                    try walk(kid, number: n)
                }
            } else if let number {
                pages.append(number)
            }
        }
        if case .reference(let n) = pagesRoot { try walk(pagesRoot, number: n) } else { try walk(pagesRoot, number: nil) }
        return pages
    }

    /// Each named destination and its page, counted from 1.
    func destinations() throws -> [String: Int] {
        var pageNumber: [Int: Int] = [:]
        for (index, object) in try pages().enumerated() { pageNumber[object] = index + 1 }
        guard let root = trailer["Root"] else { throw Unreadable(description: "no catalogue") }
        let catalog = try resolve(root)
        var found: [String: Int] = [:]
        func add(_ name: String, _ destination: Value) throws {
            var target = try resolve(destination)
            if let inner = target["D"] { target = try resolve(inner) }
            if case .array(let parts) = target, case .reference(let page)? = parts.first, let number = pageNumber[page] {
                found[name] = number
            }
        }
        if let dests = catalog["Dests"], case .dictionary(let entries) = try resolve(dests) {
            for (name, destination) in entries { try add(name, destination) }
        }
        if let names = catalog["Names"], let tree = try resolve(names)["Dests"] {
            var seen = Set<Int>()
            func walk(_ node: Value) throws {
                if case .reference(let n) = node, !seen.insert(n).inserted { return }
                let dictionary = try resolve(node)
                if case .array(let pairs)? = dictionary["Names"] {
                    var i = 0
                    while i + 1 < pairs.count {
                        if case .string(let key) = pairs[i] { try add(Self.text(key), pairs[i + 1]) }
                        i += 2
                    }
                }
                if case .array(let kids)? = dictionary["Kids"] { for kid in kids { try walk(kid) } }
            }
            try walk(tree)
        }
        return found
    }

    // MARK: - Objects

    func resolve(_ value: Value) throws -> Value {
        var value = value
        var hops = 0
        while case .reference(let number) = value {
            hops += 1
            guard hops < 32, let offset = offsets[number] else { return .null }
            var lexer = Lexer(bytes: bytes, position: offset)
            guard case .number? = try lexer.value(), case .number? = try lexer.value(), lexer.keyword("obj") else {
                throw Unreadable(description: "object \(number) is not at offset \(offset)")
            }
            value = try lexer.value() ?? .null
        }
        return value
    }

    /// Reads the cross-reference section at `offset` into `offsets` (entries already
    /// read, from a later section, win) and returns its trailer.
    private mutating func readCrossReferences(at offset: Int) throws -> [String: Value] {
        guard offset >= 0, offset < bytes.count else { throw Unreadable(description: "cross-reference offset out of the file") }
        var lexer = Lexer(bytes: bytes, position: offset)
        guard lexer.keyword("xref") else {
            throw Unreadable(description: "no cross-reference table at \(offset) (a cross-reference stream?)")
        }
        while !lexer.keyword("trailer") {
            guard case .number(let first)? = try lexer.value(), case .number(let count)? = try lexer.value(),
                first >= 0, count >= 0
            else {
                throw Unreadable(description: "a malformed cross-reference table")
            }
            for i in 0..<Int(count) {
                guard case .number(let position)? = try lexer.value(), case .number? = try lexer.value() else {
                    throw Unreadable(description: "a malformed cross-reference entry")
                }
                if lexer.keyword("n") {
                    if offsets[Int(first) + i] == nil { offsets[Int(first) + i] = Int(position) }
                } else if !lexer.keyword("f") {
                    throw Unreadable(description: "a malformed cross-reference entry")
                }
            }
        }
        guard case .dictionary(let entries)? = try lexer.value() else { throw Unreadable(description: "no trailer") }
        return entries
    }

    /// A text string: UTF-16 with a byte-order mark, else UTF-8 (which covers ASCII).
    static func text(_ bytes: [UInt8]) -> String {
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            let units = stride(from: 2, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            return String(decoding: units, as: UTF16.self)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = haystack.count - needle.count
        while i >= 0 {
            if haystack[i] == needle[0], Array(haystack[i..<(i + needle.count)]) == needle { return i }
            i -= 1
        }
        return nil
    }

    // MARK: - Tokens

    /// PDF's object syntax (ISO 32000-1, 7.3), without streams.
    struct Lexer {
        let bytes: [UInt8]
        var position: Int

        private static let delimiters: Set<UInt8> = Set("()<>[]{}/%".utf8)
        private static func isSpace(_ byte: UInt8) -> Bool { [0, 9, 10, 12, 13, 32].contains(byte) }

        private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        private mutating func skipSpace() {
            while let byte = current {
                if Self.isSpace(byte) {
                    position += 1
                } else if byte == UInt8(ascii: "%") {
                    while let c = current, c != 10, c != 13 { position += 1 }
                } else {
                    return
                }
            }
        }

        /// Consumes `word` if it is the next token.
        mutating func keyword(_ word: String) -> Bool {
            skipSpace()
            let w = Array(word.utf8)
            guard position + w.count <= bytes.count, Array(bytes[position..<(position + w.count)]) == w else { return false }
            let after = position + w.count
            if after < bytes.count, !Self.isSpace(bytes[after]), !Self.delimiters.contains(bytes[after]) { return false }
            position = after
            return true
        }

        /// The next value; nil at the end of a dictionary or array, or of the input.
        mutating func value() throws -> Value? {
            skipSpace()
            guard let byte = current else { return nil }
            switch byte {
            case UInt8(ascii: "<"):
                if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "<") {
                    position += 2
                    var entries: [String: Value] = [:]
                    while true {
                        skipSpace()
                        if current == UInt8(ascii: ">") {
                            position += 2
                            return .dictionary(entries)
                        }
                        guard case .name(let key)? = try value() else {
                            throw Unreadable(description: "a dictionary key that is not a name at \(position)")
                        }
                        entries[key] = try value() ?? .null
                    }
                }
                position += 1
                return .string(hexString())
            case UInt8(ascii: "["):
                position += 1
                var items: [Value] = []
                while true {
                    skipSpace()
                    if current == UInt8(ascii: "]") {
                        position += 1
                        return .array(items)
                    }
                    guard let item = try value() else { throw Unreadable(description: "an unclosed array") }
                    items.append(item)
                }
            case UInt8(ascii: "]"), UInt8(ascii: ">"):
                return nil
            case UInt8(ascii: "("):
                position += 1
                return .string(try literalString())
            case UInt8(ascii: "/"):
                position += 1
                return .name(name())
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let first = number()
                // `12 0 R` is a reference: an integer, an integer and `R`.
                let saved = position
                skipSpace()
                if first >= 0, first == first.rounded(), let c = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) {
                    let generation = number()
                    if generation == generation.rounded(), keyword("R") { return .reference(Int(first)) }
                }
                position = saved
                return .number(first)
            default:
                if keyword("true") { return .bool(true) }
                if keyword("false") { return .bool(false) }
                if keyword("null") { return .null }
                throw Unreadable(description: "unexpected byte \(byte) at \(position)")
            }
        }

        private mutating func number() -> Double {
            let start = position
            while let c = current,
                c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c)
            {
                position += 1
            }
            return Double(String(decoding: bytes[start..<position], as: UTF8.self)) ?? 0
        }

        private mutating func name() -> String {
            var out: [UInt8] = []
            while let c = current, !Self.isSpace(c), !Self.delimiters.contains(c) {
                if c == UInt8(ascii: "#"), position + 2 < bytes.count,
                    let high = Self.hexDigit(bytes[position + 1]), let low = Self.hexDigit(bytes[position + 2])
                {
                    out.append(high << 4 | low)
                    position += 3
                } else {
                    out.append(c)
                    position += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        private mutating func hexString() -> [UInt8] {
            var digits: [UInt8] = []
            while let c = current, c != UInt8(ascii: ">") {
                if let d = Self.hexDigit(c) { digits.append(d) }
                position += 1
            }
            position += 1
            if digits.count % 2 == 1 { digits.append(0) }
            return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
        }

        private mutating func literalString() throws -> [UInt8] {
            var out: [UInt8] = []
            var depth = 1
            while let c = current {
                position += 1
                switch c {
                case UInt8(ascii: "("):
                    depth += 1
                    out.append(c)
                case UInt8(ascii: ")"):
                    depth -= 1
                    if depth == 0 { return out }
                    out.append(c)
                case UInt8(ascii: "\\"):
                    guard let e = current else { break }
                    position += 1
                    switch e {
                    case UInt8(ascii: "n"): out.append(10)
                    case UInt8(ascii: "r"): out.append(13)
                    case UInt8(ascii: "t"): out.append(9)
                    case UInt8(ascii: "b"): out.append(8)
                    case UInt8(ascii: "f"): out.append(12)
                    case 10: break
                    case 13: if current == 10 { position += 1 }
                    case UInt8(ascii: "0")...UInt8(ascii: "7"):
                        var code = Int(e - UInt8(ascii: "0"))
                        for _ in 0..<2 {
                            guard let d = current, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(d) else { break }
                            code = code * 8 + Int(d - UInt8(ascii: "0"))
                            position += 1
                        }
                        out.append(UInt8(truncatingIfNeeded: code))
                    default: out.append(e)
                    }
                default:
                    out.append(c)
                }
            }
            throw Unreadable(description: "an unclosed string")
        }

        private static func hexDigit(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
    }
}
