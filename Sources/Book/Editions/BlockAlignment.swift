import NotebookProtocol

/// How a translated chapter's run blocks line up with its source chapter's. A translation
/// repeats the source's blocks verbatim — code and options, in order — and takes their
/// results; anything else means the translation is out of date, and each difference is a
/// failure naming both files and lines: a block added, removed, moved or edited.
///
/// Blocks are matched by a longest common subsequence of identical blocks. Between two
/// matched blocks, a block of the translation that is identical to an unmatched source
/// block elsewhere was moved; the rest are paired in order as edited, and what is left
/// over was added (in the translation) or removed (from it).
struct BlockAlignment {
    /// For each block of the translation, the source block whose results it shows
    /// (identical code and options), or nil.
    var sourceOf: [Int?]
    /// The differences, as failures located in the translation.
    var drift: [ChapterFailure] = []

    init(source: Chapter, translation: Chapter) {
        let a = source.blocks, b = translation.blocks
        func same(_ i: Int, _ j: Int) -> Bool { a[i].code == b[j].code && a[i].options == b[j].options }

        // Longest common subsequence, by the usual table of suffix lengths.
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = same(i, j) ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var matched: [(Int, Int)] = []
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if same(i, j) {
                matched.append((i, j))
                i += 1
                j += 1
            } else if table[i + 1][j] >= table[i][j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        sourceOf = [Int?](repeating: nil, count: b.count)
        for (i, j) in matched { sourceOf[j] = i }

        let unmatchedSource = Set(a.indices).subtracting(matched.map(\.0))
        var movedSources = Set<Int>()
        // Gaps between matched pairs: source blocks and translation blocks left in each.
        var gaps: [(source: [Int], translation: [Int])] = []
        var previous = (-1, -1)
        for pair in matched + [(a.count, b.count)] {
            gaps.append((Array((previous.0 + 1)..<pair.0), Array((previous.1 + 1)..<pair.1)))
            previous = pair
        }
        var describedAsMoved = Set<Int>()
        for gap in gaps {
            for j in gap.translation {
                // Identical to a source block that is elsewhere: moved.
                if let i = unmatchedSource.sorted().first(where: { same($0, j) && !gap.source.contains($0) && !movedSources.contains($0) }) {
                    movedSources.insert(i)
                    describedAsMoved.insert(j)
                    sourceOf[j] = i
                    drift.append(
                        failure(
                            translation, j,
                            "this block is block \(i + 1) of the source, \(place(source, i)), which the source has in another place: the blocks are reordered; put them in the source's order"
                        ))
                }
            }
        }
        for gap in gaps {
            let sources = gap.source.filter { !movedSources.contains($0) }
            let translations = gap.translation.filter { !describedAsMoved.contains($0) }
            for (n, j) in translations.enumerated() {
                if n < sources.count {
                    let i = sources[n]
                    let what =
                        a[i].code != b[j].code
                        ? (a[i].options != b[j].options ? "its code and options differ" : "its code differs")
                        : "its options differ (`\(Self.fence(a[i].options))` in the source)"
                    drift.append(
                        failure(
                            translation, j,
                            "this block is block \(i + 1) of the source, \(place(source, i)), edited: \(what); copy the source's block verbatim"))
                } else {
                    drift.append(
                        failure(translation, j, "this block is not in the source chapter \(source.path); remove it, or add it to the source"))
                }
            }
            for i in sources.dropFirst(translations.count) {
                // Where it is missing: before the next block of the translation, else at its end.
                let next = gap.translation.last.map { $0 + 1 } ?? matched.first(where: { $0.0 > i }).map(\.1)
                let location =
                    next.flatMap {
                        b.indices.contains($0) ? SourceLocation(file: translation.path, line: b[$0].fenceLine, column: b[$0].column) : nil
                    }
                    ?? SourceLocation(file: translation.path)
                drift.append(
                    ChapterFailure(
                        kind: .translation, location: location,
                        message:
                            "error: the translation is out of date: block \(i + 1) of the source, \(place(source, i)), is missing \(next.map { b.indices.contains($0) ? "before this block" : "at the end" } ?? "at the end"); copy it here verbatim"
                    ))
            }
        }
        drift.sort { ($0.location.line ?? .max, $0.message) < ($1.location.line ?? .max, $1.message) }
    }

    private func place(_ chapter: Chapter, _ index: Int) -> String {
        "\(chapter.path):\(chapter.blocks[index].fenceLine)"
    }

    private func failure(_ chapter: Chapter, _ index: Int, _ what: String) -> ChapterFailure {
        let block = chapter.blocks[index]
        return ChapterFailure(
            kind: .translation,
            location: SourceLocation(file: chapter.path, line: block.fenceLine, column: block.column),
            message: "error: the translation is out of date: " + what)
    }

    /// The fence's info string for `options`: `swift run hide id=x`.
    static func fence(_ options: BlockOptions) -> String {
        var words = ["swift", "run"]
        if options.hide { words.append("hide") }
        if let timeout = options.timeout {
            words.append("timeout=" + (timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)))
        }
        if let id = options.id { words.append("id=" + id) }
        return words.joined(separator: " ")
    }

    /// The source's result as the translation shows it: each block takes the result of
    /// its source block, with locations moved into the translation's block (and its
    /// indentation); a block with no source block shows why.
    func result(_ result: ChapterResult, source: Chapter, translation: Chapter) -> ChapterResult {
        func move(_ location: CodeLocation?, to j: Int, from i: Int) -> CodeLocation? {
            guard var location else { return nil }
            location.block = j
            if source.blocks.indices.contains(i) {
                location.column += translation.blocks[j].column - source.blocks[i].column
            }
            return location
        }
        var moved = result
        moved.blocks = translation.blocks.indices.map { j in
            guard let i = sourceOf[j] else {
                return BlockResult(status: .notRun, notRunReason: PageChrome.english("outOfDate"))
            }
            var block = result.block(i)
            block.items = block.items.map { item in
                switch item {
                case .figure(let figure, let location): return .figure(figure, location: move(location, to: j, from: i))
                case .expectation(let outcome, let location): return .expectation(outcome, location: move(location, to: j, from: i))
                default: return item
                }
            }
            block.failures = block.failures.map {
                var f = $0
                f.location = move(f.location, to: j, from: i)
                return f
            }
            return block
        }
        // Failures outside any block keep a location only when its block is shown here.
        moved.failures = result.failures.map { failure in
            var failure = failure
            if let location = failure.location {
                failure.location = sourceOf.firstIndex(of: location.block).flatMap { move(location, to: $0, from: location.block) }
            }
            return failure
        }
        return moved
    }
}
