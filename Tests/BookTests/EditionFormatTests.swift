import Foundation
import Testing

@testable import Book

/// The files an edition is made of: `book.toml` and gettext catalogs, read without
/// running anything.
@Suite struct EditionFormatTests {
    @Test func bookSettings() throws {
        let settings = try BookSettings.parse(
            """
            # comment
            language = "en"   # the chapters
            name = 'English'

            [editions.ko]
            name = "\\ud55c\\uad6d\\uc5b4"
            title = "신경망 \\"학습\\""
            pages = ["glossary.md", 'notes.md']

            [editions."pt-BR"]
            """, path: "chapters/book.toml")
        #expect(settings.language == "en" && settings.name == "English")
        #expect(settings.editions.map(\.language) == ["ko", "pt-BR"])
        #expect(settings.editions[0].name == "한국어")
        #expect(settings.editions[0].title == "신경망 \"학습\"")
        #expect(settings.editions[0].pages == ["glossary.md", "notes.md"])
        #expect(settings.editions[1].name == "pt-BR" && settings.editions[1].title == nil)
        #expect(try BookSettings.parse("", path: "b") == BookSettings())
    }

    @Test(arguments: [
        ("language = en", "chapters/book.toml:1:12: 'en' is not a value book.toml takes: write a \"string\", true or false, or [\"strings\"]"),
        ("langage = \"en\"", "chapters/book.toml:1: unknown setting 'langage' (expected language, name)"),
        ("[editions.ko]\ntitel = \"x\"", "chapters/book.toml:2: unknown setting 'titel' in [editions.ko] (expected name, pages, title)"),
        ("[edition.ko]", "chapters/book.toml:1: unknown table [edition.ko] (expected [editions.LANGUAGE])"),
        ("[editions.en]", "chapters/book.toml:1: the edition 'en' is the language of the chapters themselves (language = \"en\")"),
        (
            "[editions.Korean]",
            "chapters/book.toml:1: 'Korean' is not a language tag (like ko, ja or pt-BR): [editions.Korean] names the edition's folder"
        ),
        ("[editions.ko]\n[editions.ko]", "chapters/book.toml:2:1: table [editions.ko] is already defined at line 1"),
        ("name = \"a\"\nname = \"b\"", "chapters/book.toml:2:1: key 'name' is already set at line 1"),
        ("name = \"open", "chapters/book.toml:1:13: the string is not closed with \" on this line"),
        ("name = \"\"\"x\"\"\"", "chapters/book.toml:1:8: multi-line strings are not supported in book.toml"),
        ("name = \"a\\q\"", "chapters/book.toml:1:10: unknown escape \\q in a string"),
        (
            "[editions.ko]\npages = [\"../x.md\"]",
            "chapters/book.toml:2: '../x.md' in pages is not a Markdown file name in the edition's folder (like \"glossary.md\")"
        ),
        ("[editions.ko]\npages = \"g.md\"", "chapters/book.toml:2: 'pages' must be an array of file names, like [\"glossary.md\"]"),
        ("name = true", "chapters/book.toml:1: 'name' must be a string, not true or false"),
        ("a.b = \"x\"", "chapters/book.toml:1:2: dotted keys are not supported in book.toml; use a [table] header"),
    ])
    func badSettingsNameTheLine(_ text: String, _ message: String) {
        do {
            _ = try BookSettings.parse(text, path: "chapters/book.toml")
            Issue.record("no error for \(text)")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func catalogEntries() throws {
        let catalog = try Catalog.parse(
            #"""
            # translator's comment
            msgid ""
            msgstr ""
            "Language: ko_KR\n"
            "Content-Type: text/plain; charset=UTF-8\n"

            #. extracted
            #: chapters/01-a.md:12
            msgid "Loss"
            msgstr "손실"

            msgctxt "01-a"
            msgid "Loss"
            msgstr "1장의 손실"

            msgid ""
            "a long "
            "claim"
            msgstr "긴 "
            "주장"

            msgid "tab\there \"quoted\" back\\slash\nnew line"
            msgstr "\354\240\225\x41"

            #, fuzzy, c-format
            msgid "guess"
            msgstr "추측"

            msgid "empty"
            msgstr ""

            #~ msgid "obsolete"
            #~ msgstr "낡음"
            """#, path: "ko/results.po", language: "ko")
        #expect(catalog.header["Language"] == "ko_KR")
        #expect(catalog.entries.count == 6)
        #expect(catalog.translation(of: "Loss") == "손실")
        #expect(catalog.translation(of: "Loss", context: "01-a") == "1장의 손실")
        #expect(catalog.translation(of: "Loss", context: "02-b") == "손실")
        #expect(catalog.translation(of: "a long claim") == "긴 주장")
        #expect(catalog.translation(of: "tab\there \"quoted\" back\\slash\nnew line") == "정A")
        #expect(catalog.translation(of: "guess") == nil && catalog.entry("guess")?.fuzzy == true)
        #expect(catalog.entry("guess")?.flags == ["fuzzy", "c-format"])
        #expect(catalog.translation(of: "empty") == nil)
        #expect(catalog.entry("obsolete") == nil)
        #expect(catalog.entry("Loss")?.line == 9)
        // What a template writes reads back the same.
        let text = "msgid " + Catalog.quoted("tab\there \"q\" \\ \n\u{1}") + "\nmsgstr \"x\"\n"
        #expect(try Catalog.parse(text, path: "t").entry("tab\there \"q\" \\ \n\u{1}") != nil)
    }

    @Test(arguments: [
        (
            "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"x\"",
            "ko.po:2:1: plural forms (msgid_plural) are not supported: the strings of a book's experiments have no plurals to choose between; give each wording its own msgid"
        ),
        ("msgid \"a\"\nmsgstr \"x\"\n\nmsgid \"a\"\nmsgstr \"y\"", "ko.po:4: msgid \"a\" is already in the catalog at line 1"),
        ("msgid \"a\"\nmsgid \"b\"\nmsgstr \"x\"", "ko.po:2:1: msgid follows the msgid at line 1 without a msgstr between them"),
        ("msgstr \"x\"", "ko.po:1:1: msgstr without a msgid before it"),
        ("msgid \"a\"", "ko.po:1: msgid without a msgstr"),
        ("msgid \"a\nmsgstr \"x\"", "ko.po:1:7: the string is not closed with \" on this line"),
        ("msgid \"a\\q\"\nmsgstr \"\"", "ko.po:1:9: unknown escape \\q in a string"),
        ("msgid \"a\" b\nmsgstr \"\"", "ko.po:1:11: unexpected text after the string"),
        ("msgtxt \"a\"", "ko.po:1:1: expected msgctxt, msgid, msgstr, a \"string\" or a # comment, not 'msgtxt'"),
        ("\"orphan\"", "ko.po:1:1: a string continues no msgctxt, msgid or msgstr"),
        ("msgid \"\"\nmsgstr \"Language: ja\\n\"", "ko.po:1: the header says Language: ja, but the catalog is for the edition 'ko'"),
        (
            "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=EUC-KR\\n\"",
            "ko.po:1: the catalog says it is in euc-kr; save it as UTF-8 and say charset=UTF-8"
        ),
        ("msgid \"\\377\"\nmsgstr \"\"", "ko.po:1: the entry's strings are not UTF-8 text"),
    ])
    func badCatalogsNameTheLine(_ text: String, _ message: String) {
        do {
            _ = try Catalog.parse(text, path: "ko.po", language: "ko")
            Issue.record("no error for \(text)")
        } catch {
            #expect("\(error)" == message)
        }
    }

    /// The built-in Korean chrome translates every string, keeping each one's placeholders.
    @Test func koreanChromeIsComplete() throws {
        let chrome = try PageChrome.load(language: "ko", theme: Theme(user: nil))
        let catalog = try #require(chrome.catalog)
        for text in PageChrome.all {
            let entry = try #require(catalog.entry(text.english), "\(text.key) has no entry in locales/ko.po")
            #expect(entry.isTranslated && entry.translation != text.english, "\(text.key)")
        }
        #expect(chrome.problems().isEmpty, "\(chrome.problems())")
        #expect(chrome.format("chapterNumber", 3) == "3장")
        #expect(chrome.format("foundMany", 12, "학습률") == "“학습률” 검색 결과: 12곳")
        #expect(PageChrome().format("foundMany", 12, "rate") == "12 places found for “rate”.")
    }

    @Test func formatsTakeArgumentsInAnyOrder() {
        #expect(PageChrome.format("%2$s, %1$d%%", ["7", "x"]) == "x, 7%")
        #expect(PageChrome.format("%d of %s %q", ["1", "b"]) == "1 of b %q")
        #expect(PageChrome.format("%d and %d", ["1"]) == "1 and %d")
        #expect(PageChrome.placeholders("%d places found for “%s”.") == PageChrome.placeholders("“%2$s” 결과 %1$d곳"))
        #expect(PageChrome.placeholders("%d") != PageChrome.placeholders("%s"))
        let chrome = PageChrome(
            language: "ko",
            catalog: Catalog(
                path: "ko.po",
                entries: [
                    Catalog.Entry(context: nil, id: "Chapter %d", translation: "%s장", fuzzy: false, flags: [], line: 3),
                    Catalog.Entry(context: nil, id: "Chaptre", translation: "장", fuzzy: false, flags: [], line: 7),
                ]))
        #expect(chrome.problems().map(\.line) == [3, 7])
    }
}
