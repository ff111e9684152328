(function () {
  "use strict";
  // The data blob is JSON in a <script type="application/json"> element, written with <, > and & escaped.
  var data;
  try {
    data = JSON.parse(document.getElementById("qa-data").textContent);
  } catch (err) {
    document.body.setAttribute("data-qa-error", "the report's data could not be read");
    return;
  }
  var items = data.items || [];
  var nodes = {};
  var found = document.querySelectorAll("[data-item]");
  for (var n = 0; n < found.length; n++) {
    nodes[found[n].getAttribute("data-item")] = found[n];
  }
  var fVariant = document.getElementById("f-variant");
  var fAnswerable = document.getElementById("f-answerable");
  var fHallucinated = document.getElementById("f-hallucinated");
  var fFailed = document.getElementById("f-failed");
  var fText = document.getElementById("f-text");
  var count = document.getElementById("f-count");

  function setSelect(select, value) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) {
        select.selectedIndex = i;
        return;
      }
    }
  }

  function readHash() {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    if (params.has("variant")) setSelect(fVariant, params.get("variant"));
    if (params.has("answerable")) setSelect(fAnswerable, params.get("answerable"));
    fHallucinated.checked = params.get("hallucinated") === "1";
    fFailed.checked = params.get("failed") === "1";
    if (params.has("q")) fText.value = params.get("q");
  }

  function writeHash() {
    var params = new URLSearchParams();
    if (fVariant.value) params.set("variant", fVariant.value);
    if (fAnswerable.value) params.set("answerable", fAnswerable.value);
    if (fHallucinated.checked) params.set("hallucinated", "1");
    if (fFailed.checked) params.set("failed", "1");
    if (fText.value.trim()) params.set("q", fText.value.trim());
    var hash = params.toString();
    try {
      window.history.replaceState(null, "", hash ? "#" + hash : window.location.pathname + window.location.search);
    } catch (err) {
      /* some viewers forbid history changes: filtering still works */
    }
  }

  function apply() {
    var variant = fVariant.value;
    var answerable = fAnswerable.value;
    var terms = fText.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var it = items[i];
      var ok = (!variant || it.v === variant) &&
        (!answerable || (answerable === "answerable") === it.a) &&
        (!fHallucinated.checked || it.h) &&
        (!fFailed.checked || it.f);
      for (var t = 0; ok && t < terms.length; t++) {
        if (it.t.indexOf(terms[t]) < 0) ok = false;
      }
      var node = nodes[String(it.i)];
      if (node) node.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown + " of " + items.length + " results shown";
    document.body.setAttribute("data-qa-shown", String(shown));
  }

  function changed() {
    apply();
    writeHash();
  }

  [fVariant, fAnswerable, fHallucinated, fFailed].forEach(function (el) {
    el.addEventListener("change", changed);
  });
  fText.addEventListener("input", changed);
  window.addEventListener("hashchange", function () {
    readHash();
    apply();
  });
  document.getElementById("f-reset").addEventListener("click", function () {
    fVariant.selectedIndex = 0;
    fAnswerable.selectedIndex = 0;
    fHallucinated.checked = false;
    fFailed.checked = false;
    fText.value = "";
    changed();
  });
  document.getElementById("f-expand").addEventListener("click", function () {
    for (var key in nodes) {
      if (!nodes[key].hidden) nodes[key].open = true;
    }
  });
  document.getElementById("f-collapse").addEventListener("click", function () {
    for (var key in nodes) nodes[key].open = false;
  });
  // clicking a chart bar or a variant's column header shows that variant's items
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-filter-variant]") : null;
    if (!target) return;
    setSelect(fVariant, target.getAttribute("data-filter-variant"));
    changed();
    document.getElementById("items").scrollIntoView();
  });

  readHash();
  apply();
  document.body.setAttribute("data-qa-ready", "1");
})();
