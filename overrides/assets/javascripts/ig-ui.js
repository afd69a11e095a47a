/* IG.ui: small DOM helpers shared by the guide's widgets (questions, Practice, Planner,
 * checklist), so each builds buttons, tables, dialogs and files the same way. */
(function () {
  "use strict";

  // How long a downloaded file's object URL lives: long enough for the browser to start saving.
  const REVOKE_AFTER_MS = 1000;

  var IG = (window.IG = window.IG || {});

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function button(text, className, onClick) {
    var node = element("button", "md-button " + (className || ""), text);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  function focus(node) {
    if (node) {
      if (!node.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(node.tagName)) {
        node.setAttribute("tabindex", "-1");
      }
      node.focus();
    }
  }

  function table(headers, rows, caption, className) {
    var node = element("table"); // no class: Material styles only table:not([class])
    if (caption) {
      node.appendChild(element("caption", "ig-visually-hidden", caption));
    }
    var head = element("thead");
    var headRow = element("tr");
    headers.forEach(function (text) {
      var cell = element("th", null, text);
      cell.scope = "col";
      headRow.appendChild(cell);
    });
    head.appendChild(headRow);
    node.appendChild(head);
    var body = element("tbody");
    rows.forEach(function (cells) {
      var row = element("tr");
      cells.forEach(function (cell, index) {
        var node = element(index === 0 ? "th" : "td");
        if (index === 0) {
          node.scope = "row";
        }
        if (cell instanceof Node) {
          node.appendChild(cell);
        } else {
          node.textContent = cell;
        }
        row.appendChild(node);
      });
      body.appendChild(row);
    });
    node.appendChild(body);
    var wrapper = element("div", "md-typeset__scrollwrap " + (className || ""));
    var inner = element("div", "md-typeset__table");
    inner.appendChild(node);
    wrapper.appendChild(inner);
    return wrapper;
  }

  /** A modal yes/no question; resolves true for yes. Native <dialog> traps focus and
   * returns it to the opener; Escape answers no. */
  function confirmDialog(message, yes, no) {
    return new Promise(function (resolve) {
      var dialog = element("dialog", "ig-dialog");
      var text = element("p", "ig-dialog__message", message);
      text.id = "ig-dialog-" + Date.now();
      dialog.setAttribute("aria-labelledby", text.id);
      var actions = element("div", "ig-dialog__actions");
      var noButton = button(no, "", function () {
        dialog.close("no");
      });
      var yesButton = button(yes, "md-button--primary", function () {
        dialog.close("yes");
      });
      actions.appendChild(noButton);
      actions.appendChild(yesButton);
      dialog.appendChild(text);
      dialog.appendChild(actions);
      dialog.addEventListener("close", function () {
        resolve(dialog.returnValue === "yes");
        dialog.remove();
      });
      document.body.appendChild(dialog);
      if (typeof dialog.showModal === "function") {
        dialog.showModal();
        noButton.focus();
      } else {
        dialog.remove();
        resolve(window.confirm(message));
      }
    });
  }

  /** Offer `text` as a file download called `name`. */
  function downloadFile(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = element("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () {
      URL.revokeObjectURL(url);
    }, REVOKE_AFTER_MS);
  }

  /** Ask the reader for a file; resolves with its text (rejects if it cannot be read). */
  function chooseTextFile(accept) {
    return new Promise(function (resolve, reject) {
      var input = element("input", "ig-visually-hidden");
      input.type = "file";
      input.accept = accept;
      input.tabIndex = -1;
      input.setAttribute("aria-hidden", "true");
      input.addEventListener("change", function () {
        var chosen = input.files && input.files[0];
        input.remove();
        if (!chosen) {
          return;
        }
        var reader = new FileReader();
        reader.onload = function () {
          resolve(String(reader.result));
        };
        reader.onerror = reject;
        reader.readAsText(chosen);
      });
      document.body.appendChild(input);
      input.click();
    });
  }

  var notices = []; // storage notices on the current page, each with its unsubscribe function

  /** A status line at the top of `root` that explains each storage problem once
   * (labels: storage_unavailable, storage_corrupt, storage_full, storage_newer). Returns
   * {element, stop}. Its listener is removed by `stop()` or, at the latest, on the next page
   * (instant navigation replaces the content without unloading the scripts). */
  function storageNotice(root, labels) {
    var notice = element("div", "ig-notice");
    notice.setAttribute("role", "status");
    var messages = {
      unavailable: labels.storage_unavailable,
      corrupt: labels.storage_corrupt,
      full: labels.storage_full,
      newer: labels.storage_newer
    };
    function show(kind) {
      if (!messages[kind] || notice.querySelector("[data-ig-problem='" + kind + "']")) {
        return;
      }
      var line = element("p", null, messages[kind]);
      line.setAttribute("data-ig-problem", kind);
      notice.appendChild(line);
      notice.hidden = false;
    }
    notice.hidden = true;
    root.insertBefore(notice, root.firstChild);
    IG.store.problems().forEach(show);
    var entry = { element: notice, stop: null };
    var unsubscribe = IG.store.onProblem(show);
    entry.stop = function () {
      unsubscribe();
      notices = notices.filter(function (other) {
        return other !== entry;
      });
    };
    notices.push(entry);
    return entry;
  }

  /** Stop the notices whose element has left the page. */
  function dropDetachedNotices() {
    notices.slice().forEach(function (entry) {
      if (!document.body.contains(entry.element)) {
        entry.stop();
      }
    });
  }

  /** A radio button or checkbox with its label, in a row: {row, input, label}.
   * `text` may be a string or a node (for a label with emphasis). */
  function choice(type, name, id, value, text, checked, rowClass) {
    var row = element(rowClass ? "span" : "div", "ig-check" + (rowClass ? " " + rowClass : ""));
    var input = element("input");
    input.type = type;
    input.name = name;
    input.id = id;
    input.value = value;
    input.checked = !!checked;
    var label = element("label");
    label.htmlFor = id;
    if (typeof text === "string") {
      label.textContent = text;
    } else if (text) {
      label.appendChild(text);
    }
    row.appendChild(input);
    row.appendChild(label);
    return { row: row, input: input, label: label };
  }

  /** A labelled form field: <div class="ig-field"><label>text</label>input ...extra</div>. */
  function field(text, input, ...extras) {
    var row = element("div", "ig-field");
    var label = element("label", null, text);
    label.htmlFor = input.id;
    row.appendChild(label);
    row.appendChild(input);
    extras.forEach(function (extra) {
      row.appendChild(extra);
    });
    return row;
  }

  /** Run `start(root, config)` once for every element carrying `attribute` (a data-ig-*
   * attribute holding the widget's JSON), on the first page and after every instant
   * navigation (mkdocs-material's document$). */
  function mount(attribute, start) {
    function startAll() {
      Array.prototype.forEach.call(document.querySelectorAll("[" + attribute + "]"), function (root) {
        if (root.getAttribute("data-ig-ready")) {
          return;
        }
        var config;
        try {
          config = JSON.parse(root.getAttribute(attribute));
        } catch (error) {
          return;
        }
        root.setAttribute("data-ig-ready", "1");
        start(root, config);
      });
    }
    onEachPage(startAll);
  }

  /** Call `callback` on the first page and after every instant navigation. */
  function onEachPage(callback) {
    if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
      window.document$.subscribe(callback);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", callback);
    } else {
      callback();
    }
  }

  onEachPage(dropDetachedNotices);

  /* Scripts that only one page uses are loaded on the pages whose widget names them in
   * data-ig-scripts (hooks/imgguide/embed.py WIDGET_SCRIPTS), so a step page, read on a slow
   * phone connection, carries none of them. Each registers its widget with mount(), which
   * starts it at once (document$ replays the current page to a late subscriber). */
  var scriptFolder = document.currentScript ? document.currentScript.src.replace(/[^/]*$/, "") : "";
  var requested = {};

  function loadWidgetScripts() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-ig-scripts]"), function (root) {
      root.getAttribute("data-ig-scripts").split(" ").forEach(function (name) {
        if (!name || requested[name] || !scriptFolder) {
          return;
        }
        requested[name] = true;
        var script = document.createElement("script");
        script.src = scriptFolder + name;
        script.async = false; // run in the listed order
        document.head.appendChild(script);
      });
    });
  }

  onEachPage(loadWidgetScripts);

  IG.ui = {
    element: element,
    choice: choice,
    field: field,
    mount: mount,
    onEachPage: onEachPage,
    button: button,
    focus: focus,
    table: table,
    confirmDialog: confirmDialog,
    downloadFile: downloadFile,
    chooseTextFile: chooseTextFile,
    storageNotice: storageNotice
  };
})();
