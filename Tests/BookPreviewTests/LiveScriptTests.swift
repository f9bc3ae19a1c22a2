import Foundation
import Testing

@testable import BookPreview

@Suite struct LiveScriptTests {
    @Test func tagsGoBeforeTheEndOfHead() {
        let page = "<!DOCTYPE html><html><head><script defer src=\"assets/book.js\"></script></head><body>x</body></html>"
        let served = String(decoding: LiveScript.inject(into: Data(page.utf8)), as: UTF8.self)
        #expect(
            served == "<!DOCTYPE html><html><head><script defer src=\"assets/book.js\"></script>"
                + LiveScript.tags + "</head><body>x</body></html>")
        #expect(served.components(separatedBy: "live.js").count == 2)
    }

    @Test func aPageWithoutHeadStillGetsThem() {
        let served = String(decoding: LiveScript.inject(into: Data("<p>x</p>".utf8)), as: UTF8.self)
        #expect(served == LiveScript.tags + "<p>x</p>")
    }

    @Test func theClientFilesAreThere() throws {
        let script = String(decoding: try #require(LiveScript.file(named: "live.js")), as: UTF8.self)
        #expect(script.contains("new EventSource(\"/.tutorial-serve/events\")"))
        // Text from the server reaches the page as text, never as HTML.
        #expect(!script.contains("innerHTML"))
        #expect(LiveScript.file(named: "live.css") != nil)
        #expect(LiveScript.file(named: "../Client/live.js") == nil)
        #expect(LiveScript.file(named: "nothing.js") == nil)
    }
}
