import Foundation

@testable import Book

/// A small book made the way the pipeline makes one — Markdown chapters and their results
/// through the page renderer — but with results written here instead of run: headings,
/// inline and display math, printed output, a table, a figure, a hidden block, passing
/// and failing expectations, a compile error, a block that did not run, Korean text, and
/// a title with `<script>` in it.
enum SampleBook {
    static let hostileTitle = "Escaping <script>alert(\"x\")</script> & 한국어"

    static func figureSVG() throws -> String {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/site/loss.svg")
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func chapter(_ slug: String, _ markdown: String) -> Chapter {
        Chapter.parse(markdown, url: URL(fileURLWithPath: "/book/chapters/\(slug).md"), path: "chapters/\(slug).md")
    }

    static func source() -> BookSource {
        BookSource(
            title: "Training Neural Networks, Executably",
            landing: chapter("index", landing),
            chapters: [
                chapter("01-learning-from-data", one), chapter("02-optimizers", two),
                chapter("03-escaping", three),
            ])
    }

    static func results() throws -> [ChapterResult] {
        [try resultOne(), resultTwo, resultThree]
    }

    static func site() throws -> BookSite { BookSite(source(), results: try results()) }

    static let landing = #"""
        A book whose experiments run every time it is built. Each chapter asks a question
        about training neural networks, answers it with an experiment on Fashion-MNIST, and
        checks its own claims: the loss $L(\theta)$ must go down when the text says it does.

        Read the chapters in order, or jump to the one you need.
        """#

    static let one = #"""
        # Learning from data

        Gradient descent on a first network, and how to read a loss curve. A network learns by
        nudging its weights against the gradient of a loss. With learning rate $\eta$, one step of
        gradient descent is

        $$W_{t+1} = W_t - \eta \, \frac{\partial L}{\partial W_t}$$

        and the loss we minimise is the cross-entropy $L = -\sum_k t_k \log y_k$ over the classes
        $k$. See [Figure 1](#fig-loss) for how fast it falls, and [Table 1](#tab-accuracy) for the
        accuracy reached.

        ## A first network

        We build a two-layer perceptron and train it for a few hundred steps.

        ```swift run
        let data = try FashionMNIST.load(limit: 1_000)
        var network = MLP(sizes: [784, 100, 10], activation: .relu, initializer: .he)
        let history = Trainer(optimizer: .sgd(learningRate: 0.1))
            .train(&network, on: data.train, iterations: 2_000, seed: 42)
        print("final loss:", history.loss.last!)   // <- printed below
        ```

        ### What the numbers say

        The accuracy is a little below MNIST's, as expected for clothes.

        ```swift run id=accuracy
        table(["initializer", "train", "test"], results.map { [$0.name, $0.train, $0.test] },
              caption: "Accuracy by initializer after 2,000 steps.", id: "accuracy")
        expect("He trains faster than Xavier with ReLU", he.loss, lessThan: xavier.loss)
        ```

        ## The loss curve

        The block below runs with `hide`: its figure shows, its code waits behind a click.

        ```swift run hide id=loss-curve
        var chart = LineChart(title: "Training loss", xLabel: "iteration", yLabel: "loss")
        figure(chart, caption: "Training loss", id: "loss")
        ```

        Take-away: with ReLU, start from He. A block in another language is shown as it is:

        ```text
        epoch 1  loss 2.30
        epoch 2  loss 0.91
        ```
        """#

    static func resultOne() throws -> ChapterResult {
        let table = ResultTable(
            columns: ["initializer", "train", "test"],
            rows: [
                ["He", "0.872", "0.846"], ["Xavier (std 1/√n)", "0.851", "0.832"],
                ["std 0.01", "0.101", "0.100"],
            ],
            numeric: [false, true, true], caption: "Accuracy by initializer after 2,000 steps.",
            id: "accuracy")
        let claim = ExpectationOutcome(
            claim: "He trains faster than Xavier with ReLU", passed: true,
            detail: "0.2481 < 0.3907", file: "01-learning-from-data.md", line: 0)
        let figure = ResultFigure(
            svg: try figureSVG(), caption: "Training loss of a ReLU network, He against Xavier initialization (2,000 steps, batch 100).", id: "loss")
        return ChapterResult(blocks: [
            BlockResult(
                status: .ran,
                items: [
                    .text("final loss: 0.2481\naccuracy on the test set: 84.6 %"),
                    .note("Printed output was cut after 64 KB."),
                ]),
            BlockResult(status: .ran, items: [.table(table), .expectation(claim, location: CodeLocation(block: 1, line: 3, column: 1))]),
            BlockResult(status: .ran, items: [.figure(figure, location: CodeLocation(block: 2, line: 2, column: 1))]),
        ])
    }

    static let two = #"""
        # Optimizers

        SGD, Momentum, AdaGrad and Adam on a bowl-shaped function and on images. Momentum keeps a
        velocity $v$: $v \leftarrow \alpha v - \eta \nabla L$, then $W \leftarrow W + v$. Adam scales
        each step by running moments $m$ and $v$.

        ## Momentum against SGD

        ```swift run
        let sgd = minimize(f, from: start, with: .sgd(learningRate: 0.95), steps: 30)
        let momentum = minimize(f, from: start, with: .momentum(learningRate: 0.1), steps: 30)
        expect("momentum ends closer to the minimum", momentum.distance, lessThan: sgd.distance)
        ```

        ## Adam

        ```swift run
        let adam = minimize(f, from: start, with: .adam(learningRate: 0.3), stepz: 30)
        ```

        ```swift run
        print(adam.distance)
        ```
        """#

    static let resultTwo = ChapterResult(blocks: [
        BlockResult(
            status: .ran,
            items: [
                .text("sgd: 0.8312   momentum: 1.204\n"),
                .expectation(
                    ExpectationOutcome(
                        claim: "momentum ends closer to the minimum", passed: false,
                        detail: "1.204 < 0.8312", file: "02-optimizers.md", line: 0),
                    location: CodeLocation(block: 0, line: 3, column: 1)),
            ]),
        BlockResult(
            status: .failed,
            failures: [
                RunFailure(
                    kind: .compile, message: "error: incorrect argument label in call (have 'stepz:', expected 'steps:')",
                    location: CodeLocation(block: 1, line: 1, column: 57))
            ]),
        BlockResult(status: .notRun, notRunReason: "did not run: the chapter did not compile"),
    ])

    static let three = #"""
        # Escaping <script>alert("x")</script> & 한국어

        Titles with <b>markup</b> & Korean text (한국어) are shown as text. 신경망은 손실 함수의
        기울기를 따라 가중치를 조금씩 바꾸며 학습합니다. 학습률 $\eta$가 너무 크면 발산하고, 너무
        작으면 느립니다. <i>not italic</i>

        ## 한국어 절

        배치 정규화는 각 층의 입력을 평균 0, 분산 1로 맞춥니다:
        $\hat{x} = \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}}$.

        ```swift run
        print("<b>not bold</b> & 정확도: 0.91")
        ```
        """#

    static let resultThree = ChapterResult(blocks: [
        BlockResult(status: .ran, items: [.text("<b>not bold</b> & 정확도: 0.91\n")])
    ])
}
