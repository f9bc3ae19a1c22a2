// Runs the book's search (lunr, korean-search.js, search.js) in Node without a browser:
//   node run-search.js LUNR KOREAN SEARCH < {"docs": [...], "queries": [...], "stems": [...]}
// prints {"results": {query: [urls]}, "stems": {word: stem}}.
const fs = require("fs");
const vm = require("vm");
const [lunrPath, koreanPath, searchPath] = process.argv.slice(2);
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const document = {
  readyState: "complete",
  querySelectorAll: () => [],
  querySelector: () => null,
  getElementById: () => null,
  addEventListener: () => {},
  documentElement: { getAttribute: () => null, setAttribute: () => {} },
};
const context = { console, document };
context.window = context;
vm.createContext(context);
for (const file of [lunrPath, koreanPath, searchPath]) {
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
}
context.BookSearch.index(input.docs);
const results = {};
for (const query of input.queries) results[query] = context.BookSearch.search(query).map((r) => r.doc.url);
const stems = {};
for (const word of input.stems) stems[word] = context.BookKorean.stem(word);
process.stdout.write(JSON.stringify({ results, stems }));
