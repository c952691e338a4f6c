// The article editor's live panel (templates/admin/articles/article/editor_checks.html): words,
// reading time, reading age and the checks before publishing, updated as the editor types. The
// figures come from the server (articles/admin/editor_stats.py), the same code that decides on
// Publish; every answer is shown with textContent, never as HTML. The script also marks long
// sentences and paragraphs in the preview, with the server's thresholds.
(function () {
  "use strict";
  var WAIT_MS = 600; // after the last key press
  var WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
  var ADDRESS = /(?:https?:\/\/|www\.)\S+|\S+@\S+\.\w+/gi;
  var SENTENCE_END = /(?<=[.!?])["'”’)]*\s+/g;
  var BLOCKS = "p, li, h2, h3, h4, h5, h6, td, th";
  var NOT_PROSE = "code, pre, sup, .footnote";

  function countWords(text) {
    return (text.replace(ADDRESS, " ").match(WORD) || []).length;
  }

  function setFigure(panel, name, text) {
    var place = panel.querySelector('[data-figure="' + name + '"]');
    if (place) place.textContent = text;
  }

  function show(panel, data) {
    setFigure(panel, "words", String(data.words));
    setFigure(panel, "reading_minutes", data.reading_minutes + " min");
    var age = data.reading_age;
    setFigure(panel, "reading_age", age ? age.years + " years (" + age.formula + ")" : "too short to judge");
    var ageBox = panel.querySelector('[data-figure="reading_age"]');
    ageBox.classList.toggle("editor-figure--over", Boolean(age && age.years > data.reading_age_target));
    setFigure(panel, "long_sentences", String(data.long_sentences));
    setFigure(panel, "long_paragraphs", String(data.long_paragraphs));
    var list = panel.querySelector("[data-problems]");
    list.replaceChildren();
    var errors = 0;
    data.problems.forEach(function (problem) {
      var item = document.createElement("li");
      var label = document.createElement("strong");
      var isError = problem.level === "error";
      errors += isError ? 1 : 0;
      item.className = "editor-problem editor-problem--" + (isError ? "error" : "warning");
      label.textContent = isError ? "Must fix:" : "Worth a look:";
      item.append(label, " " + problem.message);
      list.appendChild(item);
    });
    var warnings = data.problems.length - errors;
    var summary = panel.querySelector("[data-checks-summary]");
    var said = data.problems.length
      ? errors + (errors === 1 ? " error" : " errors") + " (must fix before publishing), " +
        warnings + (warnings === 1 ? " warning" : " warnings") + "."
      : "No problems found: it is ready to submit or publish.";
    if (summary.textContent !== said) summary.textContent = said; // announced only when it changes
  }

  function request(panel, form) {
    var data = new FormData();
    panel.dataset.fields.split(" ").forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && typeof field.value === "string") data.append(name, field.value);
    });
    data.append("article", panel.dataset.article || "");
    var token = form.elements.namedItem("csrfmiddlewaretoken");
    return fetch(panel.dataset.statsUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "" }
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) throw new Error(answer.error || "The figures could not be updated.");
        return answer;
      });
    });
  }

  // --- Marking the preview -------------------------------------------------------------------

  function proseTextNodes(block) {
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        return parent && parent.closest(NOT_PROSE) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  // A Range over [start, end) of the block's prose text, which may cross links and bold text.
  function rangeOver(nodes, start, end) {
    var range = document.createRange();
    var offset = 0;
    var started = false;
    for (var i = 0; i < nodes.length; i++) {
      var length = nodes[i].data.length;
      if (!started && start < offset + length) {
        range.setStart(nodes[i], start - offset);
        started = true;
      }
      if (started && end <= offset + length) {
        range.setEnd(nodes[i], end - offset);
        return range;
      }
      offset += length;
    }
    return null;
  }

  function markPreview(preview, longSentence, longParagraph) {
    var ranges = [];
    preview.querySelectorAll(BLOCKS).forEach(function (block) {
      if (block.closest(NOT_PROSE) || block.querySelector(BLOCKS)) return; // a list item holding paragraphs
      var nodes = proseTextNodes(block);
      var text = nodes.map(function (node) { return node.data; }).join("");
      block.classList.toggle("editor-long-paragraph", countWords(text) > longParagraph);
      var start = 0;
      text.split(SENTENCE_END).forEach(function (sentence) {
        var at = text.indexOf(sentence, start);
        if (at === -1) return;
        start = at + sentence.length;
        if (countWords(sentence) > longSentence) {
          var range = rangeOver(nodes, at, at + sentence.trimEnd().length);
          if (range) ranges.push(range);
        }
      });
    });
    if (window.CSS && CSS.highlights && window.Highlight) {
      CSS.highlights.set("editor-long-sentence", new Highlight(...ranges));
    }
    preview.dataset.longSentences = String(ranges.length);
  }

  function start(panel) {
    var form = panel.closest("form");
    var body = form && form.elements.namedItem("body");
    if (!body) return;
    var editor = body.closest(".markdown-editor");
    if (editor) editor.after(panel); // beside the text it describes
    var legend = panel.querySelector("[data-preview-legend]");
    if (legend) legend.hidden = false; // the marks it explains are this script's
    var status = document.createElement("p");
    status.className = "editor-checks__error";
    panel.appendChild(status);
    var fields = panel.dataset.fields.split(" ");
    var timer = null;
    var latest = 0;
    var limits = { sentence: 25, paragraph: 100 };

    function refresh() {
      var asked = ++latest;
      request(panel, form).then(function (data) {
        if (asked !== latest) return; // a later request is on its way
        limits = { sentence: data.long_sentence_words, paragraph: data.long_paragraph_words };
        status.textContent = "";
        show(panel, data);
        var preview = editor && editor.querySelector(".markdownx-preview");
        if (preview) markPreview(preview, limits.sentence, limits.paragraph);
      }).catch(function (error) {
        if (asked === latest) status.textContent = "Figures not updated: " + error.message;
      });
    }

    form.addEventListener("input", function (event) {
      if (fields.indexOf(event.target.name) === -1) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, WAIT_MS);
    });
    var markdownx = editor && editor.querySelector(".markdownx");
    if (markdownx) {
      markdownx.addEventListener("markdownx.update", function () {
        markPreview(markdownx.querySelector(".markdownx-preview"), limits.sentence, limits.paragraph);
      });
    }
    refresh();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("editor-checks");
    if (panel && window.fetch) start(panel);
  });
})();
