// The book's page behaviour: math, code highlighting, heading anchors, the sidebar on
// small screens, the current section in the table of contents, keyboard navigation.
// Everything here is progressive: without JavaScript the page is still readable, with
// TeX shown as written and code unhighlighted.
(function () {
  "use strict";

  // Math: <span class="math math-inline">TeX</span>, <div class="math math-display">TeX</div>.
  // The TeX is the element's text (the HTML escapes are undone by the browser).
  function renderMath() {
    var elements = document.querySelectorAll(".math-inline, .math-display");
    if (elements.length === 0) return;
    if (typeof katex === "undefined") {
      console.error("KaTeX did not load (assets/katex/katex.min.js): math is shown as TeX.");
      return;
    }
    elements.forEach(function (element) {
      var tex = element.textContent;
      var display = element.classList.contains("math-display");
      element.setAttribute("data-tex", tex);
      try {
        // throwOnError: false renders a bad formula in red with the parser's message as
        // its title, instead of losing the rest of the page's math.
        katex.render(tex, element, {
          displayMode: display,
          throwOnError: false,
          errorColor: "var(--fail)",
          strict: "ignore",
          output: "htmlAndMathml",
        });
      } catch (error) {
        element.classList.add("math-error");
        element.title = String(error);
      }
      if (element.querySelector(".katex-error")) element.classList.add("math-error");
      if (!display) keepPunctuationWith(element);
    });
  }

  // "… the classes $k$." must not put the full stop at the start of the next line.
  function keepPunctuationWith(element) {
    var next = element.nextSibling;
    if (!next || next.nodeType !== Node.TEXT_NODE) return;
    var match = /^[.,;:!?)\]’”%]+/.exec(next.nodeValue);
    if (!match) return;
    var wrapper = document.createElement("span");
    wrapper.className = "math-nowrap";
    element.parentNode.insertBefore(wrapper, element);
    wrapper.appendChild(element);
    wrapper.appendChild(document.createTextNode(match[0]));
    next.nodeValue = next.nodeValue.slice(match[0].length);
  }

  // Code: highlight.js (Debian's 9.18, which knows Swift) on every <code class="language-…">.
  function highlightCode() {
    var blocks = document.querySelectorAll("pre code[class*='language-']");
    if (blocks.length === 0) return;
    if (typeof hljs === "undefined") {
      console.error("highlight.js did not load (assets/highlight/highlight.min.js): code is not highlighted.");
      return;
    }
    // The package is 9.x; its end-of-life notice would otherwise go to the console.
    hljs.configure({ hideUpgradeWarningAcceptNoSupportOrSecurityUpdates: true });
    blocks.forEach(function (block) {
      // Only languages highlight.js knows: an unknown one (```text) would warn and do nothing.
      var match = /(?:^|\s)language-([\w+#-]+)/.exec(block.className);
      if (match && hljs.getLanguage(match[1])) hljs.highlightBlock(block);
    });
  }

  // A link to itself on every heading, figure and table that has an id.
  function addAnchors() {
    var content = document.querySelector(".content");
    if (!content) return;
    content.querySelectorAll("h2[id], h3[id], h4[id], h5[id], h6[id]").forEach(function (heading) {
      appendAnchor(heading, heading.id, "#");
    });
    content.querySelectorAll("figure[id] > figcaption, table[id] > caption").forEach(function (caption) {
      appendAnchor(caption, caption.parentElement.id, "¶");
    });
    // A block named with `id=` shows its name on its results' label (in the print book
    // ids carry their chapter, `03-x/name`: the name is what follows the slash).
    content.querySelectorAll("section.block[id]").forEach(function (block) {
      var results = block.querySelector(":scope > .results");
      var name = block.id.slice(block.id.lastIndexOf("/") + 1);
      if (results && !/^block-\d+$/.test(name)) results.setAttribute("data-block-name", name);
    });
  }

  function appendAnchor(element, id, symbol) {
    if (element.querySelector(":scope > a.anchor")) return;
    var anchor = document.createElement("a");
    anchor.className = "anchor";
    anchor.href = "#" + encodeURIComponent(id);
    anchor.textContent = symbol;
    var content = document.querySelector(".content");
    anchor.setAttribute("aria-label", (content && content.getAttribute("data-anchor-label")) || "Link to this place");
    element.appendChild(anchor);
  }

  // On narrow screens the sidebar is a drawer opened by the menu button.
  function setUpSidebar() {
    var button = document.querySelector(".menu-button");
    var backdrop = document.querySelector(".sidebar-backdrop");
    var sidebar = document.getElementById("sidebar");
    if (!button || !sidebar) return;
    function setOpen(open) {
      document.body.classList.toggle("sidebar-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (backdrop) backdrop.hidden = !open;
    }
    button.addEventListener("click", function () {
      setOpen(!document.body.classList.contains("sidebar-open"));
    });
    if (backdrop) backdrop.addEventListener("click", function () { setOpen(false); });
    sidebar.addEventListener("click", function (event) {
      if (event.target.closest("a")) setOpen(false);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") setOpen(false);
    });
    var current = sidebar.querySelector(".toc-chapter.current");
    if (current && current.scrollIntoView && sidebar.scrollHeight > sidebar.clientHeight) {
      sidebar.scrollTop = Math.max(0, current.offsetTop - 16);
    }
  }

  // Marks the section being read in the table of contents.
  function followSections() {
    var links = document.querySelectorAll(".toc-chapter.current a[data-section]");
    if (links.length === 0 || !("IntersectionObserver" in window)) return;
    var byId = {};
    links.forEach(function (link) { byId[link.getAttribute("data-section")] = link; });
    var headings = [];
    Object.keys(byId).forEach(function (id) {
      var heading = document.getElementById(id);
      if (heading) headings.push(heading);
    });
    function update() {
      var active = null;
      for (var i = 0; i < headings.length; i++) {
        if (headings[i].getBoundingClientRect().top < 120) active = headings[i];
      }
      links.forEach(function (link) { link.classList.remove("active"); });
      if (active) byId[active.id].classList.add("active");
    }
    var observer = new IntersectionObserver(update, { rootMargin: "0px 0px -60% 0px" });
    headings.forEach(function (heading) { observer.observe(heading); });
    update();
  }

  // ← and → go to the previous and next page, as in most online books.
  function keyboardNavigation() {
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      var rel = event.key === "ArrowLeft" ? "prev" : event.key === "ArrowRight" ? "next" : null;
      if (!rel) return;
      var link = document.querySelector(".pager a[rel='" + rel + "']");
      if (link) window.location.href = link.href;
    });
  }

  // The language switch keeps the reader's place: a link to another edition leads to the
  // part of its page that corresponds to the part being read. The link's data-anchors
  // lists this page's ids that have a counterpart there, `id` when the counterpart has
  // the same id (blocks, figures, tables) and `id=other` when not (translated headings).
  function keepPlaceAcrossLanguages() {
    var links = document.querySelectorAll(".language-link[data-anchors]");
    if (links.length === 0) return;
    var places = document.querySelectorAll(
      ".content h2[id], .content h3[id], .content h4[id], .content section.block[id], .content figure[id], .content table[id]");
    function placesRead() {
      // Everything whose top has scrolled above a fifth of the window, last first.
      var read = [];
      var line = window.innerHeight / 5;
      for (var i = 0; i < places.length; i++) {
        if (places[i].getBoundingClientRect().top <= line) read.unshift(places[i].id);
      }
      var hash = decodeURIComponent(window.location.hash.slice(1));
      if (read.length === 0 && hash) read.push(hash);
      return read;
    }
    links.forEach(function (link) {
      var base = link.getAttribute("href").split("#")[0];
      var counterparts = {};
      link.getAttribute("data-anchors").split(" ").forEach(function (pair) {
        if (!pair) return;
        var parts = pair.split("=");
        counterparts[parts[0]] = parts.length > 1 ? parts[1] : parts[0];
      });
      function follow() {
        var read = placesRead();
        for (var i = 0; i < read.length; i++) {
          if (Object.prototype.hasOwnProperty.call(counterparts, read[i])) {
            link.setAttribute("href", base + "#" + encodeURIComponent(counterparts[read[i]]));
            return;
          }
        }
        link.setAttribute("href", base);
      }
      // Set before the browser follows the link, whether clicked, tapped or opened by keyboard.
      link.addEventListener("click", follow);
      link.addEventListener("focus", follow);
      link.addEventListener("mouseenter", follow);
    });
  }

  function start() {
    renderMath();
    highlightCode();
    addAnchors();
    setUpSidebar();
    followSections();
    keyboardNavigation();
    keepPlaceAcrossLanguages();
    // The browser check waits for this before it looks at the page.
    document.documentElement.setAttribute("data-book-ready", "true");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
