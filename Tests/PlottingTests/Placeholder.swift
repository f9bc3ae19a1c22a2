import Testing
@Suite struct PlottingPlaceholder { @Test func builds() { #expect(Bool(true)) } }
