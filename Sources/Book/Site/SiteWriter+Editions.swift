import Foundation

// The values that make a page speak its edition's language: `lang`, the chrome's words
// (`ui.KEY`), the way to the shared assets, and the language switch.
extension SiteWriter {
    /// The labels the style sheet puts over results (`--label-result` …), as the value of
    /// a `style` attribute, each a CSS string (the template escapes it for HTML).
    static func labelStyle(_ chrome: PageChrome) -> String {
        func css(_ s: String) -> String {
            var out = "\""
            for c in s.unicodeScalars {
                switch c {
                case "\"", "\\": out += "\\" + String(c)
                case "\n", "\r", "\u{C}": out += "\\a "
                default: out.unicodeScalars.append(c)
                }
            }
            return out + "\""
        }
        return [("result", "resultLabel"), ("not-run", "notRunLabel"), ("failed", "failedLabel"), ("error", "error")]
            .map { "--label-\($0.0):\(css(chrome.text($0.1)))" }.joined(separator: ";")
    }

    static func editionValues(_ site: BookSite, at place: Place) -> [String: Any] {
        let edition = site.edition
        var values: [String: Any] = [
            "lang": edition.language,
            "ui": edition.chrome.values,
            "translated": edition.language.split(separator: "-").first != "en",
            "root": edition.root,
            "searchIndexURL": edition.root + "assets/" + edition.searchIndexFile,
            "sourceLang": edition.sourceLanguage,
        ]
        if edition.folder != nil { values["searchIndex"] = edition.root + "assets/" + edition.searchIndexFile }
        if values["translated"] as? Bool == true { values["labelStyle"] = labelStyle(edition.chrome) }

        let file: String
        var sectionMaps: [String: String] = [:]
        var untranslated = false
        switch place {
        case .landing:
            file = "index.html"
            sectionMaps = site.landing.sectionMaps
            untranslated = site.landing.isUntranslated
        case .chapter(let index):
            file = fileName(of: site.chapters[index])
            sectionMaps = site.chapters[index].sectionMaps
            untranslated = site.chapters[index].isUntranslated
        case .page:
            // Only this edition has it: the others' landing pages stand in.
            file = "index.html"
        case .search:
            file = "search.html"
        }
        if untranslated {
            values["untranslated"] = edition.chrome.format("notTranslated", edition.sourceName)
        }
        let links = edition.all.map { link -> [String: Any] in
            let href = edition.root + (link.folder.map { $0 + "/" } ?? "") + file
            return [
                "lang": link.language, "name": link.name, "current": link.language == edition.language,
                "href": HTML.url(href), "anchors": sectionMaps[link.language] ?? "",
            ]
        }
        values["editions"] = links
        values["hasEditions"] = !links.isEmpty
        return values
    }
}
