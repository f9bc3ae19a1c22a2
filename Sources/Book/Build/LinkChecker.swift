import Foundation

/// Finds links in the book's pages that lead nowhere: a missing page or file, or a
/// `#fragment` no element of the target page has as its id. It reads the pages as the
/// renderer made them (their links and ids, `ChapterPage.links` and `.anchors`), not
/// their HTML; files other than pages are looked for in the written book.
public enum LinkChecker {
    public static func brokenLinks(in site: BookSite, output: URL) -> [String] {
        var pages: [String: (links: [String], anchors: Set<String>)] = [
            "index.html": (site.landing.links, site.landing.anchors)
        ]
        for chapter in site.chapters { pages[SiteWriter.fileName(of: chapter)] = (chapter.links, chapter.anchors) }

        var broken: [String] = []
        for (page, content) in pages.sorted(by: { $0.key < $1.key }) {
            let base = (page as NSString).deletingLastPathComponent
            for href in content.links {
                if href.isEmpty || href.hasPrefix("//") || href.hasPrefix("data:")
                    || href.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil
                {
                    continue
                }
                let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let encoded = String(parts[0].split(separator: "?").first ?? "")
                let path = encoded.removingPercentEncoding ?? encoded
                let fragment = parts.count > 1 ? String(parts[1]) : nil
                let target =
                    path.isEmpty
                    ? page
                    : ((base.isEmpty ? path : base + "/" + path) as NSString).standardizingPath
                if !path.isEmpty, pages[target] == nil,
                    !FileManager.default.fileExists(atPath: output.appendingPathComponent(target).path)
                {
                    broken.append("\(page): \(href) (no such file)")
                    continue
                }
                if let fragment, !fragment.isEmpty, let anchors = pages[target]?.anchors,
                    !anchors.contains(fragment.removingPercentEncoding ?? fragment)
                {
                    broken.append("\(page): \(href) (no element with id '\(fragment)')")
                }
            }
        }
        return broken
    }
}
