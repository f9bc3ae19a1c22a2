/// Makes an SVG document from chapter code safe to inline in a page: nothing in it can
/// run script or fetch anything from elsewhere.
///
/// The document is read as a sequence of tags and text, and written anew from what is
/// allowed: SVG's drawing elements (`svg`, `g`, `path`, `text`, gradients, clip paths,
/// filters, …) with their attributes, minus every `on…` attribute, every reference that is
/// not to an id in the page (`href="#x"`, `url(#x)`; a picture may be a `data:image/png`,
/// `gif`, `jpeg` or `webp`), and every style that loads or runs anything. Elements that
/// are not allowed (`script`, `foreignObject`, `a`, `animate`, `set`, `iframe`, …) are
/// dropped with their content, as are comments, processing instructions and doctypes.
/// Attribute values are checked as the browser will read them (entities decoded; a
/// value with a CSS escape, a backslash, is dropped), then written back quoted and
/// escaped, so what the page gets is exactly what was checked. The output of this
/// project's `Plotting` passes through unchanged.
///
/// Written by hand: no SVG sanitizer is available to a Swift package here, and the
/// allowlist is small.
enum SVGSanitizer {
    /// The safe document, or nil when `svg` is not an SVG document (no `<svg>` root).
    static func sanitize(_ svg: String) -> String? {
        var writer = Writer()
        var tokens = Tokenizer(Array(svg.utf8))
        while let token = tokens.next() {
            writer.take(token)
            if writer.finished { break }
        }
        return writer.result()
    }

    // MARK: - What is allowed

    static let elements: Set<String> = [
        "svg", "g", "defs", "title", "desc", "style", "symbol", "use", "switch",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textpath",
        "clippath", "mask", "pattern", "marker", "lineargradient", "radialgradient", "stop",
        "image",
        "filter", "feblend", "fecolormatrix", "fecomponenttransfer", "fecomposite",
        "feconvolvematrix", "fediffuselighting", "fedisplacementmap", "fedistantlight",
        "fedropshadow", "feflood", "fefunca", "fefuncb", "fefuncg", "fefuncr",
        "fegaussianblur", "femerge", "femergenode", "femorphology", "feoffset",
        "fepointlight", "fespecularlighting", "fespotlight", "fetile", "feturbulence",
    ]

    /// Attributes that name something to load or go to: only `#id` (or a picture's data).
    static let references: Set<String> = [
        "href", "src", "action", "formaction", "data", "code", "codebase", "poster", "background",
    ]

    /// CSS functions a style may call (any other could load a resource: `image-set`,
    /// `image`, `cross-fade`, or run one: `expression`); `url` only with `#id`.
    static let cssFunctions: Set<String> = [
        "var", "rgb", "rgba", "hsl", "hsla", "hwb", "calc", "min", "max", "clamp",
        "not", "is", "where", "nth-child", "nth-of-type", "nth-last-child", "url",
        "translate", "translatex", "translatey", "rotate", "scale", "matrix", "skewx", "skewy",
    ]

    /// Whether `name="value"` (value decoded) may stay on element `element`.
    static func allows(attribute name: String, value: String, element: String) -> Bool {
        let name = name.lowercased()
        guard !name.isEmpty, !name.hasPrefix("on"), name != "xml:base",
            !name.unicodeScalars.contains(where: { "\"'<>=/`\\".unicodeScalars.contains($0) || $0.value <= 0x20 })
        else { return false }
        if value.contains("\\") { return false }
        let local = name.split(separator: ":").last.map(String.init) ?? name
        if local.hasPrefix("on") { return false }
        if references.contains(local) {
            let url = URLSafety.normalized(value)
            if url.hasPrefix("#") { return true }
            return element == "image" && URLSafety.isPicture(url)
        }
        if name == "style" { return isSafeCSS(value) }
        return localURLsOnly(value)
    }

