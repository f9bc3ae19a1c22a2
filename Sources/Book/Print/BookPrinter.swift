import Foundation

/// Prints the print book (`print.html` of a written book) to PDF with headless Chromium.
///
/// 1. Loads the page from `file://` and waits for `book.js` (math by KaTeX, code
///    highlighted), the fonts and the images; a formula that was not rendered or a
///    figure that cannot be drawn is an error naming its chapter.
/// 2. Prints once, reads from that PDF the page of every entry of the contents (Chromium
///    makes a named destination of every element a link leads to), writes the numbers
///    into the page, and prints again, now tagged and with an outline of the headings
///    (the bookmarks). The numbers go into space reserved for them, so no page moves;
///    the second PDF is read too, and should a page have moved it is printed again.
/// 3. If Chromium cannot print the page, prints each chapter alone to name the one at
///    fault.
///
/// Blocking: call it off Swift's cooperative pool.
struct BookPrinter {
    var chromium: String
    /// Where Chromium's profile and log go (removed afterwards).
    var workDirectory: URL
    /// For the whole printing, Chromium's start to its end.
    var timeout: TimeInterval = 600
    /// How a chapter is named in messages, from its slug (`chapters/03-x.md`).
    var chapterName: @Sendable (String) -> String = { $0 }

    struct Printed {
        var pdf: Data
        var pages: Int
        /// How many times the book was printed (2 unless pages moved).
        var printings: Int
    }

    /// How long the page may take to render before printing.
    static let renderLimit: TimeInterval = 120
    static let maximumPrintings = 4

    func print(_ page: URL) throws -> Printed {
        let work = workDirectory.appendingPathComponent("pdf-\(UUID().uuidString.prefix(8).lowercased())")
        defer { try? FileManager.default.removeItem(at: work) }
        let browser = try Chromium(executable: chromium, folder: work, timeout: timeout)
        defer { browser.close() }
        let tab = try Tab(browser: browser)
        try tab.load(page)
        try check(problems: try tab.evaluate(Self.renderedScript, awaitPromise: true), in: page)

        let targets = try tab.evaluate(Self.targetsScript) as? [String] ?? []
        var numbers = try pageNumbers(of: try printing(tab, tagged: false), for: targets)
        var printings = 1
        while true {
            try tab.fill(numbers)
            let pdf = try printing(tab, tagged: true)
            printings += 1
            let printed = try pageNumbers(of: pdf, for: targets)
            if printed == numbers || printings >= Self.maximumPrintings {
                return Printed(pdf: pdf, pages: try PDFReader(pdf).pages().count, printings: printings)
            }
            numbers = printed
        }
    }

    /// One printing; when Chromium refuses, finds the chapter it cannot print.
    private func printing(_ tab: Tab, tagged: Bool) throws -> Data {
        do {
            return try tab.printToPDF(tagged: tagged)
        } catch let refusal as Chromium.Refusal {
            let slugs = try tab.evaluate(Self.chaptersScript) as? [String] ?? []
            for slug in slugs {
                try tab.evaluate(Self.showOnly(slug))
                defer { _ = try? tab.evaluate(Self.showOnly(nil)) }
                do { _ = try tab.printToPDF(tagged: false) } catch let alone as Chromium.Refusal {
                    throw BookError.printing("\(chapterName(slug)): Chromium cannot print this chapter (\(alone.message))")
                }
            }
            throw BookError.printing("Chromium cannot print the book (\(refusal.message))")
        }
    }

    /// The page of each of `targets` (ids) in `pdf`. Chromium names a destination after
    /// the URL fragment that leads to it, percent-encoded (`03-x%2Fadam`, and often
    /// `03-x/adam` too): the names are decoded to find the ids.
    private func pageNumbers(of pdf: Data, for targets: [String]) throws -> [String: Int] {
        let destinations: [String: Int]
        do { destinations = try PDFReader(pdf).destinations() } catch {
            throw BookError.printing("cannot read the page numbers from Chromium's PDF: \(error)")
        }
        let wanted = Set(targets)
        var pages: [String: Int] = [:]
        for (name, page) in destinations {
            let id = name.removingPercentEncoding ?? name
            if wanted.contains(id) { pages[id] = min(pages[id] ?? page, page) }
        }
        return pages
    }

    /// `problems`, from `renderedScript`: pairs of a chapter's slug (empty for the front
    /// of the book) and what went wrong.
    private func check(problems: Any?, in page: URL) throws {
        guard let problems = problems as? [[String]], !problems.isEmpty else { return }
        let lines = problems.map { pair -> String in
            let slug = pair.first ?? ""
            let what = pair.count > 1 ? pair[1] : "a problem"
            return "\(slug.isEmpty ? page.lastPathComponent : chapterName(slug)): \(what)"
        }
        throw BookError.printing("the print page did not render:\n  " + lines.joined(separator: "\n  "))
    }

    // MARK: - Scripts run in the page

