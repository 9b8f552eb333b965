/* coopgraph site search: finds pages by any name, acronym, alias or part of a title.
 *
 * Plain ES2017, no build step and no eval: the pages' Content-Security-Policy allows only
 * scripts from the site itself. The index is written by coopgraph.site.search as scripts
 * (search/<lang>/manifest.js, then shards search/<lang>/<n>.js) that call
 * coopgraphSearch.manifest(...) and coopgraphSearch.add(n, docs): a page opened from
 * file:// may load a neighbouring script, where fetch() of a JSON file is refused.
 * Nothing loads until there is something to search for.
 *
 * Words: Latin (and other alphabetic) text is split on everything that is not a letter or
 * digit, lower-cased and stripped of accents, and matched by prefix with a little fuzziness;
 * Hangul, Kana and Han runs have no spaces between words, so they become overlapping
 * character pairs (표준연 -> 표준, 준연; a run of one character stays itself), which finds
 * a short form inside a longer name. All the words of a query must match.
 *
 * Ranking: MiniSearch's BM25 with acronyms, short names and ids weighing most, then names,
 * agencies boosted; a page whose name or acronym is exactly the query comes first, agencies
 * before other pages.
 */
(function () {
  "use strict";

  var SHOWN = 50;
  var KIND_BOOST = { agency: 2, country: 1.5, "country-pair": 1.2 };
  var FIELD_BOOST = { a: 3, n: 2, o: 1 };

  // --- words ----------------------------------------------------------------------------

  var CJK = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC\u3005]/u;
  var WORD = /[\p{L}\p{N}\p{M}]/u;
  var MARKS = /\p{M}+/gu;

  /** The terms of a text: Latin words, and pairs of characters of Hangul/Kana/Han runs. */
  function tokenize(text) {
    var terms = [];
    var chars = Array.from(String(text).normalize("NFKC"));
    var run = [];
    var cjk = false;
    function flush() {
      if (!run.length) return;
      if (cjk) {
        if (run.length === 1) terms.push(run[0]);
        for (var i = 0; i + 1 < run.length; i++) terms.push(run[i] + run[i + 1]);
      } else {
        var word = run.join("").normalize("NFD").replace(MARKS, "").toLowerCase();
        if (word) terms.push(word);
      }
      run = [];
    }
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      var isCjk = CJK.test(c);
      if (isCjk || WORD.test(c)) {
        if (run.length && isCjk !== cjk) flush();
        cjk = isCjk;
        run.push(c);
      } else {
        flush();
      }
    }
    flush();
    return terms;
  }

  /** A text reduced for exact comparison: "NIST", "nist" and "N.I.S.T." are the same. */
  function exactKey(text) {
    return tokenize(text).join(" ");
  }

  function isCjkTerm(term) {
    return CJK.test(term);
  }

  // --- the index ------------------------------------------------------------------------

  var state = {
    manifest: null,
    mini: null,
    docs: new Map(), // page url -> document
    order: new Map(), // page url -> position in shard order (ties keep it)
    loaded: 0,
    started: false,
    failed: false,
    listeners: [],
  };

  function newIndex() {
    return new MiniSearch({
      idField: "u",
      fields: ["a", "n", "o"],
      storeFields: [],
      extractField: function (doc, field) {
        var value = doc[field];
        return Array.isArray(value) ? value.join("\n") : value || "";
      },
      tokenize: tokenize,
      processTerm: function (term) {
        return term;
      },
      searchOptions: {
        combineWith: "AND",
        boost: FIELD_BOOST,
        prefix: function (term) {
          return !isCjkTerm(term) || term.length === 1;
        },
        fuzzy: function (term) {
          return !isCjkTerm(term) && term.length >= 4 ? 0.2 : false;
        },
        boostDocument: function (id) {
          var doc = state.docs.get(id);
          return (doc && KIND_BOOST[doc.k]) || 1;
        },
      },
    });
  }

  function changed() {
    state.listeners.forEach(function (listener) {
      listener();
    });
  }

  var api = {
    tokenize: tokenize,

    /** Called by manifest.js: the shards of this language, relative to the site root. */
    manifest: function (manifest) {
      state.manifest = manifest;
      state.mini = newIndex();
      var root = document.documentElement.dataset.root || "";
      manifest.shards.forEach(function (path) {
        addScript(root + path);
      });
      if (!manifest.shards.length) changed();
    },

    /** Called by each shard with its documents. */
    add: function (n, docs) {
      var fresh = docs.filter(function (doc) {
        return !state.docs.has(doc.u);
      });
      fresh.forEach(function (doc, i) {
        state.docs.set(doc.u, doc);
        state.order.set(doc.u, n * 1e6 + i);
      });
      state.mini.addAll(fresh);
      state.loaded += 1;
      changed();
    },

    /** Whether every shard of the manifest has arrived. */
    complete: function () {
      return !!state.manifest && state.loaded >= state.manifest.shards.length;
    },

    /** The documents matching a query, best first (all of them, not only those shown). */
    query: function (text) {
      if (!state.mini || !tokenize(text).length) return [];
      var wanted = exactKey(text);
      var found = state.mini.search(text).map(function (result) {
        var doc = state.docs.get(result.id);
        var names = (doc.n || []).concat(doc.a || []);
        var exact = names.some(function (name) {
          return exactKey(name) === wanted;
        });
        return {
          doc: doc,
          score: result.score,
          rank: exact ? (doc.k === "agency" ? 0 : 1) : 2,
        };
      });
      found.sort(function (x, y) {
        return (
          x.rank - y.rank || y.score - x.score || state.order.get(x.doc.u) - state.order.get(y.doc.u)
        );
      });
      return found.map(function (item) {
        return item.doc;
      });
    },

    state: state,
  };
  window.coopgraphSearch = api;

  function addScript(src) {
    var script = document.createElement("script");
    script.src = src;
    script.async = false; // run in order: agencies (the first shard) first
    script.addEventListener("error", function () {
      state.failed = true;
      changed();
    });
    document.body.appendChild(script);
  }

  function start(manifestUrl) {
    if (state.started) return;
    state.started = true;
    addScript(manifestUrl);
  }

  // --- the search page ------------------------------------------------------------------

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? String(values[name]) : whole;
    });
  }

  function setUp() {
    var list = document.getElementById("search-results");
    var input = document.getElementById("site-search");
    var status = document.getElementById("search-status");
    if (!list || !input || !status) return;
    var messages = list.dataset;
    var lang = document.documentElement.lang;
    var root = document.documentElement.dataset.root || "";
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    var pending = 0;

    function say(text) {
      if (status.textContent !== text) status.textContent = text;
    }

    function render() {
      pending = 0;
      var query = input.value.trim();
      if (!query) {
        list.replaceChildren();
        say(messages.msgPrompt);
        return;
      }
      if (state.failed) {
        say(messages.msgError);
        return;
      }
      if (!state.mini) {
        say(messages.msgLoading);
        return;
      }
      var found = api.query(query);
      var items = found.slice(0, SHOWN).map(function (doc) {
        var item = document.createElement("li");
        item.className = "result result-" + doc.k;
        var link = document.createElement("a");
        link.href = root + doc.u;
        link.textContent = doc.t;
        if (doc.l && doc.l !== lang) link.lang = doc.l;
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = messages["kind" + doc.k.replace(/(^|-)(\w)/g, function (w, d, c) {
          return c.toUpperCase();
        })] || doc.k;
        item.append(link, " ", kind);
        if (doc.d) {
          var description = document.createElement("span");
          description.className = "description";
          description.textContent = doc.d;
          item.append(" ", description);
        }
        return item;
      });
      list.replaceChildren.apply(list, items);
      if (!api.complete()) {
        say(messages.msgLoading);
      } else if (!found.length) {
        say(format(messages.msgNone, { query: query }));
      } else {
        var count = format(found.length === 1 ? messages.msgOne : messages.msgCount, {
          count: found.length,
        });
        if (found.length > SHOWN) count += " " + format(messages.msgMore, { shown: SHOWN });
        say(count);
      }
      list.dataset.query = query;
      list.dataset.complete = api.complete() ? "true" : "false";
    }

    function schedule() {
      if (pending) return;
      pending = window.setTimeout(render, 60);
    }

    function remember() {
      var query = input.value.trim();
      var url = new URL(window.location.href);
      if (query) url.searchParams.set("q", query);
      else url.searchParams.delete("q");
      try {
        window.history.replaceState(null, "", url.href);
      } catch (error) {
        // file:// pages may refuse; the query then stays out of the address bar
      }
    }

    state.listeners.push(schedule);
    input.addEventListener("input", function () {
      if (input.value.trim()) start(list.dataset.manifest);
      remember();
      schedule();
    });
    if (input.form) {
      input.form.addEventListener("submit", function (event) {
        event.preventDefault(); // already on the search page: search here
        if (input.value.trim()) start(list.dataset.manifest);
        remember();
        render();
      });
    }
    if (input.value.trim()) start(list.dataset.manifest);
    render();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
