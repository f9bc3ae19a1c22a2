import Testing
@Suite struct BookPlaceholder { @Test func builds() { #expect(Bool(true)) } }
