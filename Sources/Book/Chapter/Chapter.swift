import Foundation

/// One `swift run` block of a chapter.
public struct RunBlock: Sendable {
    /// 0-based position among the chapter's run blocks.
    public var index: Int
    public var code: String
    public var options: BlockOptions
    /// Line of the opening fence, and of the code's first line, in the Markdown (1-based).
    public var fenceLine: Int
    public var codeLine: Int
    /// Column where the fence starts: code lines are indented by `column - 1`.
    public var column: Int
    public var lineCount: Int { max(code.split(separator: "\n", omittingEmptySubsequences: false).count - (code.hasSuffix("\n") ? 1 : 0), 1) }

    /// The id of the block's results on the page: its `id=` option, else `block-N`.
    public var anchor: String { options.id ?? "block-\(index + 1)" }

    /// Whether a Markdown line falls inside this block's code.
    func contains(line: Int) -> Bool { line >= codeLine && line < codeLine + lineCount }
}

/// A heading of a chapter, with the unique id its page gives it.
public struct Heading: Sendable, Equatable {
    public var level: Int
    public var id: String
    /// Its text, math as written.
    public var title: String

    public init(level: Int, id: String, title: String) {
        self.level = level
        self.id = id
        self.title = title
    }
}

extension Heading {
    /// A heading's id: lower-case letters and digits (any script), words joined by `-`.
    static func slug(_ title: String) -> String {
        var out = ""
        var pendingDash = false
        for ch in title.lowercased() {
            if ch.isLetter || ch.isNumber {
                if pendingDash, !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(ch)
            } else if ch == " " || ch == "-" || ch == "_" {
                pendingDash = true
            }
        }
        return out
    }
}

/// A chapter as loaded: its Markdown tree, math, run blocks and headings.
public struct Chapter: Sendable {
    /// The path as the user gave it (`chapters/03-x.md`), used in every diagnostic.
    public var path: String
    public var url: URL
    /// The file name without `.md`; the page is `slug.html`.
    public var slug: String
    /// The number the file name starts with, for `tutorial run 3`.
    public var number: Int?
    public var title: String
    /// The first sentence of the first paragraph, for the landing page: as text (math
    /// as its TeX) and as HTML (escaped, math as `<span class="math math-inline">`).
    public var summary: String?
    public var summaryHTML: String?
    /// The tree the page is rendered from: run blocks are `.runBlock(index:)` nodes and
    /// headings point into `headings`.
    public var document: MarkdownNode
    public var math: ProtectedMarkdown
    public var blocks: [RunBlock]
    public var headings: [Heading]
    /// Problems found while loading (unclosed fence, bad block option, an id used
    /// twice). A chapter with any is not run.
    public var diagnostics: [ChapterFailure]

    /// The `##`… headings: the sidebar's and the search index's sections.
    public var sections: [Heading] { headings.filter { $0.level >= 2 } }

    /// Reads and parses a chapter; throws `BookError.io` saying in words what is wrong
    /// with a file that is not UTF-8 Markdown text (see `ChapterFile`).
    public static func load(url: URL, path: String) throws -> Chapter {
        let source: String
        do {
            source = try ChapterFile.read(url)
        } catch {
            throw BookError.io("\(path): \(error)")
        }
        return parse(source, url: url, path: path)
    }

