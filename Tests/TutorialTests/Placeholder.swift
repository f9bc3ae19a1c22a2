import Testing
@Suite struct TutorialPlaceholder { @Test func builds() { #expect(Bool(true)) } }
