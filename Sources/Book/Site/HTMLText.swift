import Foundation

/// Small, dependency-free helpers for the HTML the site writer produces and reads.
enum HTMLText {
    /// Escapes text for an HTML text node or a double- or single-quoted attribute.
    static func escape(_ text: String) -> String { escapeHTML(text) }

    /// A relative URL for a page file name: percent-encoded, safe inside an attribute.
    static func href(_ fileName: String, fragment: String? = nil) -> String {
        escape(url(fileName, fragment: fragment))
    }

    /// A page file name as a relative URL (not yet escaped for HTML). `:` is encoded
    /// too, so that a chapter named `javascript:x.md` is a page, not a scheme.
    static func url(_ fileName: String, fragment: String? = nil) -> String {
        let path = fileName.addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? fileName
        return fragment.map { path + "#" + $0 } ?? path
    }

    private static let pathAllowed: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "?#;:")
        return set
    }()

    /// The readable text of an HTML fragment: tags removed (with the whole of `<svg>`,
    /// `<script>` and `<style>` elements, whose contents are not prose), entities decoded,
    /// runs of white space collapsed to one space.
    static func plainText(_ html: String) -> String {
        var text = html
        for element in ["svg", "script", "style"] {
            text = removingElements(element, from: text)
        }
        var out = ""
        var inTag = false
        for c in text {
            if inTag {
                if c == ">" { inTag = false; out.append(" ") }
            } else if c == "<" {
                inTag = true
            } else {
                out.append(c)
            }
        }
        return collapseWhitespace(decodeEntities(out))
    }

    /// The text of a page for search: display math left out, inline math as words
    /// (`\eta` reads `eta`), so that snippets read as prose rather than TeX.
    static func searchableText(_ html: String) -> String {
        var text = replacingElements(opening: "<div class=\"math math-display\">", closing: "</div>", in: html) { _ in " " }
        text = replacingElements(opening: "<span class=\"math math-display\">", closing: "</span>", in: text) { _ in " " }
        text = replacingElements(opening: "<span class=\"math math-inline\">", closing: "</span>", in: text) { tex in
            readableTeX(decodeEntities(tex))
        }
        // "Show code" of a hidden block is a control, not text.
        text = removingElements("summary", from: text)
        return plainText(text)
    }

    /// `\frac{a}{b} + \eta` → `frac a b + eta`: commands become their names, braces go.
    static func readableTeX(_ tex: String) -> String {
        var out = ""
        var previousWasBackslash = false
        for c in tex {
            if previousWasBackslash {
                previousWasBackslash = false
                if !c.isLetter { out.append(" "); continue }
            }
            switch c {
            case "\\": previousWasBackslash = true; out.append(" ")
            case "{", "}": out.append(" ")
            default: out.append(c)
            }
        }
        return escape(collapseWhitespace(out))
    }

    /// Replaces each `opening…closing` (not nested) with `transform(inner)`.
    static func replacingElements(opening: String, closing: String, in html: String,
                                  _ transform: (String) -> String) -> String {
        var out = ""
        var rest = html[...]
        while let open = rest.range(of: opening) {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: closing) else {
                rest = rest[open.lowerBound...]
                break
            }
            out += transform(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }

    /// Removes every `<name …>…</name>` element (not nested in itself), case-insensitively.
    static func removingElements(_ name: String, from html: String) -> String {
        var out = ""
        var rest = html[...]
        while let open = rest.range(of: "<\(name)", options: .caseInsensitive) {
            let after = rest[open.upperBound...]
            // `<svg` must be the whole tag name, not a prefix of another (`<svgx`).
            if let next = after.first, next.isLetter || next.isNumber || next == "-" {
                out += rest[..<open.upperBound]
                rest = after
                continue
            }
            out += rest[..<open.lowerBound]
            if let close = after.range(of: "</\(name)>", options: .caseInsensitive) {
                rest = after[close.upperBound...]
            } else {
                rest = ""
            }
            out += " "
        }
        out += rest
        return out
    }

    static func collapseWhitespace(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Decodes the named entities an escaper produces and every numeric entity.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named: [Substring: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        ]
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let afterAmp = rest.index(after: amp)
            guard let semi = rest[afterAmp...].prefix(12).firstIndex(of: ";") else {
                out.append("&"); rest = rest[afterAmp...]; continue
            }
            let name = rest[afterAmp..<semi]
            var decoded: String?
            if let value = named[name] {
                decoded = value
            } else if name.hasPrefix("#x") || name.hasPrefix("#X") {
                decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if name.hasPrefix("#") {
                decoded = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map { String($0) }
            }
            if let decoded {
                out += decoded
                rest = rest[rest.index(after: semi)...]
            } else {
                out.append("&")
                rest = rest[afterAmp...]
            }
        }
        out += rest
        return out
    }

    /// A JSON string literal (also a valid JavaScript literal). `<`, `>` and `&` are
    /// escaped too, so the text can never close a `<script>` element it ends up in.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if c.value < 0x20 {
                    out += String(format: "\\u%04x", c.value)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }
}
