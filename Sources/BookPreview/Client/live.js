// `tutorial serve`'s page side: added to pages only as the preview serves them, never
// to the book in output/. It listens to the server's events:
//   state  — which chapters run (block k of n, progress(), elapsed and estimated time)
//            and what failed; shown in a panel and an overlay over the last good page;
//   reload — which pages were rewritten; this page reloads itself if it is one of
//            them, and comes back at the same scroll position.
// Text from the server is put in the page with textContent only, never as HTML.
(function () {
  "use strict";

  var page = decodeURIComponent(location.pathname.split("/").pop() || "index.html");
  var slug = document.body ? document.body.getAttribute("data-chapter") : null;
  var scrollKey = "tutorial-serve-scroll:" + location.pathname;

  // Back at the place the reader was before the preview reloaded the page.
  var saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    var y = parseFloat(saved) || 0;
    if ("scrollRestoration" in history) history.scrollRestoration = "manual";
    var userScrolled = false;
    window.scrollTo(0, y);
    window.addEventListener("wheel", function () { userScrolled = true; }, { once: true, passive: true });
    window.addEventListener("keydown", function () { userScrolled = true; }, { once: true });
    // Figures and fonts may change the layout once loaded.
    window.addEventListener("load", function () { if (!userScrolled) window.scrollTo(0, y); });
  }

  function reload() {
    sessionStorage.setItem(scrollKey, String(window.scrollY));
    document.documentElement.setAttribute("data-serve-reloading", "true");
    location.reload();
  }

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function seconds(s) {
    s = Math.max(0, Math.round(s));
    return s < 60 ? s + " s" : Math.floor(s / 60) + " min " + (s % 60) + " s";
  }

  // ---- The progress panel (bottom right) ----

  var panel = null;
  var ticking = null;
  var shownRuns = [];

  function runText(run) {
    if (run.phase === "queued") return "waiting for a free core";
    if (run.phase === "compiling") return "compiling";
    return "block " + run.block + " of " + run.blocks;
  }

  function renderRuns() {
    if (shownRuns.length === 0) {
      if (panel) { panel.remove(); panel = null; }
      if (ticking) { clearInterval(ticking); ticking = null; }
      document.documentElement.removeAttribute("data-serve-running");
      return;
    }
    if (!panel) {
      panel = element("aside", "serve-progress");
      panel.setAttribute("role", "status");
      panel.setAttribute("aria-live", "polite");
      document.body.appendChild(panel);
    }
    document.documentElement.setAttribute("data-serve-running", "true");
    panel.textContent = "";
    shownRuns.forEach(function (entry) {
      var run = entry.run;
      var elapsed = run.elapsed + (Date.now() - entry.received) / 1000;
      var box = element("div", "serve-run" + (entry.here ? " serve-run-here" : ""));
      var title = element("p", "serve-run-title");
      title.appendChild(element("strong", null, entry.here ? "Running this chapter" : "Running " + entry.path));
      title.appendChild(document.createTextNode(" · " + runText(run)));
      box.appendChild(title);
      if (run.progress) {
        var p = run.progress;
        var line = element("p", "serve-run-loop");
        var bar = element("progress");
        bar.max = Math.max(p.total, 1);
        bar.value = Math.min(p.done, bar.max);
        if (p.label) line.appendChild(element("span", "serve-run-label", p.label + " "));
        line.appendChild(bar);
        line.appendChild(document.createTextNode(" " + p.done + "/" + p.total));
        box.appendChild(line);
      }
      var time = seconds(elapsed);
      if (run.estimate) time += " of about " + seconds(run.estimate);
      box.appendChild(element("p", "serve-run-time", run.phase === "queued" ? "" : time));
      panel.appendChild(box);
    });
    if (!ticking) ticking = setInterval(renderRuns, 1000);
  }

  // ---- The failure overlay (top) ----

  var overlay = null;
  var collapsed = false;

  function renderFailures(chapter) {
    var failures = chapter ? chapter.failures : [];
    if (!failures || failures.length === 0) {
      if (overlay) { overlay.remove(); overlay = null; }
      document.documentElement.removeAttribute("data-serve-failed");
      return;
    }
    document.documentElement.setAttribute("data-serve-failed", "true");
    if (!overlay) {
      overlay = element("section", "serve-overlay");
      overlay.setAttribute("role", "alert");
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    overlay.classList.toggle("collapsed", collapsed);
    var head = element("div", "serve-overlay-head");
    var title = element("p", "serve-overlay-title");
    title.appendChild(element("strong", null, chapter.path + " failed"));
    var note = chapter.showingLastGood
      ? " — the page shows its last good results until it passes again."
      : " — the page shows these results.";
    if (chapter.run) note = " — running the new version now;" + note;
    title.appendChild(document.createTextNode(note));
    head.appendChild(title);
    var toggle = element("button", "serve-overlay-toggle", collapsed ? "Show" : "Hide");
    toggle.type = "button";
    toggle.addEventListener("click", function () { collapsed = !collapsed; renderFailures(chapter); });
    head.appendChild(toggle);
    overlay.appendChild(head);
    var list = element("ul", "serve-overlay-list");
    failures.forEach(function (failure) {
      var item = element("li");
      var text = element("pre", "serve-failure", failure.text);
      if (failure.anchor) {
        var link = element("a", "serve-failure-link", "Go to the block");
        link.href = "#" + encodeURIComponent(failure.anchor);
        item.appendChild(text);
        item.appendChild(link);
      } else {
        item.appendChild(text);
      }
      list.appendChild(item);
    });
    overlay.appendChild(list);
  }

  // ---- Problems of the preview itself ----

  var notice = null;

  function showNotice(text) {
    if (!text) { if (notice) { notice.remove(); notice = null; } return; }
    if (!notice) {
      notice = element("aside", "serve-notice");
      notice.setAttribute("role", "status");
      document.body.appendChild(notice);
    }
    notice.textContent = text;
  }

  function render(state) {
    var here = null;
    shownRuns = [];
    state.chapters.forEach(function (chapter) {
      if (chapter.slug === slug) here = chapter;
      if (chapter.run) {
        shownRuns.push({ run: chapter.run, path: chapter.path, here: chapter.slug === slug, received: Date.now() });
      }
    });
    shownRuns.sort(function (a, b) { return (b.here ? 1 : 0) - (a.here ? 1 : 0); });
    renderRuns();
    renderFailures(here);
    showNotice(state.error ? "The book could not be rebuilt: " + state.error : null);
    document.documentElement.setAttribute("data-serve-generation", String(state.generation));
  }

  if (!("EventSource" in window)) return;
  var events = new EventSource("/.tutorial-serve/events");
  events.addEventListener("state", function (event) { render(JSON.parse(event.data)); });
  events.addEventListener("reload", function (event) {
    var change = JSON.parse(event.data);
    if (change.all || change.pages.indexOf(page) >= 0) reload();
  });
  events.addEventListener("open", function () {
    document.documentElement.setAttribute("data-serve-connected", "true");
    showNotice(null);
  });
  events.addEventListener("error", function () {
    document.documentElement.removeAttribute("data-serve-connected");
    showNotice("The preview server is not reachable (stopped?). Retrying…");
  });
})();
