import Foundation
import Testing

/// `tutorial build --pdf` and `tutorial pdf` end to end (headless Chromium prints).
@Suite struct PDFCommandTests {
    typealias CLI = CommandLineTests

    @Test func buildWritesThePDFAndPDFReusesIt() throws {
        let root = try CLI.book()
        defer { try? FileManager.default.removeItem(at: root) }
        let pdf = root.appendingPathComponent("output/book.pdf")

        let none = try CLI.run(["pdf"], in: root)
        #expect(none.status != 0)
        #expect(none.stderr.contains("there is no book at") && none.stderr.contains("run `tutorial build` first"), "\(none.stderr)")

        // The fixture has a failing claim: the build says so, and still writes pages and PDF.
        let build = try CLI.run(["build", "--pdf"], in: root)
        #expect(build.status != 0)
        #expect(build.stdout.contains("Wrote output/book.pdf: "), "\(build.stdout)\(build.stderr)")
        #expect(build.stdout.contains("printed in"))
        #expect(build.stderr.contains("printing the PDF"))
        #expect(FileManager.default.fileExists(atPath: pdf.path))
        let head = try FileHandle(forReadingFrom: pdf).read(upToCount: 5)
        #expect(head == Data("%PDF-".utf8))

        let again = try CLI.run(["pdf"], in: root)
        #expect(again.status == 0)
        #expect(again.stdout.contains("(unchanged, from the cache)"), "\(again.stdout)\(again.stderr)")
        let forced = try CLI.run(["pdf", "--force"], in: root)
        #expect(forced.status == 0)
        #expect(forced.stdout.contains("printed in"))
        // Only the book's own files: the PDF went in through a temporary file, renamed.
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("output").path)
        #expect(!names.contains { $0.contains(".tmp-") })
    }

    @Test func aMissingChromiumNamesItsPackageAndTheBookIsWrittenWithoutPDF() throws {
        let root = try CLI.book()
        defer { try? FileManager.default.removeItem(at: root) }
        let build = try CLI.run(["build", "--pdf"], in: root, environment: ["CHROMIUM": "/nonexistent/chromium"])
        #expect(build.status != 0)
        #expect(build.stderr.contains("error: cannot make the PDF: the browser /nonexistent/chromium was not found"), "\(build.stderr)")
        #expect(build.stderr.contains("apt-get install chromium"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("output/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("output/book.pdf").path))
    }

    @Test func ctrlCStopsChromiumAndWritesNoPDF() throws {
        let root = try CLI.book()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try CLI.run(["build"], in: root)
        let process = Process()
        process.executableURL = try CLI.tutorial()
        process.arguments = ["pdf"]
        process.currentDirectoryURL = root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()

        // Chromium's command lines name their profile, in the cache's work folder.
        let browser = root.path + "/.tutorial-cache/build/pdf-"
        func running(_ needle: String) -> [String] { InterruptTests.processes(matching: needle, programsOnly: false) }
        // Polled on this thread, not with Task.sleep: the printing lasts seconds, and the
        // other tests' blocking waits may hold every thread of the cooperative pool.
        var end = Date().addingTimeInterval(60)
        while running(browser).isEmpty && Date() < end { usleep(20_000) }
        #expect(!running(browser).isEmpty, "Chromium never started")
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + SIGINT)
        // Everything Chromium started goes (its crash handler a moment after the browser).
        end = Date().addingTimeInterval(10)
        while !running(browser).isEmpty && Date() < end { usleep(100_000) }
        #expect(running(browser).isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("output").path)
        #expect(!names.contains("book.pdf") && !names.contains { $0.contains(".tmp-") })
    }
}
