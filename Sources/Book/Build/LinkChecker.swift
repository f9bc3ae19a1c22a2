import Foundation

/// Finds links between the output's pages that lead nowhere: a missing page, or a
/// `#fragment` no element has as its id.
public enum LinkChecker {
    public static func brokenLinks(in directory: URL) -> [String] {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        var pages: [String: String] = [:]  // path relative to directory → contents
        for case let url as URL in enumerator where url.pathExtension == "html" {
            let relative = String(url.standardizedFileURL.path.dropFirst(directory.standardizedFileURL.path.count + 1))
            pages[relative] = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        }
        var ids: [String: Set<String>] = [:]
        for (page, html) in pages { ids[page] = Set(attributeValues("id", in: html)) }

        var broken: [String] = []
        for (page, html) in pages.sorted(by: { $0.key < $1.key }) {
            let base = (page as NSString).deletingLastPathComponent
            for href in attributeValues("href", in: html) {
                if href.isEmpty || href.hasPrefix("//") || href.hasPrefix("data:")
                    || href.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil {
                    continue
                }
                let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let encoded = String(parts[0].split(separator: "?").first ?? "")
                let path = encoded.removingPercentEncoding ?? encoded
                let fragment = parts.count > 1 ? String(parts[1]) : nil
                let target = path.isEmpty ? page
                    : ((base.isEmpty ? path : base + "/" + path) as NSString).standardizingPath
                if !path.isEmpty {
                    let exists = pages[target] != nil
                        || fm.fileExists(atPath: directory.appendingPathComponent(target).path)
                    if !exists { broken.append("\(page): \(href) (no such file)"); continue }
                }
                if let fragment, !fragment.isEmpty, let targetIDs = ids[target],
                   !targetIDs.contains(fragment.removingPercentEncoding ?? fragment) {
                    broken.append("\(page): \(href) (no element with id '\(fragment)')")
                }
            }
        }
        return broken
    }

    private static func attributeValues(_ name: String, in html: String) -> [String] {
        var values: [String] = []
        let needle = " \(name)=\""
        var search = html.startIndex
        while let range = html.range(of: needle, range: search..<html.endIndex) {
            guard let end = html[range.upperBound...].firstIndex(of: "\"") else { break }
            values.append(unescape(String(html[range.upperBound..<end])))
            search = end
        }
        return values
    }

    private static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
