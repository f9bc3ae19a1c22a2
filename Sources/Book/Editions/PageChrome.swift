import Foundation

/// The words of the page chrome — "Chapter 3", "Figure 2.", previous and next, search,
/// the failure banner — in one language. English is the source (each string's `msgid`);
/// other languages come from the theme's gettext catalog `locales/LANG.po`, which a
/// user's theme may replace like any theme file. A string the catalog lacks stays English.
///
/// Strings with numbers or words in them are printf-like formats: `%d` and `%s`, or
/// `%1$d`, `%2$s` where a translation puts them in another order ("%d places found for
/// “%s”." → "“%2$s” 검색 결과 %1$d곳"). A translation must use the same arguments as its
/// source, which `check` verifies.
public struct PageChrome: Sendable {
    /// One string of the chrome: the name templates and scripts know it by, and its English.
    public struct Text: Sendable {
        public var key: String
        public var english: String
        /// What it is, for the translator (a `#.` comment in the catalog).
        public var note: String
    }

    public var language: String
    var catalog: Catalog?

    /// English chrome.
    public init() {
        language = "en"
        catalog = nil
    }

    public init(language: String, catalog: Catalog?) {
        self.language = language
        self.catalog = catalog
    }

    /// The chrome of `language` from the theme (`locales/LANG.po`); English needs none.
    /// Throws when the theme's catalog cannot be read; a theme without one gives English
    /// chrome (`isTranslated` is false).
    static func load(language: String, theme: Theme) throws -> PageChrome {
        let primary = language.split(separator: "-").first.map(String.init) ?? language
        if primary == "en" { return PageChrome() }
        for name in [language, primary] {
            guard let url = try? theme.url("locales/\(name).po") else { continue }
            return PageChrome(language: language, catalog: try Catalog.load(url, path: url.path, language: language))
        }
        return PageChrome(language: language, catalog: nil)
    }

    /// Whether this is English or a catalog exists for the language.
    public var isTranslated: Bool { catalog != nil || language.split(separator: "-").first == "en" }

    public func text(_ key: String) -> String {
        guard let text = Self.byKey[key] else { preconditionFailure("no chrome string '\(key)'") }
        return catalog?.translation(of: text.english) ?? text.english
    }

    /// The English of `key`: what results store, and what a catalog translates.
    static func english(_ key: String) -> String {
        guard let text = byKey[key] else { preconditionFailure("no chrome string '\(key)'") }
        return text.english
    }

    /// The translation of an English chrome string whose key is one of `keys`, or nil.
    func translate(english: String, among keys: [String]) -> String? {
        keys.first { Self.byKey[$0]?.english == english }.map(text)
    }

    /// The format `key`, translated, with `arguments` put in.
    public func format(_ key: String, _ arguments: CustomStringConvertible...) -> String {
        Self.format(text(key), arguments.map(\.description))
    }

    /// Every string, translated, by key: what templates read as `ui.KEY`.
    public var values: [String: String] {
        Dictionary(uniqueKeysWithValues: Self.all.map { ($0.key, text($0.key)) })
    }

    /// Substitutes `%d`, `%s` (in order), `%N$d`, `%N$s` (argument N) and `%%`. An
    /// argument a format does not have is left out; a placeholder with no argument stays.
    static func format(_ format: String, _ arguments: [String]) -> String {
        var out = ""
        var next = 0
        var scalars = Array(format.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            guard c == "%" else {
                out.unicodeScalars.append(c)
                continue
            }
            if scalars.first == "%" {
                scalars.removeFirst()
                out += "%"
                continue
            }
            var digits = ""
            var look = scalars
            while let d = look.first, ("0"..."9").contains(d) {
                digits.unicodeScalars.append(d)
                look.removeFirst()
            }
            var index: Int?
            if !digits.isEmpty, look.first == "$", let n = Int(digits), n >= 1 {
                look.removeFirst()
                index = n - 1
            } else {
                look = scalars
            }
            guard let kind = look.first, kind == "d" || kind == "s" else {
                out += "%"
                continue
            }
            look.removeFirst()
            scalars = look
            let i = index ?? next
            if index == nil { next += 1 }
            out += i < arguments.count ? arguments[i] : "%" + String(kind)
        }
        return out
    }

    /// The arguments a format takes, as (position, kind), sorted by position: what a
    /// translation must keep.
    static func placeholders(_ format: String) -> [String] {
        var found: [(Int, Character)] = []
        var next = 0
        var scalars = Array(format.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            guard c == "%" else { continue }
            if scalars.first == "%" {
                scalars.removeFirst()
                continue
            }
            var digits = ""
            var look = scalars
            while let d = look.first, ("0"..."9").contains(d) {
                digits.unicodeScalars.append(d)
                look.removeFirst()
            }
            var index: Int?
            if !digits.isEmpty, look.first == "$", let n = Int(digits) {
                look.removeFirst()
                index = n - 1
            } else {
                look = scalars
            }
            guard let kind = look.first, kind == "d" || kind == "s" else { continue }
            look.removeFirst()
            scalars = look
            found.append((index ?? next, Character(kind)))
            if index == nil { next += 1 }
        }
        return found.sorted { $0.0 < $1.0 }.map { "%\($0.0 + 1)$\($0.1)" }
    }

