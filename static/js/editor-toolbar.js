// The Markdown editor's formatting toolbar (articles/admin/markdown_editor.py): each button writes
// Markdown into the text box around the selection, as an editor would type it. A toolbar in the
// ARIA sense: Tab reaches it once, the arrow keys, Home and End move between its buttons. Ctrl+B
// and Ctrl+I work in the text box. Hidden until this script runs, so no button is ever dead.
(function () {
  "use strict";

  function lineBounds(text, start, end) {
    var from = text.lastIndexOf("\n", start - 1) + 1;
    var to = text.indexOf("\n", end);
    return [from, to === -1 ? text.length : to];
  }

  // Replaces [start, end) with `text` and selects [selectFrom, selectTo) of what was inserted.
  // execCommand keeps the browser's undo history; setRangeText is the fallback.
  function replace(box, start, end, text, selectFrom, selectTo) {
    box.focus();
    box.setSelectionRange(start, end);
    var done = false;
    try {
      done = document.execCommand("insertText", false, text);
    } catch (error) {
      done = false;
    }
    if (!done || box.value.substring(start, start + text.length) !== text) {
      box.setRangeText(text, start, end, "end");
    }
    box.setSelectionRange(start + selectFrom, start + selectTo);
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function wrap(box, before, after, placeholder) {
    var start = box.selectionStart;
    var end = box.selectionEnd;
    var chosen = box.value.substring(start, end) || placeholder;
    replace(box, start, end, before + chosen + after, before.length, before.length + chosen.length);
  }

  function prefixLines(box, prefix, placeholder) {
    var bounds = lineBounds(box.value, box.selectionStart, box.selectionEnd);
    var lines = box.value.substring(bounds[0], bounds[1]) || placeholder;
    var prefixed = lines
      .split("\n")
      .map(function (line) {
        return line.indexOf(prefix) === 0 ? line : prefix + line;
      })
      .join("\n");
    replace(box, bounds[0], bounds[1], prefixed, 0, prefixed.length);
  }

  function link(box) {
    var start = box.selectionStart;
    var end = box.selectionEnd;
    var words = box.value.substring(start, end) || "words that say where the link leads";
    var text = "[" + words + "](https://)";
    // Select the address, the part still to type.
    replace(box, start, end, text, words.length + 3, text.length - 1);
  }

  function citation(box) {
    var at = box.selectionEnd;
    replace(box, at, at, "[@1]", 2, 3); // the number selected, to type the source's own
  }

  function pickImage(toolbar, box) {
    var picker = toolbar.querySelector("[data-image-picker]");
    picker.value = "";
    picker.onchange = function () {
      if (!picker.files.length) return;
      // markdownx uploads what is dropped on the text box; editor-images.js then asks for a description.
      var transfer = new DataTransfer();
      transfer.items.add(picker.files[0]);
      box.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    };
    picker.click();
  }

  var FORMATS = {
    heading: function (box) { prefixLines(box, "## ", "Heading"); },
    bold: function (box) { wrap(box, "**", "**", "bold text"); },
    italic: function (box) { wrap(box, "*", "*", "italic text"); },
    link: link,
    list: function (box) { prefixLines(box, "- ", "List item"); },
    quote: function (box) { prefixLines(box, "> ", "Quotation"); },
    citation: citation
  };

  function moveFocus(buttons, current, key) {
    var index = buttons.indexOf(current);
    var next = {
      ArrowRight: index + 1,
      ArrowDown: index + 1,
      ArrowLeft: index - 1,
      ArrowUp: index - 1,
      Home: 0,
      End: buttons.length - 1
    }[key];
    if (next === undefined) return false;
    next = (next + buttons.length) % buttons.length;
    buttons.forEach(function (button, position) {
      button.tabIndex = position === next ? 0 : -1;
    });
    buttons[next].focus();
    return true;
  }

  function enhance(editor) {
    var toolbar = editor.querySelector("[data-markdown-toolbar]");
    var box = editor.querySelector("textarea");
    if (!toolbar || !box || toolbar.dataset.ready) return;
    toolbar.dataset.ready = "on";
    var buttons = Array.prototype.slice.call(toolbar.querySelectorAll("button[data-format]"));
    buttons.forEach(function (button, position) {
      button.tabIndex = position === 0 ? 0 : -1;
      button.addEventListener("click", function () {
        var format = button.dataset.format;
        if (format === "image") pickImage(toolbar, box);
        else FORMATS[format](box);
      });
    });
    toolbar.addEventListener("keydown", function (event) {
      if (moveFocus(buttons, document.activeElement, event.key)) event.preventDefault();
    });
    box.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      var key = event.key.toLowerCase();
      if (key === "b" || key === "i") {
        event.preventDefault();
        FORMATS[key === "b" ? "bold" : "italic"](box);
      }
    });
    toolbar.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".markdown-editor").forEach(enhance);
  });
})();