    /// Parses chapter source (a separate step so tests need no files).
    ///
    /// cmark parses the source twice: once for its code blocks (whose lines math
    /// protection leaves alone, and whose fences must be closed), and once, with math
    /// cut out, for the tree the page is made from. One walk over that tree then finds
    /// the title, the run blocks and the headings.
    public static func parse(_ source: String, url: URL, path: String) -> Chapter {
        let normalized = source.replacingOccurrences(of: "\r\n", with: "\n")
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        var diagnostics: [ChapterFailure] = []
        func problem(_ line: Int, _ column: Int, _ message: String) {
            diagnostics.append(
                ChapterFailure(
                    kind: .chapter, location: SourceLocation(file: path, line: line, column: column),
                    message: "error: " + message))
        }

        var codeLines = Set<Int>()
        CommonMark.parse(normalized).visitAll { node in
            guard case .codeBlock(_, let literal) = node.kind else { return }
            codeLines.formUnion(node.line...max(node.line, node.endLine))
            if let fence = Fence(opening: node, literal: literal, lines: lines), !fence.isClosed(by: node, lines: lines) {
                problem(
                    node.line, node.column,
                    "unclosed code fence: the block opened here runs to the end of the chapter; close it with a line of backticks")
            }
        }
        let math = ProtectedMarkdown.protect(normalized, codeLines: codeLines)

        var blocks: [RunBlock] = []
        var headings: [Heading] = []
        var ids: [String: Int] = [:]
        func visit(_ node: MarkdownNode) -> MarkdownNode {
            var node = node
            node.line = math.originalLine(node.line)
            node.endLine = math.originalLine(node.endLine)
            switch node.kind {
            case .heading(let level, _):
                node.kind = .heading(level: level, index: headings.count)
                headings.append(Heading(level: level, id: "", title: math.restored(node.plainText)))
            case .codeBlock(let info, let literal):
                switch BlockOptions.parse(info) {
                case .display:
                    break
                case .run(let options):
                    if let id = options.id {
                        if let earlier = ids[id] {
                            problem(node.line, node.column, "block id '\(id)' is already used by the block at line \(earlier)")
                        }
                        ids[id] = node.line
                    }
                    blocks.append(
                        RunBlock(
                            index: blocks.count, code: literal, options: options,
                            fenceLine: node.line, codeLine: node.line + 1, column: node.column))
                    node.kind = .runBlock(index: blocks.count - 1)
                case .invalid(let offset, let message):
                    // Point at the option itself on the fence line.
                    var column = node.column
                    if node.line - 1 < lines.count, let range = lines[node.line - 1].range(of: info) {
                        column = lines[node.line - 1].distance(from: lines[node.line - 1].startIndex, to: range.lowerBound) + offset + 1
                    }
                    problem(node.line, column, message)
                }
            default:
                break
            }
            node.children = node.children.map(visit)
            return node
        }
        let document = visit(CommonMark.parse(math.text))
        assignIDs(&headings, reserved: Set(blocks.map(\.anchor)))
        let sentence = document.children.first {
            if case .paragraph = $0.kind { return true } else { return false }
        }.map { firstSentence($0.plainText) }
        let summary = sentence.map(math.restored)
        let summaryHTML = sentence.map { text in
            math.pieces(of: text).map { piece -> String in
                switch piece {
                case .literal(let s): return HTML.escape(s)
                case .math(let span): return "<span class=\"math math-inline\">\(HTML.escape(span.tex))</span>"
                }
            }.joined()
        }

        let fileName = url.lastPathComponent
        let slug = fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
        let number = Int(slug.prefix { $0.isASCII && $0.isNumber })
        let title = headings.first { $0.level == 1 }?.title
        return Chapter(
            path: path, url: url, slug: slug, number: number, title: title ?? slug, summary: summary, summaryHTML: summaryHTML,
            document: document, math: math, blocks: blocks, headings: headings,
            diagnostics: diagnostics.sorted {
                ($0.location.line ?? 0, $0.location.column ?? 0) < ($1.location.line ?? 0, $1.location.column ?? 0)
            })
    }

    /// Unique ids from the headings' titles, avoiding the blocks' anchors.
    private static func assignIDs(_ headings: inout [Heading], reserved: Set<String>) {
        var used = reserved
        for i in headings.indices {
            let slug = Heading.slug(headings[i].title)
            let base = slug.isEmpty ? "section" : slug
            var id = base
            var n = 2
            while used.contains(id) {
                id = "\(base)-\(n)"
                n += 1
            }
            used.insert(id)
            headings[i].id = id
        }
    }

    private static func firstSentence(_ text: String) -> String {
        if let end = text.range(of: ". ") { return String(text[..<end.lowerBound]) + "." }
        return text
    }
}

/// The opening fence of a fenced code block, as cmark found it. cmark quietly runs an
/// unclosed fence to the end of its container; the chapter names it instead.
private struct Fence {
    var character: Character
    var length: Int

    /// Nil for an indented code block.
    init?(opening node: MarkdownNode, literal: String, lines: [Substring]) {
        guard node.line >= 1, node.line <= lines.count else { return nil }
        let line = lines[node.line - 1]
        let text = line.dropFirst(max(node.column - 1, 0))
        guard let first = text.first, first == "`" || first == "~" else { return nil }
        let run = text.prefix { $0 == first }.count
        // Indented code whose first line happens to start with backticks keeps that line.
        guard run >= 3, !literal.hasPrefix(String(text)) else { return nil }
        character = first
        length = run
    }

    /// Whether the block's last line is a fence that closes it.
    func isClosed(by node: MarkdownNode, lines: [Substring]) -> Bool {
        guard node.endLine > node.line, node.endLine <= lines.count else { return false }
        // Container markers (`>` of a quote, a list item's indentation) come first.
        let text = lines[node.endLine - 1].drop { $0 == " " || $0 == "\t" || $0 == ">" }
        let run = text.prefix { $0 == character }.count
        return run >= length && text.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
