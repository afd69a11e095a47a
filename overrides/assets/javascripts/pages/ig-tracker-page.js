/* The "My applications" page (the widget on [data-ig-tracker]), loaded with
 * ig-tracker-core.js by ../ig-tracker.js only on the page that has the tracker.
 *
 * The logic is in ig-tracker-core.js (IG.trackerCore); this file draws the form, the table,
 * the counts, signals, fees, interviews and rank list, and saves through IG.store under the
 * name "tracker" (a versioned record). Fees come from the cost estimator (IG.costs), the
 * calendar file from the planner's writer (IG.dates.toICS). Every word and number comes from
 * the embedded data (content/tracker.yml, content/signals.yml, content/costs.yml).
 * The tracker on the page is IG.tracker.current.
 */
(function () {
  "use strict";

  // Visible lines of the notes field before it scrolls.
  const NOTE_ROWS = 3;

  var IG = (window.IG = window.IG || {});
  var NAME = IG.tracker ? IG.tracker.NAME : "";
  var SORTABLE = ["name", "specialty", "type", "visa", "signal", "letters", "status", "applied", "interview", "rank"];

  function core() {
    return IG.trackerCore;
  }

  function esc(value) {
    return String(value === undefined || value === null ? "" : value)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function readStored() {
    return IG.tracker.readStored();
  }

  /* ------------------------------------------------------------ the widget ------- */

  function Tracker(root, config) {
    this.root = root;
    this.config = config;
    this.labels = config.labels;
    this.ui = IG.ui;
    this.sort = { key: "name", direction: 1 };
    this.filters = { status: "", specialty: "", visa: "", signal: "", search: "" };
    this.editing = null;
  }

  Tracker.prototype.load = function () {
    var result = core().sanitize(readStored(), this.config);
    this.data = result.data;
    return result.dropped;
  };

  Tracker.prototype.save = function () {
    this.data.v = core().VERSION;
    IG.store.write(NAME, this.data);
  };

  Tracker.prototype.el = function (tag, className, text) {
    return this.ui.element(tag, className, text);
  };

  Tracker.prototype.section = function (key, heading) {
    var section = this.el("section", "ig-tracker__section ig-tracker__section--" + key);
    var title = this.el("h2", null, heading);
    title.id = "ig-tracker-" + key;
    section.setAttribute("aria-labelledby", title.id);
    section.appendChild(title);
    this.root.appendChild(section);
    return section;
  };

  Tracker.prototype.start = function () {
    var self = this;
    var labels = this.labels;
    var noscript = this.root.querySelector(".ig-tracker__noscript");
    if (noscript) {
      noscript.remove();
    }
    this.ui.storageNotice(this.root, labels);
    var dropped = this.load();
    this.status = this.el("p", "ig-tracker__status ig-visually-hidden");
    this.status.setAttribute("role", "status");
    this.root.appendChild(this.status);
    if (dropped.length) {
      var note = this.el("p", "ig-notice", labels.dropped + " " + dropped.join(", "));
      this.root.appendChild(note);
    }

    var top = this.el("div", "ig-tracker__season");
    this.seasonSelect = this.select("ig-tr-season", this.config.settings.seasons.map(function (year) {
      return { id: String(year), label: year + " " + labels.season_option };
    }), String(this.data.season));
    this.seasonSelect.addEventListener("change", function () {
      self.data.season = Number(self.seasonSelect.value);
      self.save();
      self.updateSignalField();
      self.render();
    });
    top.appendChild(this.ui.field(labels.season, this.seasonSelect));
    this.root.appendChild(top);

    this.formSection = this.section("form", labels.form_add);
    this.buildForm(this.formSection);
    this.writersSection = this.section("writers", labels.writers_heading);
    this.tableSection = this.section("programs", labels.programs_heading);
    this.buildTableShell(this.tableSection);
    this.summarySection = this.section("summary", labels.summary_heading);
    this.costsSection = this.section("costs", labels.costs_heading);
    this.interviewsSection = this.section("interviews", labels.interviews_heading);
    this.rankSection = this.section("rank", labels.rank_heading);
    this.dataSection = this.section("data", labels.data_heading);
    this.buildData(this.dataSection);
    this.render();
    this.resetForm();
  };

  /* ------------------------------------------------------------ form ------------- */

  Tracker.prototype.select = function (id, options, value, blank) {
    var node = this.el("select");
    node.id = id;
    if (blank !== undefined) {
      var empty = this.el("option", null, blank);
      empty.value = "";
      node.appendChild(empty);
    }
    options.forEach(function (option) {
      var item = document.createElement("option");
      item.value = option.id;
      item.textContent = option.label;
      node.appendChild(item);
    });
    node.value = value === undefined ? node.value : value;
    return node;
  };

  Tracker.prototype.input = function (id, type) {
    var node = this.el("input");
    node.id = id;
    node.type = type || "text";
    if (!type || type === "text") {
      node.maxLength = this.config.settings.maxText;
    }
    return node;
  };

  Tracker.prototype.buildForm = function (section) {
    var self = this;
    var labels = this.labels;
    var config = this.config;
    var form = this.el("form", "ig-tracker__form");
    form.noValidate = true;
    this.form = form;
    this.errors = this.el("div", "ig-tracker__errors");
    this.errors.setAttribute("role", "alert");
    this.errors.hidden = true;
    form.appendChild(this.errors);

    var fields = {};
    this.fields = fields;
    fields.name = this.input("ig-tr-name");
    fields.name.required = true;
    fields.name.autocomplete = "off";
    fields.specialty = this.select("ig-tr-specialty", config.specialties.map(function (s) {
      return { id: s.id, label: s.name };
    }));
    fields.city = this.input("ig-tr-city");
    fields.state = this.input("ig-tr-state");
    fields.type = this.select("ig-tr-type", config.choices.type);
    fields.visa = this.select("ig-tr-visa", config.choices.visa);
    fields.yog = this.input("ig-tr-yog");
    fields.filters = this.input("ig-tr-filters");
    fields.signal = this.select("ig-tr-signal", []);
    fields.applied = this.input("ig-tr-applied", "date");
    fields.status = this.select("ig-tr-status", config.choices.status);
    fields.interview = this.input("ig-tr-interview", "date");
    fields.time = this.input("ig-tr-time", "time");
    fields.mode = this.select("ig-tr-mode", config.choices.mode, "", labels.mode_unknown);
    fields.notes = this.el("textarea");
    fields.notes.id = "ig-tr-notes";
    fields.notes.rows = NOTE_ROWS;
    fields.notes.maxLength = config.settings.maxText;

    var yogHint = this.el("p", "ig-tracker__hint", labels.yog_hint);
    yogHint.id = "ig-tr-yog-hint";
    fields.yog.setAttribute("aria-describedby", yogHint.id);
    this.signalHint = this.el("p", "ig-tracker__hint");
    this.signalHint.id = "ig-tr-signal-hint";
    fields.signal.setAttribute("aria-describedby", this.signalHint.id);

    var grid = this.el("div", "ig-tracker__grid");
    var ui = this.ui;
    grid.appendChild(ui.field(labels.name, fields.name));
    grid.appendChild(ui.field(labels.specialty, fields.specialty));
    grid.appendChild(ui.field(labels.city, fields.city));
    grid.appendChild(ui.field(labels.state, fields.state));
    grid.appendChild(ui.field(labels.type, fields.type));
    grid.appendChild(ui.field(labels.visa, fields.visa));
    grid.appendChild(ui.field(labels.yog, fields.yog, yogHint));
    grid.appendChild(ui.field(labels.filters, fields.filters));
    grid.appendChild(ui.field(labels.signal, fields.signal, this.signalHint));
    grid.appendChild(ui.field(labels.applied_on, fields.applied));
    grid.appendChild(ui.field(labels.status, fields.status));
    grid.appendChild(ui.field(labels.interview_on, fields.interview));
    grid.appendChild(ui.field(labels.interview_time, fields.time));
    grid.appendChild(ui.field(labels.interview_mode, fields.mode));
    form.appendChild(grid);

    this.lettersBox = this.el("fieldset", "ig-tracker__letters");
    form.appendChild(this.lettersBox);
    var thanks = ui.choice("checkbox", "thanks", "ig-tr-thanks", "yes", labels.thanks, false);
    fields.thanks = thanks.input;
    form.appendChild(thanks.row);
    form.appendChild(ui.field(labels.notes, fields.notes));

    var actions = this.el("div", "ig-tracker__actions");
    this.submit = this.el("button", "md-button md-button--primary", labels.save_new);
    this.submit.type = "submit";
    actions.appendChild(this.submit);
    this.cancel = ui.button(labels.cancel, "", function () {
      var id = self.editing;
      self.resetForm();
      self.focusRow(id);
    });
    actions.appendChild(this.cancel);
    form.appendChild(actions);

    fields.specialty.addEventListener("change", function () {
      self.updateSignalField();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.saveForm();
    });
    section.appendChild(form);
  };

  /** The signal menu of the chosen specialty for the season, and what is known about it. */
  Tracker.prototype.updateSignalField = function (value) {
    var labels = this.labels;
    var field = this.fields.signal;
    var keep = value === undefined ? field.value : value;
    var specialty = this.fields.specialty.value;
    var info = core().signalTiers(this.config, specialty, this.data.season);
    field.textContent = "";
    var options = [{ id: "none", label: labels.signal_none }].concat(info.tiers);
    var known = core().findProgram(this.data, this.editing || "");
    if (known && known.signal !== "none" && !options.some(function (o) {
      return o.id === known.signal;
    })) {
      options.push({ id: known.signal, label: core().tierLabel(this.config, specialty, this.data.season, known.signal) });
    }
    options.forEach(function (option) {
      var item = document.createElement("option");
      item.value = option.id;
      item.textContent = option.label;
      field.appendChild(item);
    });
    field.value = options.some(function (o) {
      return o.id === keep;
    }) ? keep : "none";
    this.signalHint.textContent = this.allotmentText(info);
  };

  Tracker.prototype.allotmentText = function (info) {
    var labels = this.labels;
    var numbers = info.allotment ? info.tiers.map(function (tier) {
      return tier.label + " " + tier.count;
    }).join(", ") : "";
    if (info.confirmed) {
      return labels.signals_allotment + " (" + this.data.season + " " + labels.season_option + "): " + numbers + ".";
    }
    var text = labels.signals_unknown + " (" + this.data.season + " " + labels.season_option + "): " + labels.signals_check + ".";
    if (info.season) {
      text += " " + labels.signals_latest + " " + info.season + " " + labels.season_option + ": " + numbers + ".";
    }
    return text;
  };

  Tracker.prototype.buildLetters = function (checked) {
    var self = this;
    var labels = this.labels;
    var box = this.lettersBox;
    box.textContent = "";
    box.appendChild(this.el("legend", null, labels.letters));
    this.letterMessage = this.el("p", "ig-tracker__inline-error");
    this.letterMessage.setAttribute("aria-live", "polite");
    if (!this.data.writers.length) {
      box.appendChild(this.el("p", "ig-tracker__hint", labels.letters_none));
      return;
    }
    var list = this.el("div", "ig-tracker__letter-list");
    this.data.writers.forEach(function (writer) {
      var text = writer.name + (writer.note ? " (" + writer.note + ")" : "");
      var choice = self.ui.choice("checkbox", "letters", "ig-tr-letter-" + writer.id, writer.id, text,
        checked.indexOf(writer.id) >= 0);
      choice.input.addEventListener("change", function () {
        var ticked = box.querySelectorAll("input[name='letters']:checked").length;
        if (ticked > self.config.settings.letters) {
          choice.input.checked = false;
          self.letterMessage.textContent = labels.letters_too_many.replace("{n}", String(self.config.settings.letters));
        } else {
          self.letterMessage.textContent = "";
        }
      });
      list.appendChild(choice.row);
    });
    box.appendChild(list);
    box.appendChild(this.letterMessage);
  };

  Tracker.prototype.resetForm = function (program) {
    var fields = this.fields;
    var labels = this.labels;
    this.editing = program ? program.id : null;
    var p = program || {
      name: "", specialty: this.config.specialties[0].id, city: "", state: "", type: "categorical",
      visa: "unknown", yog: "", filters: "", signal: "none", applied: "", status: "saved", interview: "",
      time: "", mode: "", thanks: false, notes: "", letters: []
    };
    ["name", "specialty", "city", "state", "type", "visa", "yog", "filters", "applied", "status", "interview", "time",
      "mode", "notes"].forEach(function (key) {
      fields[key].value = p[key] || "";
      fields[key].removeAttribute("aria-invalid");
    });
    fields.thanks.checked = !!p.thanks;
    this.updateSignalField(p.signal);
    this.buildLetters(p.letters);
    this.errors.hidden = true;
    this.errors.textContent = "";
    this.submit.textContent = program ? labels.save_edit : labels.save_new;
    this.cancel.hidden = !program;
    this.formSection.querySelector("h2").textContent = program ? labels.form_edit + ": " + program.name : labels.form_add;
  };

  Tracker.prototype.saveForm = function () {
    var fields = this.fields;
    var labels = this.labels;
    var raw = {};
    ["name", "specialty", "city", "state", "type", "visa", "yog", "filters", "signal", "applied", "status", "interview",
      "time", "mode", "notes"].forEach(function (key) {
      raw[key] = fields[key].value;
    });
    raw.thanks = fields.thanks.checked;
    raw.letters = Array.prototype.map.call(this.lettersBox.querySelectorAll("input[name='letters']:checked"),
      function (input) {
        return input.value;
      });
    var existing = this.editing ? core().findProgram(this.data, this.editing) : null;
    raw.rank = existing ? existing.rank : null;
    var checked = core().checkProgram(raw, this.config, this.data.writers, this.data.season);
    Object.keys(fields).forEach(function (key) {
      fields[key].removeAttribute("aria-invalid");
    });
    if (checked.errors.length) {
      var list = this.el("ul");
      checked.errors.forEach(function (error) {
        list.appendChild(document.createElement("li")).textContent = error.message;
        if (fields[error.field]) {
          fields[error.field].setAttribute("aria-invalid", "true");
        }
      });
      this.errors.textContent = "";
      this.errors.appendChild(list);
      this.errors.hidden = false;
      var first = fields[checked.errors[0].field];
      this.ui.focus(first || this.errors);
      return;
    }
    var program = checked.program;
    program.u = Date.now();
    var message;
    if (existing) {
      program.id = existing.id;
      this.data.programs[this.data.programs.indexOf(existing)] = program;
      message = labels.saved + " " + program.name;
    } else {
      program.id = core().newId("p", Date.now(), Math.random);
      this.data.programs.push(program);
      message = labels.added + " " + program.name;
    }
    this.save();
    this.render();
    this.announce(message);
    if (existing) {
      this.resetForm();
      this.focusRow(program.id);
    } else {
      this.resetForm();
      fields.name.focus();
    }
  };

  Tracker.prototype.announce = function (text) {
    this.status.textContent = "";
    this.status.textContent = text;
  };

  /* ------------------------------------------------------------ writers ---------- */

  Tracker.prototype.renderWriters = function () {
    var self = this;
    var labels = this.labels;
    var section = this.writersSection;
    var heading = section.querySelector("h2");
    section.textContent = "";
    section.appendChild(heading);
    section.appendChild(this.el("p", null, labels.writers_intro));
    if (!this.data.writers.length) {
      section.appendChild(this.el("p", "ig-tracker__hint", labels.writers_none));
    } else {
      var list = this.el("ul", "ig-tracker__writers");
      this.data.writers.forEach(function (writer) {
        var item = self.el("li");
        var uses = self.data.programs.filter(function (program) {
          return program.letters.indexOf(writer.id) >= 0;
        });
        item.appendChild(self.el("span", null, writer.name + (writer.note ? " (" + writer.note + ")" : "") +
          " \u00b7 " + uses.length + " " + labels.count.toLowerCase()));
        var remove = self.ui.button(labels.writer_remove, "ig-tracker__small", function () {
          if (uses.length) {
            self.announce(labels.writer_in_use + " " + uses.map(function (p) {
              return p.name;
            }).join(", "));
            message.textContent = labels.writer_in_use + " " + uses.map(function (p) {
              return p.name;
            }).join(", ");
            return;
          }
          self.data.writers = self.data.writers.filter(function (other) {
            return other.id !== writer.id;
          });
          self.save();
          self.render();
          self.buildLetters([]);
          self.ui.focus(self.writersSection.querySelector("h2"));
        });
        remove.setAttribute("aria-label", labels.writer_remove + ": " + writer.name);
        item.appendChild(remove);
        list.appendChild(item);
      });
      section.appendChild(list);
    }
    var message = this.el("p", "ig-tracker__inline-error");
    message.setAttribute("aria-live", "polite");
    var form = this.el("form", "ig-tracker__writer-form");
    var name = this.input("ig-tr-writer-name");
    var note = this.input("ig-tr-writer-note");
    form.appendChild(this.ui.field(labels.writer_name, name));
    form.appendChild(this.ui.field(labels.writer_note, note));
    var add = this.el("button", "md-button", labels.writer_add);
    add.type = "submit";
    form.appendChild(add);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = name.value.replace(/;/g, ",").trim();
      if (!text) {
        name.setAttribute("aria-invalid", "true");
        message.textContent = labels.writer_name;
        name.focus();
        return;
      }
      var kept = Array.prototype.map.call(self.lettersBox.querySelectorAll("input[name='letters']:checked"),
        function (input) {
          return input.value;
        });
      self.data.writers.push({ id: core().newId("w", Date.now(), Math.random), name: text, note: note.value.trim() });
      self.save();
      self.render();
      self.buildLetters(kept);
      self.announce(labels.added + " " + text);
      document.getElementById("ig-tr-writer-name").focus();
    });
    section.appendChild(form);
    section.appendChild(message);
  };

  /* ------------------------------------------------------------ table ------------ */

  Tracker.prototype.buildTableShell = function (section) {
    var self = this;
    var labels = this.labels;
    var config = this.config;
    var box = this.el("fieldset", "ig-tracker__filters");
    box.appendChild(this.el("legend", null, labels.filter_legend));
    var signalOptions = [{ id: "any", label: labels.filter_any_signal }, { id: "none", label: labels.signal_none }];
    var tierIds = {};
    Object.keys(config.signals).forEach(function (year) {
      Object.keys(config.signals[year]).forEach(function (specialty) {
        config.signals[year][specialty].tiers.forEach(function (tier) {
          if (!tierIds[tier.id]) {
            tierIds[tier.id] = true;
            signalOptions.push({ id: tier.id, label: tier.label });
          }
        });
      });
    });
    if (!tierIds.signal) {
      signalOptions.push({ id: "signal", label: labels.signals_generic });
    }
    var filters = {
      status: this.select("ig-tr-f-status", config.choices.status, "", labels.filter_all),
      specialty: this.select("ig-tr-f-specialty", config.specialties.map(function (s) {
        return { id: s.id, label: s.name };
      }), "", labels.filter_all),
      visa: this.select("ig-tr-f-visa", config.choices.visa, "", labels.filter_all),
      signal: this.select("ig-tr-f-signal", signalOptions, "", labels.filter_all),
      search: this.input("ig-tr-f-search", "search")
    };
    // Sorting without the column headers (hidden on a phone): a menu and a reverse box.
    var names = this.columnNames();
    this.sortSelect = this.select("ig-tr-sort", SORTABLE.map(function (key) {
      return { id: key, label: names[key] };
    }), this.sort.key);
    var reverse = this.ui.choice("checkbox", "reverse", "ig-tr-sort-reverse", "yes", labels.sort_reverse, false);
    this.sortReverse = reverse.input;
    this.sortSelect.addEventListener("change", function () {
      self.sort = { key: self.sortSelect.value, direction: self.sortReverse.checked ? -1 : 1 };
      self.renderTable();
    });
    this.sortReverse.addEventListener("change", function () {
      self.sort = { key: self.sortSelect.value, direction: self.sortReverse.checked ? -1 : 1 };
      self.renderTable();
    });
    var grid = this.el("div", "ig-tracker__grid");
    grid.appendChild(this.ui.field(labels.status, filters.status));
    grid.appendChild(this.ui.field(labels.specialty, filters.specialty));
    grid.appendChild(this.ui.field(labels.visa, filters.visa));
    grid.appendChild(this.ui.field(labels.signal, filters.signal));
    grid.appendChild(this.ui.field(labels.filter_search, filters.search));
    grid.appendChild(this.ui.field(labels.sort_by, this.sortSelect, reverse.row));
    box.appendChild(grid);
    Object.keys(filters).forEach(function (key) {
      filters[key].addEventListener(key === "search" ? "input" : "change", function () {
        self.filters[key] = filters[key].value;
        self.renderTable();
      });
    });
    section.appendChild(box);
    this.shown = this.el("p", "ig-tracker__shown");
    this.shown.setAttribute("aria-live", "polite");
    section.appendChild(this.shown);
    this.tableBox = this.el("div", "ig-tracker__table");
    section.appendChild(this.tableBox);
    this.tableBox.addEventListener("click", function (event) {
      var target = event.target.closest("button");
      if (!target) {
        return;
      }
      if (target.hasAttribute("data-ig-sort")) {
        var key = target.getAttribute("data-ig-sort");
        self.sort = { key: key, direction: self.sort.key === key ? -self.sort.direction : 1 };
        self.sortSelect.value = key;
        self.sortReverse.checked = self.sort.direction < 0;
        self.renderTable();
        var again = self.tableBox.querySelector("[data-ig-sort='" + key + "']");
        if (again) {
          again.focus();
        }
      } else if (target.hasAttribute("data-ig-edit")) {
        self.edit(target.getAttribute("data-ig-edit"));
      } else if (target.hasAttribute("data-ig-delete")) {
        self.remove(target.getAttribute("data-ig-delete"));
      }
    });
  };

  Tracker.prototype.columnNames = function () {
    var labels = this.labels;
    return {
      name: labels.name, specialty: labels.specialty, type: labels.type, visa: labels.visa, signal: labels.signal,
      letters: labels.letters, status: labels.status, applied: labels.applied_on, interview: labels.interview_on,
      rank: labels.rank
    };
  };

  Tracker.prototype.renderTable = function () {
    var labels = this.labels;
    var config = this.config;
    var data = this.data;
    var C = core();
    if (!data.programs.length) {
      this.shown.textContent = "";
      this.tableBox.innerHTML = '<p class="ig-tracker__hint">' + esc(labels.programs_none) + "</p>";
      return;
    }
    var rows = C.sortPrograms(C.filterPrograms(data.programs, this.filters), this.sort.key, this.sort.direction, config);
    this.shown.textContent = labels.showing + " " + rows.length + " " + labels.of + " " + data.programs.length;
    var names = this.columnNames();
    var sort = this.sort;
    var head = SORTABLE.map(function (key) {
      var current = sort.key === key;
      var state = current ? (sort.direction > 0 ? "ascending" : "descending") : "none";
      return '<th scope="col" aria-sort="' + state + '"><button type="button" class="ig-tracker__sort" data-ig-sort="' +
        key + '">' + esc(names[key]) + (current ? '<span aria-hidden="true">' + (sort.direction > 0 ? " \u25b2" : " \u25bc") +
        "</span>" : "") + "</button></th>";
    }).join("") + '<th scope="col"><span class="ig-visually-hidden">' + esc(labels.edit) + "</span></th>";
    var season = data.season;
    var specialtyNames = {};
    config.specialties.forEach(function (s) {
      specialtyNames[s.id] = s.name;
    });
    var body = rows.map(function (p) {
      var where = [p.city, p.state].filter(Boolean).join(", ");
      var signal = p.signal === "none" ? "" : C.tierLabel(config, p.specialty, season, p.signal);
      function cell(key, value) {
        return '<td data-label="' + esc(names[key]) + '">' + value + "</td>";
      }
      return '<tr data-ig-program="' + esc(p.id) + '"><th scope="row" data-label="' + esc(names.name) + '">' +
        esc(p.name) + (where ? '<span class="ig-tracker__where">' + esc(where) + "</span>" : "") + "</th>" +
        cell("specialty", esc(specialtyNames[p.specialty] || p.specialty)) +
        cell("type", esc(C.label(config, "type", p.type))) +
        cell("visa", esc(C.label(config, "visa", p.visa))) +
        cell("signal", esc(signal)) +
        cell("letters", String(p.letters.length)) +
        cell("status", esc(C.label(config, "status", p.status))) +
        cell("applied", p.applied ? '<time datetime="' + esc(p.applied) + '">' + esc(p.applied) + "</time>" : "") +
        cell("interview", p.interview ? '<time datetime="' + esc(p.interview) + '">' + esc(p.interview) + "</time>" : "") +
        cell("rank", p.rank ? String(p.rank) : "") +
        '<td class="ig-tracker__row-actions"><button type="button" class="md-button ig-tracker__small" data-ig-edit="' +
        esc(p.id) + '" aria-label="' + esc(labels.edit + ": " + p.name) + '">' + esc(labels.edit) + "</button>" +
        '<button type="button" class="md-button ig-tracker__small ig-button--danger" data-ig-delete="' + esc(p.id) +
        '" aria-label="' + esc(labels.delete + ": " + p.name) + '">' + esc(labels.delete) + "</button></td></tr>";
    }).join("");
    this.tableBox.innerHTML = '<div class="ig-tracker__scroll"><table class="ig-tracker__programs"><caption class="ig-visually-hidden">' +
      esc(labels.programs_heading) + "</caption><thead><tr>" + head + "</tr></thead><tbody>" + body + "</tbody></table></div>";
  };

  Tracker.prototype.focusRow = function (id) {
    var button = id ? this.tableBox.querySelector("[data-ig-edit='" + id + "']") : null;
    this.ui.focus(button || this.tableSection.querySelector("h2"));
  };

  Tracker.prototype.edit = function (id) {
    var program = core().findProgram(this.data, id);
    if (!program) {
      return;
    }
    this.resetForm(program);
    this.formSection.scrollIntoView({ block: "start" });
    this.fields.name.focus();
  };

  Tracker.prototype.remove = function (id) {
    var self = this;
    var labels = this.labels;
    var program = core().findProgram(this.data, id);
    if (!program) {
      return;
    }
    this.ui.confirmDialog(labels.delete_confirm + " (" + program.name + ")", labels.delete_yes, labels.cancel).then(function (yes) {
      if (!yes) {
        self.focusRow(id);
        return;
      }
      self.data.programs = self.data.programs.filter(function (other) {
        return other.id !== id;
      });
      core().normalizeRanks(self.data);
      if (self.editing === id) {
        self.resetForm();
      }
      self.save();
      self.render();
      self.announce(labels.deleted + " " + program.name);
      self.ui.focus(self.tableSection.querySelector("h2"));
    });
  };

  /* ------------------------------------------------------------ summary ---------- */

  Tracker.prototype.cite = function (sources) {
    var cite = this.config.cite || {};
    var links = sources.filter(function (id) {
      return cite[id];
    }).sort(function (a, b) {
      return cite[a][0] - cite[b][0];
    }).map(function (id) {
      return '<a href="#source-' + esc(id) + '" aria-label="' + esc(cite[id][1]) + '" title="' + esc(cite[id][1]) + '">' +
        cite[id][0] + "</a>";
    });
    return links.length ? ' <sup class="ig-cite">' + links.join(", ") + "</sup>" : "";
  };

  Tracker.prototype.renderSummary = function () {
    var self = this;
    var labels = this.labels;
    var config = this.config;
    var C = core();
    var section = this.summarySection;
    var heading = section.querySelector("h2");
    var parts = [];
    var counted = C.counts(this.data, config);
    function countTable(caption, rows, nameOf) {
      return '<div class="ig-tracker__scroll"><table class="ig-tracker__counts"><caption>' + esc(caption) + "</caption><thead><tr>" +
        '<th scope="col">' + esc(caption) + '</th><th scope="col">' + esc(labels.count) + "</th></tr></thead><tbody>" +
        rows.map(function (row) {
          return '<tr><th scope="row">' + esc(nameOf(row.id)) + "</th><td>" + row.count + "</td></tr>";
        }).join("") + '</tbody><tfoot><tr><th scope="row">' + esc(labels.total) + "</th><td>" + counted.total +
        "</td></tr></tfoot></table></div>";
    }
    if (!counted.total) {
      parts.push('<p class="ig-tracker__hint">' + esc(labels.programs_none) + "</p>");
    } else {
      parts.push('<div class="ig-tracker__count-grid">' +
        countTable(labels.by_status, counted.byStatus, function (id) {
          return C.label(config, "status", id);
        }) +
        countTable(labels.by_specialty, counted.bySpecialty, function (id) {
          return C.specialtyName(config, id);
        }) + "</div>");
    }
    var use = C.signalUse(this.data, config);
    var season = this.data.season;
    parts.push('<h3 id="ig-tracker-signals">' + esc(labels.signals_heading) + "</h3>");
    var warnings = [];
    if (use.length) {
      parts.push('<div class="ig-tracker__scroll"><table class="ig-tracker__signals"><caption class="ig-visually-hidden">' +
        esc(labels.signals_heading) + '</caption><thead><tr><th scope="col">' + esc(labels.specialty) + '</th><th scope="col">' +
        esc(labels.signals_used) + '</th><th scope="col">' + esc(labels.signals_allotment) + " (" + season + " " +
        esc(labels.season_option) + ")</th></tr></thead><tbody>" + use.map(function (row) {
          var used = row.tiers.map(function (tier) {
            return esc(tier.label) + " " + (row.used[tier.id] || 0);
          });
          Object.keys(row.used).forEach(function (tierId) {
            if (!row.tiers.some(function (tier) {
              return tier.id === tierId;
            })) {
              used.push(esc(C.tierLabel(config, row.specialty, season, tierId)) + " " + row.used[tierId]);
            }
          });
          var allotment;
          if (row.confirmed) {
            allotment = row.tiers.map(function (tier) {
              return esc(tier.label) + " " + tier.count;
            }).join(", ") + self.cite(row.allotment.sources) +
              (row.allotment.confidence !== "verified" ? ' <span class="ig-badge ig-badge--confirm">' + esc(labels.signals_check) + "</span>" : "");
          } else {
            allotment = esc(labels.signals_unknown) + ': <a href="' + esc(config.check.url) + '">' + esc(labels.signals_check) +
              "</a>" + (row.season ? " (" + esc(labels.signals_latest) + " " + row.season + " " + esc(labels.season_option) + ": " +
              row.tiers.map(function (tier) {
                return esc(tier.label) + " " + tier.count;
              }).join(", ") + self.cite(row.allotment.sources) + ")" : "");
          }
          row.over.forEach(function (over) {
            warnings.push(row.name + ", " + over.label + ": " + over.used + " / " + over.count);
          });
          return '<tr' + (row.over.length ? ' class="ig-tracker__over"' : "") + '><th scope="row">' + esc(row.name) +
            "</th><td>" + used.join(", ") + "</td><td>" + allotment + "</td></tr>";
        }).join("") + "</tbody></table></div>");
    } else {
      parts.push('<p class="ig-tracker__hint">' + esc(labels.programs_none) + "</p>");
    }
    if (warnings.length) {
      parts.push('<div class="ig-notice ig-tracker__warning" role="note"><p><strong>' + esc(labels.signals_over) +
        "</strong> " + esc(warnings.join("; ")) + "</p></div>");
    }
    section.innerHTML = "";
    section.appendChild(heading);
    section.insertAdjacentHTML("beforeend", parts.join(""));
  };

  /* ------------------------------------------------------------ costs ------------ */

  Tracker.prototype.renderCosts = function () {
    var self = this;
    var labels = this.labels;
    var config = this.config;
    var section = this.costsSection;
    var heading = section.querySelector("h2");
    var C = core();
    var parts = ["<p>" + esc(labels.costs_intro) + "</p>"];
    var applied = C.appliedBySpecialty(this.data, config);
    var ranks = C.rankList(this.data).length;
    var fees = C.feeLines(IG.costs, config.costs, config.settings, applied, ranks);
    if (!fees) {
      parts.push("<p>" + esc(labels.costs_missing) + "</p>");
    } else if (!fees.eras.length && !fees.nrmp.length) {
      parts.push('<p class="ig-tracker__hint">' + esc(labels.costs_none) + "</p>");
    } else {
      var money = IG.costs.money;
      var costLabels = config.costs.labels;
      var line = function (title, entry) {
        var flag = entry.flagged ? ' <span class="ig-badge ig-badge--confirm">' +
          esc(costLabels.flagged.replace("{season}", String(config.costs.season))) + "</span>" : "";
        return "<li><strong>" + esc(title) + ":</strong> " + money(entry.typical) +
          (entry.detail ? ' <span class="ig-tracker__detail">' + esc(entry.detail) + "</span>" : "") +
          ' <span class="ig-tracker__detail">(' + esc(costLabels.season) + " " + entry.season + ")</span>" +
          self.cite(entry.sources) + flag + "</li>";
      };
      var items = fees.eras.map(function (entry) {
        return line(labels.costs_eras + " \u00b7 " + entry.name, entry.line);
      }).concat(fees.nrmp.map(function (entry) {
        return line(labels.costs_nrmp + " \u00b7 " + entry.label, entry);
      }));
      parts.push('<ul class="ig-tracker__fees">' + items.join("") + "</ul>");
      parts.push("<p><strong>" + esc(labels.total) + ":</strong> " + money(fees.total) + "</p>");
    }
    if (config.costsUrl) {
      parts.push('<p><a href="' + esc(config.costsUrl) + '">' + esc(labels.costs_link) + "</a></p>");
    }
    section.innerHTML = "";
    section.appendChild(heading);
    section.insertAdjacentHTML("beforeend", parts.join(""));
  };

  /* ------------------------------------------------------------ interviews ------- */

  Tracker.prototype.renderInterviews = function () {
    var self = this;
    var labels = this.labels;
    var config = this.config;
    var C = core();
    var section = this.interviewsSection;
    var heading = section.querySelector("h2");
    section.textContent = "";
    section.appendChild(heading);
    var list = C.interviews(this.data);
    if (!list.length) {
      section.appendChild(this.el("p", "ig-tracker__hint", labels.interviews_none));
      return;
    }
    var ol = this.el("ol", "ig-tracker__interviews");
    list.forEach(function (program) {
      var item = self.el("li");
      var when = self.el("time", null, program.interview + (program.time ? " " + program.time : ""));
      when.dateTime = program.interview;
      item.appendChild(when);
      var details = [program.mode ? C.label(config, "mode", program.mode) : "",
        C.label(config, "status", program.status), program.thanks ? labels.thanks_yes : labels.thanks_no];
      item.appendChild(self.el("span", "ig-tracker__interview-name", " " + program.name));
      item.appendChild(self.el("span", "ig-tracker__detail", " (" + details.filter(Boolean).join(", ") + ")"));
      ol.appendChild(item);
    });
    section.appendChild(ol);
    section.appendChild(this.ui.button(labels.interviews_ics, "", function () {
      self.ui.downloadFile("my-interviews.ics", C.interviewsICS(self.data, config, IG.dates, Date.now()), "text/calendar");
    }));
  };

  /* ------------------------------------------------------------ rank list -------- */

  Tracker.prototype.move = function (id, delta) {
    var labels = this.labels;
    if (!core().moveRank(this.data, id, delta)) {
      return;
    }
    this.save();
    this.render();
    var program = core().findProgram(this.data, id);
    this.announce(program.name + " " + labels.moved_to + " " + program.rank);
    var item = this.rankSection.querySelector("li[data-ig-rank='" + id + "']");
    if (item) {
      item.focus();
    }
  };

  Tracker.prototype.renderRank = function () {
    var self = this;
    var labels = this.labels;
    var config = this.config;
    var C = core();
    var section = this.rankSection;
    var heading = section.querySelector("h2");
    section.textContent = "";
    section.appendChild(heading);
    var note = this.el("p", "ig-tracker__rank-note");
    note.appendChild(this.el("strong", null, labels.rank_note + " "));
    var link = this.el("a", null, labels.rank_note_link);
    link.href = "#rank-note";
    note.appendChild(link);
    section.appendChild(note);
    var ranked = C.rankList(this.data);
    if (!ranked.length) {
      section.appendChild(this.el("p", "ig-tracker__hint", labels.rank_none));
    } else {
      section.appendChild(this.el("p", "ig-tracker__hint", labels.rank_keys));
      var ol = this.el("ol", "ig-tracker__ranks");
      ranked.forEach(function (program, index) {
        var item = self.el("li");
        item.tabIndex = 0;
        item.setAttribute("data-ig-rank", program.id);
        item.setAttribute("aria-label", program.rank + ". " + program.name);
        item.draggable = true;
        item.appendChild(self.el("span", "ig-tracker__rank-number", String(program.rank)));
        var name = self.el("span", "ig-tracker__rank-name");
        name.appendChild(self.el("strong", null, program.name));
        name.appendChild(self.el("span", "ig-tracker__detail", " " + C.specialtyName(config, program.specialty) + ", " +
          C.label(config, "type", program.type)));
        item.appendChild(name);
        var buttons = self.el("span", "ig-tracker__rank-buttons");
        var up = self.ui.button(labels.move_up, "ig-tracker__small", function () {
          self.move(program.id, -1);
        });
        up.setAttribute("aria-label", labels.move_up + ": " + program.name);
        up.disabled = index === 0;
        var down = self.ui.button(labels.move_down, "ig-tracker__small", function () {
          self.move(program.id, 1);
        });
        down.setAttribute("aria-label", labels.move_down + ": " + program.name);
        down.disabled = index === ranked.length - 1;
        var off = self.ui.button(labels.rank_remove, "ig-tracker__small", function () {
          C.setRanked(self.data, program.id, false);
          self.save();
          self.render();
          self.announce(labels.rank_remove + ": " + program.name);
          self.ui.focus(self.rankSection.querySelector("h2"));
        });
        off.setAttribute("aria-label", labels.rank_remove + ": " + program.name);
        buttons.appendChild(up);
        buttons.appendChild(down);
        buttons.appendChild(off);
        item.appendChild(buttons);
        item.addEventListener("keydown", function (event) {
          if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
            event.preventDefault();
            self.move(program.id, event.key === "ArrowUp" ? -1 : 1);
          }
        });
        item.addEventListener("dragstart", function (event) {
          event.dataTransfer.setData("text/plain", program.id);
          event.dataTransfer.effectAllowed = "move";
        });
        item.addEventListener("dragover", function (event) {
          event.preventDefault();
        });
        item.addEventListener("drop", function (event) {
          event.preventDefault();
          var moving = C.findProgram(self.data, event.dataTransfer.getData("text/plain"));
          if (moving && moving.rank) {
            self.move(moving.id, program.rank - moving.rank);
          }
        });
        ol.appendChild(item);
      });
      section.appendChild(ol);
      var output = this.el("div", "ig-tracker__rank-text");
      section.appendChild(this.ui.button(labels.rank_text, "", function () {
        var text = C.rankText(self.data, config);
        output.textContent = "";
        var field = self.el("textarea");
        field.value = text;
        field.readOnly = true;
        field.rows = text.split("\n").length;
        field.id = "ig-tr-rank-text";
        var message = self.el("label", null, labels.rank_text_failed);
        message.htmlFor = field.id;
        output.appendChild(message);
        output.appendChild(field);
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(function () {
            message.textContent = labels.rank_text_done;
            self.announce(labels.rank_text_done);
          }, function () {
            field.focus();
            field.select();
          });
        } else {
          field.focus();
          field.select();
        }
      }));
      section.appendChild(output);
    }
    // Programs a reader can rank: those that invited them (NRMP programs rank whom they interviewed).
    var order = ["interviewed", "scheduled", "invited"];
    var candidates = this.data.programs.filter(function (program) {
      return !program.rank && order.indexOf(program.status) >= 0;
    });
    if (candidates.length) {
      candidates = C.sortPrograms(candidates, "name", 1, config).sort(function (a, b) {
        var x = order.indexOf(a.status);
        var y = order.indexOf(b.status);
        return (x < 0 ? order.length : x) - (y < 0 ? order.length : y);
      });
      var details = this.el("details", "ig-tracker__candidates");
      details.open = this.candidatesOpen !== undefined ? this.candidatesOpen : true;
      details.addEventListener("toggle", function () {
        self.candidatesOpen = details.open;
      });
      details.appendChild(this.el("summary", null, labels.rank_add_heading + " (" + candidates.length + ")"));
      details.appendChild(this.el("p", "ig-tracker__hint", labels.rank_add_hint));
      var list = this.el("ul");
      // Drawn when opened: a long season has hundreds of unranked programs.
      var fill = function () {
        if (list.childNodes.length) {
          return;
        }
        candidates.forEach(function (program) {
          var item = self.el("li");
          item.appendChild(self.el("span", null, program.name + " \u00b7 " + C.label(config, "status", program.status) + " "));
          var add = self.ui.button(labels.rank_add, "ig-tracker__small", function () {
            C.setRanked(self.data, program.id, true);
            self.save();
            self.render();
            self.announce(program.name + " " + labels.moved_to + " " + core().findProgram(self.data, program.id).rank);
            var next = self.rankSection.querySelector(".ig-tracker__candidates button");
            self.ui.focus(next || self.rankSection.querySelector("li[data-ig-rank='" + program.id + "']"));
          });
          add.setAttribute("aria-label", labels.rank_add + ": " + program.name);
          item.appendChild(add);
          list.appendChild(item);
        });
      };
      if (details.open) {
        fill();
      }
      details.addEventListener("toggle", fill);
      details.appendChild(list);
      section.appendChild(details);
    }
  };

  /* ------------------------------------------------------------ data ------------- */

  Tracker.prototype.buildData = function (section) {
    var self = this;
    var labels = this.labels;
    var C = core();
    section.appendChild(this.el("p", null, labels.privacy_short));
    var actions = this.el("div", "ig-tracker__actions");
    var message = this.el("div", "ig-tracker__report");
    message.setAttribute("role", "status");
    actions.appendChild(this.ui.button(labels.csv_export, "", function () {
      self.ui.downloadFile(labels.csv_name, C.exportCSV(self.data), "text/csv");
    }));
    actions.appendChild(this.ui.button(labels.csv_import, "", function () {
      self.ui.chooseTextFile(".csv,text/csv").then(function (text) {
        self.importText(text, message);
      }, function () {
        message.textContent = labels.csv_unreadable;
      });
    }));
    actions.appendChild(this.ui.button(labels.wipe, "ig-button--danger", function () {
      self.ui.confirmDialog(labels.wipe_confirm, labels.wipe_yes, labels.cancel).then(function (yes) {
        if (!yes) {
          return;
        }
        self.data = C.emptyData(self.config);
        self.data.season = Number(self.seasonSelect.value);
        IG.store.remove(NAME);
        self.resetForm();
        self.render();
        message.textContent = labels.wiped;
      });
    }));
    section.appendChild(actions);
    section.appendChild(message);
  };

  /** Import CSV text and report: counts, ignored columns, and each bad row by line. */
  Tracker.prototype.importText = function (text, message) {
    var labels = this.labels;
    var result = core().importCSV(text, this.data, this.config, Date.now(), Math.random);
    message.textContent = "";
    if (result.error) {
      message.appendChild(this.el("p", null, result.error === "empty" ? labels.csv_empty : labels.csv_unreadable));
      return result;
    }
    this.save();
    this.resetForm();
    this.render();
    message.appendChild(this.el("p", null, labels.csv_done + " " + (result.added + result.updated)));
    if (result.ignored.length) {
      message.appendChild(this.el("p", null, labels.unknown_columns + " " + result.ignored.join(", ")));
    }
    if (result.bad.length) {
      message.appendChild(this.el("p", "ig-tracker__inline-error", labels.csv_bad_rows));
      var list = this.el("ul", "ig-tracker__bad-rows");
      var self = this;
      result.bad.forEach(function (bad) {
        list.appendChild(self.el("li", null, labels.csv_line + " " + bad.line + ": " + bad.messages.join("; ")));
      });
      message.appendChild(list);
    }
    return result;
  };

  Tracker.prototype.render = function () {
    this.renderWriters();
    this.renderTable();
    this.renderSummary();
    this.renderCosts();
    this.renderInterviews();
    this.renderRank();
  };

  /** Another tab changed the stored data: show it (an edit in progress is kept). */
  Tracker.prototype.reload = function () {
    this.load();
    this.seasonSelect.value = String(this.data.season);
    this.render();
  };

  /* ------------------------------------------------------------ wiring ----------- */

  // Loaded by ig-tracker.js only on a page with the tracker, possibly after Material's
  // document$ has fired for it: start any tracker not started yet now, and on later pages.
  function start(root, config) {
    var tracker = new Tracker(root, config);
    IG.tracker.current = tracker;
    tracker.start();
  }

  if (IG.ui && IG.store && IG.trackerCore && IG.tracker && !IG.tracker.pageLoaded) {
    IG.tracker.pageLoaded = true;
    IG.ui.mount("data-ig-tracker", start);
    Array.prototype.forEach.call(document.querySelectorAll("[data-ig-tracker]:not([data-ig-ready])"), function (root) {
      var config;
      try {
        config = JSON.parse(root.getAttribute("data-ig-tracker"));
      } catch (error) {
        return;
      }
      root.setAttribute("data-ig-ready", "1");
      start(root, config);
    });
    IG.store.onExternalChange(function () {
      var current = IG.tracker.current;
      if (current && document.body.contains(current.root)) {
        current.reload();
      }
    });
  }
})();
