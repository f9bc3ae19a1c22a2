#!/usr/bin/env python3
"""Checks `tutorial serve` in a real browser: headless Chromium (Debian's `chromium`),
driven as check-book-in-browser.py drives it (DevTools protocol on a pipe).

On a copy of the test fixture book served on a free port, with a chapter open:
  - a prose edit to the file changes the open page with no reload command from here,
    keeping the scroll position; timed from the save to the new text in the page;
  - a small code edit reruns the chapter; the page shows its progress, then the new
    output; timed likewise;
  - a longer run shows block k of n, the progress() bar and elapsed time;
  - a compile error shows an overlay naming chapters/01-sums.md:LINE with a link to the
    block, over the last good results, which stay; the fix removes the overlay;
  - no console error; the written book in output/ has no trace of the preview;
  - Ctrl-C stops the server (exit status 130) and the page says it is unreachable.
Prints the latencies, and writes screenshots of the progress panel and the overlay.

    scripts/check-serve-in-browser.py [--tutorial .build/release/tutorial] [--screenshots DIR] [--rounds N]

Exit status 0 when every check passed, 1 otherwise, 2 when Chromium cannot be run.
"""

import argparse
import importlib.util
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
spec = importlib.util.spec_from_file_location("book_check", HERE / "check-book-in-browser.py")
book_check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(book_check)
Browser, Tab, BrowserError, DESKTOP = book_check.Browser, book_check.Tab, book_check.BrowserError, book_check.DESKTOP

CHAPTER = "01-sums.md"
FILLER = "\n\n".join(f"Filler paragraph {i}, so that the page scrolls and the place kept can be checked."
                   for i in range(60))


class Server:
    """`tutorial serve --port 0` on a copy of the fixture book."""

    def __init__(self, tutorial, workdir):
        self.root = Path(workdir)
        shutil.copytree(ROOT / "Tests/TutorialTests/Fixtures/serve/chapters", self.root / "chapters")
        chapter = self.chapter()
        chapter.write_text(chapter.read_text() + "\n" + FILLER + "\n")
        self.log = open(self.root / "serve.log", "wb")
        self.process = subprocess.Popen(
            [tutorial, "serve", "--port", "0", "--jobs", "1"], cwd=self.root,
            stdout=subprocess.PIPE, stderr=self.log)
        line = self.process.stdout.readline().decode()
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if not match:
            raise BrowserError(f"tutorial serve printed no address: {line!r}")
        self.url = match.group(0)

    def chapter(self):
        return self.root / "chapters" / CHAPTER

    def edit(self, old, new):
        path = self.chapter()
        text = path.read_text()
        if old not in text:
            raise BrowserError(f"{old!r} is not in the chapter")
        path.write_text(text.replace(old, new, 1))
        return time.monotonic()

    def interrupt(self):
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return None


