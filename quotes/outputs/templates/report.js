/* Statements table: sort, filter, expand; jump from a variant to its highlighted passage. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("statement-data").textContent);
  var tbody = document.getElementById("statements-body");
  var pairs = [];
  Array.prototype.forEach.call(tbody.querySelectorAll("tr.st"), function (tr) {
    pairs[Number(tr.getAttribute("data-i"))] = [tr, tr.nextElementSibling];
  });
  var textBox = document.getElementById("filter-text");
  var speakerBox = document.getElementById("filter-speaker");
  var flagBox = document.getElementById("filter-flag");
  var countOut = document.getElementById("shown-count");

  function applyFilter() {
    var q = textBox.value.trim().toLowerCase(), sp = speakerBox.value, fl = flagBox.value, shown = 0;
    for (var i = 0; i < data.length; i++) {
      var d = data[i];
      var ok = (!q || d.search.indexOf(q) !== -1) && (!sp || d.speaker_id === sp) &&
        (fl === "" || (fl === "-" ? d.flags.length === 0 : d.flags.indexOf(fl) !== -1));
      pairs[i][0].hidden = !ok;
      pairs[i][1].hidden = !ok || !pairs[i][0].classList.contains("open");
      if (ok) shown++;
    }
    countOut.textContent = shown + " of " + data.length + " statements";
  }
  textBox.addEventListener("input", applyFilter);
  speakerBox.addEventListener("change", applyFilter);
  flagBox.addEventListener("change", applyFilter);

  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    if (a === "" && b !== "") return 1;   /* blanks last */
    if (b === "" && a !== "") return -1;
    return collator.compare(String(a), String(b));
  }
  var headers = document.querySelectorAll("table.statements th[data-sort]");
  Array.prototype.forEach.call(headers, function (th) {
    th.addEventListener("click", function () {
      var key = th.getAttribute("data-sort");
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      var order = data.map(function (_, i) { return i; });
      order.sort(function (x, y) { return dir * compare(data[x][key], data[y][key]) || x - y; });
      var frag = document.createDocumentFragment();
      order.forEach(function (i) { frag.appendChild(pairs[i][0]); frag.appendChild(pairs[i][1]); });
      tbody.appendChild(frag);
    });
  });

  function setOpen(tr, open) {
    tr.classList.toggle("open", open);
    tr.nextElementSibling.hidden = !open || tr.hidden;
    tr.querySelector("button.toggle").setAttribute("aria-expanded", open ? "true" : "false");
  }
  tbody.addEventListener("click", function (e) {
    if (e.target.closest("a")) return;
    var tr = e.target.closest("tr.st");
    if (tr) setOpen(tr, !tr.classList.contains("open"));
  });
  document.getElementById("expand-all").addEventListener("click", function () {
    pairs.forEach(function (p) { if (!p[0].hidden) setOpen(p[0], true); });
  });
  document.getElementById("collapse-all").addEventListener("click", function () {
    pairs.forEach(function (p) { setOpen(p[0], false); });
  });

  function reveal(id) {
    var el = document.getElementById(id);
    if (!el) return false;
    var details = el.closest("details");
    if (details) details.open = true;
    el.scrollIntoView({ block: "center" });
    if (el.tagName === "MARK") {
      el.classList.remove("flash");
      void el.offsetWidth;
      el.classList.add("flash");
    }
    return true;
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest('a[href^="#"]');
    if (!a) return;
    var id = decodeURIComponent(a.getAttribute("href").slice(1));
    if (reveal(id)) {
      e.preventDefault();
      history.pushState(null, "", "#" + id);
    }
  });
  window.addEventListener("hashchange", function () { reveal(decodeURIComponent(location.hash.slice(1))); });
  if (location.hash) reveal(decodeURIComponent(location.hash.slice(1)));
  applyFilter();
})();
