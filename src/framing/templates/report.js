(function () {
  "use strict";
  // Filters the evidence table by group, axis, pole, voice and words. Values are only compared
  // with the rows' data attributes and their text; nothing is ever written into the page as HTML.
  var form = document.getElementById("filters");
  var fields = ["group", "axis", "pole", "voice", "q"];
  var blocks = Array.prototype.slice.call(document.querySelectorAll("tbody.block"));

  function field(name) {
    return form.elements.namedItem(name);
  }

  function apply() {
    var want = {};
    fields.forEach(function (name) { want[name] = field(name).value; });
    var words = want.q.trim().toLowerCase();
    var shown = 0;
    blocks.forEach(function (block) {
      var chosen = (!want.group || block.dataset.group === want.group) &&
        (!want.axis || block.dataset.axis === want.axis) &&
        (!want.pole || block.dataset.pole === want.pole);
      var visible = 0;
      block.querySelectorAll("tr.sentence").forEach(function (row) {
        var match = chosen && (!want.voice || row.dataset.voice === want.voice) &&
          (!words || row.textContent.toLowerCase().indexOf(words) >= 0);
        row.hidden = !match;
        if (match) { visible += 1; }
      });
      block.hidden = visible === 0;
      shown += visible;
    });
    document.getElementById("shown").textContent = String(shown);
    document.getElementById("no-match").hidden = shown > 0;
  }

  function initial(name) {  // the value a field has when the page opens (or on "show all")
    var options = field(name).options || [];
    for (var i = 0; i < options.length; i += 1) {
      if (options[i].defaultSelected) { return options[i].value; }
    }
    return "";
  }

  function choose(name, value) {
    var control = field(name);
    control.value = value;
    if (control.value !== value) { control.value = ""; }  // not one of the options: all
  }

  // ?group=...&axis=...&pole=...&voice=...&q=... sets the filter; so does #ev-... (a block's id,
  // the target of the links in the comparison tables), to that block's group, axis and pole.
  function fromAddress(hashOnly) {
    var params = new URLSearchParams(hashOnly ? "" : window.location.search);
    var target = null;
    fields.forEach(function (name) {
      if (params.has(name)) {
        choose(name, params.get(name));
        target = form;
      }
    });
    var id = decodeURIComponent(window.location.hash.slice(1));
    var block = id ? document.getElementById(id) : null;
    if (block && block.classList.contains("block")) {
      choose("group", block.dataset.group);
      choose("axis", block.dataset.axis);
      choose("pole", block.dataset.pole);
      choose("voice", initial("voice"));  // the voice the comparison counted
      choose("q", "");
      target = block;
    } else if (block) {
      target = block;
    }
    apply();
    if (target) { target.scrollIntoView(); }  // after filtering: the page's height has changed
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  window.addEventListener("hashchange", function () { fromAddress(true); });
  document.querySelectorAll('a[href^="#ev-"]').forEach(function (link) {
    link.addEventListener("click", function () {  // the same link again: no hashchange
      if (link.hash === window.location.hash) { fromAddress(true); }
    });
  });
  fromAddress(false);
}());