def wait_until(tab, expression, what, timeout=120.0, step=0.01):
    """Polls the page every `step` seconds; returns when `expression` holds. The page
    may be reloading meanwhile, so an evaluation that fails is tried again."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if tab.evaluate(f"Boolean({expression})"):
                return time.monotonic()
        except BrowserError:
            pass
        time.sleep(step)
    raise BrowserError(f"timed out waiting for {what}")


def page_has(text):
    return f"document.documentElement.getAttribute('data-book-ready') === 'true' && document.body.innerText.includes({text!r})"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tutorial", default=str(ROOT / ".build/release/tutorial"))
    parser.add_argument("--screenshots", default=str(ROOT / ".build/screenshots/serve"))
    parser.add_argument("--rounds", type=int, default=5, help="prose edits timed (code edits: half as many)")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "chromium"))
    args = parser.parse_args()
    executable = shutil.which(args.chromium)
    if not executable:
        print(f"{args.chromium} not found: install Debian's chromium package (scripts/setup-system.sh)", file=sys.stderr)
        return 2
    shots = Path(args.screenshots)
    shots.mkdir(parents=True, exist_ok=True)

    failures = []
    workdir = tempfile.mkdtemp(prefix="serve-check-")
    server = Server(args.tutorial, workdir)
    browser = Browser(executable, shots / "chromium.log")
    try:
        tab = Tab(browser)
        tab.emulate(DESKTOP)
        page_url = server.url + CHAPTER.replace(".md", ".html")
        tab.send("Page.navigate", {"url": page_url})
        # A cold start: the chapter runs, then the page reloads itself with the results.
        wait_until(tab, page_has("total = 210") + " && document.documentElement.hasAttribute('data-serve-connected')",
                   "the first results and the event stream")
        print(f"serving {server.url}; chapter open")

        # Prose edits, with the page scrolled down.
        prose = []
        for round in range(args.rounds):
            tab.evaluate("window.scrollTo(0, 600), window.scrollY")
            time.sleep(0.3)
            before = tab.evaluate("window.scrollY")
            saved = server.edit("The first sentence stays." if round == 0 else f"Prose edit {round - 1}.",
                                f"Prose edit {round}.")
            updated = wait_until(tab, page_has(f"Prose edit {round}."), f"prose edit {round} in the page")
            prose.append(updated - saved)
            wait_until(tab, "document.readyState === 'complete'", "the page to settle", timeout=10)
            time.sleep(0.2)
            after = tab.evaluate("window.scrollY")
            if abs(after - before) > 2:
                failures.append(f"prose edit {round}: scroll position {before} became {after}")
        print(f"  ✓ prose edit → page updated: min {min(prose) * 1000:.0f} ms, "
              f"median {statistics.median(prose) * 1000:.0f} ms, max {max(prose) * 1000:.0f} ms ({len(prose)} edits)")
        if statistics.median(prose) > 1.0:
            failures.append(f"prose edits took {statistics.median(prose):.2f} s (median), more than 1 s")

        # Small code edits: a rerun of the chapter (compile, 0.2 s of run), then the page.
        code = []
        saw_progress = 0
        previous = 'print("total =", total)'
        for round in range(max(args.rounds // 2, 1)):
            new = f'print("code edit {round}:", total)'
            saved = server.edit(previous, new)
            previous = new
            seen = False
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    state = tab.evaluate("[document.documentElement.hasAttribute('data-serve-running'), "
                                         + page_has(f"code edit {round}: 210") + "]")
                except BrowserError:
                    state = [False, False]
                if state and state[0]:
                    seen = True
                if state and state[1]:
                    code.append(time.monotonic() - saved)
                    break
                time.sleep(0.01)
            else:
                failures.append(f"code edit {round}: the new output never reached the page")
            saw_progress += seen
        if code:
            print(f"  ✓ small code edit → page updated: min {min(code):.2f} s, median {statistics.median(code):.2f} s, "
                  f"max {max(code):.2f} s ({len(code)} edits; compile + 0.2 s run)")
        if saw_progress == 0:
            failures.append("no code edit showed the progress panel")

        # A longer run: block k of n, the loop's bar, elapsed time.
        server.edit("for step in 1...20 {", "for step in 1...150 {")
        server.edit("progress(step, of: 20,", "progress(step, of: 150,")
        server.edit("usleep(10_000)", "usleep(30_000)")
        wait_until(tab, "document.querySelector('.serve-progress .serve-run-loop progress')", "the progress bar")
        panel = tab.evaluate("document.querySelector('.serve-progress').innerText")
        for expected in ("Running this chapter", "block 1 of 1", "summing", "/150"):
            if expected not in panel:
                failures.append(f"the progress panel does not say {expected!r}: {panel!r}")
        time.sleep(1.2)
        tab.screenshot(shots / "progress.png", full_page=False)
        wait_until(tab, page_has("code edit") + " && !document.documentElement.hasAttribute('data-serve-running')",
                   "the longer run to end")
        print(f"  ✓ progress panel: {' · '.join(panel.splitlines())}")

        # A compile error: the overlay over the last good results; then the fix.
        wait_until(tab, "document.readyState === 'complete'", "the page to settle", timeout=10)
        tab.evaluate("window.servedBeforeTheError = true")
        server.edit("var total = 0\n", 'var total = 0\nlet broken: Int = "text"\n')
        wait_until(tab, "document.querySelector('.serve-overlay')", "the failure overlay")
        time.sleep(0.5)
        overlay = tab.evaluate("(document.querySelector('.serve-overlay') || {}).innerText || ''")
        link = tab.evaluate("(document.querySelector('.serve-failure-link') || {}).hash")
        if tab.evaluate("window.servedBeforeTheError") is not True:
            failures.append("the page reloaded for the failure, though the page served had not changed")
        if "chapters/01-sums.md:9:" not in overlay:
            failures.append(f"the overlay does not name chapters/01-sums.md:9: {overlay!r}")
        if link != "#block-1":
            failures.append(f"the overlay's link goes to {link!r}, not #block-1")
        if not tab.evaluate("document.body.innerText.includes('code edit')"):
            failures.append("the last good results are gone during the error")
        tab.screenshot(shots / "overlay.png", full_page=False)
        print(f"  ✓ overlay: {overlay.splitlines()[0]} / {overlay.splitlines()[-2] if len(overlay.splitlines()) > 2 else ''}")
        server.edit('let broken: Int = "text"\n', "")
        wait_until(tab, "!document.querySelector('.serve-overlay')", "the overlay to go after the fix")
        print("  ✓ the fix removes the overlay")
        # The fixed page replaces the last good one: let that reload finish.
        time.sleep(1.0)
        wait_until(tab, "document.readyState === 'complete' && document.documentElement.hasAttribute('data-serve-connected')",
                   "the page to settle after the fix", timeout=15)

        problems = [p for p in tab.problems((server.url, "data:", "about:"))
                    if "tutorial-serve/events" not in p]
        failures += [f"console: {p}" for p in problems]

        written = (server.root / "output" / CHAPTER.replace(".md", ".html")).read_text()
        if "tutorial-serve" in written:
            failures.append("output/ holds the preview's script")

        status = server.interrupt()
        if status != 128 + signal.SIGINT and status != -signal.SIGINT:
            failures.append(f"Ctrl-C: tutorial serve exited with {status}, not 130")
        wait_until(tab, "document.querySelector('.serve-notice')", "the page to notice the server stopped", timeout=15)
        print("  ✓ Ctrl-C stops the server; the page says so")
    except BrowserError as error:
        failures.append(str(error))
    finally:
        if server.process.poll() is None:
            server.interrupt()
        browser.close()
        shutil.rmtree(workdir, ignore_errors=True)

    for failure in failures:
        print(f"  ✗ {failure}")
    print(f"screenshots in {shots}")
    print("serve check: " + (f"{len(failures)} problem(s)" if failures else "everything held"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
