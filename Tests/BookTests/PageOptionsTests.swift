import Foundation
import Testing

@testable import Book

/// Every string an experiment produced goes through `PageOptions.translate` at render
/// time (what an edition in another language needs); numbers, printed output and the
/// chapter's own prose do not.
@Suite struct PageOptionsTests {
    @Test func producedStringsAreTranslatedAtRenderTime() throws {
        let source = SampleBook.source()
        let options = PageOptions { "«\($0)»" }
        let one = ChapterPageRenderer.render(source.chapters[0], result: try SampleBook.resultOne(), options: options)
        #expect(one.bodyHTML.contains("<caption>Table 1. «Accuracy by initializer after 2,000 steps.»</caption>"))
        #expect(one.bodyHTML.contains("<th>«initializer»</th><th>«train»</th>"))
        #expect(one.bodyHTML.contains("<tr><td>«He»</td><td class=\"num\">0.872</td>"))
        #expect(one.bodyHTML.contains("<span class=\"mark\">✓</span> «He trains faster than Xavier with ReLU»"))
        #expect(one.bodyHTML.contains("<figcaption>Figure 1. «Training loss of a ReLU network"))
        #expect(one.bodyHTML.contains("<pre class=\"output\">final loss: 0.2481"))
        #expect(one.search.contains { $0.text.contains("«He trains faster than Xavier with ReLU»") })

        let two = ChapterPageRenderer.render(source.chapters[1], result: SampleBook.resultTwo, options: options)
        #expect(two.failures.first?.message == "expectation failed: «momentum ends closer to the minimum» (1.204 < 0.8312)")
        // Rendering again without the catalog gives the source language: nothing was cached translated.
        let plain = ChapterPageRenderer.render(source.chapters[1], result: SampleBook.resultTwo)
        #expect(plain.failures.first?.message == "expectation failed: momentum ends closer to the minimum (1.204 < 0.8312)")
    }
}
