import Foundation
import Mustache

/// The theme's page templates, as Mustache (hummingbird-project/swift-mustache, the
/// whole language: sections, inverted sections, partials, template inheritance). Every
/// `.html` file of the theme is a template, named by its path (`page.html`), so one can
/// include another as `{{> head.html}}` or extend it as `{{< layout.html}}`.
///
/// `{{name}}` inserts a value HTML-escaped; `{{{name}}}` inserts HTML the writer built
/// (the body, the table of contents). A value the writer does not provide renders as
/// nothing, as Mustache specifies.
struct ThemeTemplates {
    private var library = MustacheLibrary()

    init(_ theme: Theme) throws {
        for name in theme.templatePaths() {
            let url = try theme.url(name)
            guard let data = FileManager.default.contents(atPath: url.path),
                let text = String(data: data, encoding: .utf8)
            else {
                throw BookError.template(file: url.path, line: nil, message: "cannot be read as UTF-8 text")
            }
            do {
                try library.register(text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw BookError.template(
                    file: url.path, line: error.context.lineNumber,
                    message: "\(error.error) in `\(error.context.line.trimmingSpaces)`")
            }
        }
    }

    /// Renders template `name` (a path relative to the theme) with `values`.
    func render(_ name: String, _ values: [String: Any]) throws -> String {
        guard let html = library.render(values, withTemplate: name) else {
            throw BookError.missingThemeFile(name: name, searched: [])
        }
        return html
    }
}
