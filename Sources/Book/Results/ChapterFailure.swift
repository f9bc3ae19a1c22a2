import NotebookProtocol

/// One failure of a chapter, located in its Markdown as it is now: a load error, a
/// compiler error, a trap, a timeout, a failed expectation or a figure that could not be
/// drawn. `Chapter.failures(of:)` is the one list of them; the page's banner, its
/// marked blocks, `check`'s counts and lines, the JSON report and the exit status all
/// read it, so one failure counts once everywhere.
public struct ChapterFailure: Codable, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Codable, Sendable {
        /// The chapter could not be loaded as written (unclosed fence, bad block option).
        case chapter
        /// The program did not compile.
        case compile
        /// The program trapped, threw, or exited inside a block.
        case trap
        /// A block or the chapter ran out of time.
        case timeout
        /// The program could not be made or run at all, or failed after its last block.
        case program
        /// A claim did not hold.
        case expectation
        /// A figure could not be drawn.
        case figure
        /// An edition's translation does not match its source (a run block added,
        /// removed, moved or edited), or a string the experiments produced has no
        /// translation, or a catalog entry is stale.
        case translation
    }

    public var kind: Kind
    public var location: SourceLocation
    /// What went wrong, after the location: `error: …` or `expectation failed: …`.
    public var message: String
    /// The block it belongs to, and that block's anchor on the page (`block-2`, or its
    /// `id=`), if any.
    public var block: Int?
    public var anchor: String?

    public init(kind: Kind, location: SourceLocation, message: String, block: Int? = nil, anchor: String? = nil) {
        self.kind = kind
        self.location = location
        self.message = message
        self.block = block
        self.anchor = anchor
    }

    /// `chapters/03-x.md:12:5: error: …`, the form compilers use.
    public var description: String { "\(location): \(message)" }
}

extension Chapter {
    /// Every failure of this chapter with `result`, in page order: load errors, the
    /// failures outside any block, then block by block its failed expectations and
    /// figures as they came and what stopped it. Blocks that did not run add none.
    ///
    /// `translate` maps the strings the experiments produced (claims, captions) for
    /// an edition; the identity by default.
    public func failures(of result: ChapterResult, translate: (String) -> String = { $0 }) -> [ChapterFailure] {
        var all = diagnostics
        for failure in result.failures {
            all.append(
                ChapterFailure(
                    kind: failure.kind, location: failure.location.map(place) ?? SourceLocation(file: path),
                    message: failure.message))
        }
        for block in blocks {
            let blockResult = result.block(block.index)
            func add(_ kind: ChapterFailure.Kind, _ location: CodeLocation?, _ message: String) {
                all.append(
                    ChapterFailure(
                        kind: kind, location: place(location, inBlock: block.index),
                        message: message, block: block.index, anchor: block.anchor))
            }
            for item in blockResult.items {
                switch item {
                case .expectation(let outcome, let location) where !outcome.passed:
                    add(.expectation, location, "expectation failed: " + Self.claim(outcome, translate: translate))
                case .figure(let figure, let location):
                    if let error = figure.error { add(.figure, location, "error: the figure could not be drawn: \(error)") }
                default:
                    break
                }
            }
            for failure in blockResult.failures { add(failure.kind, failure.location, failure.message) }
        }
        return all
    }

    /// `claim (detail)`, as the page and the terminal show an expectation.
    static func claim(_ outcome: ExpectationOutcome, translate: (String) -> String = { $0 }) -> String {
        translate(outcome.claim) + (outcome.detail.map { " (\($0))" } ?? "")
    }

    /// How many checks passed and failed: a block that ran and an expectation that held
    /// pass; each of `failures(of:)` fails. A block that did not run counts neither way.
    public func tally(of result: ChapterResult) -> Tally {
        var passed = 0
        for block in blocks {
            let blockResult = result.block(block.index)
            if blockResult.status == .ran { passed += 1 }
            passed += blockResult.expectations.filter(\.passed).count
        }
        return Tally(passed: passed, failed: failures(of: result).count)
    }
}

/// Checks that passed and failed.
public struct Tally: Codable, Sendable, Equatable {
    public var passed: Int
    public var failed: Int

    public init(passed: Int = 0, failed: Int = 0) {
        self.passed = passed
        self.failed = failed
    }

    public static func + (a: Tally, b: Tally) -> Tally { Tally(passed: a.passed + b.passed, failed: a.failed + b.failed) }

    /// `N passed, N failed`: the closing line of `tutorial check`.
    public var line: String { "\(passed) passed, \(failed) failed" }
}
