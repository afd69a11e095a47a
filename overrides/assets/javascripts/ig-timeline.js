/* The Planner page: a form (target Match, what is done, booked exams, study time), the
 * dated plan IG.dates computes from it, a "next days" panel, a month-by-month picture, and
 * ways to keep it: a link that reproduces it, an .ics calendar file, print and plain text.
 *
 * Inputs are saved in this browser (IG.store "planner") and restored on return; what is done
 * is one record shared with the readiness checklist (IG.checklist) for milestones that have
 * a checklist item. The page address carries the inputs, so it is a link to the plan; it
 * carries "today" only when the reader pinned a date on purpose. All words and numbers come
 * from data-ig-planner.
 */
(function () {
  "use strict";

  // Units, input bounds and drawing sizes (pixels) of the picture: none is a fact.
  const DAY_MS = 86400000; // milliseconds in a day
  const MONTHS_PER_YEAR = 12;
  const MAX_STUDY_WEEKS = 200; // input sanity bound for "weeks of study"
  const COPY_ROWS = 12; // rows of the fallback copy box
  const SVG_LABEL_WIDTH = 196;
  const SVG_MONTH_WIDTH = 52;
  const SVG_ROW_HEIGHT = 26;
  const SVG_BAR_HEIGHT = 12;
  const SVG_TICK_LINE = 15;
  const SVG_MONTHS_HEIGHT = 32;
  const SVG_PAD = 8;
  const SVG_TEXT_INSET = 4;
  const SVG_MARK_SIZE = 6;
  const SVG_LABEL_CHARS = 28;
  const SVG_LINE_HEIGHT = 13;
  const SVG_CHAR_WIDTH = 5.8; // a rough average width of one character at the picture's font size
  const HALF = 0.5;

  var IG = (window.IG = window.IG || {});
  var ui = IG.ui;
  var el = ui.element;
  var D = IG.dates;
  var SVG_NS = svgNamespace();
  var STORE_KEY = "planner";
  var STATUS_CLASS = { "on-track": "on-track", tight: "tight", impossible: "impossible", done: "done" };

  /** The SVG namespace, read from the parser rather than written here as an address. */
  function svgNamespace() {
    var holder = document.createElement("div");
    holder.innerHTML = "<svg></svg>";
    return holder.firstChild.namespaceURI;
  }

  function formatter(options) {
    try {
      return new Intl.DateTimeFormat("en-GB", Object.assign({ timeZone: "UTC" }, options));
    } catch (error) {
      return null;
    }
  }
  var FORMAT = formatter({ weekday: "short", day: "numeric", month: "long", year: "numeric" });
  var MONTH = formatter({ month: "short" });

  /** "Wed 3 March YYYY" for a day number (built in UTC, so no time zone can shift it). */
  function show(day) {
    if (day === null || day === undefined) {
      return "–";
    }
    var date = new Date(day * DAY_MS);
    return FORMAT ? FORMAT.format(date).replace(",", "") : D.format(day);
  }

  /** How an event's date is shown: "early June (expected)" while an approximate rule's
   * date is not published, otherwise the day with "(estimated)" or "(published)". */
  function showEvent(found, labels) {
    if (found.expected) {
      return found.expected + " (" + labels.expected_date + ")";
    }
    return show(found.day) + " (" + (found.estimated ? labels.estimated : labels.published) + ")";
  }

  /* ------------------------------------------------------------ inputs <-> URL --- */

  function readQuery(search, milestones) {
    var params = new URLSearchParams(search);
    if (!params.has("match") && !params.has("today") && !params.has("done")) {
      return null;
    }
    var year = Number(params.get("match"));
    var input = { match: year > 0 ? year : "earliest", today: null, pinned: false, done: {}, booked: {}, study: {} };
    input.today = D.parse(params.get("today"));
    input.pinned = input.today !== null;
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
      var weeks = Number(parts[1]);
      if (milestones[parts[0]] && weeks > 0 && weeks < MAX_STUDY_WEEKS) {
        input.study[parts[0]] = weeks;
      }
    });
    return input;
  }

  function writeQuery(input) {
    var params = new URLSearchParams();
    params.set("match", String(input.match));
    if (input.pinned) {
      params.set("today", D.format(input.today)); // only a date the reader chose on purpose
    }
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

  /* ------------------------------------------------------------ saved inputs ---- */

  function isSaved(value) {
    return (
      value !== null && typeof value === "object" && value.v === 1 &&
      (value.match === "earliest" || typeof value.match === "number") &&
      typeof value.booked === "object" && value.booked !== null &&
      typeof value.study === "object" && value.study !== null &&
      typeof value.done === "object" && value.done !== null
    );
  }

  /** The saved inputs (IG.store "planner", shape {v: 1, match, today|null, booked: {id:
   * "YYYY-MM-DD"}, study: {id: weeks}, done: {id: true}}; done holds only milestones with
   * no checklist item), or null. Unknown milestone ids are dropped, not reported. */
  var savedIsNewer = false; // a record from a newer version of the guide: read nothing, overwrite nothing

  function readSaved(milestones) {
    var saved = IG.store ? IG.store.read(STORE_KEY) : null;
    if (saved && typeof saved === "object" && typeof saved.v === "number" && saved.v > 1) {
      savedIsNewer = true;
      return null;
    }
    if (!isSaved(saved)) {
      return null;
    }
    var input = { match: saved.match, today: null, pinned: false, done: {}, booked: {}, study: {} };
    var pinned = D.parse(saved.today);
    if (pinned !== null) {
      input.today = pinned;
      input.pinned = true;
    }
    Object.keys(saved.booked).forEach(function (id) {
      var day = D.parse(saved.booked[id]);
      if (milestones[id] && day !== null) {
        input.booked[id] = day;
      }
    });
    Object.keys(saved.study).forEach(function (id) {
      var weeks = saved.study[id];
      if (milestones[id] && typeof weeks === "number" && weeks > 0 && weeks < MAX_STUDY_WEEKS) {
        input.study[id] = weeks;
      }
    });
    Object.keys(saved.done).forEach(function (id) {
      if (milestones[id] && !milestones[id].checklist && saved.done[id] === true) {
        input.done[id] = true;
      }
    });
    return input;
  }

  function writeSaved(input, milestones) {
    if (!IG.store || savedIsNewer) {
      return;
    }
    var booked = {};
    Object.keys(input.booked).forEach(function (id) {
      booked[id] = D.format(input.booked[id]);
    });
    var done = {};
    Object.keys(input.done).forEach(function (id) {
      if (input.done[id] && milestones[id] && !milestones[id].checklist) {
        done[id] = true;
      }
    });
    IG.store.write(STORE_KEY, {
      v: 1,
      match: input.match,
      today: input.pinned ? D.format(input.today) : null,
      booked: booked,
      study: input.study,
      done: done
    });
  }

  /** Milestones with a checklist item are done when the checklist says done (or not
   * applicable): one record of "done" for both pages. */
  function checklistDone(timeline, into) {
    var checklist = IG.checklist ? IG.checklist.read() : {};
    timeline.milestoneList.forEach(function (id) {
      var item = timeline.milestones[id].checklist;
      if (item) {
        if (checklist[item] === "done" || checklist[item] === "na") {
          into[id] = true;
        } else {
          delete into[id];
        }
      }
    });
  }

  /* ------------------------------------------------------------ the planner ----- */

  function Planner(root, config) {
    this.root = root;
    this.config = config;
    this.timeline = config.timeline;
    this.labels = config.labels;
    this.planning = config.timeline.planning;
  }

  Planner.prototype.start = function () {
    var timeline = this.timeline;
    var shared = readQuery(window.location.search, timeline.milestones);
    var saved = shared ? null : readSaved(timeline.milestones);
    var input = shared || saved || { match: "earliest", today: null, pinned: false, done: {}, booked: {}, study: {} };
    this.prefilled = false;
    if (!shared) {
      checklistDone(timeline, input.done);
      this.prefilled = timeline.milestoneList.some(function (id) {
        return timeline.milestones[id].checklist && input.done[id];
      });
    }
    if (input.today === null) {
      input.today = D.today();
      input.pinned = false;
    }
    this.restored = Boolean(saved);
    this.input = input;
    this.root.textContent = "";
    ui.storageNotice(this.root, this.labels);
    this.top = el("div", "ig-plan__top");
    this.root.appendChild(this.top);
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
    var first = D.firstOpenYear(this.timeline, this.input.today);
    var years = [];
    for (var year = first; year < first + this.planning.horizonYears; year += 1) {
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
    if (this.restored) {
      form.appendChild(el("p", "ig-planner__note", labels.restored));
    }

    var basics = el("div", "ig-planner__basics");
    var target = el("select");
    target.id = "ig-target";
    basics.appendChild(ui.field(labels.target, target));
    this.target = target;

    var today = el("input");
    today.type = "date";
    today.id = "ig-today";
    today.value = D.format(input.today);
    today.setAttribute("aria-describedby", "ig-today-note");
    var useToday = ui.button(labels.use_today, "ig-button--small", function () {
      today.value = D.format(D.today());
      self.input.pinned = false;
      self.readForm();
    });
    today.addEventListener("change", function () {
      self.input.pinned = true; // a date chosen on purpose goes into the link
    });
    basics.appendChild(ui.field(labels.today, today, useToday));
    var note = el("p", "ig-planner__note", labels.today_note);
    note.id = "ig-today-note";
    basics.appendChild(note);
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

    // Collapsed until the reader has entered a test date or a study time, to keep the page short.
    var examsBox = el("details", "ig-planner__exams-box");
    examsBox.open = Object.keys(input.booked).length + Object.keys(input.study).length > 0;
    examsBox.appendChild(el("summary", null, labels.exams_legend));
    var exams = el("fieldset", "ig-planner__exams");
    exams.appendChild(el("legend", "ig-visually-hidden", labels.exams_legend));
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
      study.placeholder = String(milestone.studyWeeks);
      study.value = input.study[id] || "";
      group.appendChild(ui.field(labels.study, study, el("span", null, labels.weeks)));
      exams.appendChild(group);
    });
    examsBox.appendChild(exams);
    form.appendChild(examsBox);
    this.error = el("p", "ig-planner__error");
    this.error.setAttribute("role", "alert");
    form.appendChild(this.error);
    form.addEventListener("change", function (event) {
      self.readForm(event.target);
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

  /** Read the form into the inputs, save them, share "done" with the checklist. */
  Planner.prototype.readForm = function (changed) {
    var form = this.form;
    var input = this.input;
    var labels = this.labels;
    var timeline = this.timeline;
    var today = D.parse(form.querySelector("#ig-today").value);
    this.error.textContent = "";
    if (today === null) {
      this.error.textContent = labels.invalid_date;
      return;
    }
    input.today = today;
    input.match = this.target.value === "earliest" ? "earliest" : Number(this.target.value);
    input.done = {};
    Array.prototype.forEach.call(form.querySelectorAll(".ig-planner__done input:checked"), function (box) {
      input.done[box.value] = true;
    });
    if (changed && changed.name === "ig-done" && IG.checklist && IG.checklist.set) {
      var item = timeline.milestones[changed.value].checklist;
      if (item) {
        IG.checklist.set(item, changed.checked ? "done" : "todo");
      }
    }
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
      var weeks = Number(field.value);
      if (weeks > 0 && weeks < MAX_STUDY_WEEKS) {
        input.study[field.id.slice("ig-study-".length)] = weeks;
      }
    });
    if (bad) {
      this.error.textContent = labels.invalid_date;
    }
    writeSaved(input, timeline.milestones);
    this.fillTargets();
    this.update(true);
  };

  Planner.prototype.update = function (announce) {
    var input = this.input;
    var first = D.firstOpenYear(this.timeline, input.today);
    var found = D.earliestCycles(this.timeline, input, first, this.planning.horizonYears);
    var year = input.match === "earliest" ? found.onTrack || found.possible || first : input.match;
    this.plan = D.plan(this.timeline, year, input);
    this.found = found;
    if (window.history && window.history.replaceState) {
      window.history.replaceState(window.history.state, "", writeQuery(input) + window.location.hash);
    }
    this.renderTop();
    this.renderPlan();
    if (announce) {
      this.announce.textContent = this.verdict() +
        (this.plan.conflicts.length ? " (" + this.plan.conflicts.length + ")" : "");
    }
  };

  Planner.prototype.statusText = function (status) {
    return this.labels["status_" + status.replace("-", "_")];
  };

  /** "Not possible for the <year> Match", or the status word. */
  Planner.prototype.verdict = function () {
    var labels = this.labels;
    if (this.plan.status === "impossible") {
      return labels.not_possible_for + " " + this.plan.matchYear + " " + labels.match;
    }
    return labels.status + ": " + this.statusText(this.plan.status);
  };

  Planner.prototype.itemLink = function (id, text) {
    var link = el("a", null, text);
    link.href = "#ig-row-" + id;
    return link;
  };

  /** The verdict, what blocks it, the earliest Match that works, and the next days. */
  Planner.prototype.renderTop = function () {
    var self = this;
    var labels = this.labels;
    var timeline = this.timeline;
    var plan = this.plan;
    var top = this.top;
    top.textContent = "";

    var title = el("h2", null, labels.plan_heading + " " + plan.matchYear + " " + labels.match);
    title.id = "ig-plan-title";
    title.setAttribute("tabindex", "-1");
    top.appendChild(title);

    var status = el("p", "ig-plan__status ig-plan__status--" + STATUS_CLASS[plan.status]);
    status.appendChild(el("strong", null, this.verdict()));
    top.appendChild(status);

    // Impossible: the milestones that block the plan, each with its limit and the reason.
    // Tight: the milestones that finish after their finish-by date.
    var shownRows = plan.status === "impossible" ? plan.blocking : plan.conflicts;
    if (shownRows.length) {
      var list = el("ul", "ig-plan__blocking");
      shownRows.forEach(function (row) {
        var milestone = timeline.milestones[row.id];
        var item = el("li", "ig-plan__conflict--" + row.status);
        item.appendChild(el("strong", null, milestone.title + ": "));
        var when = (row.booked !== null ? labels.booked_on : labels.expected) + " " + show(row.expected);
        item.appendChild(document.createTextNode(row.status === "impossible"
          ? when + "; " + labels.not_possible_after + " " + show(row.hardBy) + ". "
          : when + ", " + labels.after_date + " " + show(row.finishBy) + ". "
        ));
        item.appendChild(self.itemLink(row.id, labels.why));
        list.appendChild(item);
      });
      top.appendChild(list);
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
    var better = this.found.onTrack !== null ? this.found.onTrack : this.found.possible;
    if (plan.status === "impossible" && better !== null && better !== plan.matchYear) {
      earliest.appendChild(document.createTextNode(" "));
      earliest.appendChild(ui.button(labels.switch_to + " " + better + " " + labels.match, "ig-button--small", function () {
        self.target.value = String(better);
        self.readForm();
        ui.focus(document.getElementById("ig-plan-title"));
      }));
    }
    top.appendChild(earliest);

    var days = this.planning.nextDays;
    var panel = el("section", "ig-plan__next");
    var heading = el("h3", null, labels.next_heading.replace("{days}", days));
    heading.id = "ig-next-heading";
    panel.setAttribute("aria-labelledby", heading.id);
    panel.appendChild(heading);
    var actions = D.nextActions(plan, days);
    if (!actions.length) {
      panel.appendChild(el("p", null, labels.next_none.replace("{days}", days)));
    } else {
      var next = el("ul");
      actions.forEach(function (action) {
        var milestone = timeline.milestones[action.id];
        var item = el("li", "ig-plan__next-" + action.kind);
        var when = action.kind === "overdue" ? labels.next_overdue + " " + show(action.day)
          : action.kind === "late" ? labels.next_late + " " + show(action.day)
            : show(action.day) + ": " + (action.kind === "start" ? labels.next_start : labels.next_finish);
        item.appendChild(el("span", "ig-plan__next-when", when));
        item.appendChild(document.createTextNode(" "));
        var link = el("a", null, milestone.title);
        link.href = self.config.steps[milestone.step].url;
        item.appendChild(link);
        next.appendChild(item);
      });
      panel.appendChild(next);
    }
    top.appendChild(panel);
  };

  Planner.prototype.renderPlan = function () {
    var self = this;
    var labels = this.labels;
    var timeline = this.timeline;
    var plan = this.plan;
    var result = this.result;
    result.textContent = "";

    result.appendChild(this.picture());

    var rows = D.byDate(plan);
    var list = el("ol", "ig-plan__list");
    list.setAttribute("aria-label", labels.plan_heading + " " + plan.matchYear + " " + labels.match);
    var doneRows = [];
    rows.forEach(function (row) {
      var milestone = timeline.milestones[row.id];
      if (row.status === "done") {
        doneRows.push(row);
        return;
      }
      var item = el("li", "ig-plan__item ig-plan__item--" + STATUS_CLASS[row.status]);
      item.id = "ig-row-" + row.id;
      item.setAttribute("tabindex", "-1");
      var head = el("p", "ig-plan__item-title");
      var link = el("a", null, milestone.title);
      link.href = self.config.steps[milestone.step].url;
      head.appendChild(link);
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", "ig-plan__state ig-plan__state--" + STATUS_CLASS[row.status], self.statusText(row.status)));
      item.appendChild(head);
      var dates = el("dl", "ig-plan__dates");
      [
        [labels.start_by, row.startBy],
        [labels.finish_by, row.finishBy],
        [labels.latest, row.hardBy],
        [row.booked !== null ? labels.booked_short : labels.expected_short, row.expected]
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
      if (row.defaultStudy) {
        item.appendChild(el("p", "ig-plan__note",
          labels.default_study + " " + row.studyWeeks + " " + labels.weeks + " (" + labels.typical + ")."));
      }
      if (row.blockedBy) {
        var blocked = el("p", "ig-plan__note");
        blocked.appendChild(document.createTextNode(labels.blocked_by + " "));
        blocked.appendChild(self.itemLink(row.blockedBy, timeline.milestones[row.blockedBy].title));
        item.appendChild(blocked);
      }
      var why = el("details", "ig-plan__why");
      why.appendChild(el("summary", null, labels.why));
      why.appendChild(el("p", null, milestone.why + (milestone.typical ? " (" + labels.typical + ")" : "")));
      why.appendChild(el("p", null, labels.hard_reason + " " + milestone.hardWhy));
      item.appendChild(why);
      list.appendChild(item);
    });
    result.appendChild(list);
    if (doneRows.length) {
      var done = el("p", "ig-plan__done");
      done.appendChild(el("strong", null, labels.done_heading + ": "));
      doneRows.forEach(function (row, index) {
        var item = el("span", "ig-plan__done-item", timeline.milestones[row.id].title);
        item.id = "ig-row-" + row.id;
        item.setAttribute("tabindex", "-1");
        done.appendChild(item);
        if (index < doneRows.length - 1) {
          done.appendChild(document.createTextNode("; "));
        }
      });
      result.appendChild(done);
    }

    var keyDates = el("details", "ig-plan__key-dates");
    keyDates.appendChild(el("summary", null, labels.key_dates + " " + plan.matchYear + " " + labels.match));
    var events = Object.keys(plan.events)
      .sort(function (a, b) {
        return plan.events[a].day - plan.events[b].day;
      })
      .map(function (id) {
        return [timeline.events[id].title, showEvent(plan.events[id], labels)];
      });
    keyDates.appendChild(
      ui.table([labels.event, labels.date], events, labels.key_dates + " " + plan.matchYear, "ig-plan__events")
    );
    result.appendChild(keyDates);

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

  /* ------------------------------------------------------------ the picture ----- */

  function svg(tag, attributes, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  /** A title as lines of at most SVG_LABEL_CHARS characters (a longer word keeps its line). */
  function wrap(text) {
    var lines = [];
    text.split(" ").forEach(function (word) {
      var current = lines.length ? lines[lines.length - 1] : null;
      if (current !== null && (current + " " + word).length <= SVG_LABEL_CHARS) {
        lines[lines.length - 1] = current + " " + word;
      } else {
        lines.push(word);
      }
    });
    return lines;
  }

  /** A month-by-month picture of the plan, from this month to the start of residency:
   * one row per milestone (a bar from start by to finish by, a mark at the last possible
   * date), a line for today and the cycle's key dates as labelled ticks. Each row is a link
   * to its item in the list, which is the picture's text alternative. */
  Planner.prototype.picture = function () {
    var self = this;
    var labels = this.labels;
    var timeline = this.timeline;
    var plan = this.plan;
    var today = plan.today;
    var first = D.toParts(today);
    var begin = D.fromParts(first.year, first.month, 1);
    var endDay = plan.events[this.planning.startEvent].day;
    var months = [];
    for (var cursor = begin; cursor <= endDay;) {
      var parts = D.toParts(cursor);
      months.push(cursor);
      cursor = parts.month === MONTHS_PER_YEAR ? D.fromParts(parts.year + 1, 1, 1) : D.fromParts(parts.year, parts.month + 1, 1);
    }
    var last = months[months.length - 1];
    var lastParts = D.toParts(last);
    var stop = lastParts.month === MONTHS_PER_YEAR ? D.fromParts(lastParts.year + 1, 1, 1) : D.fromParts(lastParts.year, lastParts.month + 1, 1);
    var span = stop - begin;
    var plotWidth = months.length * SVG_MONTH_WIDTH;
    function x(day) {
      var clamped = Math.max(begin, Math.min(stop, day));
      return SVG_LABEL_WIDTH + ((clamped - begin) / span) * plotWidth;
    }
    var ticks = this.planning.ticks.filter(function (id) {
      return plan.events[id].day >= begin && plan.events[id].day <= stop;
    });
    var rows = D.byDate(plan);
    var lineCount = Math.max.apply(null, rows.map(function (row) {
      return wrap(timeline.milestones[row.id].title).length;
    }));
    var rowHeight = Math.max(SVG_ROW_HEIGHT, lineCount * SVG_LINE_HEIGHT + SVG_PAD);
    var tickTop = SVG_PAD;
    var monthsTop = tickTop + ticks.length * SVG_TICK_LINE;
    var rowsTop = monthsTop + SVG_MONTHS_HEIGHT;
    var width = SVG_LABEL_WIDTH + plotWidth + SVG_PAD;
    var height = rowsTop + rows.length * rowHeight + SVG_PAD;

    var figure = el("figure", "ig-plan__picture");
    var heading = el("h3", null, labels.picture_heading);
    heading.id = "ig-picture-heading";
    var intro = el("p", "ig-plan__note", labels.picture_intro);
    intro.id = "ig-picture-intro";
    var box = el("div", "ig-plan__picture-box");
    var drawing = svg("svg", {
      viewBox: "0 0 " + width + " " + height,
      width: width,
      height: height,
      role: "group",
      "aria-labelledby": heading.id,
      "aria-describedby": intro.id,
      class: "ig-timeline"
    });
    // Month grid and names.
    months.forEach(function (day) {
      var parts = D.toParts(day);
      drawing.appendChild(svg("line", { x1: x(day), x2: x(day), y1: monthsTop, y2: height - SVG_PAD, class: "ig-timeline__grid" }));
      var name = MONTH ? MONTH.format(new Date(day * DAY_MS)) : String(parts.month);
      var month = svg("text", { x: x(day) + SVG_TEXT_INSET, y: monthsTop + SVG_LINE_HEIGHT, class: "ig-timeline__month" });
      month.appendChild(svg("tspan", { x: x(day) + SVG_TEXT_INSET }, name));
      if (parts.month === 1 || day === begin) { // the year under the first month and each January
        month.appendChild(svg("tspan", { x: x(day) + SVG_TEXT_INSET, dy: SVG_LINE_HEIGHT }, " " + parts.year));
      }
      drawing.appendChild(month);
    });
    // Key dates of the cycle, each label on its own line above the months.
    ticks.forEach(function (id, index) {
      var found = plan.events[id];
      var at = x(found.day);
      var y = tickTop + (index + 1) * SVG_TICK_LINE - SVG_TEXT_INSET;
      drawing.appendChild(svg("line", { x1: at, x2: at, y1: y, y2: height - SVG_PAD, class: "ig-timeline__tick" }));
      var text = timeline.events[id].title + ": " + (found.expected ? found.expected : show(found.day));
      // Start the label at the tick if it fits, else end it there, else push it inside.
      var guess = text.length * SVG_CHAR_WIDTH;
      var anchor = at + guess + SVG_PAD <= width ? "start" : at - guess >= 0 ? "end" : "start";
      var lx = anchor === "end" ? at - SVG_TEXT_INSET : Math.min(at + SVG_TEXT_INSET, Math.max(0, width - guess - SVG_PAD));
      drawing.appendChild(svg("text", { x: lx, y: y, class: "ig-timeline__tick-label", "text-anchor": anchor }, text));
    });
    // Rows.
    rows.forEach(function (row, index) {
      var milestone = timeline.milestones[row.id];
      var top = rowsTop + index * rowHeight;
      var middle = top + rowHeight * HALF;
      var link = svg("a", {
        href: "#ig-row-" + row.id,
        class: "ig-timeline__row ig-timeline__row--" + STATUS_CLASS[row.status],
        "aria-label": milestone.title + ": " + self.statusText(row.status) + ". " +
          (row.startBy !== null ? labels.start_by + " " + show(row.startBy) + ", " : "") +
          labels.finish_by + " " + show(row.finishBy) + ", " + labels.latest + " " + show(row.hardBy) + "."
      });
      link.addEventListener("click", function (event) {
        var target = document.getElementById("ig-row-" + row.id);
        if (target) {
          event.preventDefault();
          target.scrollIntoView({ block: "center" });
          ui.focus(target);
        }
      });
      link.appendChild(svg("rect", { x: 0, y: top, width: width, height: rowHeight, class: "ig-timeline__band" }));
      var label = svg("text", { x: SVG_PAD, y: top, class: "ig-timeline__label" });
      var lines = wrap(milestone.title);
      lines.forEach(function (line, number) {
        // The space keeps the words apart in the text a screen reader (and axe) reads.
        label.appendChild(svg("tspan", { x: SVG_PAD, dy: number ? SVG_LINE_HEIGHT : SVG_PAD + SVG_LINE_HEIGHT - SVG_TEXT_INSET },
          number < lines.length - 1 ? line + " " : line));
      });
      link.appendChild(label);
      var from = row.startBy !== null ? row.startBy : row.earliestStart !== null ? row.earliestStart : row.finishBy;
      // Dates before this month are not drawn at the edge as if they were in it.
      if (row.finishBy >= begin && (row.status !== "done" || from < row.finishBy)) {
        var left = x(Math.min(from, row.finishBy));
        link.appendChild(svg("rect", {
          x: left, y: middle - SVG_BAR_HEIGHT * HALF, width: Math.max(x(row.finishBy) - left, SVG_MARK_SIZE * HALF),
          height: SVG_BAR_HEIGHT, rx: SVG_MARK_SIZE * HALF, class: "ig-timeline__bar"
        }));
      }
      var hard = x(row.hardBy);
      link.appendChild(row.hardBy < begin ? svg("g") : svg("path", {
        d: "M" + hard + " " + (middle - SVG_MARK_SIZE) + " l" + SVG_MARK_SIZE + " " + SVG_MARK_SIZE + " l-" + SVG_MARK_SIZE +
          " " + SVG_MARK_SIZE + " l-" + SVG_MARK_SIZE + " -" + SVG_MARK_SIZE + "z",
        class: "ig-timeline__hard"
      }));
      if (row.expected !== null && row.status !== "on-track" && row.status !== "done") {
        link.appendChild(svg("circle", { cx: x(row.expected), cy: middle, r: SVG_MARK_SIZE * HALF, class: "ig-timeline__expected" }));
      }
      drawing.appendChild(link);
    });
    // Today.
    drawing.appendChild(svg("line", { x1: x(today), x2: x(today), y1: monthsTop, y2: height - SVG_PAD, class: "ig-timeline__today" }));
    drawing.appendChild(svg("text", { x: x(today) + SVG_TEXT_INSET, y: height - SVG_TEXT_INSET, class: "ig-timeline__today-label" }, labels.picture_today));
    box.appendChild(drawing);
    figure.appendChild(heading);
    figure.appendChild(intro);
    figure.appendChild(box);
    return figure;
  };

  /* ------------------------------------------------------------ calendar file --- */

  /** The plan as an .ics file: each open milestone's "start by" and "finish by" dates, the
   * cycle's key dates (timed where the data gives a time, such as the rank order list
   * deadline at 9 p.m. in New York), each with a reminder planning.reminderDays before.
   * UIDs name the milestone or event, the kind and the Match year, so importing a newer
   * plan updates these events instead of adding copies. */
  Planner.prototype.calendar = function () {
    var labels = this.labels;
    var timeline = this.timeline;
    var plan = this.plan;
    var base = window.location.href;
    var reminder = this.planning.reminderDays;
    var entries = [];
    var self = this;
    plan.rows.forEach(function (row) {
      if (row.status === "done") {
        return;
      }
      var milestone = timeline.milestones[row.id];
      var url = new URL(self.config.steps[milestone.step].url, base).href;
      [
        { kind: "start", label: labels.start_by, day: row.startBy },
        { kind: "finish", label: labels.finish_by, day: row.finishBy }
      ].forEach(function (kind) {
        if (kind.day === null) {
          return;
        }
        entries.push({
          uid: row.id + "." + kind.kind + "." + plan.matchYear + "@imgguide.plan",
          day: kind.day,
          summary: kind.label + ": " + milestone.title,
          description: milestone.why + "\n" + url,
          url: url,
          alarmDays: reminder,
          alarmText: labels.reminder + " " + kind.label + ": " + milestone.title
        });
      });
    });
    Object.keys(plan.events).forEach(function (id) {
      var found = plan.events[id];
      var title = timeline.events[id].title + (found.estimated ? " (" + labels.estimated + ")" : "");
      entries.push({
        uid: "event-" + id + "." + plan.matchYear + "@imgguide.plan",
        day: found.day,
        time: found.time,
        timezone: found.timezone,
        summary: title,
        alarmDays: reminder,
        alarmText: labels.reminder + " " + title
      });
    });
    entries.sort(function (a, b) {
      return a.day - b.day;
    });
    return D.toICS(entries, {
      productId: "-//IMG Residency Pathway Guide//Planner//EN",
      name: labels.ics_name + " " + plan.matchYear,
      now: Date.now(),
      vtimezones: timeline.vtimezones
    });
  };

  Planner.prototype.text = function () {
    var labels = this.labels;
    var timeline = this.timeline;
    var plan = this.plan;
    var self = this;
    var lines = [labels.plan_heading + " " + plan.matchYear + " " + labels.match, this.verdict(), ""];
    D.byDate(plan).forEach(function (row) {
      lines.push(
        "- " + timeline.milestones[row.id].title + ": " + labels.finish_by + " " + show(row.finishBy) +
          (row.startBy !== null ? ", " + labels.start_by + " " + show(row.startBy) : "") +
          ", " + labels.latest + " " + show(row.hardBy) + " [" + self.statusText(row.status) + "]"
      );
    });
    lines.push("", labels.key_dates + " " + plan.matchYear + " " + labels.match);
    Object.keys(plan.events)
      .sort(function (a, b) {
        return plan.events[a].day - plan.events[b].day;
      })
      .forEach(function (id) {
        lines.push("- " + timeline.events[id].title + ": " + showEvent(plan.events[id], labels));
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
      field.rows = Math.min(COPY_ROWS, text.split("\n").length + 1);
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

  /** Open the collapsed calendar a link points into (the table of contents links to each
   * Match's key dates), so the target is visible. Added once: this script runs once. */
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    var box = target && target.closest ? target.closest("details.ig-planner__year") : null;
    if (box && !box.open) {
      box.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", openTarget);
  ui.onEachPage(openTarget);

  ui.mount("data-ig-planner", function (root, config) {
    new Planner(root, config).start();
  });
})();
