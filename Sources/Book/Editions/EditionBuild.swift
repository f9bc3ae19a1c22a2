import Foundation

/// An edition's pages and checks, made from the source chapters' results: nothing runs.
///
/// Each source chapter gets a page in the edition: its translation, showing the source
/// run's results through the translation's blocks (`BlockAlignment`) with the produced
/// strings translated by the catalog; or, until it is translated, the source chapter
/// itself (marked, with `lang` of the source), so chapter numbers and links agree in
/// every edition.
struct EditionBuild {
    var site: BookSite
    var report: EditionReport
    /// The catalog template (`results.pot`): every string the experiments produce, with
    /// where, for `msgmerge` and translators' tools.
    var template: String
    /// Per page (by slug, `index` for the landing page): this edition's ids against the
    /// source's, for the language switch.
    var maps: [String: SectionMap] = [:]

    /// `sourceSite` is the source edition as rendered from the same results.
    init(
        _ edition: Edition, source: BookSource, sourceSite: BookSite, results: [ChapterResult],
        title sourceTitle: String, strict: Bool
    ) {
        var report = EditionReport(language: edition.language, folder: edition.path)
        report.failures = edition.problems
        let options = { (slug: String) in
            PageOptions(translate: { edition.translate($0, in: slug) }, chrome: edition.chrome)
        }
        var pages: [ChapterPage] = []
        var produced: [(chapter: Chapter, strings: [ProducedString])] = []
        let withPages = source.chapters.indices.filter { source.hasPage(source.chapters[$0]) }
        for (n, i) in withPages.enumerated() {
            let chapter = source.chapters[i]
            let result = results.indices.contains(i) ? results[i] : ChapterResult(blocks: [])
            let strings = ProducedString.all(in: result)
            produced.append((chapter, strings))
            let sourcePage = sourceSite.chapters[n]
            guard var translation = edition.translations[chapter.slug] else {
                var page = ChapterPageRenderer.render(chapter, result: result, options: options(chapter.slug))
                page.isUntranslated = true
                maps[chapter.slug] = SectionMap(same: page.anchors)
                pages.append(page)
                report.untranslated.append(chapter.path)
                if strict {
                    report.failures.append(
                        ChapterFailure(
                            kind: .translation, location: SourceLocation(file: edition.path),
                            message:
                                "error: \(chapter.path) is not translated (no \(edition.path)/\(chapter.url.lastPathComponent)); --strict-editions makes that a failure"
                        ))
                }
                continue
            }
            let alignment = BlockAlignment(source: chapter, translation: translation)
            let own = translation.diagnostics + alignment.drift
            translation.diagnostics = own
            let page = ChapterPageRenderer.render(
                translation, result: alignment.result(result, source: chapter, translation: translation),
                options: options(chapter.slug))
            pages.append(page)
            maps[chapter.slug] = SectionMap(
                source: chapter, sourcePage: sourcePage, translation: translation, page: page,
                alignment: alignment)
            var missing: [ChapterFailure] = []
            if edition.catalogRead {
                for string in strings where edition.catalog.translation(of: string.text, context: chapter.slug) == nil {
                    let j = alignment.sourceOf.firstIndex(of: string.block)
                    let location =
                        j.map {
                            SourceLocation(
                                file: translation.path, line: translation.blocks[$0].fenceLine,
                                column: translation.blocks[$0].column)
                        }
                        ?? SourceLocation(file: translation.path)
                    let entry = edition.catalog.entry(string.text, context: chapter.slug) ?? edition.catalog.entry(string.text)
                    let why =
                        entry.map {
                            $0.fuzzy
                                ? "is marked fuzzy in \(edition.catalogPath):\($0.line)" : "has an empty msgstr in \(edition.catalogPath):\($0.line)"
                        }
                        ?? "has no entry in \(edition.catalogPath)"
                    missing.append(
                        ChapterFailure(
                            kind: .translation, location: location,
                            message:
                                "error: no translation: \(Catalog.quoted(string.text)) (\(string.kind.rawValue), block \(string.block + 1) of \(chapter.path)) \(why)",
                            block: j, anchor: j.map { translation.blocks[$0].anchor }))
                }
            }
            report.failures += own + missing
            let upToDate = own.isEmpty && missing.isEmpty
            report.chapters.append(EditionReport.ChapterCheck(path: translation.path, source: chapter.path, upToDate: upToDate))
            if upToDate { report.passed += 1 }
        }

        var landing = LandingPage()
        let landingChapter = edition.landing ?? source.landing
        if let landingChapter {
            var renderer = MarkdownHTML(landingChapter)
            (landing.bodyHTML, landing.search) = renderer.render()
            (landing.links, landing.anchors) = (renderer.links, Set(renderer.anchors))
            landing.isUntranslated = edition.landing == nil
            maps["index"] =
                edition.landing == nil
                ? SectionMap(same: landing.anchors)
                : SectionMap(pairs: SectionMap.headings(source.landing?.headings ?? [], landingChapter.headings))
        }
        if let translated = edition.landing { report.failures += translated.diagnostics }

        var ownPages: [ChapterPage] = []
        for page in edition.pages {
            var renderer = MarkdownHTML(page)
            let (body, search) = renderer.render()
            var rendered = ChapterPage(
                slug: page.slug, title: page.title, sections: page.sections, bodyHTML: body,
                search: search, failures: page.diagnostics)
            rendered.links = renderer.links
            rendered.anchors = Set(renderer.anchors)
            let loose = page.diagnostics.map { "<div class=\"block-error chapter-error\">\(HTML.escape($0.description))</div>\n" }
            rendered.bodyHTML = loose.joined() + body
            ownPages.append(rendered)
            report.failures += page.diagnostics
        }

        let stale = Self.stale(edition, produced: produced, source: source, results: results, report: &report)
        report.failures += stale
        if edition.catalogRead && stale.isEmpty && edition.problems.isEmpty { report.passed += 1 }

        let title = edition.settings.title ?? edition.landing.map(\.title) ?? sourceTitle
        site = BookSite(title: title, landing: landing, chapters: pages)
        site.pages = ownPages
        self.report = report
        template = Self.template(edition, produced: produced)
    }

