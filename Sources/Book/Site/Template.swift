import Foundation

/// A page template of the theme: HTML with three kinds of tags, and nothing more.
///
/// - `{{name}}` inserts the value `name`, HTML-escaped (titles, numbers).
/// - `{{{name}}}` inserts the value as it is (fragments of HTML the writer built: the
///   body, the table of contents, previous/next links).
/// - `{{! anything }}` is a comment and disappears.
/// - `{{> header.html}}` includes another file of the theme, rendered with the same
///   values (so the three page templates share one header and one sidebar).
///
/// Repeated parts (the table of contents, the chapter list) are built in Swift, so the
/// templates need no loops or conditions. A tag naming a value the writer does not
/// provide is an error, so a typo in a user's theme does not pass silently.
struct Template {
    let name: String
    let source: String

    /// Renders the template; `include` reads a theme file for `{{> name}}`.
    func render(_ values: [String: String],
                include: (String) throws -> Template = { name in
                    throw SiteError.template(file: name, message: "includes are not available here")
                },
                depth: Int = 0) throws -> String {
        if depth > 8 {
            throw SiteError.template(file: name, message: "includes nest more than 8 deep (does a file include itself?)")
        }
        var out = ""
        out.reserveCapacity(source.utf8.count + values.values.reduce(0) { $0 + $1.utf8.count })
        var rest = source[...]
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            var after = rest[open.upperBound...]
            let raw = after.hasPrefix("{")
            if raw { after = after.dropFirst() }
            let closing = raw ? "}}}" : "}}"
            guard let close = after.range(of: closing) else {
                throw SiteError.template(file: name, message: "unclosed tag at line \(line(of: open.lowerBound))")
            }
            let tag = after[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = after[close.upperBound...]
            if tag.hasPrefix("!") { continue }
            if tag.hasPrefix(">") {
                let file = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                out += try include(file).render(values, include: include, depth: depth + 1)
                continue
            }
            guard let value = values[tag] else {
                let known = values.keys.sorted().joined(separator: ", ")
                throw SiteError.template(
                    file: name,
                    message: "unknown value {{\(tag)}} at line \(line(of: open.lowerBound)); known values: \(known)")
            }
            out += raw ? value : HTMLText.escape(value)
        }
        out += rest
        return out
    }

    private func line(of index: String.Index) -> Int {
        source[..<index].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }
}
