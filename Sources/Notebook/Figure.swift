/// Shows a figure under the block: an SVG document, with a caption. Figures are
/// numbered per chapter; `id` makes one linkable as `#fig-ID`.
public func figure(_ svg: String, caption: String? = nil, id: String? = nil) {
    Channel.shared.send(.figure(ResultFigure(svg: svg, caption: caption, id: id)))
}
