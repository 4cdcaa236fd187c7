/* copyedit review page: keeps the editor's decisions and writes the patch of the accepted changes.
   The page's HTML is rendered and escaped by copyedit; this script reads its data with JSON.parse and
   writes to the page only through textContent and classes. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("copyedit-data").textContent);
  var files = data.files;
  var changes = []; // {file, index, key, safety, els, bal, state}
  var STATES = { a: "accepted", r: "rejected", "": "undecided" };

  files.forEach(function (f, fi) {
    f.storeKey = "copyedit-review:v1:" + f.sha256 + ":" + f.name;
    var saved = load(f.storeKey);
    f.changes.forEach(function (c, ci) {
      var g = changes.length;
      var key = c.edits.map(function (e) { return e[0] + "-" + e[1]; }).join(",") + ":" + c.codes.join(",");
      changes.push({
        file: fi, index: ci, key: key, safety: c.safety, g: g,
        els: Array.prototype.slice.call(document.querySelectorAll('.chg[data-g="' + g + '"]')),
        bal: document.getElementById("bal-" + g),
        lead: document.getElementById("chg-" + g),
        state: saved[key] === "a" || saved[key] === "r" ? saved[key] : "",
      });
    });
  });

  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "{}") || {}; } catch (e) { return {}; }
  }
  function save(fi) {
    var f = files[fi], out = {};
    changes.forEach(function (c) { if (c.file === fi && c.state) out[c.key] = c.state; });
    try { window.localStorage.setItem(f.storeKey, JSON.stringify(out)); } catch (e) { /* storage off: no memory */ }
  }

  function show(c) {
    c.els.forEach(function (el) {
      el.classList.toggle("acc", c.state === "a");
      el.classList.toggle("rej", c.state === "r");
    });
    if (c.lead) {
      var tipState = c.lead.querySelector(".tip .st");
      if (tipState) tipState.textContent = " (" + STATES[c.state] + ")";
    }
    if (c.bal) {
      c.bal.classList.toggle("acc", c.state === "a");
      c.bal.classList.toggle("rej", c.state === "r");
      c.bal.querySelector(".st").textContent = STATES[c.state];
    }
  }

  function decide(list, state) {
    var touched = {};
    list.forEach(function (c) { c.state = state; show(c); touched[c.file] = true; });
    Object.keys(touched).forEach(function (fi) { save(Number(fi)); });
    refresh();
  }

  function counts(list) {
    var n = { a: 0, r: 0, "": 0 };
    list.forEach(function (c) { n[c.state] += 1; });
    return n;
  }
  function refresh() {
    var n = counts(changes);
    document.getElementById("counts").textContent =
      n.a + " accepted, " + n.r + " rejected, " + n[""] + " undecided.";
    files.forEach(function (f, fi) {
      var m = counts(changes.filter(function (c) { return c.file === fi; }));
      var el = document.querySelector('.fstate[data-file="' + fi + '"]');
      if (el) el.textContent = "(" + m.a + " accepted, " + m.r + " rejected)";
    });
    Array.prototype.forEach.call(document.querySelectorAll("#download, .download-again"), function (button) {
      button.disabled = n.a === 0;
    });
    document.getElementById("download-note").textContent = n.a === 0
      ? "Nothing accepted yet: there is no patch to download."
      : "The patch holds the " + n.a + " accepted change(s) only.";
  }

  /* --- the patch: the same lines copyedit's patch.py writes ------------------------------------------ */
  var NO_EOL = "\\ No newline at end of file\n";

  function splitLines(t) { return t.match(/[^\n]*\n|[^\n]+/g) || []; }

  function range(start, stop) {
    var beginning = start + 1, length = stop - start;
    if (length === 1) return String(beginning);
    if (!length) beginning -= 1;
    return beginning + "," + length;
  }

  function emit(out, prefix, line) {
    out.push(prefix + line);
    if (line.charAt(line.length - 1) !== "\n") out.push("\n" + NO_EOL);
  }

  function splice(text, base, edits) {
    var out = "", pos = 0;
    edits.forEach(function (e) { out += text.slice(pos, e[0] - base) + e[2]; pos = e[1] - base; });
    return out + text.slice(pos);
  }

  /* A unified diff of `old` with `edits` (sorted, non-overlapping [start, end, replacement]) applied: the lines
     each edit touches are one region, regions that share lines merge, and a region whose new text no longer ends
     its line takes in the next line. Hunks carry 3 lines of context and join when 6 or fewer lie between. */
  function unifiedDiff(old, edits, path) {
    if (!edits.length) return "";
    var L = splitLines(old), n = L.length, starts = [], at = 0;
    L.forEach(function (line) { starts.push(at); at += line.length; });
    function startOf(i) { return i < n ? starts[i] : old.length; }
    function lineOf(pos) {
      if (pos >= old.length && (n === 0 || old.charAt(old.length - 1) === "\n")) return n;
      var lo = 0, hi = n - 1;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (starts[mid] <= pos) lo = mid; else hi = mid - 1; }
      return lo;
    }
    var regions = [];
    edits.forEach(function (e) {
      var a = lineOf(e[0]);
      var b = Math.min(n, (e[1] > e[0] ? lineOf(e[1] - 1) : a) + 1);
      if (a >= n) { a = n; b = n; }
      var last = regions[regions.length - 1];
      if (last && a < last.b) { last.b = Math.max(last.b, b); last.edits.push(e); }
      else regions.push({ a: a, b: b, edits: [e] });
    });
    var done = [];
    regions.forEach(function (r) {
      var prev = done[done.length - 1];
      if (prev && r.a < prev.b) { prev.b = Math.max(prev.b, r.b); prev.edits = prev.edits.concat(r.edits); }
      else done.push(r);
      var cur = done[done.length - 1];
      for (;;) {
        var base = startOf(cur.a);
        cur.text = splice(old.slice(base, startOf(cur.b)), base, cur.edits);
        if (cur.b >= n || /\n$/.test(cur.text)) break;
        cur.b += 1;
      }
    });
    // Regions may have grown into each other: merge again, then trim lines that did not change.
    var merged = [];
    done.forEach(function (r) {
      var prev = merged[merged.length - 1];
      if (prev && r.a < prev.b) {
        prev.b = Math.max(prev.b, r.b);
        prev.edits = prev.edits.concat(r.edits);
        var base = startOf(prev.a);
        prev.text = splice(old.slice(base, startOf(prev.b)), base, prev.edits);
      } else merged.push(r);
    });
    var hunksIn = [];
    merged.forEach(function (r) {
      var olds = L.slice(r.a, r.b), news = splitLines(r.text);
      while (olds.length && news.length && olds[0] === news[0]) { olds.shift(); news.shift(); r.a += 1; }
      while (olds.length && news.length && olds[olds.length - 1] === news[news.length - 1]) {
        olds.pop(); news.pop(); r.b -= 1;
      }
      if (olds.length || news.length) hunksIn.push({ a: r.a, b: r.b, olds: olds, news: news });
    });
    if (!hunksIn.length) return "";
    var C = 3, out = ["--- a/" + path + "\n", "+++ b/" + path + "\n"], delta = 0, i = 0;
    while (i < hunksIn.length) {
      var j = i;
      while (j + 1 < hunksIn.length && hunksIn[j + 1].a - hunksIn[j].b <= 2 * C) j += 1;
      var a0 = Math.max(0, hunksIn[i].a - C), a1 = Math.min(n, hunksIn[j].b + C), grow = 0, body = [], pos = a0;
      for (var k = i; k <= j; k++) {
        var h = hunksIn[k];
        for (; pos < h.a; pos++) emit(body, " ", L[pos]);
        h.olds.forEach(function (line) { emit(body, "-", line); });
        h.news.forEach(function (line) { emit(body, "+", line); });
        pos = h.b;
        grow += h.news.length - h.olds.length;
      }
      for (; pos < a1; pos++) emit(body, " ", L[pos]);
      out.push("@@ -" + range(a0, a1) + " +" + range(a0 + delta, a1 + delta + grow) + " @@\n");
      out = out.concat(body);
      delta += grow;
      i = j + 1;
    }
    return out.join("");
  }

  function buildPatch() {
    var out = [];
    files.forEach(function (f, fi) {
      var accepted = changes.filter(function (c) { return c.file === fi && c.state === "a"; });
      if (!accepted.length) return;
      var shift = f.bom ? 1 : 0, edits = [], notes = [];
      accepted.forEach(function (c) {
        var spec = f.changes[c.index];
        spec.edits.forEach(function (e) { edits.push([e[0] + shift, e[1] + shift, e[2]]); });
        notes = notes.concat(spec.notes);
      });
      edits.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
      var diff = unifiedDiff((f.bom ? "\ufeff" : "") + f.text, edits, f.name);
      if (diff) out.push(f.head + notes.join("") + diff);
    });
    return out.join("");
  }

  function download() {
    var text = buildPatch();
    if (!text) return;
    var blob = new Blob([text], { type: "text/x-diff;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "copyedit-review.patch";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  /* --- moving between changes ------------------------------------------------------------------------- */
  var current = -1;
  function focusChange(g, scroll) {
    if (g < 0 || g >= changes.length) return;
    if (current >= 0) mark(changes[current], false);
    current = g;
    var c = changes[g];
    mark(c, true);
    if (c.lead) {
      c.lead.focus({ preventScroll: true });
      if (scroll !== false) c.lead.scrollIntoView({ block: "center" });
    }
  }
  function mark(c, on) {
    c.els.forEach(function (el) { el.classList.toggle("current", on); });
    if (c.bal) c.bal.classList.toggle("current", on);
  }
  function gOf(el) {
    var holder = el && el.closest ? el.closest("[data-g]") : null;
    return holder ? Number(holder.getAttribute("data-g")) : -1;
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!t.closest) return;
    var button = t.closest("button");
    if (button) {
      if (button.id === "accept-safe") decide(changes.filter(isSafe), "a");
      else if (button.id === "reject-all") decide(changes, "r");
      else if (button.id === "download" || button.classList.contains("download-again")) download();
      else if (button.classList.contains("file-accept")) decide(inFile(button).filter(isSafe), "a");
      else if (button.classList.contains("file-reject")) decide(inFile(button), "r");
      else if (button.classList.contains("acc") || button.classList.contains("rej")) {
        var g = gOf(button);
        decide([changes[g]], button.classList.contains("acc") ? "a" : "r");
        current = g;
      }
      return;
    }
    var chg = t.closest(".chg");
    if (chg) focusChange(gOf(chg), false);
  });
  function isSafe(c) { return c.safety === "safe"; }
  function inFile(button) {
    var fi = Number(button.getAttribute("data-file"));
    return changes.filter(function (c) { return c.file === fi; });
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var tag = ev.target && ev.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    var key = ev.key;
    if (ev.target && ev.target.classList && ev.target.classList.contains("chg")) current = gOf(ev.target);
    if (key === "n" || key === "j") focusChange(current + 1);
    else if (key === "p" || key === "k") focusChange(current <= 0 ? 0 : current - 1);
    else if ((key === "a" || key === "r" || key === "u") && current >= 0) {
      decide([changes[current]], key === "u" ? "" : key);
      if (key !== "u" && current + 1 < changes.length) focusChange(current + 1);
    } else if (key === "m") document.body.classList.toggle("show-syntax");
    else return;
    ev.preventDefault();
  });

  changes.forEach(show);
  refresh();
  window.copyeditReview = { buildPatch: buildPatch, unifiedDiff: unifiedDiff };
})();