    /// Resolves, once book.js has run and fonts and images are in, to the list of what
    /// did not render: `[slug, problem]` pairs.
    static let renderedScript = """
        new Promise(function (resolve) {
          var start = Date.now();
          (function wait() {
            if (document.documentElement.getAttribute("data-book-ready") === "true") resolve(true);
            else if (Date.now() - start > \(Int(renderLimit * 1000))) resolve(false);
            else setTimeout(wait, 50);
          })();
        }).then(function (ready) {
          return document.fonts.ready.then(function () {
            return Promise.all(Array.from(document.images, function (image) {
              return image.decode().catch(function () { return null; });
            }));
          }).then(function () {
            function chapterOf(element) {
              var article = element.closest("[data-chapter]");
              return article ? article.getAttribute("data-chapter") : "";
            }
            var problems = [];
            if (!ready) problems.push(["", "the page's scripts did not finish within \(Int(renderLimit)) s (is assets/book.js there?)"]);
            document.querySelectorAll(".math-inline, .math-display").forEach(function (math) {
              if (!math.querySelector(".katex, .katex-error") && !math.classList.contains("math-error"))
                problems.push([chapterOf(math), "a formula was not rendered by KaTeX: " + math.textContent.trim().slice(0, 60)]);
            });
            document.querySelectorAll("img").forEach(function (image) {
              if (image.naturalWidth > 0) return;
              // A figure's image has its caption as its text.
              problems.push([chapterOf(image), image.classList.contains("figure-image")
                ? image.getAttribute("alt") + " cannot be drawn in print (its SVG is not a well-formed SVG document)"
                : "the picture " + (image.getAttribute("src") || "").slice(0, 80) + " did not load"]);
            });
            return problems;
          });
        })
        """

    /// The ids the contents wants page numbers for.
    static let targetsScript = """
        Array.from(document.querySelectorAll("[data-page-of]"), function (e) { return e.getAttribute("data-page-of"); })
        """

    /// The slugs of the chapters on the page.
    static let chaptersScript = """
        Array.from(document.querySelectorAll("article[data-chapter]"), function (e) { return e.getAttribute("data-chapter"); })
        """

    /// Hides everything in the book but one chapter (nil shows everything again).
    static func showOnly(_ slug: String?) -> String {
        let wanted = slug.flatMap { try? JSONSerialization.data(withJSONObject: [$0]) }.map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        return """
            (function (wanted) {
              var main = document.querySelector("main") || document.body;
              Array.from(main.children).forEach(function (element) {
                element.style.display = wanted.length === 0 || element.getAttribute("data-chapter") === wanted[0] ? "" : "none";
              });
            })(\(wanted))
            """
    }
}

extension BookPrinter {
    /// The page Chromium shows: a target with its session.
    struct Tab {
        let browser: Chromium
        let session: String

        init(browser: Chromium) throws {
            self.browser = browser
            let target = try browser.send("Target.createTarget", ["url": "about:blank"])["targetId"] as? String ?? ""
            let attached = try browser.send("Target.attachToTarget", ["targetId": target, "flatten": true])
            guard let session = attached["sessionId"] as? String else {
                throw BookError.printing("Chromium gave no session for its page")
            }
            self.session = session
            try browser.send("Page.enable", session: session)
            // Print media, light colours, whatever the machine prefers.
            try browser.send(
                "Emulation.setEmulatedMedia",
                [
                    "media": "print", "features": [["name": "prefers-color-scheme", "value": "light"]],
                ], session: session)
        }

        func load(_ page: URL) throws {
            let since = browser.eventCount
            let navigated = try browser.send("Page.navigate", ["url": page.absoluteURL.absoluteString], session: session)
            if let error = navigated["errorText"] as? String {
                throw BookError.printing("Chromium cannot open \(page.path): \(error)")
            }
            _ = try browser.waitForEvent("Page.loadEventFired", session: session, since: since)
        }

        /// The value of a JavaScript expression (awaited if it is a promise).
        @discardableResult
        func evaluate(_ expression: String, awaitPromise: Bool = false) throws -> Any? {
            let result = try browser.send(
                "Runtime.evaluate",
                [
                    "expression": expression, "returnByValue": true, "awaitPromise": awaitPromise,
                ], session: session)
            if let exception = result["exceptionDetails"] as? [String: Any] {
                let text =
                    (exception["exception"] as? [String: Any])?["description"] as? String
                    ?? exception["text"] as? String ?? "an exception"
                throw BookError.printing("a script in the print page failed: \(text)")
            }
            return (result["result"] as? [String: Any])?["value"]
        }

        /// Writes the page numbers into the contents (`data-page-of` elements).
        func fill(_ numbers: [String: Int]) throws {
            let json = try JSONSerialization.data(withJSONObject: numbers, options: [.sortedKeys])
            try evaluate(
                """
                (function (pages) {
                  document.querySelectorAll("[data-page-of]").forEach(function (element) {
                    var page = pages[element.getAttribute("data-page-of")];
                    element.textContent = page ? String(page) : "";
                  });
                })(\(String(decoding: json, as: UTF8.self)))
                """)
        }

        /// Paper size and margins come from the page's CSS (`@page`), as do the running
        /// heads and page numbers (its margin boxes), so Chromium's own header and footer
        /// stay off.
        func printToPDF(tagged: Bool) throws -> Data {
            let result = try browser.send(
                "Page.printToPDF",
                [
                    "printBackground": true, "preferCSSPageSize": true, "displayHeaderFooter": false,
                    "generateTaggedPDF": tagged, "generateDocumentOutline": tagged, "transferMode": "ReturnAsBase64",
                ], session: session)
            guard let base64 = result["data"] as? String, let data = Data(base64Encoded: base64) else {
                throw BookError.printing("Chromium returned no PDF")
            }
            return data
        }
    }
}
