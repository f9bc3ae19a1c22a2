import Plotting

/// Puts an edition's words into a drawn chart: every `<text>` element (and the SVG's
/// `<title>`) whose whole text is one of the chart's words (`ResultFigure.texts`) gets
/// its translation, escaped; nothing else in the SVG changes, so the chart is not drawn
/// again and its data need not be kept.
///
/// The chart was laid out for the source words. A translation estimated wider than its
/// source (with Plotting's own text widths) is set smaller, down to 70 % of the size, so
/// that a legend entry stays in its box and a title within the figure; Korean is
/// usually narrower than English, and then nothing moves.
enum FigureTexts {
    static func translate(_ svg: String, words: [String], _ translate: (String) -> String) -> String {
        let translatable = Set(words)
        guard !translatable.isEmpty else { return svg }
        var out = ""
        out.reserveCapacity(svg.utf8.count + 256)
        var rest = Substring(svg)
        while let open = rest.range(of: "<text") ?? rest.range(of: "<title") {
            // Whichever element comes first.
            let start =
                [rest.range(of: "<text"), rest.range(of: "<title")].compactMap { $0 }
                .min { $0.lowerBound < $1.lowerBound } ?? open
            let name = rest[start].hasPrefix("<title") ? "title" : "text"
            guard let tagEnd = rest[start.upperBound...].firstIndex(of: ">"),
                let close = rest[tagEnd...].range(of: "</\(name)>")
            else { break }
            let after = rest[start.upperBound...].first
            let tag = rest[start.lowerBound...tagEnd]
            let content = rest[rest.index(after: tagEnd)..<close.lowerBound]
            out += rest[..<start.lowerBound]
            if after == " " || after == ">", !content.contains("<"),
                case let source = unescape(content), translatable.contains(source),
                case let translated = translate(source), translated != source
            {
                out += name == "text" ? resized(String(tag), from: source, to: translated) : String(tag)
                out += SVG.escape(translated)
            } else {
                out += tag + content
            }
            out += rest[close]
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// The start tag with a smaller `font-size` when `translated` would be wider than `source`.
    static func resized(_ tag: String, from source: String, to translated: String) -> String {
        var size = 12.0
        var sizeRange: Range<String.Index>?
        if let attribute = tag.range(of: " font-size=\""), let end = tag[attribute.upperBound...].firstIndex(of: "\"") {
            size = Double(tag[attribute.upperBound..<end]) ?? 12
            sizeRange = attribute.lowerBound..<tag.index(after: end)
        }
        let before = TextWidth.estimate(source, size: size)
        let after = TextWidth.estimate(translated, size: size)
        guard after > before * 1.02, after > 0 else { return tag }
        let fitted = max(size * 0.7, size * before / after)
        let attribute = " font-size=\"\((fitted * 10).rounded() / 10)\""
        var tag = tag
        if let sizeRange {
            tag.replaceSubrange(sizeRange, with: attribute)
        } else {
            tag.insert(contentsOf: attribute, at: tag.index(tag.startIndex, offsetBy: 5))
        }
        return tag
    }

    /// XML text as the characters it stands for (`&amp;`, `&#39;`, `&#x3b1;`, …).
    static func unescape(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var out = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp)..<semi]
            let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
            if let character = named[String(entity)] {
                out += character
            } else if entity.hasPrefix("#"),
                let value = entity.hasPrefix("#x") || entity.hasPrefix("#X")
                    ? UInt32(entity.dropFirst(2), radix: 16) : UInt32(entity.dropFirst()),
                let scalar = Unicode.Scalar(value)
            {
                out.unicodeScalars.append(scalar)
            } else {
                out += rest[amp...semi]
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