    /// Catalog entries no experiment produces: failures at their lines. Only looked for
    /// when every chapter ran to its end (a chapter that stopped early produced less).
    static func stale(
        _ edition: Edition, produced: [(chapter: Chapter, strings: [ProducedString])], source: BookSource,
        results: [ChapterResult], report: inout EditionReport
    ) -> [ChapterFailure] {
        guard edition.catalogRead else { return [] }
        if let stopped = source.chapters.indices.first(where: {
            !(results.indices.contains($0) && (ProducedString.isComplete(results[$0]) || source.chapters[$0].blocks.isEmpty))
        }) {
            if !edition.catalog.entries.isEmpty {
                report.staleNotChecked = "stale catalog entries not looked for, as \(source.chapters[stopped].path) did not run to its end"
            }
            return []
        }
        var all = Set<String>()
        var bySlug: [String: Set<String>] = [:]
        for (chapter, strings) in produced {
            let texts = Set(strings.map(\.text))
            all.formUnion(texts)
            bySlug[chapter.slug] = texts
        }
        var failures: [ChapterFailure] = []
        for entry in edition.catalog.entries {
            let location = SourceLocation(file: edition.catalogPath, line: entry.line)
            if let context = entry.context {
                guard let texts = bySlug[context] else {
                    failures.append(
                        ChapterFailure(
                            kind: .translation, location: location,
                            message:
                                "error: stale entry: msgctxt \(Catalog.quoted(context)) names no chapter (a msgctxt is a chapter's file name without .md)"
                        ))
                    continue
                }
                if !texts.contains(entry.id) {
                    failures.append(
                        ChapterFailure(
                            kind: .translation, location: location,
                            message: "error: stale entry: no experiment of \(context) produces \(Catalog.quoted(entry.id)) any more; remove it"))
                }
            } else if !all.contains(entry.id) {
                failures.append(
                    ChapterFailure(
                        kind: .translation, location: location,
                        message:
                            "error: stale entry: no experiment produces \(Catalog.quoted(entry.id)) any more; remove it (msgmerge with output/\(edition.language)/\(Edition.templateName) does)"
                    ))
            }
        }
        return failures
    }

    /// The `.pot` text: a header, then each string once, in book order, with what it is
    /// and where (`#:` the source block's fence line).
    static func template(_ edition: Edition, produced: [(chapter: Chapter, strings: [ProducedString])]) -> String {
        var order: [String] = []
        var notes: [String: [String]] = [:]
        var places: [String: [String]] = [:]
        for (chapter, strings) in produced {
            for string in strings {
                if notes[string.text] == nil { order.append(string.text) }
                notes[string.text, default: []].append("\(string.kind.rawValue), block \(string.block + 1)")
                let line = chapter.blocks.indices.contains(string.block) ? ":\(chapter.blocks[string.block].fenceLine)" : ""
                places[string.text, default: []].append(chapter.path + line)
            }
        }
        var text = """
            # The strings the experiments of this book produce: captions, chart words, table
            # headers and cells, claims. Written by `tutorial build`; update a catalog from it with
            #     msgmerge --update \(edition.catalogPath) output/\(edition.language)/\(Edition.templateName)
            msgid ""
            msgstr ""
            "Content-Type: text/plain; charset=UTF-8\\n"
            "Language: \(edition.language)\\n"

            """
        for string in order {
            text += "\n#. " + notes[string]!.joined(separator: "; ") + "\n"
            text += "#: " + places[string]!.joined(separator: " ") + "\n"
            text += "msgid " + Catalog.quoted(string) + "\nmsgstr \"\"\n"
        }
        return text
    }
}
