import Foundation

/// A gettext catalog (a `.po` file): source strings and their translations, the format
/// translators' tools (Poedit, Lokalize, Weblate, `msgmerge`) read and write.
///
/// An edition has one for the strings its chapters' experiments produce
/// (`chapters/ko/results.po`); the theme has one per language for the page chrome
/// (`locales/ko.po`). An entry with an empty `msgstr`, or marked `#, fuzzy`, is not
/// translated, as gettext treats it.
public struct Catalog: Sendable {
    public struct Entry: Sendable, Equatable {
        public var context: String?
        public var id: String
        public var translation: String
        /// `#, fuzzy`: a translator's guess awaiting review; not used.
        public var fuzzy: Bool
        /// `#, c-format` and the like.
        public var flags: [String]
        /// Line of the entry's `msgid`.
        public var line: Int

        public var isTranslated: Bool { !fuzzy && !translation.isEmpty }
    }

    /// The file as the user would name it, for messages.
    public var path: String
    public var entries: [Entry] = []
    /// The header entry's fields (`Language`, `Content-Type`, …).
    public var header: [String: String] = [:]
    private var index: [String: Int] = [:]

    public init(path: String, entries: [Entry] = [], header: [String: String] = [:]) {
        self.path = path
        self.header = header
        for entry in entries { add(entry) }
    }

    private mutating func add(_ entry: Entry) {
        index[Self.key(entry.context, entry.id)] = entries.count
        entries.append(entry)
    }

    private static func key(_ context: String?, _ id: String) -> String {
        context.map { $0 + "\u{4}" + id } ?? id
    }

    public func entry(_ id: String, context: String? = nil) -> Entry? {
        index[Self.key(context, id)].map { entries[$0] }
    }

    /// The translation of `id`: the entry with `context` when there is a translated one,
    /// else the entry without a context; nil when neither is translated.
    public func translation(of id: String, context: String? = nil) -> String? {
        if let context, let entry = entry(id, context: context), entry.isTranslated { return entry.translation }
        if let entry = entry(id), entry.isTranslated { return entry.translation }
        return nil
    }

    /// The catalog in `url`; an absent file is an empty catalog.
    public static func load(_ url: URL, path: String, language: String? = nil) throws -> Catalog {
        guard FileManager.default.fileExists(atPath: url.path) else { return Catalog(path: path) }
        let text: String
        do { text = try ChapterFile.read(url) } catch {
            throw BookError.catalog(path: path, line: nil, column: nil, message: "\(error)")
        }
        return try parse(text, path: path, language: language)
    }
}

extension Catalog {
    /// Parses `.po` text. Plural entries (`msgid_plural`, `msgstr[N]`) are refused: the
    /// strings a chapter's experiments produce have no plural forms to choose between.
    /// `language`, when given, must agree with the header's `Language`.
    public static func parse(_ text: String, path: String, language: String? = nil) throws -> Catalog {
        var parser = POParser(path: path)
        for (i, line) in text.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        {
            try parser.read(Array(line.utf8), line: i + 1)
        }
        try parser.finishEntry(atEnd: true)
        var catalog = Catalog(path: path)
        for entry in parser.entries {
            if entry.context == nil && entry.id.isEmpty {
                catalog.header = Self.headerFields(entry.translation)
                continue
            }
            if let earlier = catalog.entry(entry.id, context: entry.context) {
                throw BookError.catalog(
                    path: path, line: entry.line, column: nil,
                    message:
                        "msgid \(Self.quoted(entry.id))\(entry.context.map { " (msgctxt \(Self.quoted($0)))" } ?? "") is already in the catalog at line \(earlier.line)"
                )
            }
            catalog.add(entry)
        }
        if let type = catalog.header["Content-Type"], let charset = type.range(of: "charset=") {
            let name = type[charset.upperBound...].trimmingCharacters(in: .whitespaces).lowercased()
            if name != "utf-8" && name != "utf8" && name != "charset" {
                throw BookError.catalog(
                    path: path, line: 1, column: nil, message: "the catalog says it is in \(name); save it as UTF-8 and say charset=UTF-8")
            }
        }
        if let language, let said = catalog.header["Language"], !said.isEmpty {
            let normalized = said.replacingOccurrences(of: "_", with: "-").lowercased()
            if normalized != language.lowercased() && normalized.split(separator: "-").first.map(String.init) != language.lowercased() {
                throw BookError.catalog(
                    path: path, line: 1, column: nil, message: "the header says Language: \(said), but the catalog is for the edition '\(language)'")
            }
        }
        return catalog
    }

    static func headerFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon]).trimmingCharacters(in: .whitespaces)] =
                String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    /// A string as a `.po` file writes it: quoted, with C escapes.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if c.value < 0x20 || c.value == 0x7F { out += String(format: "\\%03o", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }
}

/// Reads a `.po` file line by line: comments, keywords and their quoted strings, which
/// continue over the lines that follow (`"…"` alone on a line). Strings are collected as
/// bytes, escapes included, and decoded as UTF-8 once whole.
private struct POParser {
    let path: String
    var entries: [Catalog.Entry] = []

    private enum Keyword: String { case msgctxt, msgid, msgstr }
    private var context: [UInt8]?
    private var id: [UInt8]?
    private var translation: [UInt8]?
    private var idLine = 0
    private var flags: [String] = []
    private var current: Keyword?
    private var obsolete = false

