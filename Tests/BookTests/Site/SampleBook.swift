import Foundation
@testable import Book

/// A small book built by hand, in the body-HTML conventions of `SiteModel.swift`, standing
/// in for what the pipeline produces: headings, inline and display math, run blocks with
/// printed output, a table, a figure, a hidden block, passing and failing expectations, a
/// compile error, a block that did not run, Korean text, and a title with `<script>` in it.
enum SampleBook {
    static let hostileTitle = "Escaping <script>alert(\"x\")</script> & 한국어"

    /// Inline math as the pipeline marks it: the TeX, HTML-escaped, in a span.
    static func m(_ tex: String) -> String {
        "<span class=\"math math-inline\">\(HTMLText.escape(tex))</span>"
    }

    static func display(_ tex: String) -> String {
        "<div class=\"math math-display\">\(HTMLText.escape(tex))</div>"
    }

    static func figureSVG() throws -> String {
        let url = Bundle.module.resourceURL!
            .appendingPathComponent("Fixtures/site/loss.svg")
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func site() throws -> BookSite {
        BookSite(
            title: "Training Neural Networks, Executably",
            landingHTML: landing,
            chapters: [try chapterOne(), chapterTwo(), chapterThree()])
    }

    static let landing = """
        <p>A book whose experiments run every time it is built. Each chapter asks a question \
        about training neural networks, answers it with an experiment on Fashion-MNIST, and \
        checks its own claims: the loss \(m("L(\\theta)")) must go down when the text says it does.</p>
        <p>Read the chapters in order, or jump to the one you need.</p>
        """

    static func chapterOne() throws -> ChapterPage {
        let body = """
            <h1 id="learning-from-data">Learning from data</h1>
            <p>A network learns by nudging its weights against the gradient of a loss. With \
            learning rate \(m("\\eta")), one step of gradient descent is</p>
            \(display("W_{t+1} = W_t - \\eta \\, \\frac{\\partial L}{\\partial W_t}"))
            <p>and the loss we minimise is the cross-entropy \(m("L = -\\sum_k t_k \\log y_k")) over \
            the classes \(m("k")). See <a href="#fig-loss">Figure 1</a> for how fast it falls, and \
            <a href="#tab-accuracy">Table 1</a> for the accuracy reached.</p>
            <h2 id="a-first-network">A first network</h2>
            <p>We build a two-layer perceptron and train it for a few hundred steps.</p>
            <section class="block" id="block-1">
            <pre class="code"><code class="language-swift">let data = try FashionMNIST.load(limit: 1_000)
            var network = MLP(sizes: [784, 100, 10], activation: .relu, initializer: .he)
            let history = Trainer(optimizer: .sgd(learningRate: 0.1))
                .train(&amp;network, on: data.train, iterations: 2_000, seed: 42)
            print(&quot;final loss:&quot;, history.loss.last!)   // &lt;- printed below</code></pre>
            <div class="results">
            <pre class="output">final loss: 0.2481
            accuracy on the test set: 84.6 %</pre>
            <p class="output-note">Printed output was cut after 64 KB.</p>
            </div>
            </section>
            <h3 id="what-the-numbers-say">What the numbers say</h3>
            <p>The accuracy is a little below MNIST&#39;s, as expected for clothes.</p>
            <section class="block" id="accuracy">
            <pre class="code"><code class="language-swift">table(&quot;Accuracy by initializer&quot;, columns: [&quot;initializer&quot;, &quot;train&quot;, &quot;test&quot;],
                  rows: results.map { [$0.name, $0.train, $0.test] })</code></pre>
            <div class="results">
            <table class="result-table" id="tab-accuracy"><caption>Table 1. Accuracy by initializer after 2,000 steps.</caption>
            <thead><tr><th>initializer</th><th class="num">train</th><th class="num">test</th></tr></thead>
            <tbody>
            <tr><td>He</td><td class="num">0.872</td><td class="num">0.846</td></tr>
            <tr><td>Xavier (std 1/√n)</td><td class="num">0.851</td><td class="num">0.832</td></tr>
            <tr><td>std 0.01</td><td class="num">0.101</td><td class="num">0.100</td></tr>
            </tbody></table>
            <div class="expectation passed"><span class="mark">✓</span> He trains faster than Xavier with ReLU             <span class="detail">(0.2481 &lt; 0.3907)</span></div>
            </div>
            </section>
            <h2 id="the-loss-curve">The loss curve</h2>
            <p>The block below runs with <code>hide</code>: its figure shows, its code waits \
            behind a click.</p>
            <section class="block" id="loss-curve">
            <details class="hidden-code"><summary>Code</summary>
            <pre class="code"><code class="language-swift">figure(&quot;Training loss&quot;, id: &quot;loss&quot;) {
                LinePlot(history.loss, label: &quot;He&quot;)
                LinePlot(xavier.loss, label: &quot;Xavier&quot;)
            }</code></pre></details>
            <div class="results">
            <figure class="figure" id="fig-loss">\(try figureSVG())<figcaption>Figure 1. Training loss \
            of a ReLU network, He against Xavier initialization (2,000 steps, batch 100).</figcaption></figure>
            </div>
            </section>
            <p>Take-away: with ReLU, start from He. A block in another language is shown as it is:</p>
            <pre class="code"><code class="language-text">epoch 1  loss 2.30
            epoch 2  loss 0.91</code></pre>
            """
        return ChapterPage(
            slug: "01-learning-from-data", title: "Learning from data",
            summary: "Gradient descent on a first network, and how to read a loss curve.",
            sections: [
                .init(level: 2, id: "a-first-network", title: "A first network"),
                .init(level: 3, id: "what-the-numbers-say", title: "What the numbers say"),
                .init(level: 2, id: "the-loss-curve", title: "The loss curve"),
            ],
            bodyHTML: body,
            searchText: HTMLText.plainText(body),
            hasFailures: false)
    }

    static func chapterTwo() -> ChapterPage {
        let body = """
            <h1 id="optimizers">Optimizers</h1>
            <p>Momentum keeps a velocity \(m("v")): \(m("v \\leftarrow \\alpha v - \\eta \\nabla L")), then \
            \(m("W \\leftarrow W + v")). Adam scales each step by running moments \(m("m")) and \(m("v")).</p>
            <h2 id="momentum-against-sgd">Momentum against SGD</h2>
            <section class="block failed" id="block-1">
            <pre class="code"><code class="language-swift">let sgd = minimize(f, from: start, with: .sgd(learningRate: 0.95), steps: 30)
            let momentum = minimize(f, from: start, with: .momentum(learningRate: 0.1), steps: 30)
            expect(&quot;momentum ends closer to the minimum&quot;, momentum.distance, isLessThan: sgd.distance)</code></pre>
            <div class="results">
            <pre class="output">sgd: 0.8312   momentum: 1.204</pre>
            <div class="expectation failed"><span class="mark">✗</span> momentum ends closer to the minimum             <span class="detail">(1.204 &lt; 0.8312)</span> <span class="location">chapters/05-optimizers.md:12: expectation failed</span></div>
            </div>
            </section>
            <h2 id="adam">Adam</h2>
            <section class="block failed" id="block-2">
            <pre class="code"><code class="language-swift">let adam = minimize(f, from: start, with: .adam(learningRate: 0.3), stepz: 30)</code></pre>
            <div class="results">
            <div class="block-error">chapters/05-optimizers.md:41:57: error: incorrect argument label in call (have &#39;stepz:&#39;, expected &#39;steps:&#39;)</div>
            </div>
            </section>
            <section class="block not-run-block" id="block-3">
            <pre class="code"><code class="language-swift">print(adam.distance)</code></pre>
            <div class="results">
            <div class="not-run">Not run: an earlier block of this chapter failed.</div>
            </div>
            </section>
            """
        return ChapterPage(
            slug: "02-optimizers", title: "Optimizers",
            summary: "SGD, Momentum, AdaGrad and Adam on a bowl-shaped function and on images.",
            sections: [
                .init(level: 2, id: "momentum-against-sgd", title: "Momentum against SGD"),
                .init(level: 2, id: "adam", title: "Adam"),
            ],
            bodyHTML: body,
            searchText: HTMLText.plainText(body),
            hasFailures: true)
    }

    static func chapterThree() -> ChapterPage {
        let body = """
            <h1 id="escaping">Escaping &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 한국어</h1>
            <p>신경망은 손실 함수의 기울기를 따라 가중치를 조금씩 바꾸며 학습합니다. \
            학습률 \(m("\\eta"))가 너무 크면 발산하고, 너무 작으면 느립니다.</p>
            <h2 id="한국어-절">한국어 절</h2>
            <p>배치 정규화는 각 층의 입력을 평균 0, 분산 1로 맞춥니다: \
            \(m("\\hat{x} = \\frac{x - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}}")).</p>
            <section class="block" id="block-1">
            <pre class="code"><code class="language-swift">print(&quot;&lt;b&gt;not bold&lt;/b&gt; &amp; 정확도: 0.91&quot;)</code></pre>
            <div class="results"><pre class="output">&lt;b&gt;not bold&lt;/b&gt; &amp; 정확도: 0.91</pre></div>
            </section>
            """
        return ChapterPage(
            slug: "03-escaping", title: hostileTitle,
            summary: "Titles with <b>markup</b> & Korean text (한국어) are shown as text.",
            sections: [.init(level: 2, id: "한국어-절", title: "한국어 절 <i>not italic</i>")],
            bodyHTML: body,
            searchText: HTMLText.plainText(body),
            hasFailures: false)
    }
}
