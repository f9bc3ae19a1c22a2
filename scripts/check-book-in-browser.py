#!/usr/bin/env python3
"""Checks the HTML book in a real browser: headless Chromium (Debian's `chromium`).

For every page, from file:// (and the landing and search pages again from a local
static server), it checks that
  - the page loads with no console error, no uncaught exception and no failed request,
    and fetches nothing from the network;
  - every math element was rendered by KaTeX, none is a KaTeX parse error, and no raw
    `$$` (or `$\\tex$`) is left in the text;
  - Swift code was highlighted;
  - every internal link and #fragment resolves (checked on the files);
  - search finds a known word, both on search.html?q=WORD and in the header's box;
  - in a book with editions (output/ko/ …), every edition's pages pass the same checks;
    Korean pages render Hangul in a font that has it (no fallback boxes), Korean search
    finds a word written with a particle attached, and the language switch leads to the
    same section of the other edition's page;
and writes screenshots (desktop, phone, phone with the menu open, dark mode, print) to a
folder, to be looked at.

Uses only Python's standard library: Chromium is driven over the DevTools protocol on a
pipe (--remote-debugging-pipe), so no WebSocket library is needed.

    scripts/check-book-in-browser.py [OUTPUT_DIR] [--screenshots DIR] [--search-word WORD]

Exit status 0 when every check passed, 1 otherwise, 2 when Chromium cannot be run.
"""

import argparse
import functools
import html.parser
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

DESKTOP = {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
PAGE_TIMEOUT = 20.0
MAX_SCREENSHOT_HEIGHT = 7000


# ---------------------------------------------------------------------------
# Chromium over the DevTools protocol


class BrowserError(Exception):
    pass


class Browser:
    """Chromium with its DevTools protocol on fds 3 (commands in) and 4 (replies out)."""

    def __init__(self, executable, log_path):
        self.profile = tempfile.mkdtemp(prefix="book-check-chromium-")
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()
        # Keep the ends the child needs away from 3 and 4 so dup2 below cannot clobber them.
        child_in = os.dup(to_browser_read) if to_browser_read < 5 else to_browser_read
        child_out = os.dup(from_browser_write) if from_browser_write < 5 else from_browser_write

        def connect_pipes():
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self.log = open(log_path, "wb")
        args = [
            executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--mute-audio",
            "--hide-scrollbars", "--force-color-profile=srgb", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--remote-debugging-pipe", f"--user-data-dir={self.profile}", "about:blank",
        ]
        self.process = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
            preexec_fn=connect_pipes, close_fds=False)
        for fd in {to_browser_read, from_browser_write, child_in, child_out}:
            os.close(fd)
        self.next_id = 0
        self.replies = {}
        self.events = []
        self.condition = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        buffer = b""
        while True:
            try:
                chunk = os.read(self.from_browser, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self.condition:
                    self.closed = True
                    self.condition.notify_all()
                return
            buffer += chunk
            while b"\0" in buffer:
                message, buffer = buffer.split(b"\0", 1)
                data = json.loads(message)
                with self.condition:
                    if "id" in data:
                        self.replies[data["id"]] = data
                    else:
                        self.events.append(data)
                    self.condition.notify_all()

    closed = False

    def send(self, method, params=None, session=None, timeout=PAGE_TIMEOUT):
        with self.condition:
            self.next_id += 1
            message_id = self.next_id
        message = {"id": message_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        with self.condition:
            while message_id not in self.replies:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.closed:
                    raise BrowserError(f"no reply to {method} (Chromium {'exited' if self.closed else 'timed out'})")
                self.condition.wait(remaining)
            reply = self.replies.pop(message_id)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def wait_for_event(self, method, session, since, timeout=PAGE_TIMEOUT):
        deadline = time.monotonic() + timeout
        with self.condition:
            while True:
                for event in self.events[since:]:
                    if event.get("method") == method and event.get("sessionId") == session:
                        return event
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.closed:
                    raise BrowserError(f"{method} did not arrive")
                self.condition.wait(remaining)

    def event_count(self):
        with self.condition:
            return len(self.events)

    def events_since(self, since, session):
        with self.condition:
            return [e for e in self.events[since:] if e.get("sessionId") == session]

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.to_browser)
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)


