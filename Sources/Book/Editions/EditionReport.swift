/// What `check` found in one edition: whether each translation is up to date, strings
/// without a translation, stale catalog entries, chapters not translated yet.
///
/// What counts: an up-to-date translation passes, and so does a catalog with nothing
/// stale; each failure fails once. A chapter not translated yet is listed, and fails
/// only with `--strict-editions`.
public struct EditionReport: Codable, Sendable {
    public struct ChapterCheck: Codable, Sendable {
        /// The translation and its source chapter.
        public var path: String
        public var source: String
        /// Its run blocks are the source's, and every string its experiments produce has
        /// a translation.
        public var upToDate: Bool
    }

    public var language: String
    /// The edition's folder (`chapters/ko`).
    public var folder: String
    public var chapters: [ChapterCheck] = []
    /// Source chapters with no translation in this edition.
    public var untranslated: [String] = []
    /// Every failure, as `path:LINE:COL: error: …`.
    public var failures: [ChapterFailure] = []
    public var passed = 0
    /// Why stale entries were not looked for, when they were not.
    public var staleNotChecked: String?

    public var tally: Tally { Tally(passed: passed, failed: failures.count) }

    /// What `build` and `check` print about the edition besides its failures.
    public var summary: String {
        let translated = chapters.count
        var line = "Edition \(language) (\(folder)/): \(translated) of \(translated + untranslated.count) chapter(s) translated"
        if !untranslated.isEmpty { line += "; not yet: " + untranslated.joined(separator: ", ") }
        if let staleNotChecked { line += "; " + staleNotChecked }
        return line + "."
    }
}
