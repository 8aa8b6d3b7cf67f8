/* Steady Ground's search worker: Material's own search worker (imported at
   the end), with one change made before Material reads each query.

   Material searches as the reader types: it adds a "*" to every word, so
   "pelea" also finds "peleas", and lunr does not stem a word that ends in "*".
   So, in an edition whose language has a stemmer (Spanish: lunr.es), each plain
   word of the query is replaced by its stem first: "peleas" becomes "pele",
   "días" becomes "dias", and every form of the word is found ("pelea",
   "peleas", "pelear"). The language's stop words ("de", "el") are left out of a
   query that has other words. English is left as Material has it.

   The query stays in this worker: nothing is stored or sent. The build puts
   Material's worker and the stemmers after this script (mkdocs_build.py). */
var sgLanguage = null;

self.addEventListener("message", function (event) {
  var message = event.data;
  if (!message || typeof message !== "object") return;
  if (message.type === 0 && message.data && message.data.config) {       // setup: the index's language
    var languages = message.data.config.lang || [];
    sgLanguage = languages.length === 1 && languages[0] !== "en" ? languages[0] : null;
  } else if (message.type === 2 && sgLanguage && typeof message.data === "string") {   // a query
    message.data = sgStemmed(message.data);
  }
});

function sgStemmed(query) {
  var language = self.lunr && self.lunr[sgLanguage];
  if (!language || typeof language.stemmer !== "function") return query;
  var parts = query.split(/(\s+)/);
  var plain = function (part) { return /^\p{L}+$/u.test(part); };
  var stop = function (word) {
    return typeof language.stopWordFilter === "function" && !language.stopWordFilter(word.toLowerCase());
  };
  // Small words such as "de", "el", "esta" are not in the index, and with Material's "*"
  // they would find every word that starts like them ("de*": "dejar", "después"...),
  // so "plan de seguridad" led anywhere. They are left out, unless nothing else is typed.
  var dropStops = parts.some(function (part) { return plain(part) && !stop(part); });
  return parts.map(function (part) {
    // Words with search syntax (+ - ~ ^ * : or quotes) are left as they are.
    if (!plain(part)) return part;
    if (dropStops && stop(part)) return "";
    var stem = String(language.stemmer(part.toLowerCase()));
    return stem.length >= 3 ? stem : part;
  }).join("").replace(/\s{2,}/g, " ");
}

// The build puts Material's worker and the editions' stemmers (lunr/min/lunr.*.min.js)
// after this script, in the same file. Material's worker asks for the stemmers when the
// index arrives; those already here are not asked for again (one round trip each).
var sgImportScripts = self.importScripts;
self.importScripts = function () {
  var wanted = Array.prototype.filter.call(arguments, function (address) {
    var name = String(address).split("?")[0].split("/").pop();
    var match = /^lunr\.(.+)\.min\.js$/.exec(name);
    return !(match && self.lunr && (match[1] === "stemmer.support" ? self.lunr.stemmerSupport : self.lunr[match[1]]));
  });
  return wanted.length ? sgImportScripts.apply(self, wanted) : undefined;
};
