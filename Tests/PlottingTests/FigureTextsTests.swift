import Testing

@testable import Plotting

/// The words a chart draws, which a book in another language translates in place.
@Suite struct ChartWordsTests {
    @Test func aLineChartsWordsWithoutItsNumbers() throws {
        var chart = LineChart(title: "Loss", xLabel: "update", yLabel: "loss", yScale: .log)
        chart.add(series: "SGD", y: [1.0, 0.5, 0.1, 0.01])
        chart.add(series: "Adam", y: [1.0, 0.2, 0.05, 0.001])
        chart.addHorizontalLine(at: 0.3, label: "chance")
        let drawn = try chart.svgAndTexts(id: "fig-x")
        #expect(drawn.svg == (try chart.svg(id: "fig-x")))
        #expect(Set(drawn.texts ?? []) == ["Loss", "update", "loss", "SGD", "Adam", "chance"])
        for word in drawn.texts ?? [] { #expect(drawn.svg.contains(">\(word)</text>")) }
    }

    @Test func aBarChartsCategoriesAreWords() throws {
        var bars = BarChart(title: "Accuracy", categories: ["SGD", "Momentum"], yLabel: "accuracy")
        bars.add(series: "test", values: [0.8, 0.85])
        let texts = try bars.svgAndTexts(id: nil).texts ?? []
        #expect(texts.contains("SGD") && texts.contains("Momentum") && texts.contains("Accuracy"))
        #expect(!texts.contains { $0.first?.isNumber == true })
    }

    @Test func aFigureOfAnotherModuleHasNoKnownWords() throws {
        struct Drawing: Figure {
            var title: String? = "x"
            var width = 10.0, height = 10.0
            var id: String? = nil
            func svg() throws -> String { "<svg/>" }
            func svg(id: String?) throws -> String { "<svg/>" }
        }
        #expect(try Drawing().svgAndTexts(id: nil).texts == nil)
    }
}
