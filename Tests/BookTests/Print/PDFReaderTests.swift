import Foundation
import Testing

@testable import Book

/// The PDF reader on a PDF written here, byte by byte, with what Chromium's PDFs use
/// (a `/Dests` dictionary, escaped names) and what other producers do (a nested page
/// tree, a `/Names` tree, UTF-16 strings, an incremental update). The printer's tests
/// check it against poppler on Chromium's own PDFs.
@Suite struct PDFReaderTests {
    /// A PDF of the given objects (number, body), with a correct cross-reference table.
    static func pdf(_ objects: [(Int, String)], root: Int = 1, update: [(Int, String)] = []) -> Data {
        var text = "%PDF-1.4\n%\u{00E2}\u{00E3}\n"
        func section(_ objects: [(Int, String)], previous: Int?) -> Int {
            var offsets: [Int: Int] = [:]
            for (number, body) in objects {
                offsets[number] = text.utf8.count
                text += "\(number) 0 obj\n\(body)\nendobj\n"
            }
            let start = text.utf8.count
            text += "xref\n"
            for number in offsets.keys.sorted() {
                text += "\(number) 1\n" + String(format: "%010d 00000 n\r\n", offsets[number]!)
            }
            let size = (objects.map(\.0).max() ?? 0) + 1
            text += "trailer\n<</Size \(size) /Root \(root) 0 R" + (previous.map { " /Prev \($0)" } ?? "") + ">>\n"
            text += "startxref\n\(start)\n%%EOF\n"
            return start
        }
        let first = section(objects, previous: nil)
        if !update.isEmpty { _ = section(update, previous: first) }
        return Data(text.utf8)
    }

    @Test func readsPagesInOrderAndEveryNamedDestination() throws {
        let data = Self.pdf([
            (1, "<</Type /Catalog /Pages 2 0 R /Dests 6 0 R /Names <</Dests 7 0 R>>>>"),
            (2, "<</Type /Pages /Kids [3 0 R 4 0 R] /Count 3>>"),
            (3, "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89]>>"),
            (4, "<</Type /Pages /Parent 2 0 R /Kids [5 0 R 8 0 R] /Count 2>>"),
            (5, "<</Type /Page /Parent 4 0 R /Contents 10 0 R>>"),
            (6, "<</intro [3 0 R /XYZ 0 841.5 0]\n/03-x#2Fsec [5 0 R /Fit] % a comment\n/broken [99 0 R /Fit]>>"),
            (7, "<</Kids [9 0 R]>>"),
            (8, "<</Type /Page /Parent 4 0 R>>"),
            (9, #"<</Names [(from \(the\) tree\051) <</D [8 0 R /Fit]>> <FEFF00E9> [5 0 R /XYZ null null 0]]>>"#),
            (10, "<</Length 5>> stream\n(((((\nendstream"),
        ])
        let reader = try PDFReader(data)
        #expect(try reader.pages() == [3, 5, 8])
        #expect(try reader.destinations() == ["intro": 1, "03-x/sec": 2, "from (the) tree)": 3, "é": 2])
    }

    @Test func anIncrementalUpdateWins() throws {
        let data = Self.pdf(
            [
                (1, "<</Type /Catalog /Pages 2 0 R /Dests 4 0 R>>"),
                (2, "<</Type /Pages /Kids [3 0 R] /Count 1>>"),
                (3, "<</Type /Page>>"),
                (4, "<</old [3 0 R /Fit]>>"),
            ],
            update: [
                (2, "<</Type /Pages /Kids [5 0 R 3 0 R] /Count 2>>"),
                (4, "<</new [3 0 R /Fit]>>"),
                (5, "<</Type /Page>>"),
            ])
        let reader = try PDFReader(data)
        #expect(try reader.pages() == [5, 3])
        #expect(try reader.destinations() == ["new": 2])
    }

    @Test func refusesWhatItCannotRead() {
        #expect(throws: PDFReader.Unreadable.self) { try PDFReader(Data("not a pdf".utf8)) }
        #expect(throws: PDFReader.Unreadable.self) { try PDFReader(Data("%PDF-1.7\nno table here\n".utf8)) }
        // A cross-reference stream (PDF 1.5) is not a table: an error, not a guess.
        let stream = Data("%PDF-1.7\n1 0 obj\n<</Type /XRef /Size 2>> stream\nxx\nendstream\nendobj\nstartxref\n9\n%%EOF\n".utf8)
        #expect(throws: PDFReader.Unreadable.self) { try PDFReader(stream) }
        let looping = Self.pdf([
            (1, "<</Type /Catalog /Pages 2 0 R>>"),
            (2, "<</Type /Pages /Kids [3 0 R]>>"),
            (3, "<</Type /Pages /Kids [2 0 R]>>"),
        ])
        #expect(throws: PDFReader.Unreadable.self) { try PDFReader(looping).pages() }
    }
}
