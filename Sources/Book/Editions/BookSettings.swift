import Foundation

/// `chapters/book.toml`: the language the chapters are written in and the book's
/// editions in other languages. Without the file a book is one edition in English.
///
///     language = "en"            # the language of chapters/*.md
///     name = "English"           # its name in the language switch
///
///     [editions.ko]              # chapters/ko/: the Korean edition
///     name = "한국어"
///     title = "신경망 학습, 실행하며 배우기"   # else the first heading of ko/index.md
///     pages = ["glossary.md"]    # pages of this edition alone (no run blocks)
///
/// The setting lives in a file of its own rather than in the index's front matter: it
/// concerns every edition at once (one index per edition would each have to agree), and
/// a Markdown file's front matter would need stripping before cmark sees it.
public struct BookSettings: Sendable, Equatable {
    /// A BCP 47 language tag: `en`, `ko`, `pt-BR`.
    public var language = "en"
    public var name: String
    public var editions: [EditionSettings] = []

    public struct EditionSettings: Sendable, Equatable {
        /// The language tag, which is also the edition's folder under the chapters and
        /// under the output (`chapters/ko/`, `output/ko/`).
        public var language: String
        public var name: String
        public var title: String?
        /// File names of pages only this edition has (a glossary), in the order given.
        public var pages: [String] = []
    }

    public static let fileName = "book.toml"

    public init(language: String = "en", name: String? = nil, editions: [EditionSettings] = []) {
        self.language = language
        self.name = name ?? Self.knownNames[language] ?? language
        self.editions = editions
    }

    /// Names of a few languages in themselves, for editions that do not give one.
    static let knownNames = [
        "en": "English", "ko": "한국어", "ja": "日本語", "zh": "中文", "de": "Deutsch",
        "fr": "Français", "es": "Español", "pt": "Português",
    ]

    /// Reads `book.toml` in `directory` (`path` is the chapters folder as the user wrote
    /// it, for messages); the default settings when there is none.
    public static func load(directory: URL, path: String) throws -> BookSettings {
        let url = directory.appendingPathComponent(fileName)
        let display = path.isEmpty || path == "." ? fileName : (path.hasSuffix("/") ? path : path + "/") + fileName
        guard FileManager.default.fileExists(atPath: url.path) else { return BookSettings() }
        let text: String
        do { text = try ChapterFile.read(url) } catch {
            throw BookError.settings(path: display, line: nil, column: nil, message: "\(error)")
        }
        return try parse(text, path: display)
    }

    static func parse(_ text: String, path: String) throws -> BookSettings {
        func fail(_ line: Int?, _ column: Int? = nil, _ message: String) -> BookError {
            .settings(path: path, line: line, column: column, message: message)
        }
        let file: SettingsFile
        do { file = try SettingsFile.parse(text) } catch let problem as SettingsFile.Problem {
            throw fail(problem.line, problem.column, problem.message)
        }
        func string(_ entries: [String: SettingsFile.Entry], _ key: String) throws -> String? {
            guard let entry = entries[key] else { return nil }
            guard case .string(let s) = entry.value else {
                throw fail(entry.line, nil, "'\(key)' must be a string, not \(entry.value.kind)")
            }
            return s
        }
        func allow(_ entries: [String: SettingsFile.Entry], _ keys: Set<String>, in table: String) throws {
            for (key, entry) in entries.sorted(by: { $0.value.line < $1.value.line }) where !keys.contains(key) {
                throw fail(
                    entry.line, nil,
                    "unknown setting '\(key)'\(table.isEmpty ? "" : " in [\(table)]") (expected \(keys.sorted().joined(separator: ", ")))")
            }
        }

        let top = file.table("") ?? [:]
        try allow(top, ["language", "name"], in: "")
        var settings = BookSettings(language: try string(top, "language") ?? "en", name: try string(top, "name"))
        if !isLanguageTag(settings.language) {
            throw fail(top["language"]?.line, nil, "'\(settings.language)' is not a language tag (like en, ko or pt-BR)")
        }
        for table in file.tables where !table.name.isEmpty {
            let parts = table.name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, parts[0] == "editions" else {
                throw fail(
                    table.line, nil,
                    parts == ["editions"]
                        ? "[editions] takes one table per edition: [editions.ko]"
                        : "unknown table [\(table.name)] (expected [editions.LANGUAGE])")
            }
            let language = parts[1]
            guard isLanguageTag(language) else {
                throw fail(
                    table.line, nil, "'\(language)' is not a language tag (like ko, ja or pt-BR): [editions.\(language)] names the edition's folder")
            }
            guard language.lowercased() != settings.language.lowercased() else {
                throw fail(
                    table.line, nil, "the edition '\(language)' is the language of the chapters themselves (language = \"\(settings.language)\")")
            }
            try allow(table.entries, ["name", "title", "pages"], in: table.name)
            var edition = EditionSettings(
                language: language, name: try string(table.entries, "name") ?? knownNames[language] ?? language,
                title: try string(table.entries, "title"))
            if let entry = table.entries["pages"] {
                guard case .strings(let pages) = entry.value else {
                    throw fail(entry.line, nil, "'pages' must be an array of file names, like [\"glossary.md\"]")
                }
                for page in pages where !page.hasSuffix(".md") || page.contains("/") || page.hasPrefix(".") || page == "index.md" {
                    throw fail(entry.line, nil, "'\(page)' in pages is not a Markdown file name in the edition's folder (like \"glossary.md\")")
                }
                edition.pages = pages
            }
            settings.editions.append(edition)
        }
        return settings
    }

    /// `en`, `ko`, `pt-BR`, `zh-Hant`: letters, then subtags of letters and digits.
    static func isLanguageTag(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