    /// Every `url(…)` in `text` points at an id in the page.
    static func localURLsOnly(_ text: String) -> Bool {
        var rest = Substring(text.lowercased())
        while let open = rest.range(of: "url(") {
            rest = rest[open.upperBound...]
            let argument = rest.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\"" || $0 == "'" }
            guard argument.hasPrefix("#") else { return false }
        }
        return true
    }

    /// A style sheet or `style` attribute that loads and runs nothing: no `@` rule but
    /// `@media`, no function outside `cssFunctions`, `url` only to an id, no escapes, no
    /// entities (the page would decode them before CSS reads the text).
    static func isSafeCSS(_ css: String) -> Bool {
        if css.contains("\\") || css.contains("&") || css.contains("<") { return false }
        let lower = css.lowercased()
        var rest = Substring(lower)
        while let at = rest.firstIndex(of: "@") {
            rest = rest[rest.index(after: at)...]
            guard rest.hasPrefix("media") else { return false }
        }
        let scalars = Array(lower.unicodeScalars)
        for (i, scalar) in scalars.enumerated() where scalar == "(" {
            var start = i
            while start > 0, isNameScalar(scalars[start - 1]) { start -= 1 }
            guard start < i else { continue }  // `(` after a space or `:`: a media condition
            let function = String(String.UnicodeScalarView(scalars[start..<i]))
            guard cssFunctions.contains(function) else { return false }
        }
        return localURLsOnly(lower)
    }

    private static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "0" && s <= "9") || s == "-" || s == "_" || s.value > 0x7F
    }

    // MARK: - Reading

    enum Token {
        case text([UInt8])
        /// A start tag: its name, attributes (values decoded; nil when a value holds an
        /// entity that is not decoded here) and whether it closes itself.
        case start(name: [UInt8], attributes: [(name: [UInt8], value: String?)], selfClosing: Bool)
        case end(name: [UInt8])
        /// Comments, processing instructions, doctypes: dropped.
        case ignored
    }

    /// Splits markup into tokens the way an HTML parser does in SVG content, for the
    /// constructs that matter here; anything it cannot read as a tag is text.
    struct Tokenizer {
        let bytes: [UInt8]
        var i = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func next() -> Token? {
            guard i < bytes.count else { return nil }
            if bytes[i] != UInt8(ascii: "<") {
                let start = i
                while i < bytes.count, bytes[i] != UInt8(ascii: "<") { i += 1 }
                return .text(Array(bytes[start..<i]))
            }
            if starts(with: "<!--") {
                skip(past: "-->", from: i + 4)
                return .ignored
            }
            if starts(with: "<![CDATA[") {
                let start = i + 9
                let end = find("]]>", from: start) ?? bytes.count
                i = min(end + 3, bytes.count)
                return .text(escaped(bytes[start..<end]))
            }
            if starts(with: "<!") || starts(with: "<?") {
                skip(past: ">", from: i + 2)
                return .ignored
            }
            if starts(with: "</"), i + 2 < bytes.count, isLetter(bytes[i + 2]) {
                i += 2
                let name = readName()
                skip(past: ">", from: i)
                return .end(name: name)
            }
            guard i + 1 < bytes.count, isLetter(bytes[i + 1]) else {
                i += 1
                return .text(Array("&lt;".utf8))
            }
            i += 1
            let name = readName()
            var attributes: [(name: [UInt8], value: String?)] = []
            var selfClosing = false
            while i < bytes.count {
                skipSpace()
                guard i < bytes.count else { break }
                if bytes[i] == UInt8(ascii: ">") {
                    i += 1
                    break
                }
                if bytes[i] == UInt8(ascii: "/") {
                    i += 1
                    if i < bytes.count, bytes[i] == UInt8(ascii: ">") {
                        selfClosing = true
                        i += 1
                        break
                    }
                    continue
                }
                let start = i
                i += 1  // an attribute name may begin with any character, even `=`
                while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "/"),
                    bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "=")
                { i += 1 }
                let attributeName = Array(bytes[start..<i])
                skipSpace()
                var value: [UInt8] = []
                if i < bytes.count, bytes[i] == UInt8(ascii: "=") {
                    i += 1
                    skipSpace()
                    if i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
                        let quote = bytes[i]
                        let valueStart = i + 1
                        let end = bytes[valueStart...].firstIndex(of: quote) ?? bytes.count
                        value = Array(bytes[valueStart..<end])
                        i = min(end + 1, bytes.count)
                    } else {
                        let valueStart = i
                        while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">") { i += 1 }
                        value = Array(bytes[valueStart..<i])
                    }
                }
                attributes.append((attributeName, decode(value)))
            }
            return .start(name: name, attributes: attributes, selfClosing: selfClosing)
        }

        private func starts(with prefix: String) -> Bool {
            let p = Array(prefix.utf8)
            guard i + p.count <= bytes.count else { return false }
            return bytes[i..<(i + p.count)].elementsEqual(p)
        }

        private func find(_ needle: String, from start: Int) -> Int? {
            let n = Array(needle.utf8)
            var j = start
            while j + n.count <= bytes.count {
                if bytes[j] == n[0], bytes[j..<(j + n.count)].elementsEqual(n) { return j }
                j += 1
            }
            return nil
        }

        private mutating func skip(past needle: String, from start: Int) {
            i = find(needle, from: start).map { $0 + needle.utf8.count } ?? bytes.count
        }

        private mutating func readName() -> [UInt8] {
            let start = i
            while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: ">") { i += 1 }
            return Array(bytes[start..<i])
        }

        private mutating func skipSpace() { while i < bytes.count, isSpace(bytes[i]) { i += 1 } }

        private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }
        private func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }

        private func escaped(_ text: ArraySlice<UInt8>) -> [UInt8] {
            Array(HTML.escape(String(decoding: text, as: UTF8.self)).utf8)
        }

        /// An attribute value as the browser reads it: numeric references and `&amp;`,
        /// `&lt;`, `&gt;`, `&quot;`, `&apos;` decoded; nil if it holds another reference.
        private func decode(_ value: [UInt8]) -> String? {
            guard value.contains(UInt8(ascii: "&")) else { return String(decoding: value, as: UTF8.self) }
            let text = String(decoding: value, as: UTF8.self)
            var out = ""
            var rest = Substring(text)
            while let amp = rest.firstIndex(of: "&") {
                out += rest[..<amp]
                rest = rest[rest.index(after: amp)...]
                guard let semicolon = rest.firstIndex(of: ";") else { return nil }
                let name = rest[..<semicolon]
                rest = rest[rest.index(after: semicolon)...]
                switch name {
                case "amp": out += "&"
                case "lt": out += "<"
                case "gt": out += ">"
                case "quot": out += "\""
                case "apos": out += "'"
                default:
                    guard name.hasPrefix("#") else { return nil }
                    let digits = name.dropFirst()
                    let number =
                        digits.first == "x" || digits.first == "X"
                        ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                    guard let number, number != 0, let scalar = Unicode.Scalar(number) else { return nil }
                    out.unicodeScalars.append(scalar)
                }
            }
            return out + rest
        }
    }

    // MARK: - Writing

    struct Writer {
        private var out: [UInt8] = []
        /// Open elements as written (lower-cased names).
        private var open: [String] = []
        /// Inside a dropped element: how deep.
        private var dropping = 0
        private var sawRoot = false
        private(set) var finished = false
        private var rejected = false

        mutating func take(_ token: Token) {
            switch token {
            case .ignored:
                return
            case .text(let text):
                guard dropping == 0, !open.isEmpty else { return }
                out += text.filter { $0 != 0 }
            case .start(let rawName, let rawAttributes, let selfClosing):
                let name = String(decoding: rawName, as: UTF8.self)
                let lower = name.lowercased()
                if !sawRoot {
                    guard lower == "svg" else {
                        rejected = true
                        finished = true
                        return
                    }
                    sawRoot = true
                }
                if dropping > 0 {
                    if !selfClosing { dropping += 1 }
                    return
                }
                // A style holds only text; a title or description too (the page's parser
                // would read elements there as HTML).
                if let parent = open.last, parent == "style" || parent == "title" || parent == "desc" {
                    if !selfClosing { dropping = 1 }
                    return
                }
                var attributes: [(String, String)] = []
                var seen: Set<String> = []
                var ok = SVGSanitizer.elements.contains(lower)
                for (rawAttribute, value) in rawAttributes where ok {
                    let attribute = String(decoding: rawAttribute, as: UTF8.self)
                    guard seen.insert(attribute.lowercased()).inserted, let value else { continue }
                    if SVGSanitizer.allows(attribute: attribute, value: value, element: lower) {
                        attributes.append((attribute, value))
                    } else if SVGSanitizer.references.contains(attribute.lowercased().split(separator: ":").last.map(String.init) ?? "") {
                        // A picture or a use of something from elsewhere: the element goes.
                        if lower == "image" || lower == "use" || lower.hasPrefix("fe") { ok = false }
                    }
                }
                guard ok,
                    name.utf8.allSatisfy({ $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "'") && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: "=") }
                    )
                else {
                    if !selfClosing { dropping = 1 }
                    return
                }
                out += Array("<\(name)".utf8)
                for (attribute, value) in attributes { out += Array(" \(attribute)=\"\(HTML.escape(value))\"".utf8) }
                if selfClosing {
                    out += Array("/>".utf8)
                } else {
                    out += Array(">".utf8)
                    open.append(lower)
                }
                if lower == "style" { styleStart = out.count }
            case .end(let rawName):
                let lower = String(decoding: rawName, as: UTF8.self).lowercased()
                if dropping > 0 {
                    dropping -= 1
                    return
                }
                guard let index = open.lastIndex(of: lower) else { return }
                while open.count > index { closeLast() }
                if open.isEmpty { finished = true }
            }
        }

        /// Where the open `<style>`'s text began, to check it as a whole when it closes.
        private var styleStart: Int?

        private mutating func closeLast() {
            let name = open.removeLast()
            if name == "style", let start = styleStart {
                let css = String(decoding: out[start...], as: UTF8.self)
                if !SVGSanitizer.isSafeCSS(css) { out.removeSubrange(start...) }
                styleStart = nil
            }
            // The name as the page's parser adjusts it is the same element, whatever case.
            out += Array("</\(name == "style" ? "style" : originalCase(name))>".utf8)
        }

        private func originalCase(_ lower: String) -> String { SVGSanitizer.camelCase[lower] ?? lower }

        mutating func result() -> String? {
            guard !rejected, sawRoot else { return nil }
            while !open.isEmpty { closeLast() }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// SVG's mixed-case element names, as written in documents.
    static let camelCase: [String: String] = {
        let names = [
            "clipPath", "linearGradient", "radialGradient", "textPath", "feBlend", "feColorMatrix",
            "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
            "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB",
            "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology",
            "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
        ]
        return Dictionary(uniqueKeysWithValues: names.map { ($0.lowercased(), $0) })
    }()
}
