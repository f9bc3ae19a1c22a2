import Foundation

/// The book's one HTML escaper, and the one way it writes the URL of a page.
enum HTML {
    /// Escapes text for HTML element content and double- or single-quoted attribute
    /// values.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A relative URL for a page file name, percent-encoded (templates escape it). `:`
    /// is encoded too, so that a chapter named `javascript:x.md` is a page, not a scheme.
    static func url(_ fileName: String, fragment: String? = nil) -> String {
        let path = fileName.addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? fileName
        return fragment.map { path + "#" + $0 } ?? path
    }

    private static let pathAllowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "?#;:")
        return set
    }()
}
