// Admin editor helper: asks for a description of every uploaded image and shows
// upload refusals in words, instead of markdownx's "Invalid response" placeholder.
(function () {
  "use strict";
  var PLACEHOLDER = "Invalid response";

  function notify(box, message) {
    var status = box.querySelector(".editor-upload-status");
    if (!status) {
      status = document.createElement("p");
      status.className = "editor-upload-status";
      status.setAttribute("role", "status");
      box.insertBefore(status, box.firstChild);
    }
    status.textContent = message;
  }

  function refreshPreview(editor) {
    editor.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function describeUpload(box, editor, response) {
    var code = response.image_code;
    var description = window.prompt(
      "Describe this image for readers who cannot see it, e.g. “Immune cells under a microscope”:", ""
    );
    description = (description || "").replace(/[\[\]]/g, "").trim();
    if (description) {
      editor.value = editor.value.replace(code, code.replace("![]", "![" + description + "]"));
      notify(box, "Image uploaded with its description.");
    } else {
      notify(box, "Image uploaded. Write a description between its square brackets [ ] before saving.");
    }
    refreshPreview(editor);
  }

  function reportFailure(box, editor, response) {
    // markdownx inserts its placeholder just after raising the event.
    window.setTimeout(function () {
      editor.value = editor.value.replace(PLACEHOLDER, "");
      refreshPreview(editor);
    }, 0);
    var message = response && response.error ? response.error : "The image could not be uploaded. Please try again.";
    notify(box, "Upload refused: " + message);
  }

  function enhance(box) {
    var editor = box.querySelector("textarea");
    if (!editor || box.dataset.imageHelper) return;
    box.dataset.imageHelper = "on";
    box.addEventListener("markdownx.fileUploadEnd", function (event) {
      describeUpload(box, editor, event.detail[0]);
    });
    box.addEventListener("markdownx.fileUploadError", function (event) {
      reportFailure(box, editor, event.detail && event.detail[0]);
    });
    box.addEventListener("fileUploadError", function () {
      reportFailure(box, editor, null);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".markdownx").forEach(enhance);
  });
})();
