/* The Planner page: a form (target Match, today, what is done, booked exams, study time),
 * the dated plan IG.dates computes from it, and ways to keep it: a link that reproduces it,
 * an .ics calendar file, print and plain text.
 *
 * The inputs live in the page address (?match=YYYY&today=...&done=...&booked=...&study=...),
 * so the address is always a link to the plan on screen. Without a shared link, what is
 * done is prefilled from the readiness checklist. All words come from data-ig-planner.
 */
(function () {
  "use strict";

  var IG = (window.IG = window.IG || {});
  var ui = IG.ui;
  var el = ui.element;
  var D = IG.dates;
  var YEARS_AHEAD = 5;
  var STATUS_CLASS = { "on-track": "on-track", tight: "tight", impossible: "impossible", done: "done" };

  function formatter() {
    try {
      return new Intl.DateTimeFormat("en-GB", {
        weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
      });
    } catch (error) {
      return null;
    }
  }
  var FORMAT = formatter();

  /** "Wed 3 March YYYY" for a day number (built in UTC, so no time zone can shift it). */
  function show(day) {
    if (day === null || day === undefined) {
      return "–";
    }
    var date = new Date(day * 86400000);
    return FORMAT ? FORMAT.format(date).replace(",", "") : D.format(day);
  }

  /* ------------------------------------------------------------ inputs <-> URL --- */

  function readQuery(search, milestones) {
    var params = new URLSearchParams(search);
    if (!params.has("match") && !params.has("today") && !params.has("done")) {
      return null;
    }
    var year = parseInt(params.get("match"), 10);
    var input = { match: year > 0 ? year : "earliest", today: null, done: {}, booked: {}, study: {} };
    input.today = D.parse(params.get("today"));
    (params.get("done") || "").split(",").forEach(function (id) {
      if (milestones[id]) {
        input.done[id] = true;
      }
    });
    (params.get("booked") || "").split(",").forEach(function (pair) {
      var parts = pair.split(":");
      var day = D.parse(parts[1]);
      if (milestones[parts[0]] && day !== null) {
        input.booked[parts[0]] = day;
      }
    });
    (params.get("study") || "").split(",").forEach(function (pair) {
      var parts = pair.split(":");
      var weeks = parseInt(parts[1], 10);
      if (milestones[parts[0]] && weeks > 0 && weeks < 200) {
        input.study[parts[0]] = weeks;
      }
    });
    return input;
  }

  function writeQuery(input) {
    var params = new URLSearchParams();
    params.set("match", String(input.match));
    params.set("today", D.format(input.today));
    var done = Object.keys(input.done).filter(function (id) {
      return input.done[id];
    });
    if (done.length) {
      params.set("done", done.join(","));
    }
    var booked = Object.keys(input.booked).map(function (id) {
      return id + ":" + D.format(input.booked[id]);
    });
    if (booked.length) {
      params.set("booked", booked.join(","));
    }
    var study = Object.keys(input.study).map(function (id) {
      return id + ":" + input.study[id];
    });
    if (study.length) {
      params.set("study", study.join(","));
    }
    return "?" + params.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
  }

  /* ------------------------------------------------------------ the planner ----- */

  function Planner(root, config) {
    this.root = root;
    this.config = config;
    this.timeline = config.timeline;
    this.labels = config.labels;
  }

  Planner.prototype.start = function () {
    var timeline = this.timeline;
    var shared = readQuery(window.location.search, timeline.milestones);
    var input = shared || { match: "earliest", today: null, done: {}, booked: {}, study: {} };
    if (input.today === null) {
      input.today = D.today();
    }
    this.prefilled = false;
    if (!shared) {
      var checklist = IG.checklist ? IG.checklist.read() : {};
      var self = this;
      timeline.milestoneList.forEach(function (id) {
        var item = timeline.milestones[id].checklist;
        if (item && (checklist[item] === "done" || checklist[item] === "na")) {
          input.done[id] = true;
          self.prefilled = true;
        }
      });
    }
    this.input = input;
    this.root.textContent = "";
    ui.storageNotice(this.root, this.labels);
    this.renderForm();
    this.result = el("div", "ig-plan");
    this.root.appendChild(this.result);
    this.announce = el("p", "ig-visually-hidden");
    this.announce.setAttribute("role", "status");
    this.announce.setAttribute("aria-live", "polite");
    this.root.appendChild(this.announce);
    this.update(false);
  };

  Planner.prototype.years = function () {
    var first = D.firstOpenYear(this.input.today);
    var years = [];
    for (var year = first; year < first + YEARS_AHEAD; year += 1) {
      years.push(year);
    }
    return years;
  };

  Planner.prototype.renderForm = function () {
    var self = this;
    var labels = this.labels;
    var timeline = this.timeline;
    var input = this.input;
    var form = el("form", "ig-planner__form");
    form.noValidate = true;
    form.appendChild(el("h2", null, labels.form_heading));

    var basics = el("div", "ig-planner__basics");
    var target = el("select");
    target.id = "ig-target";
    basics.appendChild(ui.field(labels.target, target));
    this.target = target;

    var today = el("input");
    today.type = "date";
    today.id = "ig-today";
    today.value = D.format(input.today);
    var useToday = ui.button(labels.use_today, "ig-button--small", function () {
      today.value = D.format(D.today());
      self.readForm();
    });
    basics.appendChild(ui.field(labels.today, today, useToday));
    form.appendChild(basics);

    var done = el("fieldset", "ig-planner__done");
    done.appendChild(el("legend", null, labels.done_legend));
    if (this.prefilled) {
      done.appendChild(el("p", "ig-planner__note", labels.checklist_prefilled));
    }
    timeline.milestoneList.forEach(function (id) {
      var option = ui.choice("checkbox", "ig-done", "ig-done-" + id, id, timeline.milestones[id].title, input.done[id]);
      done.appendChild(option.row);
    });
    form.appendChild(done);

    var exams = el("fieldset", "ig-planner__exams");
    exams.appendChild(el("legend", null, labels.exams_legend));
    timeline.milestoneList.forEach(function (id) {
      var milestone = timeline.milestones[id];
      if (!milestone.exam) {
        return;
      }
      var group = el("div", "ig-planner__exam");
      group.appendChild(el("p", "ig-planner__exam-title", milestone.title));
      var booked = el("input");
      booked.type = "date";
      booked.id = "ig-booked-" + id;
      booked.value = input.booked[id] !== undefined ? D.format(input.booked[id]) : "";
      group.appendChild(ui.field(labels.booked, booked));
      var study = el("input");
      study.type = "number";
      study.min = 1;
      study.id = "ig-study-" + id;
      study.value = input.study[id] || "";
      group.appendChild(ui.field(labels.study, study, el("span", null, labels.weeks)));
      exams.appendChild(group);
    });
    form.appendChild(exams);
    this.error = el("p", "ig-planner__error");
    this.error.setAttribute("role", "alert");
    form.appendChild(this.error);
    form.addEventListener("change", function () {
      self.readForm();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.readForm();
    });
    this.form = form;
    this.root.appendChild(form);
    this.fillTargets();
  };

  Planner.prototype.fillTargets = function () {
    var labels = this.labels;
    var target = this.target;
    var chosen = String(this.input.match);
    target.textContent = "";
    var options = [["earliest", labels.earliest]].concat(
      this.years().map(function (year) {
        return [String(year), year + " " + labels.match];
      })
    );
    if (chosen !== "earliest" && !options.some(function (option) { return option[0] === chosen; })) {
      options.push([chosen, chosen + " " + labels.match]);
    }
    options.forEach(function (option) {
      var node = el("option", null, option[1]);
      node.value = option[0];
      node.selected = option[0] === chosen;
      target.appendChild(node);
    });
  };

  Planner.prototype.readForm = function () {
    var form = this.form;
    var input = this.input;
    var labels = this.labels;
    var today = D.parse(form.querySelector("#ig-today").value);
    this.error.textContent = "";
    if (today === null) {
      this.error.textContent = labels.invalid_date;
      return;
    }
    input.today = today;
    input.match = this.target.value === "earliest" ? "earliest" : parseInt(this.target.value, 10);
    input.done = {};
    Array.prototype.forEach.call(form.querySelectorAll(".ig-planner__done input:checked"), function (box) {
      input.done[box.value] = true;
    });
    input.booked = {};
    input.study = {};
    var bad = false;
    Array.prototype.forEach.call(form.querySelectorAll("input[id^='ig-booked-']"), function (field) {
      if (!field.value) {
        return;
      }
      var day = D.parse(field.value);
      if (day === null) {
        bad = true;
      } else {
        input.booked[field.id.slice("ig-booked-".length)] = day;
      }
    });
    Array.prototype.forEach.call(form.querySelectorAll("input[id^='ig-study-']"), function (field) {
      var weeks = parseInt(field.value, 10);
      if (weeks > 0) {
        input.study[field.id.slice("ig-study-".length)] = weeks;
      }
    });
    if (bad) {
      this.error.textContent = labels.invalid_date;
    }
    this.fillTargets();
    this.update(true);
  };

  Planner.prototype.update = function (announce) {
    var input = this.input;
    var first = D.firstOpenYear(input.today);
    var found = D.earliestCycles(this.timeline, input, first, YEARS_AHEAD + 3);
    var year = input.match === "earliest" ? found.onTrack || found.possible || first : input.match;
    this.plan = D.plan(this.timeline, year, input);
    this.found = found;
    if (window.history && window.history.replaceState) {
      window.history.replaceState(window.history.state, "", writeQuery(input) + window.location.hash);
    }
    this.renderPlan();
    if (announce) {
      this.announce.textContent =
        this.labels.status + ": " + this.statusText(this.plan.status) +
        (this.plan.conflicts.length ? " (" + this.plan.conflicts.length + ")" : "");
    }
  };

  Planner.prototype.statusText = function (status) {
    return this.labels["status_" + status.replace("-", "_")];
  };

  Planner.prototype.stepLink = function (milestone) {
    var step = this.config.steps[milestone.step];
    var link = el("a", null, milestone.title);
    link.href = step.url;
    return link;
  };

  Planner.prototype.renderPlan = function () {
    var self = this;
    var labels = this.labels;
    var timeline = this.timeline;
    var plan = this.plan;
    var result = this.result;
    result.textContent = "";

    var title = el("h2", null, labels.plan_heading + " " + plan.matchYear + " " + labels.match);
    title.id = "ig-plan-title";
    title.setAttribute("tabindex", "-1");
    result.appendChild(title);

    var status = el("p", "ig-plan__status ig-plan__status--" + STATUS_CLASS[plan.status]);
    status.appendChild(el("strong", null, labels.status + ": "));
    status.appendChild(document.createTextNode(this.statusText(plan.status)));
    result.appendChild(status);

    if (plan.conflicts.length) {
      var box = el("div", "ig-plan__conflicts");
      box.appendChild(el("h3", null, labels.conflicts));
      var list = el("ul");
      plan.conflicts.forEach(function (row) {
        var milestone = timeline.milestones[row.id];
        var item = el("li", "ig-plan__conflict--" + row.status);
        item.appendChild(el("strong", null, milestone.title + ": "));
        var sentence = labels.expected + " " + show(row.expected) + ", " + labels.after_date + " " + show(row.finishBy) + ".";
        if (row.status === "impossible" && row.hardBy !== null) {
          sentence += " " + labels.not_possible_after + " " + show(row.hardBy) + ".";
        }
        item.appendChild(document.createTextNode(sentence + " " + milestone.why + " "));
        var link = el("a", null, labels.step_page);
        link.href = self.config.steps[milestone.step].url;
        item.appendChild(link);
        list.appendChild(item);
      });
      box.appendChild(list);
      result.appendChild(box);
    }

    var earliest = el("p", "ig-plan__earliest");
    if (this.found.onTrack !== null) {
      earliest.appendChild(el("strong", null, labels.earliest_on_track + " "));
      earliest.appendChild(document.createTextNode(this.found.onTrack + " " + labels.match));
    } else if (this.found.possible !== null) {
      earliest.appendChild(el("strong", null, labels.earliest_works + " "));
      earliest.appendChild(document.createTextNode(this.found.possible + " " + labels.match));
    } else {
      earliest.textContent = labels.none_works;
    }
    result.appendChild(earliest);

    var list = el("ol", "ig-plan__list");
    list.setAttribute("aria-label", labels.plan_heading + " " + plan.matchYear + " " + labels.match);
    plan.rows.forEach(function (row) {
      var milestone = timeline.milestones[row.id];
      var item = el("li", "ig-plan__item ig-plan__item--" + STATUS_CLASS[row.status]);
      var head = el("p", "ig-plan__item-title");
      head.appendChild(self.stepLink(milestone));
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", "ig-plan__state ig-plan__state--" + STATUS_CLASS[row.status], self.statusText(row.status)));
      item.appendChild(head);
      var dates = el("dl", "ig-plan__dates");
      var latest = row.hardBy !== null ? row.hardBy : row.tightBy;
      [
        [labels.start_by, row.startBy],
        [labels.finish_by, row.finishBy],
        [labels.latest, latest]
      ].forEach(function (pair) {
        if (pair[1] === null) {
          return;
        }
        var group = el("div");
        group.appendChild(el("dt", null, pair[0]));
        group.appendChild(el("dd", null, show(pair[1])));
        dates.appendChild(group);
      });
      item.appendChild(dates);
      item.appendChild(el("p", "ig-plan__why", milestone.why + (milestone.typical ? " (" + labels.typical + ")" : "")));
      list.appendChild(item);
    });
    result.appendChild(list);

    result.appendChild(el("h3", null, labels.key_dates + " " + plan.matchYear + " " + labels.match));
    var events = Object.keys(plan.events)
      .map(function (id) {
        return { id: id, found: plan.events[id] };
      })
      .sort(function (a, b) {
        return a.found.day - b.found.day;
      })
      .map(function (entry) {
        return [
          timeline.events[entry.id].title,
          show(entry.found.day) + " (" + (entry.found.estimated ? labels.estimated : labels.published) + ")"
        ];
      });
    result.appendChild(
      ui.table([labels.event, labels.date], events, labels.key_dates + " " + plan.matchYear, "ig-plan__events")
    );

    var actions = el("div", "ig-plan__actions");
    var message = el("p", "ig-plan__message");
    message.setAttribute("role", "status");
    actions.appendChild(
      ui.button(labels.share, "", function () {
        copyText(window.location.href, message, labels.share_done, labels.share_failed);
      })
    );
    actions.appendChild(
      ui.button(labels.ics, "md-button--primary", function () {
        ui.downloadFile("imgguide-plan-" + plan.matchYear + ".ics", self.calendar(), "text/calendar");
      })
    );
    actions.appendChild(
      ui.button(labels.print, "", function () {
        window.print();
      })
    );
    actions.appendChild(
      ui.button(labels.text, "", function () {
        copyText(self.text(), message, labels.text_done, labels.share_failed);
      })
    );
    result.appendChild(actions);
    result.appendChild(message);
  };

  /** The plan as an .ics file: each open milestone on its finish-by date, and the
   * cycle's key dates. UIDs name the milestone or event and the Match year, so importing
   * a newer plan updates these events instead of adding copies. */
  Planner.prototype.calendar = function () {
    var labels = this.labels;
    var timeline = this.timeline;
    var plan = this.plan;
    var base = window.location.href;
    var entries = [];
    var self = this;
    plan.rows.forEach(function (row) {
      if (row.status === "done") {
        return;
      }
      var milestone = timeline.milestones[row.id];
      var url = new URL(self.config.steps[milestone.step].url, base).href;
      entries.push({
        uid: row.id + "." + plan.matchYear + "@imgguide.plan",
        day: row.finishBy,
        summary: labels.finish_by + ": " + milestone.title,
        description: milestone.why + "\n" + url,
        url: url
      });
    });
    Object.keys(plan.events).forEach(function (id) {
      var found = plan.events[id];
      entries.push({
        uid: "event-" + id + "." + plan.matchYear + "@imgguide.plan",
        day: found.day,
        summary: timeline.events[id].title + (found.estimated ? " (" + labels.estimated + ")" : "")
      });
    });
    entries.sort(function (a, b) {
      return a.day - b.day;
    });
    return D.toICS(entries, {
      productId: "-//IMG Residency Pathway Guide//Planner//EN",
      name: labels.ics_name + " " + plan.matchYear,
      now: Date.now()
    });
  };

  Planner.prototype.text = function () {
    var labels = this.labels;
    var timeline = this.timeline;
    var plan = this.plan;
    var self = this;
    var lines = [
      labels.plan_heading + " " + plan.matchYear + " " + labels.match,
      labels.status + ": " + this.statusText(plan.status),
      ""
    ];
    plan.rows.forEach(function (row) {
      lines.push(
        "- " + timeline.milestones[row.id].title + ": " + labels.finish_by + " " + show(row.finishBy) +
          (row.startBy !== null ? ", " + labels.start_by + " " + show(row.startBy) : "") +
          " [" + self.statusText(row.status) + "]"
      );
    });
    lines.push("", labels.key_dates + " " + plan.matchYear + " " + labels.match);
    Object.keys(plan.events)
      .sort(function (a, b) {
        return plan.events[a].day - plan.events[b].day;
      })
      .forEach(function (id) {
        var found = plan.events[id];
        lines.push(
          "- " + timeline.events[id].title + ": " + show(found.day) +
            (found.estimated ? " (" + labels.estimated + ")" : "")
        );
      });
    lines.push("", window.location.href);
    return lines.join("\n");
  };

  function copyText(text, message, done, failed) {
    function fallback() {
      message.textContent = failed;
      var field = el("textarea", "ig-plan__copy");
      field.value = text;
      field.readOnly = true;
      field.rows = Math.min(12, text.split("\n").length + 1);
      message.appendChild(field);
      field.focus();
      field.select();
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () {
        message.textContent = done;
      }, fallback);
    } else {
      fallback();
    }
  }

  /* ------------------------------------------------------------ wiring ---------- */

  ui.mount("data-ig-planner", function (root, config) {
    new Planner(root, config).start();
  });
})();
