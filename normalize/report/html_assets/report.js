(function () {
  "use strict";
  var ORDER = { error: 0, warning: 1, suggestion: 2 };
  var notes = {};
  Array.prototype.forEach.call(document.querySelectorAll("li.note"), function (li) {
    notes[li.id] = li;
  });
  var boxes = document.querySelectorAll("input[data-filter]");
  var marks = document.querySelectorAll("mark[data-f]");
  var refs = document.querySelectorAll("a.ref");

  function top(ids) {
    var best = null;
    ids.forEach(function (id) {
      var li = notes[id];
      if (li && !li.hidden && (best === null || ORDER[li.dataset.sev] < ORDER[best])) {
        best = li.dataset.sev;
      }
    });
    return best;
  }

  function apply() {
    var on = { sev: {}, code: {} };
    Array.prototype.forEach.call(boxes, function (b) { on[b.dataset.filter][b.value] = b.checked; });
    var shown = 0;
    Object.keys(notes).forEach(function (id) {
      var li = notes[id];
      li.hidden = !(on.sev[li.dataset.sev] && on.code[li.dataset.code]);
      if (!li.hidden) { shown += 1; }
    });
    Array.prototype.forEach.call(marks, function (m) {
      var sev = top(m.dataset.f.split(" "));
      if (sev) { m.dataset.sev = sev; m.classList.remove("off"); }
      else { delete m.dataset.sev; m.classList.add("off"); }
    });
    Array.prototype.forEach.call(refs, function (a) {
      a.hidden = notes[a.dataset.f] ? notes[a.dataset.f].hidden : false;
    });
    Array.prototype.forEach.call(document.querySelectorAll("article.file"), function (art) {
      var n = art.querySelectorAll("li.note:not([hidden])").length;
      var out = art.querySelector(".shown");
      if (out) { out.textContent = String(n); }
      art.classList.toggle("quiet", n === 0);
    });
    document.getElementById("shown").textContent = String(shown);
  }

  var tip = document.createElement("div");
  tip.id = "tip";
  tip.hidden = true;
  document.body.appendChild(tip);

  function show(m) {
    var ids = m.dataset.f.split(" ").filter(function (id) { return notes[id] && !notes[id].hidden; });
    if (!ids.length) { return; }
    tip.textContent = "";
    ids.forEach(function (id) { tip.appendChild(notes[id].cloneNode(true)).removeAttribute("id"); });
    tip.hidden = false;
    var r = m.getBoundingClientRect();
    var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(8, left) + "px";
    tip.style.top = (window.scrollY + r.bottom + 6) + "px";
  }

  function flash(id) {
    var li = notes[id];
    if (!li || li.hidden) { return; }
    li.scrollIntoView({ block: "nearest", behavior: "smooth" });
    li.classList.add("flash");
    window.setTimeout(function () { li.classList.remove("flash"); }, 1200);
  }

  Array.prototype.forEach.call(marks, function (m) {
    m.addEventListener("mouseenter", function () { show(m); });
    m.addEventListener("mouseleave", function () { tip.hidden = true; });
    m.addEventListener("click", function () { flash(m.dataset.f.split(" ")[0]); });
  });
  Array.prototype.forEach.call(boxes, function (b) { b.addEventListener("change", apply); });
  apply();
  document.body.setAttribute("data-ready", "1");
})();
