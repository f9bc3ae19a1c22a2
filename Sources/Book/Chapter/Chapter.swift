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

    /// Whether a Markdown line falls inside this block's code.
    func contains(line: Int) -> Bool { line >= codeLine && line < codeLine + lineCount }
}

/// A chapter as loaded: its Markdown tree, math and run blocks.
public struct Chapter: Sendable {
    /// The path as the user gave it (`chapters/03-x.md`), used in every diagnostic.
    public var path: String
    public var url: URL
    /// The file name without `.md`; the page is `slug.html`.
    public var slug: String
    /// The number the file name starts with, for `tutorial run 3`.
    public var number: Int?
    public var title: String
    public var document: MarkdownNode
    public var math: ProtectedMarkdown
    public var blocks: [RunBlock]
    /// Problems found while loading (unclosed fence, bad block option). A chapter with
    /// any is not run.
    public var diagnostics: [Diagnostic]

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
    public static func parse(_ source: String, url: URL, path: String) -> Chapter {
        let normalized = source.replacingOccurrences(of: "\r\n", with: "\n")
        var diagnostics: [Diagnostic] = []
        for fence in FenceScanner.fences(of: normalized) where !fence.closed {
            diagnostics.append(Diagnostic(file: path, line: fence.line, column: fence.column,
                                          message: "error: unclosed code fence: the block opened here runs to the end of the chapter; close it with a line of backticks"))
        }
        let math = ProtectedMarkdown.protect(normalized)
        let document = CommonMark.parse(math.text).mappingLines(math.originalLine)
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)

        var blocks: [RunBlock] = []
        var ids: [String: Int] = [:]
        var title: String? = nil
        func visit(_ node: MarkdownNode) {
            switch node.kind {
            case .heading(let level) where level == 1 && title == nil:
                title = math.restored(node.plainText)
            case .codeBlock(let info, let literal):
                switch BlockOptions.parse(info) {
                case .success(.display):
                    break
                case .success(.run(let options)):
                    if let id = options.id {
                        if let earlier = ids[id] {
                            diagnostics.append(Diagnostic(file: path, line: node.line, column: node.column,
                                                          message: "error: block id '\(id)' is already used by the block at line \(earlier)"))
                        }
                        ids[id] = node.line
                    }
                    blocks.append(RunBlock(index: blocks.count, code: literal, options: options,
                                           fenceLine: node.line, codeLine: node.line + 1,
                                           column: node.column))
                case .failure(let problem):
                    // Point at the option itself on the fence line.
                    var column = node.column
                    if node.line - 1 < lines.count {
                        let fenceLine = lines[node.line - 1]
                        if let range = fenceLine.range(of: info) {
                            column = fenceLine.distance(from: fenceLine.startIndex, to: range.lowerBound) + problem.offset + 1
                        }
                    }
                    diagnostics.append(Diagnostic(file: path, line: node.line, column: column,
                                                  message: "error: \(problem.message)"))
                }
            default:
                node.children.forEach(visit)
            }
        }
        visit(document)

        let fileName = url.lastPathComponent
        let slug = fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
        let number = Int(slug.prefix { $0.isASCII && $0.isNumber })
        return Chapter(path: path, url: url, slug: slug, number: number,
                       title: title ?? slug, document: document, math: math, blocks: blocks,
                       diagnostics: diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }
}
