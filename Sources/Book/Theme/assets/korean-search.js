// Korean words in search: a particle (조사) at the end of a word is stripped before the
// word is indexed or looked up, so that 학습률이, 학습률을, 학습률의 and 학습률에서는 are all
// found as 학습률. search.js adds `stem` to lunr's index and query pipelines.
//
// Korean writes particles onto the word before them. Stripping a syllable that only
// looks like one would break words (결과 "result" is not 결 + 과), so a particle is
// stripped only where it could be one:
//   - particles whose form follows the syllable before them (이/가, 을/를, 은/는, 과/와,
//     으로/로) only after a syllable of the matching kind: 이, 을, 은, 과, 으로 after a
//     final consonant (받침), 가, 를, 는, 와, 로 after none (로 also after ㄹ); after a
//     letter that is not Hangul (Adam을, SGD는) either form;
//   - a one-syllable particle only when at least two characters stay (정의, 길이, 차이
//     keep their last syllable), and 도 only when three stay (정확도, 속도 are words);
//   - at most two particles, outermost first (학습률만을 → 학습률만 → 학습률).
// Works in the browser (window.BookKorean) and in Node (module.exports), where the
// project's tests run it.
(function (root) {
  "use strict";

  var AFTER_FINAL = "final", AFTER_OPEN = "open", AFTER_ANY = "any", AFTER_OPEN_OR_RIEUL = "open-or-ㄹ";

  // [particle, which syllable it follows, least characters that must stay], longest first.
  var PARTICLES = [
    ["으로부터", AFTER_FINAL, 1], ["로부터", AFTER_OPEN_OR_RIEUL, 1],
    ["에서부터", AFTER_ANY, 1], ["에게서는", AFTER_ANY, 1],
    ["에서는", AFTER_ANY, 1], ["에서도", AFTER_ANY, 1], ["에서의", AFTER_ANY, 1], ["에게서", AFTER_ANY, 1],
    ["에게는", AFTER_ANY, 1], ["으로는", AFTER_FINAL, 1], ["으로도", AFTER_FINAL, 1], ["으로서", AFTER_FINAL, 1],
    ["으로써", AFTER_FINAL, 1], ["이라는", AFTER_FINAL, 1], ["이라고", AFTER_FINAL, 1], ["입니다", AFTER_FINAL, 1],
    ["까지는", AFTER_ANY, 1], ["부터는", AFTER_ANY, 1], ["보다는", AFTER_ANY, 1], ["처럼", AFTER_ANY, 1],
    ["에서", AFTER_ANY, 1], ["에게", AFTER_ANY, 1], ["에는", AFTER_ANY, 1], ["에도", AFTER_ANY, 1],
    ["으로", AFTER_FINAL, 1], ["로는", AFTER_OPEN_OR_RIEUL, 1], ["로도", AFTER_OPEN_OR_RIEUL, 1],
    ["로서", AFTER_OPEN_OR_RIEUL, 1], ["로써", AFTER_OPEN_OR_RIEUL, 1],
    ["과는", AFTER_FINAL, 1], ["와는", AFTER_OPEN, 1], ["과의", AFTER_FINAL, 1], ["와의", AFTER_OPEN, 1],
    ["과도", AFTER_FINAL, 1], ["와도", AFTER_OPEN, 1], ["이나", AFTER_FINAL, 1], ["이며", AFTER_FINAL, 1],
    ["이고", AFTER_FINAL, 1], ["이다", AFTER_FINAL, 1], ["이란", AFTER_FINAL, 1], ["라는", AFTER_OPEN, 1],
    ["까지", AFTER_ANY, 1], ["부터", AFTER_ANY, 1], ["보다", AFTER_ANY, 1], ["마다", AFTER_ANY, 1],
    ["조차", AFTER_ANY, 1], ["한테", AFTER_ANY, 1], ["께서", AFTER_ANY, 1], ["만을", AFTER_ANY, 1],
    ["이", AFTER_FINAL, 2], ["가", AFTER_OPEN, 2], ["을", AFTER_FINAL, 2], ["를", AFTER_OPEN, 2],
    ["은", AFTER_FINAL, 2], ["는", AFTER_OPEN, 2], ["과", AFTER_FINAL, 2], ["와", AFTER_OPEN, 2],
    ["로", AFTER_OPEN_OR_RIEUL, 2], ["의", AFTER_ANY, 2], ["에", AFTER_ANY, 2], ["만", AFTER_ANY, 2],
    ["도", AFTER_ANY, 3],
  ];

  // For a Hangul syllable: 0 without a final consonant, else its index (8 is ㄹ);
  // -1 for anything else.
  function finalConsonant(ch) {
    var code = ch.charCodeAt(0);
    if (code < 0xac00 || code > 0xd7a3) return -1;
    return (code - 0xac00) % 28;
  }

  function fits(before, rule) {
    var final = finalConsonant(before);
    if (final < 0) return /[\p{L}\p{N}]/u.test(before) && !/\p{Script=Hangul}/u.test(before);
    switch (rule) {
      case AFTER_FINAL: return final !== 0;
      case AFTER_OPEN: return final === 0;
      case AFTER_OPEN_OR_RIEUL: return final === 0 || final === 8;
      default: return true;
    }
  }

  function stripOnce(word) {
    var chars = Array.from(word);
    for (var i = 0; i < PARTICLES.length; i++) {
      var particle = PARTICLES[i][0], rule = PARTICLES[i][1], least = PARTICLES[i][2];
      var length = Array.from(particle).length;
      if (chars.length - length < least) continue;
      if (chars.slice(chars.length - length).join("") !== particle) continue;
      if (!fits(chars[chars.length - length - 1], rule)) continue;
      return chars.slice(0, chars.length - length).join("");
    }
    return null;
  }

  // The word without the particles at its end; words with no Hangul are returned as they are.
  function stem(word) {
    if (!/\p{Script=Hangul}/u.test(word)) return word;
    var current = word;
    for (var n = 0; n < 2; n++) {
      var shorter = stripOnce(current);
      if (shorter === null) break;
      current = shorter;
    }
    return current;
  }

  // A lunr pipeline function.
  function lunrStemmer(token) {
    return token.update(function (s) { return stem(s); });
  }

  var api = { stem: stem, lunrStemmer: lunrStemmer };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.BookKorean = api;
})(this);