    /// Problems with the catalog: translations whose placeholders differ from their
    /// source's, and entries for strings the chrome does not have.
    func problems() -> [(line: Int, message: String)] {
        guard let catalog else { return [] }
        var found: [(Int, String)] = []
        let known = Set(Self.all.map(\.english))
        for entry in catalog.entries {
            if !known.contains(entry.id) {
                found.append((entry.line, "msgid \(Catalog.quoted(entry.id)) is not a string of the page chrome (stale)"))
            } else if entry.isTranslated, Self.placeholders(entry.translation) != Self.placeholders(entry.id) {
                found.append(
                    (
                        entry.line,
                        "the translation of \(Catalog.quoted(entry.id)) must use the same placeholders (\(Self.placeholders(entry.id).joined(separator: " ")))"
                    ))
            }
        }
        return found
    }

    static let byKey = Dictionary(uniqueKeysWithValues: all.map { ($0.key, $0) })

    /// Every string of the chrome.
    public static let all: [Text] = [
        Text(key: "skipToText", english: "Skip to the text", note: "link for keyboard users, before the header"),
        Text(key: "tableOfContents", english: "Table of contents", note: "the menu button and the sidebar"),
        Text(key: "search", english: "Search", note: "the search box's placeholder, the search page's title and button"),
        Text(key: "searchTheBook", english: "Search the book", note: "the search box's label for screen readers"),
        Text(key: "wordsToLookFor", english: "Words to look for", note: "the search page's box"),
        Text(key: "searchNeedsJavaScript", english: "Search needs JavaScript.", note: "search page without JavaScript"),
        Text(key: "typeWords", english: "Type words to look for.", note: "search page with an empty query"),
        Text(key: "searching", english: "Searching…", note: "search page while the index loads"),
        Text(key: "nothingFoundFor", english: "Nothing found for “%s”.", note: "%s: the query"),
        Text(key: "foundOne", english: "%d place found for “%s”.", note: "%d: 1; %s: the query"),
        Text(key: "foundMany", english: "%d places found for “%s”.", note: "%d: how many; %s: the query"),
        Text(key: "searchUnavailable", english: "Search is not available: %s", note: "%s: the browser's error"),
        Text(key: "nothingFound", english: "Nothing found.", note: "the search box's dropdown"),
        Text(key: "introduction", english: "Introduction", note: "the landing page in the table of contents"),
        Text(key: "chapters", english: "Chapters", note: "heading of the landing page's chapter list"),
        Text(key: "appendices", english: "Appendices", note: "heading of an edition's own pages (a glossary)"),
        Text(key: "chapterNumber", english: "Chapter %d", note: "above a chapter's title and on the landing page"),
        Text(key: "chapterHasFailures", english: "This chapter has failures.", note: "failure banner and chapter list"),
        Text(key: "chapterHasFailuresTitle", english: "This chapter has failures", note: "tooltip of the tag beside a chapter with failures"),
        Text(key: "failedMark", english: "failed", note: "tag beside a chapter with failures in the table of contents"),
        Text(key: "oneFailure", english: "One thing did not happen as the text says:", note: "failure banner, one failure"),
        Text(key: "manyFailures", english: "%d problems, each linked to its block:", note: "failure banner; %d: how many"),
        Text(key: "failedExpectation", english: "Failed expectation", note: "failure banner: a claim that did not hold"),
        Text(key: "error", english: "Error", note: "failure banner: anything else"),
        Text(key: "failedExpectationIn", english: "Failed expectation in %s", note: "%s: where, e.g. “block 2”"),
        Text(key: "errorIn", english: "Error in %s", note: "%s: where, e.g. “block 2”"),
        Text(key: "blockNumber", english: "block %d", note: "a run block of a chapter"),
        Text(key: "previous", english: "← Previous", note: "pager"),
        Text(key: "next", english: "Next →", note: "pager"),
        Text(key: "previousAndNext", english: "Previous and next", note: "the pager's label for screen readers"),
        Text(key: "linkToThisPlace", english: "Link to this place", note: "the anchor link beside a heading"),
        Text(key: "code", english: "Code", note: "folded code of a hidden block"),
        Text(key: "resultLabel", english: "Result", note: "small label over a block's results"),
        Text(key: "notRunLabel", english: "Not run", note: "small label over a block that did not run"),
        Text(key: "failedLabel", english: "Failed", note: "small label over a block that failed"),
        Text(key: "figureNumber", english: "Figure %d.", note: "before a figure's caption"),
        Text(key: "tableNumber", english: "Table %d.", note: "before a table's caption"),
        Text(key: "expectationFailed", english: "expectation failed", note: "after the place of a claim that did not hold"),
        Text(key: "didNotRun", english: "did not run", note: "a block that did not run"),
        Text(key: "didNotRunAfter", english: "did not run: block %d failed at line %d", note: "a block after one that failed"),
        Text(key: "didNotRunErrors", english: "did not run: the chapter has errors", note: "a chapter whose Markdown has errors"),
        Text(key: "didNotRunCompile", english: "did not run: the chapter did not compile", note: "a chapter with compiler errors"),
        Text(key: "didNotRunInterrupted", english: "did not run: the build was interrupted", note: "Ctrl-C during the build"),
        Text(
            key: "outOfDate", english: "not shown: this block is not the source chapter's, so the translation is out of date",
            note: "a translated block that differs from the source's"),
        Text(
            key: "notTranslated", english: "This page is not translated yet: it is shown as written, in %s.",
            note: "%s: the source language's name"),
        Text(key: "languages", english: "Languages", note: "the language switch's label for screen readers"),
    ]
}
