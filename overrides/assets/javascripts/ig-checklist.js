/* The readiness checklist: each item can be marked to do, done or not applicable, with a
 * progress bar, saved in this browser (IG.store "checklist"), exportable and resettable.
 *
 * State is keyed by item id, so it survives edits and reordering; answers for items that
 * no longer exist are kept but not counted. IG.checklist.read() gives the Planner the
 * same state to prefill what is already done.
 */
(function () {
  "use strict";

  var IG = (window.IG = window.IG || {});
  var ui = IG.ui;
  var el = ui.element;
  var STATES = ["todo", "done", "na"];
  var EXPORT_FORMAT = "imgguide-checklist";

  function isState(value) {
    return (
      value !== null &&
      typeof value === "object" &&
      value.v === 1 &&
      value.items !== null &&
      typeof value.items === "object" &&
      Object.keys(value.items).every(function (id) {
        return STATES.indexOf(value.items[id]) !== -1;
      })
    );
  }

  function read() {
    var stored = IG.store.read("checklist", isState);
    return stored ? stored.items : {};
  }

  function write(items) {
    IG.store.write("checklist", { v: 1, items: items, u: Date.now() });
  }

  /** Mark one item (the Planner's ticks use this, so "done" is one record for both). */
  function set(id, value) {
    var items = read();
    if (value === "todo") {
      delete items[id];
    } else if (STATES.indexOf(value) !== -1) {
      items[id] = value;
    }
    write(items);
  }

  IG.checklist = {
    /** {itemId: "done" | "na" | "todo"} as saved in this browser. */
    read: read,
    set: set
  };

  function itemText(item) {
    var copy = item.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("sup, .ig-badge, .ig-checklist__step, fieldset"), function (node) {
      node.remove();
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function start(root, config) {
    var labels = config.labels;
    var state = read();
    var list = root.querySelector("ul");
    ui.storageNotice(root, labels);

    var panel = el("div", "ig-checklist__progress");
    var heading = el("h2", null, labels.checklist_heading);
    heading.id = "ig-checklist-progress";
    var bar = el("progress", "ig-checklist__bar");
    bar.max = config.items.length;
    bar.setAttribute("aria-labelledby", heading.id);
    var summary = el("p", "ig-checklist__summary");
    var live = el("p", "ig-visually-hidden");
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    panel.appendChild(heading);
    panel.appendChild(bar);
    panel.appendChild(summary);
    panel.appendChild(live);
    root.insertBefore(panel, list);

    function update() {
      var done = 0;
      var na = 0;
      config.items.forEach(function (id) {
        done += state[id] === "done" ? 1 : 0;
        na += state[id] === "na" ? 1 : 0;
      });
      bar.max = Math.max(config.items.length - na, 1);
      bar.value = done;
      summary.textContent =
        done + " " + labels.checklist_of + " " + (config.items.length - na) + " " + labels.checklist_items_done +
        (na ? " (" + na + " " + labels.checklist_na_count + ")" : "");
    }

    var names = { todo: labels.checklist_todo, done: labels.checklist_done, na: labels.checklist_na };
    config.items.forEach(function (id) {
      var item = root.querySelector("#item-" + id);
      if (!item) {
        return;
      }
      var text = itemText(item);
      var group = el("fieldset", "ig-checklist__choice");
      group.appendChild(el("legend", "ig-visually-hidden", text));
      STATES.forEach(function (value) {
        var option = ui.choice("radio", "ig-check-" + id, "ig-check-" + id + "-" + value, value, names[value],
          (state[id] || "todo") === value, "ig-check--inline");
        group.appendChild(option.row);
      });
      group.addEventListener("change", function (event) {
        var value = event.target.value;
        if (value === "todo") {
          delete state[id];
        } else {
          state[id] = value;
        }
        write(state);
        item.className = "ig-checklist__item--" + value;
        update();
        live.textContent = labels.checklist_changed + " " + names[value] + ": " + text;
      });
      item.className = "ig-checklist__item--" + (state[id] || "todo");
      item.appendChild(group);
    });

    var actions = el("div", "ig-checklist__actions");
    var message = el("p", "ig-checklist__message");
    message.setAttribute("role", "status");
    var plannerLink = el("a", "md-button md-button--primary", labels.checklist_open_planner);
    plannerLink.href = config.planner;
    actions.appendChild(plannerLink);
    actions.appendChild(
      ui.button(labels.checklist_export, "", function () {
        ui.downloadFile(
          "imgguide-checklist-" + IG.dates.format(IG.dates.today()) + ".json",
          JSON.stringify({ format: EXPORT_FORMAT, version: 1, exported: new Date().toISOString(), items: state }, null, 1),
          "application/json"
        );
      })
    );
    actions.appendChild(
      ui.button(labels.checklist_import, "", function () {
        ui.chooseTextFile("application/json,.json").then(function (text) {
          var data;
          try {
            data = JSON.parse(text);
          } catch (error) {
            data = null;
          }
          if (!data || data.format !== EXPORT_FORMAT || data.version !== 1 || !isState({ v: 1, items: data.items })) {
            message.textContent = labels.checklist_import_bad;
            return;
          }
          Object.keys(data.items).forEach(function (id) {
            if (data.items[id] === "todo") {
              delete state[id];
            } else {
              state[id] = data.items[id];
            }
          });
          write(state);
          refresh();
          message.textContent = labels.checklist_import_done;
        });
      })
    );
    actions.appendChild(
      ui.button(labels.checklist_reset, "ig-button--danger", function () {
        ui.confirmDialog(labels.checklist_reset_confirm, labels.checklist_reset_yes, labels.cancel).then(function (yes) {
          if (!yes) {
            return;
          }
          state = {};
          IG.store.remove("checklist");
          refresh();
          message.textContent = labels.checklist_reset_done;
        });
      })
    );
    root.appendChild(actions);
    root.appendChild(message);

    function refresh() {
      config.items.forEach(function (id) {
        var value = state[id] || "todo";
        var radio = root.querySelector("#ig-check-" + id + "-" + value);
        if (radio) {
          radio.checked = true;
        }
        var item = root.querySelector("#item-" + id);
        if (item) {
          item.className = "ig-checklist__item--" + value;
        }
      });
      update();
    }

    update();
  }

  ui.mount("data-ig-checklist", start);
})();
