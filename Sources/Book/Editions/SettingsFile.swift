/// The part of TOML that `chapters/book.toml` uses, read by hand: a settings file of a
/// few lines does not earn a TOML library (LebJe/TOMLKit wraps the C++ toml++ and added
/// 70–90 s to a cold build on two cores, measured).
///
/// What it reads: `# comments`, `[table]` and `[dotted.table]` headers, and
/// `key = value` lines whose value is a "basic string" (escapes `\" \\ \n \t \r \uXXXX
/// \UXXXXXXXX`), a 'literal string', `true`/`false`, or an array of strings on one line
/// (`["a.md", "b.md"]`). Keys are bare (`A-Za-z0-9_-`) or quoted. Anything else of TOML
/// (numbers, dates, inline tables, multi-line strings) is refused with the line and
/// column, never misread.
struct SettingsFile {
    enum Value: Equatable {
        case string(String)
        case bool(Bool)
        case strings([String])

        var kind: String {
            switch self {
            case .string: return "a string"
            case .bool: return "true or false"
            case .strings: return "an array of strings"
            }
        }
    }

    /// One `key = value`, with the line it is on.
    struct Entry: Equatable {
        var value: Value
        var line: Int
    }

    /// Tables by their dotted name (`""` for the keys before any header, `editions.ko`),
    /// in file order.
    private(set) var tables: [(name: String, line: Int, entries: [String: Entry])] = [("", 0, [:])]

    /// Why the file cannot be read: the line, column and what is wrong.
    struct Problem: Error, Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    func table(_ name: String) -> [String: Entry]? { tables.first { $0.name == name }?.entries }

    static func parse(_ text: String) throws -> SettingsFile {
        var file = SettingsFile()
        var lineNumber = 0
        for rawLine in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var scanner = Scanner(Array(rawLine.unicodeScalars), line: lineNumber)
            scanner.skipSpaces()
            if scanner.atEndOrComment { continue }
            if scanner.peek == "[" {
                scanner.advance()
                if scanner.peek == "[" { throw scanner.problem("arrays of tables ([[…]]) are not supported in book.toml") }
                var parts: [String] = []
                repeat {
                    scanner.skipSpaces()
                    parts.append(try scanner.key())
                    scanner.skipSpaces()
                } while scanner.take(".")
                guard scanner.take("]") else { throw scanner.problem("expected ] to close the table header") }
                scanner.skipSpaces()
                guard scanner.atEndOrComment else { throw scanner.problem("unexpected text after the table header") }
                let name = parts.joined(separator: ".")
                if let earlier = file.tables.first(where: { $0.name == name && $0.line > 0 }) {
                    throw Problem(line: lineNumber, column: 1, message: "table [\(name)] is already defined at line \(earlier.line)")
                }
                file.tables.append((name, lineNumber, [:]))
                continue
            }
            let keyColumn = scanner.column
            let key = try scanner.key()
            scanner.skipSpaces()
            if scanner.peek == "." { throw scanner.problem("dotted keys are not supported in book.toml; use a [table] header") }
            guard scanner.take("=") else { throw scanner.problem("expected = after the key '\(key)'") }
            scanner.skipSpaces()
            let value = try scanner.value()
            scanner.skipSpaces()
            guard scanner.atEndOrComment else { throw scanner.problem("unexpected text after the value") }
            let index = file.tables.count - 1
            if let earlier = file.tables[index].entries[key] {
                throw Problem(line: lineNumber, column: keyColumn, message: "key '\(key)' is already set at line \(earlier.line)")
            }
            file.tables[index].entries[key] = Entry(value: value, line: lineNumber)
        }
        return file
    }

    /// Reads one line, scalar by scalar.
    private struct Scanner {
        let scalars: [Unicode.Scalar]
        let line: Int
        var position = 0

        init(_ scalars: [Unicode.Scalar], line: Int) {
            self.scalars = scalars
            self.line = line
        }

        var column: Int { position + 1 }
        var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }
        var atEndOrComment: Bool { peek == nil || peek == "#" }

        mutating func advance() { position += 1 }

        mutating func take(_ c: Unicode.Scalar) -> Bool {
            guard peek == c else { return false }
            position += 1
            return true
        }

        mutating func skipSpaces() { while peek == " " || peek == "\t" { position += 1 } }

        func problem(_ message: String) -> Problem { Problem(line: line, column: column, message: message) }

        mutating func key() throws -> String {
            if peek == "\"" { return try basicString() }
            if peek == "'" { return try literalString() }
            var key = ""
            while let c = peek, c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "-" {
                key.unicodeScalars.append(c)
                position += 1
            }
            if key.isEmpty { throw problem("expected a key (letters, digits, _ and -, or a quoted key)") }
            return key
        }

        mutating func value() throws -> Value {
            switch peek {
            case "\"":
                if scalars[position...].starts(with: "\"\"\"".unicodeScalars) {
                    throw problem("multi-line strings are not supported in book.toml")
                }
                return .string(try basicString())
            case "'":
                if scalars[position...].starts(with: "'''".unicodeScalars) {
                    throw problem("multi-line strings are not supported in book.toml")
                }
                return .string(try literalString())
            case "[":
                position += 1
                var items: [String] = []
                skipSpaces()
                while !take("]") {
                    guard peek == "\"" || peek == "'" else {
                        throw problem(peek == nil ? "the array is not closed with ] on this line" : "arrays in book.toml hold strings only")
                    }
                    items.append(peek == "\"" ? try basicString() : try literalString())
                    skipSpaces()
                    if take(",") {
                        skipSpaces()
                        continue
                    }
                    guard peek == "]" else { throw problem("expected , or ] in the array") }
                }
                return .strings(items)
            default:
                var word = ""
                while let c = peek, c != " ", c != "\t", c != "#" {
                    word.unicodeScalars.append(c)
                    position += 1
                }
                if word == "true" { return .bool(true) }
                if word == "false" { return .bool(false) }
                position -= word.unicodeScalars.count
                if word.isEmpty { throw problem("expected a value") }
                throw problem("'\(word)' is not a value book.toml takes: write a \"string\", true or false, or [\"strings\"]")
            }
        }

        mutating func basicString() throws -> String {
            position += 1
            var out = ""
            while true {
                guard let c = peek else { throw problem("the string is not closed with \" on this line") }
                position += 1
                if c == "\"" { return out }
                if c != "\\" {
                    out.unicodeScalars.append(c)
                    continue
                }
                guard let e = peek else { throw problem("the string is not closed with \" on this line") }
                position += 1
                switch e {
                case "\"": out += "\""
                case "\\": out += "\\"
                case "n": out += "\n"
                case "t": out += "\t"
                case "r": out += "\r"
                case "b": out += "\u{8}"
                case "f": out += "\u{C}"
                case "u", "U":
                    let count = e == "u" ? 4 : 8
                    guard position + count <= scalars.count,
                        let value = UInt32(String(String.UnicodeScalarView(scalars[position..<position + count])), radix: 16),
                        let scalar = Unicode.Scalar(value)
                    else {
                        throw problem("\\\(e) takes \(count) hexadecimal digits naming a Unicode scalar")
                    }
                    out.unicodeScalars.append(scalar)
                    position += count
                default:
                    position -= 2
                    throw problem("unknown escape \\\(e) in a string")
                }
            }
        }

        mutating func literalString() throws -> String {
            position += 1
            var out = ""
            while let c = peek {
                position += 1
                if c == "'" { return out }
                out.unicodeScalars.append(c)
            }
            throw problem("the string is not closed with ' on this line")
        }
    }
}