class Tab:
    """One page target, with the console and network watched."""

    def __init__(self, browser):
        self.browser = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.since = browser.event_count()

    def send(self, method, params=None, timeout=PAGE_TIMEOUT):
        return self.browser.send(method, params, session=self.session, timeout=timeout)

    def emulate(self, metrics, dark=False, print_media=False):
        self.send("Emulation.setDeviceMetricsOverride", metrics)
        self.send("Emulation.setTouchEmulationEnabled", {"enabled": metrics["mobile"]})
        self.send("Emulation.setEmulatedMedia", {
            "media": "print" if print_media else "",
            "features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}],
        })

    def load(self, url, ready="document.documentElement.getAttribute('data-book-ready') === 'true'"):
        self.since = self.browser.event_count()
        self.send("Page.navigate", {"url": url})
        self.browser.wait_for_event("Page.loadEventFired", self.session, self.since)
        self.wait_until(ready, what=f"{url} to be ready")
        # Let fonts finish loading so screenshots show the real faces.
        self.evaluate("document.fonts.ready.then(() => true)", await_promise=True)

    def wait_until(self, expression, what, timeout=PAGE_TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(f"Boolean({expression})"):
                return
            time.sleep(0.05)
        raise BrowserError(f"timed out waiting for {what}")

    def evaluate(self, expression, await_promise=False):
        result = self.send("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": await_promise})
        if "exceptionDetails" in result:
            raise BrowserError(f"evaluating {expression[:60]}…: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def problems(self, allowed_origins):
        """Console errors, exceptions, failed loads and outside requests since the last load."""
        found = []
        for event in self.browser.events_since(self.since, self.session):
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert", "warning"):
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
                found.append(f"console.{params['type']}: {text}")
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                text = details.get("exception", {}).get("description") or details.get("text")
                found.append(f"uncaught exception: {text}")
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in ("error", "warning"):
                entry = params["entry"]
                found.append(f"{entry['level']}: {entry.get('text')} {entry.get('url', '')}".strip())
            elif method == "Network.loadingFailed" and not params.get("canceled"):
                found.append(f"failed to load: {params.get('errorText')} (request {params.get('requestId')})")
            elif method == "Network.requestWillBeSent":
                url = params.get("request", {}).get("url", "")
                if not url.startswith(allowed_origins):
                    found.append(f"fetched from outside the book: {url}")
        return found

    def screenshot(self, path, full_page):
        params = {"format": "png"}
        if full_page:
            metrics = self.send("Page.getLayoutMetrics")
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            params["captureBeyondViewport"] = True
            params["clip"] = {"x": 0, "y": 0, "width": size["width"],
                              "height": min(size["height"], MAX_SCREENSHOT_HEIGHT), "scale": 1}
        data = self.send("Page.captureScreenshot", params, timeout=60)["data"]
        import base64
        Path(path).write_bytes(base64.b64decode(data))

    def close(self):
        try:
            self.browser.send("Target.closeTarget", {"targetId": self.send("Target.getTargetInfo")["targetInfo"]["targetId"]})
        except BrowserError:
            pass


# ---------------------------------------------------------------------------
# What is checked on a page

PAGE_FACTS = r"""
(() => {
  const math = [...document.querySelectorAll('.math-inline, .math-display')];
  const skip = 'pre, code, script, style, .katex, .math, .katex-error, textarea';
  const root = document.querySelector('.content') || document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: n => n.parentElement && n.parentElement.closest(skip)
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
  const rawTeX = [];
  while (walker.nextNode()) {
    const text = walker.currentNode.nodeValue;
    if (text.includes('$$') || /\$[^$\n]*\\[A-Za-z]+[^$\n]*\$/.test(text)) rawTeX.push(text.trim().slice(0, 80));
  }
  const swift = [...document.querySelectorAll('pre code.language-swift')];
  return {
    title: document.title,
    math: math.length,
    unrendered: math.filter(e => !e.querySelector('.katex, .katex-error')).map(e => e.textContent.slice(0, 60)),
    mathErrors: [...document.querySelectorAll('.katex-error')].map(e => (e.title || e.textContent).slice(0, 120)),
    rawTeX,
    swiftBlocks: swift.length,
    unhighlighted: swift.filter(e => !e.classList.contains('hljs')).length,
    highlightedTokens: document.querySelectorAll('pre code .hljs-keyword').length,
    brokenImages: [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src),
    katexFont: math.length === 0 || document.fonts.check('16px KaTeX_Main'),
    horizontalOverflow: document.documentElement.scrollWidth > window.innerWidth + 1,
  };
})()
"""


def check_page_facts(facts, name):
    problems = []
    if facts["unrendered"]:
        problems.append(f"{len(facts['unrendered'])} math element(s) not rendered by KaTeX: {facts['unrendered'][:3]}")
    if facts["mathErrors"]:
        problems.append(f"KaTeX could not parse {len(facts['mathErrors'])} formula(s): {facts['mathErrors'][:3]}")
    if facts["rawTeX"]:
        problems.append(f"raw TeX left in the text: {facts['rawTeX'][:3]}")
    if facts["unhighlighted"]:
        problems.append(f"{facts['unhighlighted']} Swift block(s) not highlighted")
    if facts["brokenImages"]:
        problems.append(f"images that did not load: {facts['brokenImages'][:3]}")
    if not facts["katexFont"]:
        problems.append("KaTeX's fonts did not load")
    return problems


# ---------------------------------------------------------------------------
# Links, checked on the files


class LinkCollector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if name in ("href", "src") and value is not None:
                self.links.append(value)


def parse_pages(root, pages):
    """Each page's ids and links, by its path relative to the book."""
    parsed = {}
    for page in pages:
        collector = LinkCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        parsed[page.relative_to(root).as_posix()] = collector
    return parsed


def check_links(root, pages):
    parsed = parse_pages(root, pages)
    problems = []
    for name, collector in sorted(parsed.items()):
        folder = (root / name).parent
        for link in collector.links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("//"):
                if parts.scheme not in ("mailto", "data"):
                    problems.append(f"{name}: link out of the book: {link}")
                continue
            target = (folder / urllib.parse.unquote(parts.path)).resolve() if parts.path else (root / name).resolve()
            if not target.exists():
                problems.append(f"{name}: broken link {link}")
                continue
            fragment = urllib.parse.unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                key = target.relative_to(root.resolve()).as_posix() if target.is_relative_to(root.resolve()) else None
                ids = parsed[key].ids if key in parsed else set()
                if fragment not in ids:
                    problems.append(f"{name}: {link}: no id \"{fragment}\" in {key}")
    return problems


# ---------------------------------------------------------------------------


def find_search_word(root, index="search-index.js"):
    """The longest word of the first chapter's title, from the search documents."""
    text = (root / "assets" / index).read_text(encoding="utf-8")
    start = text.index("[")
    docs = json.loads(text[start:text.rindex("]") + 1])
    for doc in docs:
        if doc["url"].split("#")[0] != "index.html":
            words = sorted(re.findall(r"[A-Za-z]{4,}", doc["title"]), key=len, reverse=True)
            if words:
                return words[0].lower()
    raise SystemExit("no chapter in the search index to take a search word from; use --search-word")


def korean_search_word(root, index):
    """A Korean word of a page or section title, with a particle attached that the text
    never attaches to it: search must find the word all the same. None without Korean."""
    text = (root / "assets" / index).read_text(encoding="utf-8")
    docs = json.loads(text[text.index("["):text.rindex("]") + 1])
    everything = " ".join(doc["title"] + " " + (doc["section"] or "") + " " + doc["text"] for doc in docs)
    used = set(re.findall(r"[\uac00-\ud7a3]+", everything))
    titles = [w for doc in docs for w in re.findall(r"[\uac00-\ud7a3]{2,}", doc["title"] + " " + (doc["section"] or ""))]
    for word in sorted(set(titles), key=lambda w: (-everything.count(w), w)):
        final = (ord(word[-1]) - 0xAC00) % 28
        for particle in (["이", "을", "은", "과"] if final else ["가", "를", "는", "와"]):
            if word + particle not in used:
                return word + particle
    return None


def editions_of(root):
    """The book's editions in other languages: folders beside the pages with an index.html."""
    return sorted(p.name for p in root.iterdir() if p.is_dir() and p.name != "assets" and (p / "index.html").exists())


HANGUL_FACTS = r"""
(() => {
  // Elements whose own text has Hangul, one of each kind.
  const kinds = ['h1', 'h2', 'p', 'li', 'figcaption', 'caption', 'th', 'td', '.toc-title', '.chapter-label', 'svg text', '.pager-label'];
  const found = [];
  for (const kind of kinds) {
    const el = [...document.querySelectorAll(kind)].find(e => /[\uac00-\ud7a3]/.test(e.textContent));
    if (el) found.push([kind, el]);
  }
  // Two different syllables drawn in each element's font: fallback boxes look alike.
  const canvas = document.createElement('canvas');
  canvas.width = 64; canvas.height = 32;
  const ctx = canvas.getContext('2d');
  function draw(ch, font) {
    ctx.clearRect(0, 0, 64, 32);
    ctx.font = font; ctx.fillStyle = '#000'; ctx.textBaseline = 'top';
    ctx.fillText(ch, 2, 2);
    return ctx.getImageData(0, 0, 64, 32).data.join(',');
  }
  const boxes = [];
  for (const [kind, el] of found) {
    const style = getComputedStyle(el);
    const font = `${style.fontWeight} 24px ${style.fontFamily}`;
    const a = draw('학', font), b = draw('률', font), c = draw('손', font);
    if (a === b || b === c || a === c) boxes.push(kind);
  }
  return {kinds: found.map(([kind]) => kind), boxes, lang: document.documentElement.lang};
})()
"""

def serve(root):
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", nargs="?", default="output", help="the built book (default: output)")
    parser.add_argument("--screenshots", default="screenshots", help="folder for screenshots (default: screenshots)")
    parser.add_argument("--search-word", help="a word search must find (default: from the first chapter's title)")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "chromium"), help="the browser to run")
    args = parser.parse_args()

    root = Path(args.output).resolve()
    if not (root / "index.html").exists():
        print(f"{root}/index.html not found: build the book first (tutorial build)", file=sys.stderr)
        return 2
    executable = shutil.which(args.chromium)
    if not executable:
        print(f"{args.chromium} not found: install Debian's chromium package (scripts/setup-system.sh)", file=sys.stderr)
        return 2
    shots = Path(args.screenshots)
    shots.mkdir(parents=True, exist_ok=True)
    for old in shots.glob("*.png"):
        old.unlink()

    editions = editions_of(root)
    pages = sorted(root.glob("*.html"), key=lambda p: (p.name != "index.html", p.name))
    for edition in editions:
        pages += sorted((root / edition).glob("*.html"), key=lambda p: (p.name != "index.html", p.name))
    word = args.search_word or find_search_word(root)
    failures = []
    highlighted_tokens = 0

    def report(where, problems):
        for problem in problems:
            failures.append(f"{where}: {problem}")
            print(f"  ✗ {problem}")

    print(f"Checking {len(pages)} pages in {root}" + (f" (editions: {', '.join(editions)})" if editions else ""))
    print("links:")
    link_problems = check_links(root, pages)
    report("links", link_problems)
    if not link_problems:
        print("  ✓ every internal link and fragment resolves")

    server = serve(root)
    http_root = f"http://127.0.0.1:{server.server_address[1]}/"
    allowed = ("file://", http_root, "data:", "about:", "blob:")
    browser = Browser(executable, shots / "chromium.log")
    try:
        tab = Tab(browser)
        hangul_kinds = set()
        for page in pages:
            url = page.as_uri()
            name = page.relative_to(root).as_posix()
            edition = name.split("/")[0] if "/" in name else None
            page_word = word
            if edition:
                page_word = korean_search_word(root, f"search-index.{edition}.js") or word
            print(f"{name}:")
            tab.emulate(DESKTOP)
            try:
                ready = None
                if page.name == "search.html":
                    url += "?q=" + urllib.parse.quote(page_word)
                    ready = "document.documentElement.getAttribute('data-search-done') !== null"
                tab.load(url, **({"ready": ready} if ready else {}))
            except BrowserError as error:
                report(name, [str(error)] + tab.problems(allowed))
                continue
            facts = tab.evaluate(PAGE_FACTS)
            highlighted_tokens += facts["highlightedTokens"]
            problems = check_page_facts(facts, name) + tab.problems(allowed)
            hangul = tab.evaluate(HANGUL_FACTS)
            if hangul["boxes"]:
                problems.append(f"Hangul drawn as fallback boxes in: {', '.join(hangul['boxes'])}")
            hangul_kinds.update(hangul["kinds"])
            report(name, problems)
            if not problems:
                print(f"  ✓ loaded, {facts['math']} math rendered, {facts['swiftBlocks']} Swift blocks highlighted, no console errors"
                      + (f", Hangul drawn in {len(hangul['kinds'])} kinds of element" if hangul["kinds"] else ""))
            stem = (edition + "-" if edition else "") + page.stem
            tab.screenshot(shots / f"{stem}.desktop.png", full_page=True)
            if page.name == "search.html":
                count = tab.evaluate("document.querySelectorAll('#search-results li').length")
                if count:
                    print(f"  ✓ {name}?q={page_word} lists {count} result(s)")
                else:
                    report("search", [f"{name}?q={page_word} found nothing"])
                continue
            tab.emulate(DESKTOP, dark=True)
            tab.screenshot(shots / f"{stem}.dark.png", full_page=False)
            tab.emulate(PHONE)
            tab.evaluate("window.scrollTo(0, 0)")
            tab.screenshot(shots / f"{stem}.phone.png", full_page=False)
            facts = tab.evaluate(PAGE_FACTS)
            if facts["horizontalOverflow"]:
                report(name, ["the page scrolls sideways on a phone"])
            if page.name == "index.html":
                tab.evaluate("document.querySelector('.menu-button').click()")
                time.sleep(0.4)
                tab.screenshot(shots / f"{stem}.phone-menu.png", full_page=False)
                tab.evaluate("document.querySelector('.menu-button').click()")
                tab.emulate(PHONE, dark=True)
                tab.screenshot(shots / f"{stem}.phone-dark.png", full_page=False)
            tab.emulate(DESKTOP, print_media=True)
            tab.screenshot(shots / f"{stem}.print.png", full_page=True)

        if not highlighted_tokens and any(True for _ in root.glob("*.html")):
            swift_anywhere = any("language-swift" in p.read_text(encoding="utf-8") for p in pages)
            if swift_anywhere:
                report("highlighting", ["no Swift keyword was highlighted on any page"])

        # The language switch keeps the reader's place: scrolled to a section of a chapter,
        # the link to each other edition leads to the corresponding section there.
        if editions:
            print("language switch:")
            parsed = parse_pages(root, pages)
            switch_problems = []
            checked = 0
            for page in pages:
                name = page.relative_to(root).as_posix()
                if page.name in ("index.html", "search.html") or page.name not in {p.name for p in root.glob("*.html")}:
                    continue
                tab.emulate(DESKTOP)
                tab.load(page.as_uri())
                targets = tab.evaluate(
                    "(() => { const h = [...document.querySelectorAll('.content h2[id]')]; if (h.length < 2) return [];"
                    " h[1].scrollIntoView(); window.scrollBy(0, -10); const out = [];"
                    " document.querySelectorAll('.language-link').forEach(a => { a.dispatchEvent(new Event('focus'));"
                    " out.push([a.getAttribute('href'), h[1].id]); }); return out; })()")
                for href, section in targets:
                    path, _, fragment = href.partition("#")
                    target = ((root / name).parent / urllib.parse.unquote(path)).resolve().relative_to(root.resolve()).as_posix()
                    fragment = urllib.parse.unquote(fragment)
                    checked += 1
                    if not fragment:
                        switch_problems.append(f"{name}: reading #{section}, the switch to {target} keeps no place")
                    elif target not in parsed or fragment not in parsed[target].ids:
                        switch_problems.append(f"{name}: the switch leads to {href}, which is not an id of {target}")
            report("language switch", switch_problems)
            if not switch_problems:
                print(f"  ✓ {checked} switch(es) from a chapter's second section lead to the same section in the other edition")
            if "ko" in editions:
                expected = {"h1", "p", ".toc-title", ".chapter-label", ".pager-label"}
                missing = sorted(expected - hangul_kinds)
                if missing:
                    report("Hangul", [f"no Korean page showed Hangul in: {', '.join(missing)}"])
                else:
                    print(f"  ✓ Hangul drawn without fallback boxes in {', '.join(sorted(hangul_kinds))}")

        # The header's search box, typed into on the first chapter.
        print("search box:")
        first_chapter = next((p for p in pages if p.name not in ("index.html", "search.html")), pages[0])
        for edition in editions:
            ko_word = korean_search_word(root, f"search-index.{edition}.js")
            if not ko_word:
                continue
            chapter = next((p for p in pages if p.parent.name == edition and p.name not in ("index.html", "search.html")), None)
            if not chapter:
                continue
            tab.emulate(DESKTOP)
            tab.load(chapter.as_uri())
            tab.evaluate(
                "(() => { const box = document.querySelector('.search-input'); box.focus();"
                f" box.value = {json.dumps(ko_word)}; box.dispatchEvent(new Event('input')); }})()")
            try:
                tab.wait_until("document.querySelector('.search-dropdown:not([hidden]) li')", what=f"{edition} search box results")
                tab.screenshot(shots / f"{edition}-search-box.png", full_page=False)
                print(f"  ✓ typing \"{ko_word}\" on {edition}/{chapter.name} shows results (a particle the text does not use)")
            except BrowserError as error:
                report(f"{edition} search box", [str(error)])
        tab.emulate(DESKTOP)
        tab.load(first_chapter.as_uri())
        tab.evaluate(
            "(() => { const box = document.querySelector('.search-input'); box.focus();"
            f" box.value = {json.dumps(word)}; box.dispatchEvent(new Event('input')); }})()")
        try:
            tab.wait_until("document.querySelector('.search-dropdown:not([hidden]) li')", what="search box results")
            tab.screenshot(shots / "search-box.png", full_page=False)
            print(f"  ✓ typing \"{word}\" shows results")
        except BrowserError as error:
            report("search box", [str(error)])
        report("search box", tab.problems(allowed))

        # The same book from a static server.
        print(f"served from {http_root}:")
        served_problems = []
        for name, query, ready in [
            ("index.html", "", None),
            ("search.html", "?q=" + urllib.parse.quote(word),
             "document.documentElement.getAttribute('data-search-done') !== null"),
        ]:
            try:
                tab.load(http_root + name + query, **({"ready": ready} if ready else {}))
                facts = tab.evaluate(PAGE_FACTS)
                served_problems += [f"{name}: {p}" for p in check_page_facts(facts, name) + tab.problems(allowed)]
                if name == "search.html" and not tab.evaluate("document.querySelectorAll('#search-results li').length"):
                    served_problems.append(f"search.html?q={word} found nothing")
            except BrowserError as error:
                served_problems.append(f"{name}: {error}")
        report("server", served_problems)
        if not served_problems:
            print("  ✓ landing and search pages work from a static server")
    except BrowserError as error:
        failures.append(f"browser: {error}")
        print(f"  ✗ {error} (see {shots / 'chromium.log'})")
    finally:
        browser.close()
        server.shutdown()

    print(f"screenshots in {shots}/")
    if failures:
        print(f"{len(failures)} problem(s) found")
        return 1
    print("the book passed the browser check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
