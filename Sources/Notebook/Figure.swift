import NotebookProtocol

/// Shows a figure under the block: an SVG document, with a caption. Figures are
/// numbered per chapter; `id` makes one linkable as `#fig-ID`.
public func figure(_ svg: String, caption: String? = nil, id: String? = nil, line: Int = #line) {
    Channel.shared.send(.figure(ResultFigure(svg: svg, caption: caption, id: id, line: line)))
}

/// Shows a figure whose drawing may fail: a failure is marked on the page where the
/// figure would be (and fails `tutorial check`) instead of stopping the chapter.
public func figure(
    caption: String? = nil, id: String? = nil, line: Int = #line,
    _ draw: () throws -> String
) {
    do {
        try figure(draw(), caption: caption, id: id, line: line)
    } catch {
        Channel.shared.send(
            .figure(
                ResultFigure(
                    svg: "", caption: caption, id: id,
                    error: "\(error)", line: line)))
    }
}

/// Shows a chart from the plotting module under the block:
///
///     var chart = LineChart(title: "Loss", xLabel: "update", yLabel: "loss")
///     chart.add(series: "SGD", y: sgdLosses)
///     figure(chart, caption: "Loss per update", id: "loss")
///
/// A chart that cannot be drawn (`PlotError`) is marked on the page where it would be
/// and fails `tutorial check`; the chapter goes on.
///
/// The chart's words (title, axis labels, legend) travel beside its SVG, so that an
/// edition of the book in another language translates them in place.
public func figure(_ chart: some Figure, caption: String? = nil, id: String? = nil, line: Int = #line) {
    do {
        let drawn = try chart.svgAndTexts(id: id.map { "fig-\($0)" })
        Channel.shared.send(.figure(ResultFigure(svg: drawn.svg, caption: caption, id: id, line: line, texts: drawn.texts)))
    } catch {
        Channel.shared.send(.figure(ResultFigure(svg: "", caption: caption, id: id, error: "\(error)", line: line)))
    }
}
