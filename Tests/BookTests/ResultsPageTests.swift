import Foundation
import Testing

@testable import Book

/// End to end on the `basics` fixture: one chapter with every kind of result.
@Suite struct ResultsPageTests {
    @Test func blocksShareStateAndPrintIsCaptured() async throws {
        let book = try await SharedBuilds.basics.value
        let html = try book.page("01-results")
        #expect(html.contains("<pre class=\"output\">first block\n</pre>"))
        #expect(html.contains("<pre class=\"output\">total 6.0 counter 11\n</pre>"))
        #expect(book.chapter("01-results.md")?.blocks.map(\.status) == [.ran, .ran, .ran, .ran])
    }

    @Test func tableIsNumberedFormattedAndEscaped() async throws {
        let html = try await SharedBuilds.basics.value.page("01-results")
        #expect(
            html.contains(
                """
                <table class="result-table" id="tab-sums">
                <caption>Table 1. Sums &amp; counts</caption>
                <thead><tr><th>name</th><th>value</th></tr></thead>
                <tbody>
                <tr><td>total</td><td class="num">6.0000</td></tr>
                <tr><td>count</td><td class="num">3</td></tr>
                <tr><td>missing</td><td class="num">—</td></tr>
                </tbody>
                </table>
                """))
        #expect(html.contains(#"<caption>Table 2.</caption>"#))
    }

    @Test func figureIsInlinedWithNumberedCaption() async throws {
        let html = try await SharedBuilds.basics.value.page("01-results")
        #expect(html.contains(#"<figure class="figure" id="fig-square">"#))
        #expect(html.contains(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>"#))
        #expect(html.contains("<figcaption>Figure 1. A square</figcaption>"))
        // A chart of the plotting module, inlined as SVG.
        #expect(html.contains(#"<figure class="figure" id="fig-2">"# + "\n<svg"))
        #expect(html.contains("<figcaption>Figure 2. A line chart</figcaption>"))
    }

    @Test func expectationsPassAndFailWithValuesAndLines() async throws {
        let book = try await SharedBuilds.basics.value
        let html = try book.page("01-results")
        #expect(
            html.contains(
                #"<div class="expectation passed"><span class="mark">✓</span> the total is six <span class="detail">(6 ≈ 6, |Δ| = 0 ≤ 1e-09)</span></div>"#
            ))
        #expect(
            html.contains(#"<div class="expectation passed"><span class="mark">✓</span> the counter moved <span class="detail">(= 11)</span></div>"#))
        #expect(
            html.contains(
                #"<div class="expectation failed"><span class="mark">✗</span> the total is below five <span class="detail">(got 6, expected &lt; 5)</span> <span class="location">chapters/01-results.md:38:1: expectation failed</span></div>"#
            ))
        // A failed expectation does not stop the block.
        #expect(html.contains("after a failed expectation"))
        let expectations = try #require(book.chapter("01-results.md")?.expectations)
        #expect(expectations.map(\.passed) == [true, true, false])
        #expect(book.report.failed == 1)
        #expect(book.report.failureLines == ["chapters/01-results.md:38:1: expectation failed: the total is below five (got 6, expected < 5)"])
    }

    @Test func koreanAndHTMLSpecialCharactersAreEscaped() async throws {
        let html = try await SharedBuilds.basics.value.page("01-results")
        #expect(html.contains("<pre class=\"output\">안녕하세요, 세계 &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot;\n</pre>"))
        #expect(html.contains("<th>&lt;값&gt;</th>"))
        #expect(html.contains("<td>가 &amp; 나</td><td class=\"num\">1.5000</td>"))
        #expect(html.contains(#"<h2 id="한국어와-특수-문자">한국어와 &lt;특수&gt; 문자</h2>"#))
        #expect(!html.contains("<b>bold"))
    }

    @Test func hiddenCodeAndShownOnlyBlocks() async throws {
        let html = try await SharedBuilds.basics.value.page("01-results")
        #expect(html.contains("<details class=\"hidden-code\"><summary>Code</summary>"))
        #expect(html.contains("<pre class=\"code\"><code class=\"language-swift\">// shown, never run\nlet notRun = 1\n</code></pre>"))
        #expect(html.contains(#"<section class="block" id="sums">"#))
        #expect(html.contains(#"<section class="block" id="block-1">"#))
    }

    @Test func mathAndLandingPage() async throws {
        let book = try await SharedBuilds.basics.value
        let html = try book.page("01-results")
        #expect(html.contains(#"<span class="math math-inline">W_{t+1} = W_t - \eta g_t</span>"#))
        #expect(html.contains(#"<span class="math math-inline">a*b*c</span>"#))
        #expect(html.contains(#"<div class="math math-display">"# + "\n" + #"\frac{\partial L}{\partial w_{ij}} = \sum_k \delta_k * x_k"#))
        #expect(html.contains("sign $5 that"))
        #expect(html.contains(#"<code>let s = &quot;$x$&quot;</code>"#))
        let index = try book.page("index")
        #expect(index.contains(#"<span class="math math-inline">\alpha</span>"#))
        #expect(book.report.brokenLinks.isEmpty)
    }
}
