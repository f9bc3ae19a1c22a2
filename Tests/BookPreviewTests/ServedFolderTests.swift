import Foundation
import Testing

@testable import BookPreview

/// What the server may read: files inside the output folder, and nothing else.
@Suite struct ServedFolderTests {
    /// root/output/{index.html, page.html, assets/book.css, sub/index.html, inner → page.html,
    /// escape → root/secret.txt, out → root}, and root/secret.txt beside the output.
    static func makeFolder() throws -> (root: URL, folder: ServedFolder) {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("served-\(UUID().uuidString.prefix(8))")
        let output = root.appendingPathComponent("output")
        try fm.createDirectory(at: output.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try fm.createDirectory(at: output.appendingPathComponent("sub"), withIntermediateDirectories: true)
        for file in ["index.html", "page.html", "assets/book.css", "sub/index.html", ".hidden"] {
            try "x".write(to: output.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        try "secret".write(to: root.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: output.appendingPathComponent("inner").path, withDestinationPath: "page.html")
        try fm.createSymbolicLink(atPath: output.appendingPathComponent("escape").path, withDestinationPath: "../secret.txt")
        try fm.createSymbolicLink(atPath: output.appendingPathComponent("out").path, withDestinationPath: root.path)
        return (root, ServedFolder(root: output))
    }

    @Test func filesInsideAreServed() throws {
        let (root, folder) = try Self.makeFolder()
        let output = root.appendingPathComponent("output").resolvingSymlinksInPath().path
        func path(_ target: String) -> String? {
            if case .file(let url) = folder.resolve(percentEncodedPath: target) { return url.path }
            return nil
        }
        #expect(path("/") == output + "/index.html")
        #expect(path("/page.html") == output + "/page.html")
        #expect(path("/assets/book.css") == output + "/assets/book.css")
        #expect(path("/assets//book.css") == output + "/assets/book.css")
        #expect(path("/sub/") == output + "/sub/index.html")
        #expect(path("/sub") == output + "/sub/index.html")
        #expect(path("/p%61ge.html") == output + "/page.html")
        // A link that stays inside is followed.
        #expect(path("/inner") == output + "/page.html")
    }

    @Test func pathsOutsideAreRefused() throws {
        let (_, folder) = try Self.makeFolder()
        for target in [
            "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt",
            "/sub/../../secret.txt", "/sub/%2e%2e/%2e%2e/secret.txt", "/./page.html", "/%2e/page.html",
            "/..\\secret.txt", "/page.html%00", "/escape", "/out/secret.txt",
            "secret.txt", "", "/%zz",
        ] {
            #expect(folder.resolve(percentEncodedPath: target) == .refused, "\(target) was not refused")
        }
    }

    @Test func missingAndHiddenFilesAreNotFound() throws {
        let (_, folder) = try Self.makeFolder()
        for target in ["/nothing.html", "/assets/", "/.hidden", "/assets/.x", "/.tutorial-cache/results"] {
            #expect(folder.resolve(percentEncodedPath: target) == .missing, "\(target) was found")
        }
    }

    @Test func contentTypes() {
        let cases = [
            "a.html": "text/html; charset=utf-8", "a.svg": "image/svg+xml", "a.js": "text/javascript; charset=utf-8",
            "a.css": "text/css; charset=utf-8", "a.woff2": "font/woff2", "a.woff": "font/woff", "a.ttf": "font/ttf",
            "a.PNG": "image/png", "a.json": "application/json", "a.unknown": "application/octet-stream",
            "noextension": "application/octet-stream",
        ]
        for (name, type) in cases {
            #expect(ContentType.of(URL(fileURLWithPath: "/x/" + name)) == type, "\(name)")
        }
    }
}
