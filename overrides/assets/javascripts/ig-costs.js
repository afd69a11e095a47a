/* IG.costs: the cost estimator (the Costs page).
 *
 * The logic mirrors hooks/imgguide/costs.py exactly: `estimate(data, inputs)` gives the
 * same lines, subtotals and totals, and `resultsHtml` the same markup as the page built
 * without JavaScript. tests/costs_scenarios.json holds the scenarios both must agree on
 * (tests/unit/test_costs.py runs both). Every amount, tier, limit and word comes from the
 * embedded data (content/costs.yml): this file holds none.
 *
 * Works in the browser (IG.costs, and the widget on [data-ig-costs]) and in Node
 * (module.exports, pure functions only).
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.IG = root.IG || {};
    root.IG.costs = api;
    api.wire(root);
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var KEYS = [
    "programs", "ranks", "step_1_attempts", "step_2_ck_attempts", "region", "oet_sittings", "pathway",
    "step_3", "usce_months", "usce_level", "interviews", "in_person_percent", "visa", "late_registration"
  ];
  var CHOICES = { region: ["outside", "inside"], usce_level: ["low", "typical", "high"], visa: ["j1", "h1b"] };
  var FLAGS = ["pathway", "step_3", "late_registration"];
  var COUNT_LABELS = {
    "per-attempt": "count_attempts", "per-sitting": "count_sittings", "per-rank": "count_ranks",
    "per-month": "count_months", "per-interview": "count_interviews"
  };
  var TIMES = " \u00d7 ";

  /* ------------------------------------------------------------ formatting ------ */

  function group(amount) {
    return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function money(amount) {
    return "$" + group(amount);
  }

  function span(low, high) {
    return low === high ? money(low) : money(low) + "\u2013" + money(high);
  }

  function percent(part, whole) {
    var tenths = Math.floor((part * 1000 + Math.floor(whole / 2)) / whole);
    return Math.floor(tenths / 10) + "." + (tenths % 10) + "%";
  }

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  /* ------------------------------------------------------------ estimate -------- */

  function conditions(inputs) {
    var held = {};
    held[inputs.region === "outside" ? "outside-us" : "inside-us"] = true;
    held[inputs.visa] = true;
    if (inputs.pathway) {
      held.pathway = true;
    }
    if (inputs.step_3 || inputs.visa === "h1b") {
      held["step-3"] = true;
    }
    if (inputs.late_registration) {
      held["late-registration"] = true;
    }
    return held;
  }

  function tierParts(tiers, programs) {
    var parts = [];
    for (var index = 0; index < tiers.length; index += 1) {
      var tier = tiers[index];
      if (programs < tier.first) {
        break;
      }
      var top = tier.last === null ? programs : Math.min(programs, tier.last);
      parts.push([top - tier.first + 1, tier.amount]);
    }
    return parts;
  }

  function line(item, labels, count, level) {
    var low = item.low;
    var typical = item.typical;
    var high = item.high;
    var unit = span(low, high);
    if (level) {
      var chosen = { low: low, typical: typical, high: high }[level];
      low = typical = high = chosen;
      unit = money(chosen);
    }
    var detail = "";
    var key = COUNT_LABELS[item.scale];
    if (key) {
      detail = labels[key].replace("{included}", String(item.included)) + ": " + count + TIMES + unit;
      if (level) {
        detail += " (" + labels["level_" + level] + ")";
      }
    }
    return {
      item: item.id, phase: item.phase, label: item.label, detail: detail,
      low: low * count, typical: typical * count, high: high * count
    };
  }

  /** Lines, phase subtotals and totals for one scenario (see costs.py `estimate`). */
  function estimate(data, inputs) {
    var labels = data.labels;
    var held = conditions(inputs);
    var inPerson = Math.floor((inputs.interviews * inputs.in_person_percent + 50) / 100);
    var counts = { once: 1, "per-sitting": inputs.oet_sittings, "per-month": inputs.usce_months, "per-interview": inPerson };
    var lines = [];
    data.items.forEach(function (item) {
      if (!item.when.every(function (name) { return held[name]; })) {
        return;
      }
      var found = [];
      var scale = item.scale;
      if (item.unpriced) {
        var blank = line(item, labels, 1);
        blank.detail = "";
        found.push(blank);
      } else if (scale === "per-program") {
        var used = inputs.programs.filter(function (n) { return n > 0; }).length;
        inputs.programs.forEach(function (programs, index) {
          if (programs <= 0) {
            return;
          }
          var parts = tierParts(item.tiers, programs);
          var total = parts.reduce(function (sum, part) { return sum + part[0] * part[1]; }, 0);
          found.push({
            item: item.id, phase: item.phase,
            label: item.label + (used > 1 ? " (" + labels.specialty + " " + (index + 1) + ")" : ""),
            detail: labels.count_programs + ": " + programs + " (" +
              parts.map(function (part) { return part[0] + TIMES + money(part[1]); }).join(" + ") + ")",
            low: total, typical: total, high: total
          });
        });
      } else if (scale === "per-rank") {
        var extra = Math.max(0, inputs.ranks - item.included);
        if (extra) {
          found.push(line(item, labels, extra));
        }
      } else if (scale === "per-attempt") {
        var attempts = inputs[item.exam === "step-1" ? "step_1_attempts" : "step_2_ck_attempts"];
        if (attempts) {
          found.push(line(item, labels, attempts));
        }
      } else if (scale === "per-month") {
        if (counts[scale]) {
          found.push(line(item, labels, counts[scale], inputs.usce_level));
        }
      } else if (counts[scale]) {
        found.push(line(item, labels, counts[scale]));
      }
      found.forEach(function (entry) {
        entry.season = item.season;
        entry.confidence = item.confidence;
        entry.sources = item.sources;
        entry.advice = item.advice;
        entry.unpriced = item.unpriced;
        entry.note = item.note;
        entry.original = item.original;
        entry.step = item.step;
        entry.flagged = item.unpriced || item.confidence !== "verified" || item.season < data.season;
        lines.push(entry);
      });
    });
    var phases = [];
    data.phases.forEach(function (phase) {
      var mine = lines.filter(function (entry) { return entry.phase === phase.id; });
      if (mine.length) {
        var subtotal = { id: phase.id, label: phase.label, low: 0, typical: 0, high: 0 };
        mine.forEach(function (entry) {
          subtotal.low += entry.low;
          subtotal.typical += entry.typical;
          subtotal.high += entry.high;
        });
        phases.push(subtotal);
      }
    });
    var total = { low: 0, typical: 0, high: 0 };
    phases.forEach(function (phase) {
      total.low += phase.low;
      total.typical += phase.typical;
      total.high += phase.high;
    });
    return {
      lines: lines,
      phases: phases,
      total: total,
      flagged: lines.filter(function (entry) { return entry.flagged && !entry.unpriced; }).length,
      unpriced: lines.filter(function (entry) { return entry.unpriced; }).length
    };
  }

  /* ------------------------------------------------------------ inputs ---------- */

  function whole(value, limits, fallback) {
    if (value === undefined || value === null) {
      return fallback;
    }
    var text = String(value).trim();
    if (text === "") {
      return limits[0]; // a field the reader has emptied counts as none
    }
    if (!/^\d+$/.test(text)) {
      return fallback;
    }
    return Math.min(limits[1], Math.max(limits[0], parseInt(text, 10)));
  }

  function flag(value, fallback) {
    if (value === true || value === "1" || value === "true" || value === "yes" || value === "on") {
      return true;
    }
    if (value === false || value === "0" || value === "false" || value === "no" || value === "") {
      return false;
    }
    return fallback;
  }

  /** Complete, valid inputs from `raw` (strings from a URL or a form, or stored values):
   * anything missing or invalid takes the default; numbers are kept within the limits. */
  function normalize(data, raw) {
    var defaults = data.defaults;
    var limits = data.limits;
    var inputs = {};
    raw = raw || {};
    var programs = raw.programs;
    if (typeof programs === "string") {
      programs = programs.split(",");
    }
    if (!Array.isArray(programs)) {
      programs = defaults.programs;
    }
    inputs.programs = defaults.programs.map(function (fallback, index) {
      return index < programs.length ? whole(programs[index], limits.programs, 0) : 0;
    });
    KEYS.forEach(function (key) {
      if (key === "programs") {
        return;
      }
      if (CHOICES[key]) {
        inputs[key] = CHOICES[key].indexOf(raw[key]) >= 0 ? raw[key] : defaults[key];
      } else if (FLAGS.indexOf(key) >= 0) {
        inputs[key] = flag(raw[key], defaults[key]);
      } else {
        inputs[key] = whole(raw[key], limits[key], defaults[key]);
      }
    });
    return inputs;
  }

  /** The inputs named in a query string ("?programs=100,20&visa=h1b"), as raw strings. */
  function readQuery(search) {
    var raw = {};
    String(search || "").replace(/^\?/, "").split("&").forEach(function (pair) {
      if (!pair) {
        return;
      }
      var parts = pair.split("=");
      var key = decodeURIComponent(parts[0]);
      if (KEYS.indexOf(key) >= 0) {
        raw[key] = decodeURIComponent((parts[1] || "").replace(/\+/g, " "));
      }
    });
    return raw;
  }

  function writeQuery(inputs) {
    var programs = inputs.programs.slice();
    while (programs.length > 1 && programs[programs.length - 1] === 0) {
      programs.pop();
    }
    return "?" + KEYS.map(function (key) {
      var value = key === "programs" ? programs.join(",") : inputs[key];
      if (value === true || value === false) {
        value = value ? "1" : "0";
      }
      return key + "=" + encodeURIComponent(String(value));
    }).join("&");
  }

  /* ------------------------------------------------------------ output ---------- */

  function citations(config, ids) {
    var cite = config.cite || {};
    var links = ids.slice().sort(function (a, b) { return cite[a][0] - cite[b][0]; }).map(function (id) {
      return '<a href="#source-' + esc(id) + '" aria-label="' + esc(cite[id][1]) + '" title="' + esc(cite[id][1]) +
        '">' + cite[id][0] + "</a>";
    });
    return links.length ? '<sup class="ig-cite">' + links.join(", ") + "</sup>" : "";
  }

  function totalsText(labels, total) {
    return labels.low + " " + money(total.low) + " \u00b7 " + labels.typical + " " + money(total.typical) +
      " \u00b7 " + labels.high + " " + money(total.high);
  }

  function rangeSpan(labels, low, high) {
    return low !== high ? '<span class="ig-costs__range">' + esc(labels.range) + " " + span(low, high) + "</span>" : "";
  }

  function rowHtml(config, entry) {
    var labels = config.labels;
    var flagText = entry.flagged
      ? '<span class="ig-costs__flag">' + esc(labels.flagged.replace("{season}", String(config.season))) + "</span>"
      : "";
    var notes = "";
    if (entry.detail) {
      notes += '<span class="ig-costs__detail">' + esc(entry.detail) + "</span>";
    }
    if (entry.note) {
      notes += '<span class="ig-costs__note">' + esc(entry.note) + "</span>";
    }
    if (entry.original) {
      var o = entry.original;
      notes += '<span class="ig-costs__note">' + esc(labels.converted) + " " + esc(o.currency) + " " + group(o.amount) +
        ' (<time datetime="' + o.convertedOn + '">' + o.convertedOn + "</time>): " + esc(o.note) + "</span>";
    }
    var link = (config.steps || {})[entry.step] || "";
    var label = link ? '<a href="' + esc(link) + '">' + esc(entry.label) + "</a>" : esc(entry.label);
    var amount = entry.unpriced
      ? '<td class="ig-costs__amount ig-costs__amount--none">' + esc(labels.not_priced) + "</td>"
      : '<td class="ig-costs__amount">' + money(entry.typical) + rangeSpan(labels, entry.low, entry.high) + "</td>";
    var badge = '<span class="ig-badge ig-badge--' + entry.confidence + '">' + esc(labels[entry.confidence]) + "</span>";
    if (entry.advice) {
      badge += ' <span class="ig-badge ig-badge--advice">' + esc(labels.advice) + "</span>";
    }
    return '<tr class="ig-costs__line' + (entry.flagged ? " ig-costs__line--flagged" : "") + '" data-ig-cost="' +
      esc(entry.item) + '"><th scope="row" class="ig-costs__item">' + label + flagText + notes + "</th>" + amount +
      '<td class="ig-costs__season" data-label="' + esc(labels.season) + '">' + entry.season + "</td>" +
      '<td class="ig-costs__confidence">' + badge + "</td>" +
      '<td class="ig-costs__sources">' + citations(config, entry.sources) + "</td></tr>";
  }

  function summaryHtml(config, result) {
    var labels = config.labels;
    var notes = [];
    if (result.flagged) {
      notes.push(labels.flagged_count.replace("{n}", String(result.flagged)).replace("{season}", String(config.season)));
    }
    if (result.unpriced) {
      notes.push(labels.not_priced_count.replace("{n}", String(result.unpriced)));
    }
    return '<p class="ig-costs__summary"><strong>' + esc(labels.total) + ":</strong> " +
      esc(totalsText(labels, result.total)) + "</p>" +
      (notes.length ? '<p class="ig-costs__warning">' + esc(notes.join(" ")) + "</p>" : "");
  }

  function chartHtml(config, result) {
    var row = 44;
    var top = Math.max.apply(null, result.phases.map(function (phase) { return phase.high; }).concat([1]));
    var parts = result.phases.map(function (phase, index) {
      var y = index * row;
      var text = '<text x="0" y="' + (y + 14) + '" class="ig-costs__chart-label">' + esc(phase.label) + ": " +
        money(phase.typical) + "</text>" +
        '<rect x="0" y="' + (y + 20) + '" width="' + percent(phase.typical, top) +
        '" height="14" rx="2" class="ig-costs__bar"></rect>';
      if (phase.low !== phase.high) {
        text += '<line x1="' + percent(phase.low, top) + '" x2="' + percent(phase.high, top) + '" y1="' + (y + 27) +
          '" y2="' + (y + 27) + '" class="ig-costs__whisker"></line>';
      }
      return text;
    });
    return '<figure class="ig-costs__chart"><svg width="100%" height="' + Math.max(1, result.phases.length) * row +
      '" aria-hidden="true" focusable="false">' + parts.join("") + "</svg><figcaption>" +
      esc(config.labels.chart_caption) + "</figcaption></figure>";
  }

  function tableHtml(config, result) {
    var labels = config.labels;
    var head = ["item", "amount", "season", "confidence", "sources"].map(function (key) {
      return '<th scope="col">' + esc(labels[key]) + "</th>";
    }).join("");
    var bodies = result.phases.map(function (phase) {
      var rows = result.lines.filter(function (entry) { return entry.phase === phase.id; });
      return '<tbody data-ig-phase="' + esc(phase.id) + '"><tr class="ig-costs__phase">' +
        '<th scope="colgroup" colspan="5">' + esc(phase.label) + "</th></tr>" +
        rows.map(function (entry) { return rowHtml(config, entry); }).join("") +
        '<tr class="ig-costs__subtotal"><th scope="row">' + esc(labels.subtotal) + ": " + esc(phase.label) + "</th>" +
        '<td class="ig-costs__amount">' + money(phase.typical) + rangeSpan(labels, phase.low, phase.high) +
        '</td><td colspan="3"></td></tr></tbody>';
    }).join("");
    var foot = '<tfoot><tr class="ig-costs__total"><th scope="row">' + esc(labels.total) + "</th>" +
      '<td class="ig-costs__amount" colspan="4">' + esc(totalsText(labels, result.total)) + "</td></tr></tfoot>";
    return '<div class="ig-costs__scroll"><table class="ig-costs__table"><caption>' + esc(labels.table_caption) + "</caption><thead><tr>" +
      head + "</tr></thead>" + bodies + foot + "</table></div>";
  }

  /** The results markup (summary, chart, table): the same as costs.py's Markup.results. */
  function resultsHtml(config, result) {
    return summaryHtml(config, result) + chartHtml(config, result) + tableHtml(config, result);
  }

  function sourceNames(config, ids) {
    var cite = config.cite || {};
    return ids.map(function (id) {
      return cite[id] ? cite[id][1] : id;
    }).join("; ");
  }

  function csvCell(value) {
    var text = String(value);
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /** The estimate as CSV: one row per line, then one per phase subtotal, then the total. */
  function toCSV(config, result) {
    var labels = config.labels;
    var rows = [[labels.phase, labels.item, labels.detail, labels.low, labels.typical, labels.high, labels.season,
      labels.confidence, labels.sources]];
    var phaseLabels = {};
    result.phases.forEach(function (phase) { phaseLabels[phase.id] = phase.label; });
    result.lines.forEach(function (entry) {
      var sure = labels[entry.confidence] + (entry.advice ? " (" + labels.advice + ")" : "");
      var amounts = entry.unpriced ? [labels.not_priced, labels.not_priced, labels.not_priced]
        : [entry.low, entry.typical, entry.high];
      rows.push([phaseLabels[entry.phase], entry.label, entry.detail].concat(amounts)
        .concat([entry.season, sure, sourceNames(config, entry.sources)]));
    });
    result.phases.forEach(function (phase) {
      rows.push([phase.label, labels.subtotal, "", phase.low, phase.typical, phase.high, "", "", ""]);
    });
    rows.push(["", labels.total, "", result.total.low, result.total.typical, result.total.high, "", "", ""]);
    return rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  /** The estimate as plain text, for pasting into a message or a note. */
  function toText(config, result, title) {
    var labels = config.labels;
    var out = [title, ""];
    result.phases.forEach(function (phase) {
      out.push(phase.label + ": " + span(phase.low, phase.high) + " (" + labels.typical + " " + money(phase.typical) + ")");
      result.lines.filter(function (entry) { return entry.phase === phase.id; }).forEach(function (entry) {
        var amount = entry.unpriced ? labels.not_priced : span(entry.low, entry.high);
        out.push("  - " + entry.label + ": " + amount + " [" + entry.season + ", " + labels[entry.confidence] +
          (entry.flagged ? "; " + labels.flagged.replace("{season}", String(config.season)) : "") + "]");
      });
    });
    out.push("", labels.total + ": " + totalsText(labels, result.total));
    return out.join("\n") + "\n";
  }

  /* ------------------------------------------------------------ widget ---------- */

  function readForm(form, config) {
    var raw = {};
    var elements = form.elements;
    raw.programs = config.defaults.programs.map(function (fallback, index) {
      var field = elements.namedItem("programs-" + (index + 1));
      return field ? field.value : "0";
    });
    KEYS.forEach(function (key) {
      if (key === "programs") {
        return;
      }
      var field = elements.namedItem(key);
      if (!field) {
        return;
      }
      if (FLAGS.indexOf(key) >= 0 && field.type === "checkbox") {
        raw[key] = field.checked;
      } else {
        raw[key] = field.value; // a RadioNodeList's value is the checked radio's
      }
    });
    return raw;
  }

  function writeForm(form, inputs) {
    var elements = form.elements;
    inputs.programs.forEach(function (value, index) {
      var field = elements.namedItem("programs-" + (index + 1));
      if (field) {
        field.value = String(value);
      }
    });
    KEYS.forEach(function (key) {
      var field = key === "programs" ? null : elements.namedItem(key);
      if (!field) {
        return;
      }
      var value = inputs[key];
      if (field.type === "checkbox") {
        field.checked = !!value;
      } else if (typeof field.length === "number" && !field.tagName) {
        var wanted = value === true ? "yes" : value === false ? "no" : String(value);
        Array.prototype.forEach.call(field, function (radio) { radio.checked = radio.value === wanted; });
      } else {
        field.value = String(value);
      }
    });
  }

  function Widget(root, config, ui, store) {
    this.root = root;
    this.config = config;
    this.labels = config.labels;
    this.ui = ui;
    this.store = store;
    this.form = root.querySelector(".ig-costs__form");
    this.output = root.querySelector("[data-ig-costs-output]");
    this.status = root.querySelector("[data-ig-costs-status]");
    this.h1b = root.querySelector(".ig-costs__h1b");
    this.actions = root.querySelector(".ig-costs__actions");
  }

  Widget.prototype.start = function () {
    var self = this;
    var fromUrl = readQuery(window.location.search);
    var saved = this.store ? this.store.read("costs", function (value) {
      return value && value.v === 1 && value.inputs && typeof value.inputs === "object";
    }) : null;
    var raw = Object.keys(fromUrl).length ? fromUrl : saved ? saved.inputs : {};
    this.inputs = normalize(this.config, raw);
    var noscript = this.root.querySelector(".ig-costs__noscript");
    if (noscript) {
      noscript.hidden = true;
    }
    this.form.hidden = false;
    writeForm(this.form, this.inputs);
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.form.addEventListener("input", function () { self.update(false); });
    this.form.addEventListener("change", function () { self.update(true); });
    this.buildActions();
    this.update(false, true);
  };

  Widget.prototype.update = function (tidy, first) {
    this.inputs = normalize(this.config, readForm(this.form, this.config));
    if (tidy) {
      writeForm(this.form, this.inputs);
    }
    this.result = estimate(this.config, this.inputs);
    this.output.innerHTML = resultsHtml(this.config, this.result);
    this.h1b.hidden = this.inputs.visa !== "h1b";
    if (!first) {
      this.status.textContent = this.labels.total + ": " + totalsText(this.labels, this.result.total);
      if (this.store) {
        this.store.write("costs", { v: 1, inputs: this.inputs });
      }
    }
    if (window.history && window.history.replaceState) {
      window.history.replaceState(window.history.state, "", writeQuery(this.inputs) + window.location.hash);
    }
  };

  Widget.prototype.shareUrl = function () {
    return window.location.href.split("#")[0].split("?")[0] + writeQuery(this.inputs);
  };

  Widget.prototype.copy = function (text, done, failed) {
    var message = this.message;
    message.textContent = "";
    var ui = this.ui;
    function fallback() {
      message.textContent = failed;
      var field = ui.element("textarea", "ig-costs__copy");
      field.value = text;
      field.readOnly = true;
      field.rows = Math.min(12, text.split("\n").length + 1);
      field.setAttribute("aria-label", failed);
      message.appendChild(field);
      field.focus();
      field.select();
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { message.textContent = done; }, fallback);
    } else {
      fallback();
    }
  };

  Widget.prototype.buildActions = function () {
    var self = this;
    var ui = this.ui;
    var labels = this.labels;
    var title = (document.querySelector("h1") || {}).textContent || "";
    this.actions.hidden = false;
    this.actions.textContent = "";
    [
      ui.button(labels.share, "", function () {
        self.copy(self.shareUrl(), labels.share_done, labels.share_failed);
      }),
      ui.button(labels.text, "", function () {
        self.copy(toText(self.config, self.result, title) + self.shareUrl() + "\n", labels.text_done, labels.text);
      }),
      ui.button(labels.csv, "", function () {
        ui.downloadFile(labels.csv_name, toCSV(self.config, self.result), "text/csv");
      }),
      ui.button(labels.print, "", function () { window.print(); }),
      ui.button(labels.reset, "", function () {
        writeForm(self.form, normalize(self.config, {}));
        self.update(true);
      })
    ].forEach(function (node) { self.actions.appendChild(node); });
    this.message = ui.element("p", "ig-costs__message");
    this.message.setAttribute("role", "status");
    this.actions.appendChild(this.message);
    if (this.store) {
      var note = ui.element("p", "ig-costs__saved", this.store.problems().indexOf("unavailable") >= 0
        ? labels.storage_unavailable : labels.saved);
      this.actions.appendChild(note);
    }
  };

  /** In the browser: start the widget on every page that has one. */
  function wire(root) {
    var IG = root.IG;
    if (!IG || !IG.ui || typeof document === "undefined") {
      return;
    }
    IG.ui.mount("data-ig-costs", function (element, config) {
      new Widget(element, config, IG.ui, IG.store || null).start();
    });
  }

  return {
    money: money,
    span: span,
    percent: percent,
    conditions: conditions,
    tierParts: tierParts,
    estimate: estimate,
    normalize: normalize,
    readQuery: readQuery,
    writeQuery: writeQuery,
    resultsHtml: resultsHtml,
    toCSV: toCSV,
    toText: toText,
    wire: wire
  };
});
