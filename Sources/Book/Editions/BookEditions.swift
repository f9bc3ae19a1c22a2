import Foundation

/// Every edition of a book, rendered from one set of results: the source edition and
/// each translation, linked to each other page by page for the language switch.
struct BookEditions {
    var source: BookSite
    var editions: [EditionBuild] = []

    init(
        settings: BookSettings, source book: BookSource, sourceSite: BookSite, results: [ChapterResult],
        editions: [Edition], strict: Bool
    ) {
        source = sourceSite
        source.edition.language = settings.language
        source.edition.sourceLanguage = settings.language
        source.edition.sourceName = settings.name
        guard !editions.isEmpty else { return }

        let links =
            [SiteEdition.Link(language: settings.language, name: settings.name, folder: nil)]
            + editions.map { SiteEdition.Link(language: $0.language, name: $0.settings.name, folder: $0.language) }
        source.edition.all = links
        self.editions = editions.map {
            var build = EditionBuild($0, source: book, sourceSite: sourceSite, results: results, title: sourceSite.title, strict: strict)
            build.site.edition.language = $0.language
            build.site.edition.chrome = $0.chrome
            build.site.edition.folder = $0.language
            build.site.edition.sourceLanguage = settings.language
            build.site.edition.sourceName = settings.name
            build.site.edition.all = links
            return build
        }

        // The language switch: for each page, where its places are in every other edition.
        for (e, edition) in self.editions.enumerated() {
            for n in source.chapters.indices {
                guard let map = edition.maps[source.chapters[n].slug] else { continue }
                source.chapters[n].sectionMaps[edition.site.edition.language] = map.attribute
                self.editions[e].site.chapters[n].sectionMaps[settings.language] = map.inverse.attribute
                for other in self.editions where other.site.edition.language != edition.site.edition.language {
                    guard let second = other.maps[source.chapters[n].slug] else { continue }
                    self.editions[e].site.chapters[n].sectionMaps[other.site.edition.language] =
                        SectionMap.through(map, second).attribute
                }
            }
            if let map = edition.maps["index"] {
                source.landing.sectionMaps[edition.site.edition.language] = map.attribute
                self.editions[e].site.landing.sectionMaps[settings.language] = map.inverse.attribute
                for other in self.editions where other.site.edition.language != edition.site.edition.language {
                    guard let second = other.maps["index"] else { continue }
                    self.editions[e].site.landing.sectionMaps[other.site.edition.language] = SectionMap.through(map, second).attribute
                }
            }
        }
    }

    var sites: [BookSite] { editions.map(\.site) }
    var reports: [EditionReport] { editions.map(\.report) }

    /// Files written beside each edition's pages: its catalog template.
    var files: [String: String] {
        Dictionary(uniqueKeysWithValues: editions.map { ($0.site.edition.language + "/" + Edition.templateName, $0.template) })
    }
}
