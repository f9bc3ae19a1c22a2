import Foundation
import Testing

@testable import Plotting

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG document parsed with Foundation's XML parser, with helpers to find
/// elements by local name (the SVG namespace makes XPath awkward).
struct ParsedSVG {
    let document: XMLDocument
    var root: XMLElement { document.rootElement()! }

    init(_ svg: String) throws {
        document = try XMLDocument(xmlString: svg, options: [])
    }

    func elements(_ name: String) -> [XMLElement] {
        var out: [XMLElement] = []
        func walk(_ e: XMLElement) {
            if e.localName == name { out.append(e) }
            for child in e.children ?? [] { if let c = child as? XMLElement { walk(c) } }
        }
        walk(root)
        return out
    }

    /// Every element's id, in document order.
    var ids: [String] {
        var out: [String] = []
        func walk(_ e: XMLElement) {
            if let id = Self.attribute(e, "id") { out.append(id) }
            for child in e.children ?? [] { if let c = child as? XMLElement { walk(c) } }
        }
        walk(root)
        return out
    }

    /// The text content of every <text> element, in document order.
    var texts: [String] { elements("text").map { $0.stringValue ?? "" } }

    /// An attribute's value. (`attribute(forName:)` misses attributes of elements in a
    /// default namespace in swift-corelibs-foundation, so the list is searched.)
    func attribute(_ e: XMLElement, _ name: String) -> String? {
        Self.attribute(e, name)
    }

    static func attribute(_ e: XMLElement, _ name: String) -> String? {
        e.attributes?.first { $0.name == name || $0.localName == name }?.stringValue
    }
}

/// Fails the test unless `body` throws exactly `expected`.
func expectPlotError(
    _ expected: PlotError, _ body: () throws -> Void,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    do {
        try body()
        Issue.record("expected \(expected) but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as PlotError {
        #expect(error == expected, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected \(expected) but got \(error)", sourceLocation: sourceLocation)
    }
}
