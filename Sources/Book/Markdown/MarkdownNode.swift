/// A CommonMark document as a Swift tree, built by `CommonMark.parse` from cmark's.
public struct MarkdownNode: Sendable {
    public enum Kind: Sendable {
        case document, blockQuote, item, paragraph, thematicBreak
        case list(ordered: Bool, start: Int, tight: Bool)
        case codeBlock(info: String, literal: String)
        case htmlBlock(String)
        case heading(level: Int)
        case text(String)
        case softBreak, lineBreak
        case code(String)
        case htmlInline(String)
        case emphasis, strong
        case link(url: String, title: String)
        case image(url: String, title: String)
        case custom
    }

    public var kind: Kind
    public var children: [MarkdownNode]
    /// Where the node starts in the source (1-based), from cmark's source positions.
    public var line: Int
    public var column: Int

    public init(kind: Kind, children: [MarkdownNode] = [], line: Int = 0, column: Int = 0) {
        self.kind = kind; self.children = children; self.line = line; self.column = column
    }

    /// The node's text with all markup dropped.
    public var plainText: String {
        switch kind {
        case .text(let s), .code(let s): return s
        case .softBreak, .lineBreak: return " "
        default: return children.map(\.plainText).joined()
        }
    }

    /// The tree with every node's line passed through `map`.
    func mappingLines(_ map: (Int) -> Int) -> MarkdownNode {
        var copy = self
        copy.line = map(line)
        copy.children = children.map { $0.mappingLines(map) }
        return copy
    }
}