    init(path: String) { self.path = path }

    private func problem(_ line: Int, _ column: Int?, _ message: String) -> BookError {
        .catalog(path: path, line: line, column: column, message: message)
    }

    private var hasEntry: Bool { context != nil || id != nil || translation != nil }

    mutating func read(_ bytes: [UInt8], line: Int) throws {
        var i = 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        if i == bytes.count { return }
        if bytes[i] == UInt8(ascii: "#") {
            let kind = i + 1 < bytes.count ? bytes[i + 1] : 0
            if translation != nil { try finishEntry(atEnd: false) }
            if kind == UInt8(ascii: "~") {
                obsolete = true
                return
            }
            if kind == UInt8(ascii: ",") {
                let text = String(decoding: bytes[(i + 2)...], as: UTF8.self)
                flags += text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            return
        }
        obsolete = false
        if bytes[i] == UInt8(ascii: "\"") {
            guard let keyword = current else { throw problem(line, i + 1, "a string continues no msgctxt, msgid or msgstr") }
            let value = try string(bytes, from: &i, line: line)
            try rest(bytes, after: i, line: line)
            switch keyword {
            case .msgctxt: context! += value
            case .msgid: id! += value
            case .msgstr: translation! += value
            }
            return
        }
        var word = ""
        while i < bytes.count, bytes[i] != 0x20, bytes[i] != 0x09, bytes[i] != UInt8(ascii: "\"") {
            word.unicodeScalars.append(Unicode.Scalar(bytes[i]))
            i += 1
        }
        if word == "msgid_plural" || word.hasPrefix("msgstr[") {
            throw problem(
                line, 1,
                "plural forms (\(word)) are not supported: the strings of a book's experiments have no plurals to choose between; give each wording its own msgid"
            )
        }
        guard let keyword = Keyword(rawValue: word) else {
            throw problem(line, 1, "expected msgctxt, msgid, msgstr, a \"string\" or a # comment, not '\(word.prefix(40))'")
        }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw problem(line, i + 1, "\(word) takes a \"string\"") }
        let value = try string(bytes, from: &i, line: line)
        try rest(bytes, after: i, line: line)
        switch keyword {
        case .msgctxt:
            if translation != nil { try finishEntry(atEnd: false) }
            if hasEntry { throw problem(line, 1, "msgctxt must come before the entry's msgid") }
            context = value
        case .msgid:
            if translation != nil { try finishEntry(atEnd: false) }
            if id != nil { throw problem(line, 1, "msgid follows the msgid at line \(idLine) without a msgstr between them") }
            id = value
            idLine = line
        case .msgstr:
            guard id != nil else { throw problem(line, 1, "msgstr without a msgid before it") }
            if translation != nil { throw problem(line, 1, "a second msgstr for the msgid at line \(idLine)") }
            translation = value
        }
        current = keyword
    }

    /// Only white space or a comment may follow a string on its line.
    private func rest(_ bytes: [UInt8], after index: Int, line: Int) throws {
        var i = index
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        if i < bytes.count { throw problem(line, i + 1, "unexpected text after the string") }
    }

    /// The quoted string starting at `i`, escapes resolved, as bytes; `i` ends after it.
    private func string(_ bytes: [UInt8], from i: inout Int, line: Int) throws -> [UInt8] {
        let start = i
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw problem(line, start + 1, "the string is not closed with \" on this line") }
            let c = bytes[i]
            i += 1
            if c == UInt8(ascii: "\"") { return out }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                continue
            }
            guard i < bytes.count else { throw problem(line, start + 1, "the string is not closed with \" on this line") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "?"): out.append(e)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(e - UInt8(ascii: "0"))
                var digits = 1
                while digits < 3, i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[i]) {
                    value = value * 8 + Int(bytes[i] - UInt8(ascii: "0"))
                    i += 1
                    digits += 1
                }
                guard value <= 0xFF else { throw problem(line, i - digits, "octal escape \\\(String(value, radix: 8)) is larger than a byte") }
                out.append(UInt8(value))
            case UInt8(ascii: "x"):
                var value = 0
                var digits = 0
                while i < bytes.count, let d = Int(String(UnicodeScalar(bytes[i])), radix: 16), digits < 2 {
                    value = value * 16 + d
                    i += 1
                    digits += 1
                }
                guard digits > 0 else { throw problem(line, i - 1, "\\x takes hexadecimal digits") }
                out.append(UInt8(value))
            default:
                throw problem(line, i - 1, "unknown escape \\\(String(UnicodeScalar(e))) in a string")
            }
        }
    }

    mutating func finishEntry(atEnd: Bool) throws {
        defer {
            context = nil
            id = nil
            translation = nil
            flags = []
            current = nil
        }
        guard hasEntry else { return }
        guard let id else { throw problem(idLine, nil, "msgctxt without a msgid") }
        guard let translation else { throw problem(idLine, nil, "msgid without a msgstr") }
        func text(_ bytes: [UInt8]) throws -> String {
            guard let s = String(validating: bytes, as: UTF8.self) else {
                throw problem(idLine, nil, "the entry's strings are not UTF-8 text")
            }
            return s
        }
        entries.append(
            Catalog.Entry(
                context: try context.map(text), id: try text(id), translation: try text(translation),
                fuzzy: flags.contains("fuzzy"), flags: flags, line: idLine))
    }
}
