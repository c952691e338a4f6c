// Admin article form: while the text is typed, says which [@n] citations have no source n in the
// Sources rows below. The live preview only sees the text (it links every [@n]); saving refuses a
// missing source anyway, so this is early warning, and the form works the same without it.
(function () {
  "use strict";

  function sourceCount(group) {
    var count = 0;
    group.querySelectorAll(".inline-related:not(.empty-form)").forEach(function (row) {
      var title = row.querySelector("input[name$='-title']");
      var deleted = row.querySelector("input[name$='-remove']");
      if (title && title.value.trim() && !(deleted && deleted.checked)) count += 1;
    });
    return count;
  }

  function check(preview, group, status) {
    var count = sourceCount(group);
    var missing = [];
    preview.querySelectorAll("sup.citation a[href^='#source-']").forEach(function (link) {
      var number = parseInt(link.getAttribute("href").slice("#source-".length), 10);
      var unknown = !(number >= 1 && number <= count);
      link.parentNode.classList.toggle("citation--unknown", unknown);
      if (unknown && missing.indexOf(number) === -1) missing.push(number);
    });
    if (missing.length) {
      var cited = missing.map(function (number) { return "[@" + number + "]"; }).join(", ");
      status.textContent = "The text cites " + cited + ", but the Sources list below has " +
        (count ? "only " + count : "none yet") + ". Add the source, or correct the number.";
      status.hidden = false;
    } else {
      status.textContent = "";
      status.hidden = true;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var group = document.getElementById("references-group");
    var box = document.querySelector(".field-body .markdownx");
    var preview = box && box.querySelector(".markdownx-preview");
    if (!group || !preview) return;
    var status = document.createElement("p");
    status.className = "editor-citation-status";
    status.setAttribute("role", "status");
    status.hidden = true;
    preview.parentNode.insertBefore(status, preview.nextSibling);
    var run = function () { check(preview, group, status); };
    new MutationObserver(run).observe(preview, { childList: true, subtree: true });
    group.addEventListener("input", run);
    group.addEventListener("change", run);
    document.addEventListener("formset:added", run);
    document.addEventListener("formset:removed", run);
    run();
  });
})();
