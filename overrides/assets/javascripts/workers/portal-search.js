/*
 * 信息报送门户: the search worker — Material's own, finding Chinese words inside longer words.
 *
 * The page starts it as  assets/javascripts/workers/portal-search.js?worker=search.<hash>.min.js
 * (overrides/main.html; the hook finds Material's hashed file name in the theme). It runs Material's
 * worker from this same folder, so that worker's own paths (../lunr/…) still resolve, and then changes
 * one thing in lunr, the search library Material's worker exposes as `self.lunr`:
 *
 *   a query term with Chinese characters that Material searches as a prefix of an indexed word
 *   (救助站*) is searched anywhere in it (*救助站*), so 救助站 finds 临时救助站.
 *
 * The index (portal/search.py) therefore stores each word once, not all of its endings.
 *
 * Each entry's text is a preview, then WORDS_MARK, then the entry's search words: searched, never shown.
 * The results this worker posts carry each text up to the mark only.
 * `tests/search_rule.py` is the same rule in Python; tests/test_browser.py checks both agree.
 */
(function () {
  "use strict"

  var name = new URLSearchParams(self.location.search).get("worker") || ""
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(name))
    throw new Error("portal-search.js: start it as portal-search.js?worker=search.<hash>.min.js, not " +
      JSON.stringify(self.location.search))
  /* The same character as portal/search.py's WORDS_MARK. */
  var WORDS_MARK = "\u2029"

  /* Cut the search words off every result's text before Material's worker posts it to the page. */
  function preview(message) {
    var items = message && message.data && message.data.items
    if (!Array.isArray(items))
      return message
    for (var g = 0; g < items.length; g++)
      for (var i = 0; i < items[g].length; i++) {
        var text = items[g][i].text
        if (typeof text === "string" && text.indexOf(WORDS_MARK) !== -1)
          items[g][i].text = text.slice(0, text.indexOf(WORDS_MARK))
      }
    return message
  }
  var post = self.postMessage.bind(self)
  self.postMessage = function (message, transfer) {
    return transfer === undefined ? post(preview(message)) : post(preview(message), transfer)
  }

  importScripts(name)

  var lunr = self.lunr
  if (!lunr || !lunr.Index || !lunr.QueryParser)
    throw new Error("portal-search.js: " + name + " did not expose lunr as self.lunr")

  /* The same characters as portal/search.py's _HAN_RE. */
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]/

  /* Turn a prefix clause with Chinese characters (term*) into an infix one (*term*); returns the term. */
  function infix(clause) {
    var term = clause.term
    if (!HAN.test(term) || "editDistance" in clause)
      return null
    if (term.charAt(0) === "*" || term.charAt(term.length - 1) !== "*")
      return null
    clause.term = "*" + term
    clause.usePipeline = false              /* as lunr does for every term with a wildcard */
    return term.replace(/^\*|\*$/g, "")     /* the term as Material's own parser sees it */
  }

  /*
   * lunr's Index#search parses the query string into clauses and runs them (Index#query); this does the
   * same with the Chinese prefix clauses made infix. Material calls it for the result list (its title
   * suggestions use Index#query directly and are left as they are).
   */
  lunr.Index.prototype.search = function (queryString) {
    var terms = []
    var results = this.query(function (query) {
      new lunr.QueryParser(queryString, query).parse()
      for (var i = 0; i < query.clauses.length; i++) {
        var term = infix(query.clauses[i])
        if (term !== null)
          terms.push(term)
      }
    })

    /*
     * Material counts a query term as found in a result when one of the matched words starts with it,
     * shows the others as missing (缺少) and highlights only the found ones on the page it opens.
     * A term found inside a word is found: record it under its own name, with no positions (the
     * result list still marks the words that matched).
     */
    for (var r = 0; r < results.length; r++) {
      var metadata = results[r].matchData.metadata
      var words = Object.keys(metadata)
      for (var t = 0; t < terms.length; t++) {
        var term = terms[t]
        if (term in metadata)
          continue
        for (var w = 0; w < words.length; w++)
          if (words[w].indexOf(term.replace(/\*/g, "")) !== -1) {
            metadata[term] = {}
            break
          }
      }
    }
    return results
  }
})()
