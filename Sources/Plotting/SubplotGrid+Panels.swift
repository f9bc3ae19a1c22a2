extension SubplotGrid {
    /// A grid of the given panels, row by row, `columns` wide and as many rows as the
    /// panels need (the last row may be short).
    ///
    /// ```swift
    /// let grid = SubplotGrid(columns: 2, panels: [withoutDecay, withDecay], sharedY: true)
    /// ```
    public init(
        title: String? = nil, columns: Int, panels: [any Figure], sharedX: Bool = false,
        sharedY: Bool = false, sharedLegend: Bool = true, xLabel: String? = nil, yLabel: String? = nil,
        panelWidth: Double = 220, panelHeight: Double = 180, id: String? = nil
    ) {
        precondition(columns > 0, "SubplotGrid: columns must be positive, got \(columns)")
        self.init(
            title: title, rows: Swift.max(1, (panels.count + columns - 1) / columns), columns: columns,
            sharedX: sharedX, sharedY: sharedY, sharedLegend: sharedLegend, xLabel: xLabel, yLabel: yLabel,
            panelWidth: panelWidth, panelHeight: panelHeight, id: id)
        for panel in panels { add(panel) }
    }
}
