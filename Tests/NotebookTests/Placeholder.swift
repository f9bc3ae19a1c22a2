import Testing
@Suite struct NotebookPlaceholder { @Test func builds() { #expect(Bool(true)) } }
