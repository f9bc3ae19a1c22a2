/// A CommonMark document as a Swift tree, built by `CommonMark.parse` from cmark's.
public struct MarkdownNode: Sendable {
    public enum Kind: Sendable {
        case document, blockQuote, item, paragraph, thematicBreak
        case list(ordered: Bool, start: Int, tight: Bool)
        case codeBlock(info: String, literal: String)
        /// A `swift run` block: `Chapter.blocks[index]`. `Chapter.parse` puts these in
        /// place of the code blocks it runs, so the page finds each block by identity.
        case runBlock(index: Int)
        case htmlBlock(String)
        /// `index` is the heading's place in `Chapter.headings` (set by `Chapter.parse`;
        /// -1 straight from cmark).
        case heading(level: Int, index: Int)
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
    /// Where the node starts and ends in the source (1-based lines), from cmark's source
    /// positions.
    public var line: Int
    public var column: Int
    public var endLine: Int

    public init(kind: Kind, children: [MarkdownNode] = [], line: Int = 0, column: Int = 0, endLine: Int = 0) {
        self.kind = kind
        self.children = children
        self.line = line
        self.column = column
        self.endLine = endLine
    }

    /// The node's text with all markup dropped.
    public var plainText: String {
        switch kind {
        case .text(let s), .code(let s), .htmlInline(let s): return s
        case .softBreak, .lineBreak: return " "
        default: return children.map(\.plainText).joined()
        }
    }

    /// Every node of the tree, in document order.
    func visitAll(_ body: (MarkdownNode) -> Void) {
        body(self)
        for child in children { child.visitAll(body) }
    }
}
