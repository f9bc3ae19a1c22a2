/// A place in a chapter's Markdown, printed the way compilers print them:
/// `chapters/03-x.md:LINE:COLUMN`, or just the file when the place has no line.
public struct SourceLocation: Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The path as the user gave it (`chapters/03-x.md`).
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        guard let line else { return file }
        return "\(file):\(line)" + (column.map { ":\($0)" } ?? "")
    }
}

/// A place in a chapter's code, relative to its run block: line `line` (1-based) of
/// block `block`'s code. Results are cached with these, so a prose edit that moves a
/// block down the file needs no rerun and the page still names the right lines.
public struct CodeLocation: Codable, Sendable, Equatable {
    public var block: Int
    public var line: Int
    public var column: Int

    public init(block: Int, line: Int, column: Int) {
        self.block = block
        self.line = line
        self.column = column
    }
}

extension Chapter {
    /// Block-relative location of a Markdown line, if it lies in a run block's code.
    func location(line: Int, column: Int) -> CodeLocation? {
        guard let block = blocks.first(where: { $0.contains(line: line) }) else { return nil }
        // The column comes from what a program printed: bounded, so no sum overflows.
        return CodeLocation(
            block: block.index, line: line - block.codeLine + 1,
            column: min(max(column, 1), 1 << 30) + block.column - 1)
    }

    /// Where a block-relative location lies in this chapter as it is now.
    public func place(_ location: CodeLocation) -> SourceLocation {
        guard blocks.indices.contains(location.block) else {
            return SourceLocation(file: path, line: location.line, column: location.column)
        }
        return SourceLocation(
            file: path, line: blocks[location.block].codeLine + location.line - 1,
            column: location.column)
    }

    /// Where something of block `index` lies: at `location`, else at the first line of
    /// the block's code.
    public func place(_ location: CodeLocation?, inBlock index: Int) -> SourceLocation {
        if let location { return place(location) }
        guard blocks.indices.contains(index) else { return SourceLocation(file: path) }
        return SourceLocation(file: path, line: blocks[index].codeLine, column: blocks[index].column)
    }
}
