// Search: the box in the header (results as you type) and search.html?q=words.
//
// The documents come from assets/search-index.js (window.BOOK_SEARCH_DOCS), loaded with a
// <script> tag so that search works from file:// as well as from a server. The lunr index
// is built here, in the browser, the first time it is needed. lunr's English pipeline
// trims every non-ASCII letter away, so words in Korean (or any other script) would never
// match; the trimmer below keeps letters of every script, and only ASCII words are stemmed.
// Korean words lose their particles (korean-search.js) when indexed and when looked up.
// The page's words (status lines) come from data-* attributes the templates translate.
(function () {
  "use strict";

  var index = null;
  var documents = null;
  var loading = null;

  function assetURL(name) {
    var script = document.querySelector("script[src$='assets/search.js']");
    return script ? script.getAttribute("src").replace(/search\.js$/, name) : "assets/" + name;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  // Loads lunr and the documents when they are not on the page yet (search.html has them).
  function ensureLoaded() {
    if (index) return Promise.resolve();
    if (!loading) {
      var steps = [];
      if (typeof lunr === "undefined") steps.push(loadScript(assetURL("lunr/lunr.min.js")));
      if (!window.BOOK_SEARCH_DOCS) {
        // An edition names its own documents (`assets/search-index.ko.js`).
        var own = document.documentElement.getAttribute("data-search-index");
        steps.push(loadScript(own || assetURL("search-index.js")));
      }
      loading = Promise.all(steps).then(buildIndex);
    }
    return loading;
  }

  function unicodeTrimmer(token) {
    return token.update(function (s) {
      return s.replace(/^[^\p{L}\p{N}_]+/u, "").replace(/[^\p{L}\p{N}_]+$/u, "");
    });
  }

  function asciiOnlyStemmer(token) {
    return /^[\x00-\x7f]*$/.test(token.toString()) ? lunr.stemmer(token) : token;
  }

  // 학습률을 → 학습률 (korean-search.js); the identity where that script is missing.
  function koreanStemmer(token) {
    return window.BookKorean ? window.BookKorean.lunrStemmer(token) : token;
  }

  function buildIndex() {
    documents = window.BOOK_SEARCH_DOCS || [];
    lunr.Pipeline.registerFunction(unicodeTrimmer, "bookUnicodeTrimmer");
    lunr.Pipeline.registerFunction(koreanStemmer, "bookKoreanStemmer");
    lunr.Pipeline.registerFunction(asciiOnlyStemmer, "bookAsciiOnlyStemmer");
    index = lunr(function () {
      this.pipeline.reset();
      this.searchPipeline.reset();
      this.pipeline.add(unicodeTrimmer, koreanStemmer, lunr.stopWordFilter, asciiOnlyStemmer);
      this.searchPipeline.add(koreanStemmer, asciiOnlyStemmer);
      this.ref("i");
      this.field("title", { boost: 4 });
      this.field("section", { boost: 6 });
      this.field("text");
      this.metadataWhitelist = ["position"];
      var builder = this;
      documents.forEach(function (doc, i) {
        builder.add({ i: String(i), title: doc.title, section: doc.section || "", text: doc.text });
      });
    });
  }

  // The query's words, each matched as typed, stemmed, and as the start of a longer
  // word (so that "regular" finds "regularization", and 학습 finds 학습을).
  function terms(query) {
    return query.toLowerCase().split(/\s+/).map(function (word) {
      return word.replace(/^[^\p{L}\p{N}_]+/u, "").replace(/[^\p{L}\p{N}_]+$/u, "");
    }).filter(function (word) { return word.length > 0; });
  }

  function search(query) {
    var words = terms(query);
    if (!index || words.length === 0) return [];
    var results = index.query(function (q) {
      words.forEach(function (word) {
        var exact = { boost: 10 };
        if (words.length > 1) exact.presence = lunr.Query.presence.REQUIRED;
        q.term(word, exact);
        q.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 2 });
      });
    });
    if (results.length === 0 && words.length > 1) {
      // Every word required found nothing: rank pages having any of them.
      results = index.query(function (q) {
        words.forEach(function (word) {
          q.term(word, { boost: 10 });
          q.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
        });
      });
    }
    return results.slice(0, 50).map(function (result) {
      return { doc: documents[Number(result.ref)], score: result.score };
    });
  }

  // A piece of the text around the first place a query word appears, as DOM nodes (the
  // text is never parsed as HTML).
  function snippet(text, words, length) {
    // Korean words are looked for without their particles (학습률이 finds 학습률을).
    if (window.BookKorean) words = words.map(window.BookKorean.stem);
    var lower = text.toLowerCase();
    var at = -1;
    for (var i = 0; i < words.length && at < 0; i++) at = lower.indexOf(words[i].slice(0, Math.max(3, words[i].length - 2)));
    var start = Math.max(0, at < 0 ? 0 : at - Math.floor(length / 3));
    var piece = (start > 0 ? "…" : "") + text.slice(start, start + length) + (start + length < text.length ? "…" : "");
    var fragment = document.createDocumentFragment();
    var pattern = new RegExp("(" + words.map(escapeRegExp).join("|") + ")", "giu");
    var last = 0;
    piece.replace(pattern, function (match, _group, offset) {
      fragment.appendChild(document.createTextNode(piece.slice(last, offset)));
      var mark = document.createElement("mark");
      mark.textContent = match;
      fragment.appendChild(mark);
      last = offset + match.length;
      return match;
    });
    fragment.appendChild(document.createTextNode(piece.slice(last)));
    return fragment;
  }

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // The page's words: the element's data-NAME attribute (translated by the templates),
  // else English; `%d`/`%s` and `%1$d`/`%2$s` take the arguments.
  function words(element, name, english, args) {
    var format = (element && element.getAttribute("data-" + name)) || english;
    var next = 0;
    return format.replace(/%(?:(\d+)\$)?([ds%])/g, function (match, position, kind) {
      if (kind === "%") return "%";
      var i = position ? Number(position) - 1 : next++;
      return i < (args || []).length ? String(args[i]) : match;
    });
  }

  function resultItem(result, words, snippetLength) {
    var item = document.createElement("li");
    item.className = "search-result";
    var link = document.createElement("a");
    link.href = result.doc.url;
    var title = document.createElement("span");
    title.className = "search-result-title";
    title.textContent = result.doc.section || result.doc.title;
    link.appendChild(title);
    if (result.doc.section) {
      var chapter = document.createElement("span");
      chapter.className = "search-result-chapter";
      chapter.textContent = result.doc.title;
      link.appendChild(chapter);
    }
    item.appendChild(link);
    if (snippetLength) {
      var text = document.createElement("p");
      text.className = "search-result-snippet";
      text.appendChild(snippet(result.doc.text, words, snippetLength));
      item.appendChild(text);
    }
    return item;
  }

  // search.html: the results of ?q=…
  function startSearchPage() {
    var list = document.getElementById("search-results");
    if (!list) return;
    var status = document.querySelector(".search-status");
    var input = document.querySelector(".search-page-input");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    if (input) input.value = query;
    document.querySelectorAll(".search-input").forEach(function (box) { box.value = query; });
    if (!query.trim()) {
      status.textContent = words(status, "type-words", "Type words to look for.");
      if (input) input.focus();
      return;
    }
    status.textContent = words(status, "searching", "Searching…");
    ensureLoaded().then(function () {
      var queryWords = terms(query);
      var results = search(query);
      list.textContent = "";
      results.forEach(function (result) { list.appendChild(resultItem(result, queryWords, 200)); });
      status.textContent = results.length === 0
        ? words(status, "nothing-found-for", "Nothing found for “%s”.", [query])
        : results.length === 1
          ? words(status, "found-one", "%d place found for “%s”.", [1, query])
          : words(status, "found-many", "%d places found for “%s”.", [results.length, query]);
      document.documentElement.setAttribute("data-search-done", String(results.length));
    }).catch(function (error) {
      status.textContent = words(status, "unavailable", "Search is not available: %s", [error.message]);
      console.error(error);
    });
  }

  // The header's box: the best few results under it while typing; Enter opens search.html.
  function startSearchBox(input) {
    var dropdown = input.parentElement.querySelector(".search-dropdown");
    if (!dropdown) return;
    var pending = 0;
    function show() {
      var query = input.value;
      var ticket = ++pending;
      if (!query.trim()) { dropdown.hidden = true; return; }
      ensureLoaded().then(function () {
        if (ticket !== pending) return;
        var queryWords = terms(query);
        var results = search(query).slice(0, 8);
        dropdown.textContent = "";
        var list = document.createElement("ol");
        list.className = "search-results";
        results.forEach(function (result) { list.appendChild(resultItem(result, queryWords, 90)); });
        if (results.length === 0) {
          var none = document.createElement("p");
          none.className = "search-none";
          none.textContent = words(input, "nothing-found", "Nothing found.");
          dropdown.appendChild(none);
        } else {
          dropdown.appendChild(list);
        }
        dropdown.hidden = false;
      }).catch(function (error) { console.error(error); });
    }
    input.addEventListener("focus", function () { ensureLoaded().catch(function (error) { console.error(error); }); });
    input.addEventListener("input", show);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { dropdown.hidden = true; input.blur(); }
      if (event.key === "ArrowDown") {
        var first = dropdown.querySelector("a");
        if (first) { event.preventDefault(); first.focus(); }
      }
    });
    document.addEventListener("click", function (event) {
      if (!input.parentElement.contains(event.target)) dropdown.hidden = true;
    });
  }

  function start() {
    document.querySelectorAll(".search-input").forEach(startSearchBox);
    startSearchPage();
    // "/" or "s" focuses the search box, as on many documentation sites.
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      if ((event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey) {
        var box = document.querySelector(".search-input");
        if (box) { event.preventDefault(); box.focus(); }
      }
    });
  }

  // For tests outside a browser (Tests/BookTests/KoreanSearchTests.swift runs this file in Node).
  window.BookSearch = {
    index: function (docs) { window.BOOK_SEARCH_DOCS = docs; buildIndex(); },
    search: search,
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
