// Editors never lose work: autosave in this browser, an offer to restore it, a warning before leaving.
//
// Why the browser and not the server: the admin's save is the only path that writes editorial
// content and the workflow state (who changed what, revisions, review, publishing). A server-side
// autosave would create saves that nobody chose to make, so unsaved typing stays in this browser's
// localStorage until the editor saves it through the form, restores it, or discards it.
//
// What is stored: on pages whose form carries <div id="autosave" data-autosave-key="..."> (rendered
// only for a signed-in user; the key holds the username and page path), the fields the editor
// changed from what the server sent, with the server's value beside each (to tell the editor when
// the saved page has changed since). Files, passwords, the CSRF token and hidden bookkeeping fields
// are never stored. Entries older than 30 days are dropped.
//
// When it is cleared: the form's submission marks the entry in this tab; if the next admin page
// shows Django's success message, the save went through and the entry is removed. If the form comes
// back with errors, its (unsaved) values are stored again. A submission that never arrives (server
// error, lost connection) leaves the entry, and the next visit offers it back.
(function () {
  "use strict";
  var PREFIX = "rv-autosave:";
  var SUBMITTED = "rv-autosave-submitted"; // sessionStorage: the key whose form this tab just submitted
  var DELAY_MS = 1000;
  var KEEP_DAYS = 30;
  var NOT_STORED = ["hidden", "file", "password", "submit", "button", "reset", "image"];
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function usableStorage(kind) {
    try {
      var store = window[kind];
      store.setItem(PREFIX + "probe", "1");
      store.removeItem(PREFIX + "probe");
      return store;
    } catch (error) {
      return null; // storage switched off or full: the warning before leaving still works
    }
  }
  var local = usableStorage("localStorage");
  var session = usableStorage("sessionStorage");

  function readEntry(key) {
    try {
      var entry = JSON.parse(local.getItem(key));
      return entry && entry.values ? entry : null;
    } catch (error) {
      return null;
    }
  }

  function writeEntry(key, entry) {
    var text = JSON.stringify(entry);
    var others = null;
    for (;;) {
      try {
        local.setItem(key, text);
        return;
      } catch (error) {
        // Storage full: make room by dropping other forms' copies, oldest first; else keep the last copy.
        if (others === null) others = otherEntriesOldestFirst(key);
        if (!others.length) return;
        local.removeItem(others.shift());
      }
    }
  }

  function otherEntriesOldestFirst(key) {
    var found = [];
    for (var i = 0; i < local.length; i++) {
      var name = local.key(i);
      if (name && name !== key && name.indexOf(PREFIX) === 0) {
        found.push({ name: name, savedAt: (readEntry(name) || {}).savedAt || 0 });
      }
    }
    found.sort(function (a, b) {
      return a.savedAt - b.savedAt;
    });
    return found.map(function (item) {
      return item.name;
    });
  }

  function dropOldEntries() {
    var limit = Date.now() - KEEP_DAYS * 24 * 3600 * 1000;
    for (var i = local.length - 1; i >= 0; i--) {
      var key = local.key(i);
      if (key && key.indexOf(PREFIX) === 0) {
        var entry = readEntry(key);
        if (!entry || !(entry.savedAt > limit)) local.removeItem(key);
      }
    }
  }

  // The entry of the form this tab just submitted is cleared when the admin confirms the save.
  function clearAfterSuccessfulSave() {
    var key = session && session.getItem(SUBMITTED);
    if (!key) return;
    session.removeItem(SUBMITTED);
    if (document.querySelector(".messagelist .success") && !document.querySelector(".errornote")) {
      local.removeItem(key);
    }
  }

  // --- Reading and writing form fields, grouped by name -------------------------------------------

  function restorable(element) {
    if (!element.name || element.disabled || element.name === "csrfmiddlewaretoken") return false;
    if (element.name.indexOf("__prefix__") !== -1) return false; // the template row of an inline formset
    if (element.tagName === "TEXTAREA" || element.tagName === "SELECT") return true;
    return element.tagName === "INPUT" && NOT_STORED.indexOf((element.type || "text").toLowerCase()) === -1;
  }

  function fieldsByName(form) {
    var groups = {};
    var order = [];
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!restorable(element)) return;
      if (!groups[element.name]) {
        groups[element.name] = [];
        order.push(element.name);
      }
      groups[element.name].push(element);
    });
    return { groups: groups, order: order };
  }

  // One JSON-friendly value per name; `defaults` reads what the server rendered, not what is shown.
  function valueOf(elements, defaults) {
    var first = elements[0];
    if (first.tagName === "SELECT") {
      var options = Array.prototype.slice.call(first.options);
      var chosen = options.filter(function (option) {
        return defaults ? option.defaultSelected : option.selected;
      });
      if (defaults && !chosen.length && !first.multiple && first.size <= 1) {
        // With nothing marked as selected, a drop-down shows its first usable option.
        chosen = options
          .filter(function (option) {
            return !option.disabled;
          })
          .slice(0, 1);
      }
      return chosen.map(function (option) {
        return option.value;
      });
    }
    var checked = function (element) {
      return defaults ? element.defaultChecked : element.checked;
    };
    if (first.type === "radio") {
      var picked = elements.filter(checked)[0];
      return picked ? picked.value : null;
    }
    if (first.type === "checkbox") {
      if (elements.length === 1) return checked(first);
      return elements.filter(checked).map(function (element) {
        return element.value;
      });
    }
    return defaults ? first.defaultValue : first.value;
  }

  function readForm(fields, defaults) {
    var values = {};
    fields.order.forEach(function (name) {
      values[name] = valueOf(fields.groups[name], defaults);
    });
    return values;
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function selectLabels(elements) {
    var labels = {};
    if (elements[0].tagName === "SELECT") {
      Array.prototype.forEach.call(elements[0].selectedOptions, function (option) {
        labels[option.value] = option.textContent;
      });
    }
    return labels;
  }

  function apply(elements, value, labels) {
    var first = elements[0];
    if (first.tagName === "SELECT") {
      var wanted = Array.isArray(value) ? value : [value];
      wanted.forEach(function (optionValue) {
        // Autocomplete menus only hold their chosen options; add the one that was chosen before.
        var exists = Array.prototype.some.call(first.options, function (option) {
          return option.value === optionValue;
        });
        if (!exists) first.add(new Option((labels && labels[optionValue]) || optionValue, optionValue));
      });
      Array.prototype.forEach.call(first.options, function (option) {
        option.selected = wanted.indexOf(option.value) !== -1;
      });
    } else if (first.type === "radio") {
      elements.forEach(function (element) {
        element.checked = element.value === value;
      });
    } else if (first.type === "checkbox") {
      elements.forEach(function (element) {
        element.checked = elements.length === 1 ? Boolean(value) : value.indexOf(element.value) !== -1;
      });
    } else {
      first.value = value;
    }
    // Listeners (the Markdown preview, the slug, autocomplete menus) update as if the editor typed.
    first.dispatchEvent(new Event("input", { bubbles: true }));
    first.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function labelOf(form, elements) {
    var label = elements[0].id && form.querySelector('label[for="' + elements[0].id + '"]');
    var text = label ? label.textContent : elements[0].name;
    return text.replace(/:\s*$/, "").trim();
  }

  function when(timestamp) {
    var date = new Date(timestamp);
    var pad = function (number) {
      return (number < 10 ? "0" : "") + number;
    };
    var time = pad(date.getHours()) + ":" + pad(date.getMinutes());
    if (date.toDateString() === new Date().toDateString()) return time;
    return time + " on " + date.getDate() + " " + MONTHS[date.getMonth()] + " " + date.getFullYear();
  }

  // --- The restore banner -------------------------------------------------------------------------

  function button(text, action) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "button";
    element.textContent = text;
    element.addEventListener("click", action);
    return element;
  }

  function showBanner(marker, texts, onRestore, onDiscard) {
    var banner = document.createElement("section");
    banner.className = "autosave-banner";
    banner.setAttribute("aria-labelledby", "autosave-heading");
    banner.tabIndex = -1;
    var heading = document.createElement("h2");
    heading.id = "autosave-heading";
    heading.textContent = "Unsaved changes";
    var status = document.createElement("div");
    status.setAttribute("role", "status");
    texts.forEach(function (text) {
      var paragraph = document.createElement("p");
      paragraph.textContent = text;
      status.appendChild(paragraph);
    });
    var actions = document.createElement("p");
    actions.className = "autosave-banner__actions";
    banner.append(heading, status, actions);

    function settle(message, action) {
      return function () {
        action();
        actions.remove();
        status.replaceChildren();
        var paragraph = document.createElement("p");
        paragraph.textContent = message;
        status.appendChild(paragraph);
        banner.focus(); // the button that had focus is gone
      };
    }
    actions.append(
      button("Restore them", settle("Your unsaved changes are back in the form. Save to keep them.", onRestore)),
      document.createTextNode(" "),
      button("Discard", settle("The unsaved changes were discarded.", onDiscard))
    );
    marker.appendChild(banner);
  }

  // --- One form ----------------------------------------------------------------------------------

  function watch(marker) {
    var form = marker.closest("form");
    var key = marker.getAttribute("data-autosave-key");
    if (!form || !key || key.indexOf(PREFIX) !== 0) return;
    var fields = fieldsByName(form);
    var shown = readForm(fields, false);
    var base = readForm(fields, true); // what the server sent: a change is a difference from this
    var stored = local && readEntry(key);
    var pending = null; // stored changes not yet restored or discarded
    var submitting = false;
    var timer = null;

    if (document.querySelector(".errornote")) {
      // The form came back refused: what it shows was never saved.
      if (stored) {
        Object.keys(stored.base || {}).forEach(function (name) {
          if (name in base) base[name] = stored.base[name];
        });
      } else {
        base = {}; // nothing tells which fields were changed: keep them all
      }
    } else if (stored) {
      var differing = fields.order.filter(function (name) {
        return name in stored.values && !same(stored.values[name], shown[name]);
      });
      if (differing.length) {
        pending = stored;
        offer(differing);
      } else {
        local.removeItem(key); // the form already shows them: saved, or restored by the browser
      }
    }

    function changes() {
      fields = fieldsByName(form); // inline rows may have been added
      var now = readForm(fields, false);
      var entry = { savedAt: Date.now(), values: {}, base: {}, labels: {} };
      fields.order.forEach(function (name) {
        if (name in base && same(now[name], base[name])) return;
        entry.values[name] = now[name];
        if (name in base) entry.base[name] = base[name];
        entry.labels[name] = selectLabels(fields.groups[name]);
      });
      return entry;
    }

    function save() {
      window.clearTimeout(timer);
      timer = null;
      if (!local) return;
      var entry = changes();
      if (pending) {
        Object.keys(pending.values).forEach(function (name) {
          if (name in entry.values) return;
          entry.values[name] = pending.values[name];
          if (pending.base && name in pending.base) entry.base[name] = pending.base[name];
          if (pending.labels && pending.labels[name]) entry.labels[name] = pending.labels[name];
        });
      }
      if (Object.keys(entry.values).length) writeEntry(key, entry);
      else local.removeItem(key);
    }

    function scheduleSave() {
      if (submitting) return; // saved when submitted; the next page decides whether to keep it
      window.clearTimeout(timer);
      timer = window.setTimeout(save, DELAY_MS);
    }

    function offer(names) {
      var texts = ["Unsaved changes from " + when(pending.savedAt) + " were found in this browser."];
      var overtaken = names.filter(function (name) {
        return pending.base && name in pending.base && !same(pending.base[name], shown[name]);
      });
      if (overtaken.length) {
        texts.push(
          "The saved version has changed since then (" +
            overtaken
              .map(function (name) {
                return labelOf(form, fields.groups[name]);
              })
              .join(", ") +
            "): restoring puts your version back in those fields."
        );
      }
      showBanner(
        marker,
        texts,
        function restore() {
          fields.order.forEach(function (name) {
            if (name in pending.values) apply(fields.groups[name], pending.values[name], (pending.labels || {})[name]);
          });
          pending = null;
          save();
        },
        function discard() {
          pending = null;
          save();
        }
      );
    }

    form.addEventListener("input", scheduleSave);
    form.addEventListener("change", scheduleSave);
    if (window.django && window.django.jQuery) {
      // Autocomplete menus announce their changes through jQuery only.
      window.django.jQuery(form).on("change", scheduleSave);
    }
    form.addEventListener("submit", function (event) {
      submitting = true;
      save();
      if (session) session.setItem(SUBMITTED, key);
      window.setTimeout(function () {
        if (event.defaultPrevented) submitting = false;
      }, 0);
    });
    window.addEventListener("pagehide", function () {
      if (timer) save();
    });
    window.addEventListener("beforeunload", function (event) {
      if (submitting) return;
      var unsaved = Object.keys(changes().values).length > 0 || form.querySelector(".kept-upload");
      if (!unsaved) return;
      if (timer) save();
      event.preventDefault();
      event.returnValue = "You have unsaved changes."; // older browsers need it to show their dialog
    });
    if (local && document.querySelector(".errornote")) save();
  }

  function start() {
    if (local) {
      clearAfterSuccessfulSave();
      dropOldEntries();
    }
    var marker = document.getElementById("autosave");
    if (marker) watch(marker);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
