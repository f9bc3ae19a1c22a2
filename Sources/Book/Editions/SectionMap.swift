/// Where a place on one edition's page is on another's, for the language switch: pairs
/// of element ids. Headings pair in order while their levels agree (a translation
/// translates its headings, so their ids differ); run blocks pair as `BlockAlignment`
/// matched them; figures and tables keep their ids in an up-to-date translation.
struct SectionMap {
    /// (id on the source's page, id on the edition's page).
    var pairs: [(String, String)] = []

    static func headings(_ source: [Heading], _ translation: [Heading]) -> [(String, String)] {
        zip(source, translation).prefix { $0.level == $1.level }.map { ($0.id, $1.id) }
    }

    /// A translated chapter and its source.
    init(source: Chapter, sourcePage: ChapterPage, translation: Chapter, page: ChapterPage, alignment: BlockAlignment) {
        pairs = Self.headings(source.headings, translation.headings)
        for (j, i) in alignment.sourceOf.enumerated() {
            if let i { pairs.append((source.blocks[i].anchor, translation.blocks[j].anchor)) }
        }
        if alignment.drift.isEmpty {
            let shared = sourcePage.anchors.intersection(page.anchors).filter { $0.hasPrefix("fig-") || $0.hasPrefix("tab-") }
            pairs += shared.sorted().map { ($0, $0) }
        }
    }

    /// A page shown as the source wrote it: every id is where it was.
    init(same anchors: Set<String>) { pairs = anchors.sorted().map { ($0, $0) } }

    init(pairs: [(String, String)]) { self.pairs = pairs }

    var inverse: SectionMap { SectionMap(pairs: pairs.map { ($1, $0) }) }

    /// From the first edition to the second, through the source both translate.
    static func through(_ first: SectionMap, _ second: SectionMap) -> SectionMap {
        let second = Dictionary(second.pairs, uniquingKeysWith: { a, _ in a })
        return SectionMap(pairs: first.pairs.compactMap { s, a in second[s].map { (a, $0) } })
    }

    /// `id` where both pages use it, `id=other` where not; space-separated (ids have no
    /// spaces or `=`).
    var attribute: String {
        pairs.filter { !($0 + $1).contains(where: { $0 == "=" || $0.isWhitespace }) }
            .map { $0 == $1 ? $0 : "\($0)=\($1)" }.joined(separator: " ")
    }
}
