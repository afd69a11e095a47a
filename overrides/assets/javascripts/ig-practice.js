/* The Practice page: build a block of questions, answer it in tutor or timed mode, review
 * it, and keep a history, all in the reader's browser.
 *
 * The page carries its words, settings and the address of the question bank's index in
 * data-ig-practice. The bank is an index (every question's id, step, topics, difficulty,
 * answer key and part, no text: what the builder filters and counts) and small "parts" of a
 * few questions of one step each, in full; each is a hashed asset, so browsers and the
 * service worker keep it until it changes. The index is fetched first and makes the builder
 * usable; a part is fetched when a block or a review first needs one of its questions (a
 * block of 10 questions: at most 10 small files, however large the bank) or when the error
 * log with one of them comes near the screen; each file once per page. A block starts as
 * soon as its first question's part is in, and the others load while the reader reads it.
 *
 * An unfinished block is saved after every change, so the reader can leave the page
 * (instant navigation, reload, closing the tab) and come back to it; the clock stops while
 * they are away.
 */
(function () {
  "use strict";

  // How often the clock on screen is updated, in milliseconds.
  const TICK_MS = 250;
  // Rows of the note field.
  const NOTE_ROWS = 3;
  // For "in N min" (same-day learning steps).
  const SECONDS_PER_MINUTE = 60;

  var IG = (window.IG = window.IG || {});
  var quiz = IG.quiz;
  var logic = IG.progress.logic;
  var clock = logic.clock;
  var percent = logic.percent;
  var ui = IG.ui;
  var el = ui.element;
  var button = ui.button;
  var focus = ui.focus;
  /** ui.table, as a labelled region that can take focus: on a phone a wide table scrolls
   * sideways, and keyboard users must be able to scroll it. */
  function table(headers, rows, caption, className) {
    var wrapper = ui.table(headers, rows, caption, className);
    wrapper.tabIndex = 0;
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("aria-label", caption);
    return wrapper;
  }
  var confirmDialog = ui.confirmDialog;
  var running = null; // the app on the current page, if any
  var FILTERS = ["all", "unused", "incorrect", "flagged", "due"];
  var GRADES = logic.GRADES;

  /* ---------------------------------------------------------------- helpers ----- */

  // The bank's files (index and steps), each fetched once per page while it loads fine.
  var loadJson = logic.createLoader(function (url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    });
  });

  /** Record how long a step took (User Timing API), for the benchmark and dev tools. */
  function measure(name, started) {
    if (window.performance && performance.measure) {
      try {
        performance.measure(name, { start: started, end: performance.now() });
      } catch (error) {
        /* older browsers without the options form: timing is optional */
      }
    }
  }

  function heading(text) {
    var node = el("h2", "ig-practice__heading", text);
    node.setAttribute("tabindex", "-1");
    return node;
  }

  function isActiveBlock(value) {
    return (
      value !== null &&
      typeof value === "object" &&
      value.v === 1 &&
      value.block &&
      Array.isArray(value.block.items) &&
      typeof value.block.answers === "object"
    );
  }

  /* ---------------------------------------------------------------- the app ----- */

  function Practice(root, config) {
    this.root = root;
    this.config = config;
    this.labels = config.labels;
    this.settings = config.settings;
    // The index: {v, parts: [path...], questions: [{id, step, topics, difficulty, kind,
    // answer, options: [{id}], part}]}; a part is a small file of a few questions in full.
    this.bank = null;
    // Question id -> its index entry, replaced by the full question once its part is loaded.
    this.byId = {};
    this.partOf = {}; // question id -> the number of the part that holds it
    this.partUrls = []; // part number -> URL of its file
    this.loaded = {}; // part number -> true once its questions are in byId
    this.sources = {}; // source id -> source, from the parts loaded so far
    this.block = null;
    this.timer = null;
    this.announced = {};
    this.stepTitles = {};
    this.stepLinks = {};
    this.topicLabels = {};
    this.shownAt = null; // when the current question was shown (time per question)
    var self = this;
    IG.progress.configure(config.review);
    (config.topics || []).forEach(function (topic) {
      self.topicLabels[topic.id] = topic.label;
    });
    config.steps.forEach(function (step) {
      self.stepTitles[step.id] = step.number + ". " + step.title;
      self.stepLinks[step.id] = { heading: step.heading, url: step.url };
    });
  }

  Practice.prototype.start = function () {
    var self = this;
    var labels = this.labels;
    this.template = this.root.querySelector("template.ig-question-template");
    this.root.textContent = "";
    this.root.appendChild(this.template); // inert: copied for every question shown
    this.notice = ui.storageNotice(this.root, labels);
    this.status = el("p", "ig-practice__status", labels.loading);
    this.status.setAttribute("role", "status");
    // Space is kept for the builder until the bank arrives, so nothing below it moves; the
    // loading line sits inside that space and is replaced by the builder.
    this.view = el("div", "ig-practice__view ig-practice__view--loading");
    this.view.appendChild(this.status);
    this.root.appendChild(this.view);
    this.history = el("section", "ig-practice__history");
    this.root.appendChild(this.history);
    this.errors = el("section", "ig-practice__errors");
    this.root.appendChild(this.errors);
    this.data = el("section", "ig-practice__data");
    this.root.appendChild(this.data);
    this.renderData();

    var started = performance.now();
    var indexUrl = new URL(this.config.bank, document.baseURI);
    loadJson(indexUrl.href).then(
      function (bank) {
        self.bank = bank;
        self.partUrls = (bank.parts || []).map(function (path) {
          return new URL(path, indexUrl).href; // listed relative to the index
        });
        bank.questions.forEach(function (question) {
          self.byId[question.id] = question;
          self.partOf[question.id] = question.part;
        });
        var saved = IG.store.read("active", isActiveBlock);
        if (saved) {
          // The block left unfinished: shown (paused) once its questions are loaded.
          self.need(self.partsOf(saved.block.items), function () {
            self.ready();
            self.block = saved.block;
            self.block.runningSince = null;
            self.renderRunner(false);
          }, function () {
            self.status.textContent = labels.load_failed;
          });
        } else {
          self.ready();
          self.renderBuilder();
          measure("ig:builder", started);
        }
        self.renderHistory();
        self.renderErrors();
      },
      function () {
        self.status.textContent = labels.load_failed;
      }
    );
  };

  /** The loading line goes: the view is drawn. */
  Practice.prototype.ready = function () {
    this.status.textContent = "";
    this.status.hidden = true;
    this.view.classList.remove("ig-practice__view--loading");
  };

  /** Make sure the questions of `parts` (part numbers) are loaded in full, then call `done`
   * (at once when they already are). When a part cannot be loaded, call `failed` instead;
   * asking again tries again. */
  Practice.prototype.need = function (parts, done, failed) {
    var self = this;
    var missing = parts.filter(function (number) {
      return self.partUrls[number] && !self.loaded[number];
    });
    if (!missing.length) {
      done();
      return;
    }
    var started = performance.now();
    Promise.all(
      missing.map(function (number) {
        return loadJson(self.partUrls[number]).then(function (data) {
          self.addPart(number, data);
        });
      })
    ).then(
      function () {
        measure("ig:part-files", started); // fetching and reading them: part of ig:start-block
        done();
      },
      function () {
        if (failed) {
          failed();
        }
      }
    );
  };

  /** The parts holding `list`'s questions (questions or block items), as the index has
   * them today (a question no longer in the bank has none). */
  Practice.prototype.partsOf = function (list) {
    return logic.partsOf(list, this.partOf);
  };

  Practice.prototype.addPart = function (id, data) {
    var self = this;
    if (this.loaded[id]) {
      return;
    }
    Object.keys(data.sources || {}).forEach(function (key) {
      self.sources[key] = data.sources[key];
    });
    data.questions.forEach(function (question) {
      self.byId[question.id] = question;
    });
    this.loaded[id] = true;
  };

  /** Call `callback` once `node` comes within a screen's height of the viewport (at once
   * without IntersectionObserver). One watch at a time: a new one replaces the last. */
  Practice.prototype.whenNearScreen = function (node, callback) {
    var self = this;
    if (this.watcher) {
      this.watcher.disconnect();
      this.watcher = null;
    }
    if (!("IntersectionObserver" in window)) {
      callback();
      return;
    }
    var watcher = new IntersectionObserver(
      function (changes) {
        if (changes.some(function (change) {
          return change.isIntersecting;
        })) {
          watcher.disconnect();
          if (self.watcher === watcher) {
            self.watcher = null;
          }
          callback();
        }
      },
      { rootMargin: "100% 0px" }
    );
    this.watcher = watcher;
    watcher.observe(node);
  };

  /** Say in `container` (first thing in it) that part of the bank could not be loaded; the
   * reader can ask again (the same button) or reload. Gone when the container is redrawn. */
  Practice.prototype.loadFailed = function (container) {
    var old = container.querySelector(".ig-practice__load-failed");
    if (old) {
      old.remove(); // a new alert, so a second failure is announced too
    }
    var note = el("p", "ig-practice__alert ig-practice__load-failed", this.labels.load_failed);
    note.setAttribute("role", "alert");
    container.insertBefore(note, container.firstChild);
    note.scrollIntoView({ block: "nearest" });
  };

  /** Stop the clock and save: the reader is leaving the page. */
  Practice.prototype.suspend = function () {
    if (this.block && !this.block.finished) {
      this.pauseClock();
      this.save();
    }
    this.stopTicking();
    if (this.notice) {
      this.notice.stop();
    }
  };

  Practice.prototype.save = function () {
    if (this.block) {
      IG.store.write("active", { v: 1, block: this.block });
    }
  };

  /* ---------------------------------------------------------------- builder ----- */

  Practice.prototype.selectedSteps = function () {
    return Array.prototype.filter
      .call(this.view.querySelectorAll("input[name='ig-steps']"), function (box) {
        return box.checked;
      })
      .map(function (box) {
        return box.value;
      });
  };

  /** The values of the checked boxes called `name` in the view (null: no such boxes). */
  Practice.prototype.checkedValues = function (name) {
    var boxes = this.view.querySelectorAll("input[name='" + name + "']");
    if (!boxes.length) {
      return null;
    }
    return Array.prototype.filter
      .call(boxes, function (box) {
        return box.checked;
      })
      .map(function (box) {
        return box.value;
      });
  };

  /** Questions of the given steps (and, when given, topics and difficulties) that pass the
   * filter, in bank order. */
  Practice.prototype.matching = function (steps, filter, topics, difficulties) {
    var wanted = {};
    steps.forEach(function (id) {
      wanted[id] = true;
    });
    var topicSet = null;
    if (topics) {
      topicSet = {};
      topics.forEach(function (id) {
        topicSet[id] = true;
      });
    }
    var due = {};
    if (filter === "due") {
      IG.progress.due().forEach(function (id) {
        due[id] = true;
      });
    }
    return this.bank.questions.filter(function (question) {
      if (!wanted[question.step]) {
        return false;
      }
      if (topicSet && !(question.topics || []).some(function (id) {
        return topicSet[id];
      })) {
        return false;
      }
      if (difficulties && difficulties.indexOf(String(question.difficulty)) === -1) {
        return false;
      }
      if (filter === "due") {
        return !!due[question.id];
      }
      if (filter === "unused") {
        return IG.progress.status(question) === "unused";
      }
      if (filter === "incorrect") {
        return IG.progress.status(question) === "incorrect";
      }
      if (filter === "flagged") {
        return IG.progress.flagged(question.id);
      }
      return true;
    });
  };

  Practice.prototype.renderBuilder = function (preselect) {
    var self = this;
    var labels = this.labels;
    var settings = this.settings;
    this.view.textContent = "";
    this.renderDuePanel();
    var title = heading(labels.build_heading);
    this.view.appendChild(title);
    var form = el("form", "ig-builder");
    form.noValidate = true;

    var requested = preselect;
    if (!requested) {
      var fromUrl = new URLSearchParams(window.location.search).get("steps");
      requested = fromUrl ? fromUrl.split(",") : null;
    }

    var steps = el("fieldset", "ig-builder__steps");
    steps.appendChild(el("legend", null, labels.steps_legend));
    var tools = el("div", "ig-builder__tools");
    tools.appendChild(
      button(labels.select_all, "ig-button--small", function () {
        setAll(true);
      })
    );
    tools.appendChild(
      button(labels.select_none, "ig-button--small", function () {
        setAll(false);
      })
    );
    steps.appendChild(tools);
    this.config.steps.forEach(function (step) {
      if (step.count) {
        var checked = requested ? requested.indexOf(step.id) !== -1 : true;
        var text = self.stepTitles[step.id] + " (" + step.count + ")";
        steps.appendChild(ui.choice("checkbox", "ig-steps", "ig-step-" + step.id, step.id, text, checked).row);
      }
    });
    form.appendChild(steps);

    function setAll(on) {
      Array.prototype.forEach.call(steps.querySelectorAll("input"), function (box) {
        box.checked = on;
      });
      update();
    }

    var filters = el("fieldset", "ig-builder__filters");
    filters.appendChild(el("legend", null, labels.filter_legend));
    var filterLabels = {};
    FILTERS.forEach(function (filter) {
      var option = ui.choice("radio", "ig-filter", "ig-filter-" + filter, filter, "", filter === "all");
      filterLabels[filter] = option.label;
      filters.appendChild(option.row);
    });
    form.appendChild(filters);

    // Topics (all chosen unless the reader narrows them) and difficulty.
    var topicBox = el("details", "ig-builder__topics");
    var topicSummary = el("summary", null, labels.topics_legend);
    topicBox.appendChild(topicSummary);
    var topicSet = el("fieldset", "ig-builder__topic-list");
    topicSet.appendChild(el("legend", "ig-visually-hidden", labels.topics_legend));
    var topicTools = el("div", "ig-builder__tools");
    topicTools.appendChild(
      button(labels.select_all, "ig-button--small", function () {
        setBoxes(topicSet, true);
      })
    );
    topicTools.appendChild(
      button(labels.select_none, "ig-button--small", function () {
        setBoxes(topicSet, false);
      })
    );
    topicSet.appendChild(topicTools);
    (this.config.topics || []).forEach(function (topic) {
      topicSet.appendChild(ui.choice("checkbox", "ig-topics", "ig-topic-" + topic.id, topic.id, topic.label, true).row);
    });
    topicBox.appendChild(topicSet);
    form.appendChild(topicBox);

    var levels = el("fieldset", "ig-builder__difficulty");
    levels.appendChild(el("legend", null, labels.difficulty_legend));
    ["1", "2", "3"].forEach(function (level) {
      levels.appendChild(
        ui.choice("checkbox", "ig-difficulty", "ig-difficulty-" + level, level, labels["difficulty_" + level], true,
          "ig-check--inline").row
      );
    });
    form.appendChild(levels);

    function setBoxes(container, on) {
      Array.prototype.forEach.call(container.querySelectorAll("input[type='checkbox']"), function (box) {
        box.checked = on;
      });
      update();
    }

    var modes = el("fieldset", "ig-builder__modes");
    modes.appendChild(el("legend", null, labels.mode_legend));
    ["tutor", "timed"].forEach(function (mode) {
      var text = document.createDocumentFragment();
      text.appendChild(el("strong", null, labels["mode_" + mode]));
      text.appendChild(document.createTextNode(": " + labels["mode_" + mode + "_hint"]));
      modes.appendChild(ui.choice("radio", "ig-mode", "ig-mode-" + mode, mode, text, mode === "tutor").row);
    });
    var seconds = el("input");
    seconds.type = "number";
    seconds.id = "ig-seconds";
    seconds.min = settings.minSecondsPerQuestion;
    seconds.max = settings.maxSecondsPerQuestion;
    seconds.step = settings.secondsStep;
    seconds.value = settings.secondsPerQuestion;
    var secondsRow = ui.field(labels.seconds_label, seconds);
    modes.appendChild(secondsRow);
    form.appendChild(modes);
    var shuffle = ui.choice("checkbox", "ig-shuffle", "ig-shuffle", "shuffle", labels.shuffle_options, false);
    form.appendChild(shuffle.row);

    var count = el("input");
    count.type = "number";
    count.id = "ig-count";
    count.min = 1;
    count.max = settings.maxBlockSize;
    count.value = settings.defaultBlockSize;
    form.appendChild(ui.field(labels.count_legend + " (1–" + settings.maxBlockSize + ")", count));

    var summary = el("p", "ig-builder__summary");
    summary.setAttribute("role", "status");
    summary.setAttribute("aria-live", "polite");
    form.appendChild(summary);
    var startButton = el("button", "md-button md-button--primary", labels.start);
    startButton.type = "submit";
    form.appendChild(startButton);
    this.view.appendChild(form);

    function choice(name) {
      var checked = form.querySelector("input[name='" + name + "']:checked");
      return checked ? checked.value : null;
    }

    function pool(filter) {
      return self.matching(self.selectedSteps(), filter, self.checkedValues("ig-topics"),
        self.checkedValues("ig-difficulty"));
    }

    function update() {
      var started = performance.now();
      FILTERS.forEach(function (filter) {
        filterLabels[filter].textContent = labels["filter_" + filter] + " (" + pool(filter).length + ")";
      });
      var topicsChosen = self.checkedValues("ig-topics") || [];
      topicSummary.textContent = labels.topics_legend + " (" + topicsChosen.length + " " + labels.of + " " +
        (self.config.topics || []).length + ")";
      var available = pool(choice("ig-filter")).length;
      secondsRow.hidden = choice("ig-mode") !== "timed";
      summary.textContent = available ? available + " " + labels.matching : labels.none_matching;
      startButton.disabled = !available;
      measure("ig:filter", started);
    }

    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var started = performance.now();
      var chosen = self.selectedSteps();
      var found = pool(choice("ig-filter"));
      if (!found.length) {
        return;
      }
      var wanted = Math.min(Math.max(Math.floor(Number(count.value)) || 1, 1), settings.maxBlockSize, found.length);
      var perQuestion = Math.min(
        Math.max(Math.floor(Number(seconds.value)) || settings.secondsPerQuestion, settings.minSecondsPerQuestion),
        settings.maxSecondsPerQuestion
      );
      var picked = choice("ig-filter") === "due" ? found : logic.shuffled(found, Math.random);
      // Measured from the press to the first question on screen, loading its parts included.
      self.startBlock(picked.slice(0, wanted), {
        mode: choice("ig-mode"),
        steps: chosen,
        filter: choice("ig-filter"),
        seconds: perQuestion,
        shuffle: shuffle.input.checked
      }, function () {
        measure("ig:start-block", started);
      });
    });
    update();
  };

  /** "Due for review today: N (+ M new questions)" and a button that starts that block. */
  Practice.prototype.renderDuePanel = function () {
    var self = this;
    var labels = this.labels;
    var settings = this.settings;
    var panel = el("section", "ig-due");
    panel.setAttribute("aria-labelledby", "ig-due-heading");
    var title = el("h2", "ig-due__heading", labels.due_heading);
    title.id = "ig-due-heading";
    panel.appendChild(title);
    var plan = logic.reviewPlan(this.bank.questions, IG.progress.all(), IG.progress.due(), Date.now(),
      settings.newPerDay, settings.maxBlockSize);
    var line = el("p", "ig-due__count");
    if (!plan.due.length && !plan.fresh.length) {
      line.textContent = labels.due_none;
      panel.appendChild(line);
    } else {
      line.appendChild(el("strong", null, labels.due_today + " " + plan.due.length));
      if (plan.fresh.length) {
        line.appendChild(document.createTextNode(" + " + plan.fresh.length + " " + labels.due_new));
      }
      panel.appendChild(line);
      panel.appendChild(
        button(labels.review_start, "md-button--primary", function () {
          self.startBlock(plan.due.concat(plan.fresh), { mode: "tutor", steps: [], filter: "due",
            seconds: settings.secondsPerQuestion });
        })
      );
    }
    this.view.appendChild(panel);
  };

  /* ---------------------------------------------------------------- the block --- */

  /** Start a block of `questions` (index entries or full questions) as soon as the part
   * holding the first one is loaded (one small file, whatever the block's size); the other
   * parts load while the reader reads it (showQuestion waits for one still on its way).
   * `shown` is called when the first question is on screen. While the first part loads, a
   * second start is ignored; if it fails, the view says so and nothing is started. */
  Practice.prototype.startBlock = function (questions, options, shown) {
    var self = this;
    if (this.starting) {
      return;
    }
    this.starting = true;
    this.need(this.partsOf(questions.slice(0, 1)), function () {
      self.starting = false;
      if (!document.body.contains(self.root) || self.block) {
        return; // the reader left the page (or a block is on) while the file loaded
      }
      self.beginBlock(questions, options);
      if (shown) {
        shown();
      }
      self.need(self.partsOf(questions), function () {}, function () {}); // a failure: see showQuestion
    }, function () {
      self.starting = false;
      if (document.body.contains(self.root)) {
        self.loadFailed(self.view);
      }
    });
  };

  Practice.prototype.beginBlock = function (questions, options) {
    var now = Date.now();
    this.block = {
      id: logic.newBlockId(now, Math.random),
      created: now,
      mode: options.mode === "timed" ? "timed" : "tutor",
      steps: options.steps,
      filter: options.filter,
      seconds: options.seconds,
      totalMs: logic.secondsToMs(options.seconds) * questions.length,
      // Options in the order every page shows them (the bank's), shuffled only on request.
      shuffle: !!options.shuffle,
      items: questions.map(function (question) {
        var order = question.options.map(function (option) {
          return option.id;
        });
        return { id: question.id, step: question.step, order: options.shuffle ? logic.shuffled(order, Math.random) : order };
      }),
      answers: {},
      checked: {},
      spent: {}, // question id -> milliseconds spent on it
      index: 0,
      elapsedMs: 0,
      runningSince: now
    };
    this.announced = {};
    this.save();
    this.renderRunner(true);
  };

  Practice.prototype.elapsed = function () {
    var block = this.block;
    return block.elapsedMs + (block.runningSince ? Date.now() - block.runningSince : 0);
  };

  /** Add the time since the current question was shown to it; restart counting if running. */
  Practice.prototype.account = function () {
    var block = this.block;
    var now = Date.now();
    if (block && this.shownAt !== null && block.runningSince) {
      var id = block.items[block.index].id;
      block.spent = block.spent || {};
      block.spent[id] = (block.spent[id] || 0) + Math.max(0, now - this.shownAt);
    }
    this.shownAt = block && block.runningSince ? now : null;
  };

  Practice.prototype.pauseClock = function () {
    this.account();
    this.shownAt = null;
    if (this.block.runningSince) {
      this.block.elapsedMs = this.elapsed();
      this.block.runningSince = null;
    }
  };

  Practice.prototype.stopTicking = function () {
    if (this.timer) {
      window.clearInterval(this.timer);
      this.timer = null;
    }
  };

  Practice.prototype.tick = function () {
    if (!document.body.contains(this.root)) {
      this.suspend();
      return;
    }
    var block = this.block;
    var labels = this.labels;
    if (block.mode === "timed") {
      var left = block.totalMs - this.elapsed();
      this.clockValue.textContent = clock(left);
      var warning = logic.dueWarning(block.totalMs, left, this.settings.timeWarningsMinutes, this.announced);
      if (warning !== null) {
        this.live.textContent = warning === 1 ? labels.one_minute_left : warning + " " + labels.minutes_left;
      }
      if (left <= 0) {
        this.finish(true);
      }
    } else {
      this.clockValue.textContent = clock(this.elapsed());
    }
  };

  Practice.prototype.startTicking = function () {
    var self = this;
    this.stopTicking();
    this.timer = window.setInterval(function () {
      self.tick();
    }, TICK_MS);
    this.tick();
  };

  Practice.prototype.renderRunner = function (running) {
    var self = this;
    var labels = this.labels;
    var block = this.block;
    this.view.textContent = "";
    var runner = el("section", "ig-runner ig-runner--" + block.mode);
    runner.setAttribute("aria-label", labels.mode_legend + ": " + labels["mode_" + block.mode]);
    var bar = el("div", "ig-runner__bar");
    this.position = el("p", "ig-runner__position");
    bar.appendChild(this.position);
    var clockBox = el("p", "ig-timer");
    clockBox.setAttribute("role", "timer");
    clockBox.appendChild(el("span", "ig-timer__label", block.mode === "timed" ? labels.time_left : labels.time_used));
    clockBox.appendChild(document.createTextNode(" "));
    this.clockValue = el("strong", "ig-timer__value");
    clockBox.appendChild(this.clockValue);
    bar.appendChild(clockBox);
    this.pauseButton = button(labels.pause, "ig-button--small", function () {
      if (self.block.runningSince) {
        self.pause();
      } else {
        self.resume();
      }
    });
    bar.appendChild(this.pauseButton);
    this.flagButton = button(labels.flag, "ig-button--small ig-flag", function () {
      var item = self.currentItem();
      var on = !IG.progress.flagged(item.id);
      IG.progress.setFlag(item.id, on);
      self.showFlag();
      self.renderNavigator();
    });
    bar.appendChild(this.flagButton);
    runner.appendChild(bar);

    this.pausedPanel = el("div", "ig-runner__paused");
    this.pausedPanel.appendChild(el("p", null, labels.paused));
    this.pausedPanel.appendChild(
      button(labels.continue, "md-button--primary", function () {
        self.resume();
      })
    );
    this.pausedPanel.appendChild(
      button(labels.discard, "", function () {
        confirmDialog(labels.discard_confirm, labels.discard, labels.cancel).then(function (yes) {
          if (yes) {
            self.discard();
          }
        });
      })
    );
    runner.appendChild(this.pausedPanel);

    this.stage = el("div", "ig-runner__stage");
    this.questionSlot = el("div", "ig-runner__question");
    this.stage.appendChild(this.questionSlot);
    this.feedback = el("p", "ig-question__feedback");
    this.feedback.setAttribute("role", "status");
    this.feedback.setAttribute("aria-live", "polite");
    this.stage.appendChild(this.feedback);

    var actions = el("div", "ig-runner__actions");
    this.previousButton = button(labels.previous, "", function () {
      self.go(self.block.index - 1);
    });
    this.mainButton = button(labels.check, "md-button--primary", function () {
      self.main();
    });
    this.finishButton = button(labels.finish, "", function () {
      self.confirmFinish();
    });
    actions.appendChild(this.previousButton);
    actions.appendChild(this.mainButton);
    actions.appendChild(this.finishButton);
    // The verdict and these buttons sit right under the options (showQuestion moves them into
    // the question, before its explanations), so both stay in view after "Check answer".
    this.actions = actions;
    this.stage.appendChild(actions);

    var note = el("details", "ig-runner__note");
    note.appendChild(el("summary", null, labels.note));
    this.noteField = el("textarea", "ig-runner__note-field");
    this.noteField.id = "ig-note";
    this.noteField.rows = NOTE_ROWS;
    var noteLabel = el("label", "ig-visually-hidden", labels.note);
    noteLabel.htmlFor = this.noteField.id;
    note.appendChild(noteLabel);
    note.appendChild(this.noteField);
    note.appendChild(el("p", "ig-runner__note-hint", labels.note_hint));
    this.noteField.addEventListener("input", function () {
      IG.progress.setNote(self.currentItem().id, self.noteField.value);
    });
    this.noteBox = note;
    this.stage.appendChild(note);

    this.navigator = el("nav", "ig-navigator");
    this.navigator.setAttribute("aria-label", labels.navigator);
    this.stage.appendChild(this.navigator);
    runner.appendChild(this.stage);

    this.live = el("p", "ig-visually-hidden");
    this.live.setAttribute("role", "status");
    this.live.setAttribute("aria-live", "assertive");
    runner.appendChild(this.live);
    this.view.appendChild(runner);

    if (running) {
      this.shownAt = Date.now();
      this.showQuestion(true);
      this.showPaused(false);
      this.startTicking();
    } else {
      this.showQuestion(false);
      this.showPaused(true);
      this.tick();
      this.stopTicking();
      focus(this.pausedPanel.querySelector("button"));
    }
  };

  Practice.prototype.discard = function () {
    this.stopTicking();
    this.block = null;
    IG.store.remove("active");
    this.renderBuilder();
    focus(this.view.querySelector("h2"));
  };

  Practice.prototype.currentItem = function () {
    return this.block.items[this.block.index];
  };

  Practice.prototype.showPaused = function (paused) {
    this.pausedPanel.hidden = !paused;
    this.stage.hidden = paused;
    this.pauseButton.textContent = paused ? this.labels.continue : this.labels.pause;
    this.pauseButton.setAttribute("aria-pressed", paused ? "true" : "false");
    this.flagButton.disabled = paused;
  };

  Practice.prototype.pause = function () {
    this.pauseClock();
    this.stopTicking();
    this.tick();
    this.save();
    this.showPaused(true);
    this.live.textContent = this.labels.paused;
    focus(this.pausedPanel.querySelector("button"));
  };

  Practice.prototype.resume = function () {
    if (!this.block.runningSince) {
      this.block.runningSince = Date.now();
    }
    this.shownAt = Date.now();
    this.save();
    this.showPaused(false);
    this.startTicking();
    this.showQuestion(true);
  };

  Practice.prototype.showFlag = function () {
    var on = IG.progress.flagged(this.currentItem().id);
    this.flagButton.setAttribute("aria-pressed", on ? "true" : "false");
    this.flagButton.textContent = on ? this.labels.flagged : this.labels.flag;
  };

  Practice.prototype.showQuestion = function (moveFocus) {
    var self = this;
    var block = this.block;
    var labels = this.labels;
    var item = this.currentItem();
    var question = this.byId[item.id];
    var part = this.partOf[item.id];
    this.questionSlot.textContent = "";
    this.feedback.textContent = "";
    this.feedback.className = "ig-question__feedback";
    this.position.textContent =
      labels.question + " " + (block.index + 1) + " " + labels.of + " " + block.items.length +
      " · " + (this.stepTitles[item.step] || "");
    if (question && this.partUrls[part] && !this.loaded[part]) {
      this.showNoteAndFlag(item); // the note box is this question's while it loads
      this.awaitQuestion(part, moveFocus);
      return;
    }
    if (!question) {
      this.questionSlot.appendChild(el("p", "ig-question__removed", labels.removed_question));
      this.questionSlot.appendChild(this.feedback);
      this.questionSlot.appendChild(this.actions);
    } else {
      var article = this.question(question, item.order, block.index + 1, "ig-run-");
      var details = article.querySelector(".ig-question__answer");
      details.hidden = true;
      article.insertBefore(this.feedback, details);
      article.insertBefore(this.actions, details);
      this.questionSlot.appendChild(article);
      var chosen = block.answers[item.id];
      if (chosen) {
        var input = article.querySelector("input[value='" + chosen + "']");
        if (input) {
          input.checked = true;
        }
      }
      if (block.mode === "tutor" && block.checked[item.id]) {
        quiz.reveal(article, chosen, labels);
        this.feedback.textContent = quiz.verdictText(article, chosen, labels);
        this.feedback.className = "ig-question__feedback " +
          (chosen === question.answer ? "ig-feedback--right" : "ig-feedback--wrong");
        article.appendChild(this.gradeControls(item.id));
      }
      article.addEventListener("change", function (event) {
        if (event.target.classList.contains("ig-option__input")) {
          self.choose(event.target.value);
        }
      });
      quiz.chooseWithNumberKeys(article, function (value) {
        self.choose(value);
      });
    }
    this.showNoteAndFlag(item);
    this.updateButtons();
    this.renderNavigator();
    if (moveFocus) {
      var legend = this.questionSlot.querySelector(".ig-question__stem, .ig-question__removed");
      focus(legend);
    }
  };

  /** The question's markup, copied from the page's template (ig-questions.html). */
  Practice.prototype.question = function (question, storedOrder, number, prefix) {
    return quiz.fromTemplate(this.template, question, logic.shownOrder(question, storedOrder), {
      number: number,
      labels: this.labels,
      letters: this.settings.optionLetters,
      sources: this.sources,
      step: this.stepLinks[question.step],
      prefix: prefix
    });
  };

  /** "How well did you know it?": Again / Hard / Good / Easy, each with when the question
   * would come back. The grade already given (Again when wrong, Good when right) is pressed;
   * another one re-schedules the same review. */
  Practice.prototype.gradeControls = function (questionId) {
    var labels = this.labels;
    var box = el("fieldset", "ig-grade");
    box.appendChild(el("legend", "ig-grade__legend", labels.grade_legend));
    var row = el("div", "ig-grade__buttons");
    var status = el("p", "ig-grade__status");
    status.setAttribute("role", "status");
    var buttons = {};
    var self = this;

    function show() {
      var card = IG.progress.card(questionId);
      var preview = IG.progress.preview(questionId);
      if (!card || !preview) {
        box.hidden = true;
        return;
      }
      GRADES.forEach(function (grade) {
        var node = buttons[grade];
        node.setAttribute("aria-pressed", card.g === grade ? "true" : "false");
        node.lastChild.textContent = self.interval(preview[grade]);
      });
      status.textContent = labels.next_review + " " + self.interval(preview[card.g]) + " (" + labels["grade_" + card.g] + ")";
    }

    GRADES.forEach(function (grade) {
      var node = button("", "ig-grade__button ig-grade__button--" + grade, function () {
        IG.progress.grade(questionId, grade);
        show();
      });
      node.appendChild(el("span", "ig-grade__name", labels["grade_" + grade]));
      node.appendChild(el("span", "ig-grade__interval", ""));
      buttons[grade] = node;
      row.appendChild(node);
    });
    box.appendChild(row);
    box.appendChild(status);
    box.appendChild(el("p", "ig-grade__hint", labels.grade_hint));
    show();
    return box;
  };

  /** "in 3 days" for a preview {due, days} (minutes for a same-day learning step). */
  Practice.prototype.interval = function (preview) {
    var labels = this.labels;
    if (preview.days >= 1) {
      return preview.days === 1 ? labels.interval_day : labels.interval_days.replace("{n}", String(preview.days));
    }
    var minutes = Math.max(1, Math.round((preview.due - Date.now()) / logic.secondsToMs(SECONDS_PER_MINUTE)));
    return labels.interval_minutes.replace("{n}", String(minutes));
  };

  Practice.prototype.choose = function (optionId) {
    var item = this.currentItem();
    if (this.block.mode === "tutor" && this.block.checked[item.id]) {
      return;
    }
    this.block.answers[item.id] = optionId;
    this.save();
    this.renderNavigator();
  };

  Practice.prototype.updateButtons = function () {
    var block = this.block;
    var labels = this.labels;
    var item = this.currentItem();
    var last = block.index === block.items.length - 1;
    this.previousButton.disabled = block.index === 0;
    if (block.mode === "tutor" && !block.checked[item.id] && this.byId[item.id]) {
      this.mainButton.textContent = labels.check;
      this.mainButton.hidden = false;
    } else {
      this.mainButton.textContent = labels.next;
      this.mainButton.hidden = last;
    }
  };

  Practice.prototype.main = function () {
    var block = this.block;
    var item = this.currentItem();
    var labels = this.labels;
    if (block.mode === "tutor" && !block.checked[item.id] && this.byId[item.id]) {
      var chosen = block.answers[item.id];
      if (!chosen) {
        this.feedback.textContent = labels.choose_first;
        focus(this.questionSlot.querySelector(".ig-option__input"));
        return;
      }
      var article = this.questionSlot.querySelector(".ig-question");
      var correct = chosen === this.byId[item.id].answer;
      block.checked[item.id] = true;
      IG.progress.answer(item.id, chosen, correct, "tutor", this.settings.attemptsKept);
      this.save();
      quiz.reveal(article, chosen, labels);
      this.feedback.textContent = quiz.verdictText(article, chosen, labels);
      this.feedback.className = "ig-question__feedback " + (correct ? "ig-feedback--right" : "ig-feedback--wrong");
      article.appendChild(this.gradeControls(item.id));
      this.updateButtons();
      this.renderNavigator();
      if (this.mainButton.hidden) {
        focus(this.finishButton);
      }
      // The verdict tags made the options taller: keep the verdict and the next button in view.
      this.actions.scrollIntoView({ block: "nearest" });
      return;
    }
    this.go(block.index + 1);
  };

  Practice.prototype.showNoteAndFlag = function (item) {
    this.noteField.value = IG.progress.get(item.id).n || "";
    this.noteBox.open = !!this.noteField.value;
    this.showFlag();
  };

  /** The current question's part is still on its way (or failed): say so, and show the
   * question when it arrives, if the reader is still on it. */
  Practice.prototype.awaitQuestion = function (part, moveFocus) {
    var self = this;
    var block = this.block;
    var index = block.index;
    var waiting = el("p", "ig-practice__status", this.labels.loading);
    waiting.setAttribute("role", "status");
    this.questionSlot.appendChild(waiting);
    this.need([part], function () {
      if (self.block === block && block.index === index) {
        self.showQuestion(moveFocus);
      }
    }, function () {
      if (self.block === block && block.index === index) {
        self.questionSlot.textContent = "";
        self.loadFailed(self.questionSlot);
      }
    });
  };

  Practice.prototype.go = function (index) {
    if (index < 0 || index >= this.block.items.length) {
      return;
    }
    this.account();
    this.block.index = index;
    this.save();
    this.showQuestion(true);
  };

  Practice.prototype.renderNavigator = function () {
    var self = this;
    var block = this.block;
    var labels = this.labels;
    this.navigator.textContent = "";
    this.navigator.appendChild(el("h2", "ig-navigator__title", labels.navigator));
    var list = el("ol", "ig-navigator__list");
    block.items.forEach(function (item, index) {
      var answered = !!block.answers[item.id];
      var flagged = IG.progress.flagged(item.id);
      var entry = el("li");
      var jump = button(String(index + 1), "ig-navigator__item", function () {
        self.go(index);
      });
      var state = [labels.question + " " + (index + 1), answered ? labels.answered : labels.unanswered];
      if (flagged) {
        state.push(labels.flagged);
      }
      jump.setAttribute("aria-label", state.join(", "));
      if (answered) {
        jump.classList.add("ig-navigator__item--answered");
      }
      if (flagged) {
        jump.classList.add("ig-navigator__item--flagged");
        jump.appendChild(el("span", "ig-navigator__flag", "⚑"));
      }
      if (index === block.index) {
        jump.setAttribute("aria-current", "step");
      }
      entry.appendChild(jump);
      list.appendChild(entry);
    });
    this.navigator.appendChild(list);
  };

  Practice.prototype.confirmFinish = function () {
    var self = this;
    var block = this.block;
    var open = block.items.some(function (item) {
      return !block.answers[item.id];
    });
    if (!open) {
      this.finish(false);
      return;
    }
    confirmDialog(this.labels.finish_unanswered, this.labels.finish, this.labels.cancel).then(function (yes) {
      if (yes) {
        self.finish(false);
      }
    });
  };

  Practice.prototype.finish = function (timeUp) {
    var self = this;
    var block = this.block;
    if (!block || block.finished) {
      return;
    }
    this.pauseClock();
    this.stopTicking();
    var now = Date.now();
    block.items.forEach(function (item) {
      var question = self.byId[item.id];
      var choice = block.answers[item.id];
      if (question && choice && !(block.mode === "tutor" && block.checked[item.id])) {
        IG.progress.answer(item.id, choice, choice === question.answer, block.mode, self.settings.attemptsKept);
      }
    });
    var result = logic.blockResult(block, this.byId, now);
    block.finished = now;
    IG.progress.addBlock(result, this.settings.historyKept);
    IG.store.remove("active");
    this.block = null;
    // Timed answers were graded Again (wrong) or Good (right); the review lets the reader
    // change that, while the card's last review is still this block's. The review shows
    // every question in full: it waits for any part still on its way.
    this.need(this.partsOf(block.items), function () {
      self.renderResults(result, timeUp, { gradable: result.mode === "timed" });
    }, function () {
      self.view.textContent = ""; // the block is saved: "Your progress" opens it again
      self.loadFailed(self.view);
    });
    this.renderHistory();
    this.renderErrors();
  };

  /** Open a finished block from "Your progress" again: its score and full review. */
  Practice.prototype.renderPast = function (block) {
    var self = this;
    this.need(this.partsOf(block.items), function () {
      var note = self.history.querySelector(".ig-practice__load-failed");
      if (note) {
        note.remove();
      }
      self.renderResults(block, false, { past: true });
    }, function () {
      self.loadFailed(self.history);
    });
  };

  Practice.prototype.when = function (time) {
    var date = new Date(time);
    return date.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" }) + " " +
      date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  };

  /* ---------------------------------------------------------------- results ----- */

  Practice.prototype.renderResults = function (result, timeUp, options) {
    var self = this;
    var labels = this.labels;
    var how = options || {};
    this.view.textContent = "";
    var title = heading(how.past ? labels.past_heading + " " + this.when(result.finished) : labels.results_heading);
    this.view.appendChild(title);
    if (timeUp) {
      this.view.appendChild(el("p", "ig-practice__alert", labels.time_up));
    }
    var score = el("p", "ig-score");
    score.appendChild(el("strong", null, labels.score + ": " + result.correct + " " + labels.of + " " + result.total));
    score.appendChild(
      document.createTextNode(
        " (" + percent(result.correct, result.total) + ") · " + labels.time_used + " " + clock(result.elapsedMs) +
          " · " + labels["mode_" + result.mode]
      )
    );
    this.view.appendChild(score);

    this.view.appendChild(el("h3", null, labels.by_step));
    var perStep = logic.scoreByStep(result.items);
    var rows = this.config.steps
      .filter(function (step) {
        return perStep[step.id];
      })
      .map(function (step) {
        var counts = perStep[step.id];
        return [self.stepTitles[step.id], counts.correct + " / " + counts.total, percent(counts.correct, counts.total)];
      });
    this.view.appendChild(table([labels.step, labels.score, "%"], rows, labels.by_step, "ig-results__steps"));

    var actions = el("div", "ig-results__actions");
    var wrong = result.items.filter(function (item) {
      return !item.correct && self.byId[item.id];
    });
    if (wrong.length) {
      actions.appendChild(
        button(labels.retry_incorrect, "md-button--primary", function () {
          self.startBlock(
            wrong.map(function (item) {
              return self.byId[item.id];
            }),
            { mode: result.mode, steps: result.steps, filter: "incorrect", seconds: result.seconds }
          );
        })
      );
    }
    actions.appendChild(
      button(how.past ? labels.back : labels.new_block, "", function () {
        self.renderBuilder();
        focus(self.view.querySelector(".ig-practice__heading"));
      })
    );
    this.view.appendChild(actions);
    this.renderReview(result, !!how.gradable);
    if (how.past) {
      this.view.scrollIntoView({ block: "start" });
    }
    focus(title);
  };

  Practice.prototype.renderReview = function (result, gradable) {
    var self = this;
    var labels = this.labels;
    var section = el("section", "ig-review");
    section.appendChild(el("h3", null, labels.review_heading));
    var filters = el("fieldset", "ig-review__filters");
    filters.appendChild(el("legend", "ig-visually-hidden", labels.review_heading));
    var list = el("ol", "ig-question-list ig-review__list");
    ["all", "incorrect", "flagged"].forEach(function (filter) {
      var option = ui.choice("radio", "ig-review-filter", "ig-review-" + filter, filter, labels["review_" + filter],
        filter === "all", "ig-check--inline");
      filters.appendChild(option.row);
    });
    filters.addEventListener("change", function (event) {
      var filter = event.target.value;
      Array.prototype.forEach.call(list.children, function (entry) {
        var show =
          filter === "all" ||
          (filter === "incorrect" && entry.getAttribute("data-ig-correct") !== "1") ||
          (filter === "flagged" && IG.progress.flagged(entry.getAttribute("data-ig-id")));
        entry.hidden = !show;
      });
    });
    section.appendChild(filters);
    result.items.forEach(function (item, index) {
      var entry = el("li", "ig-question-list__item");
      entry.setAttribute("data-ig-id", item.id);
      entry.setAttribute("data-ig-correct", item.correct ? "1" : "0");
      var question = self.byId[item.id];
      if (!question) {
        entry.appendChild(el("p", "ig-question__removed", labels.question + " " + (index + 1) + ": " + labels.removed_question));
        list.appendChild(entry);
        return;
      }
      var article = self.question(question, item.order, index + 1, "ig-review-" + result.id + "-");
      quiz.reveal(article, item.choice, labels);
      var verdict = el(
        "p",
        "ig-question__feedback " + (item.correct ? "ig-feedback--right" : "ig-feedback--wrong"),
        item.choice ? quiz.verdictText(article, item.choice, labels) : labels.not_answered
      );
      article.insertBefore(verdict, article.querySelector(".ig-question__answer"));
      if (typeof item.ms === "number") {
        var spent = el("p", "ig-review__time", labels.time_per_question + " " + clock(item.ms));
        article.insertBefore(spent, article.querySelector(".ig-question__answer"));
      }
      if (gradable && item.choice) {
        article.appendChild(self.gradeControls(item.id));
      }
      var record = IG.progress.get(item.id);
      if (record.f) {
        article.insertBefore(el("p", "ig-review__flag", "⚑ " + labels.flagged), verdict);
      }
      if (record.n) {
        var note = el("p", "ig-review__note");
        note.appendChild(el("strong", null, labels.note + ": "));
        note.appendChild(document.createTextNode(record.n));
        article.appendChild(note);
      }
      entry.appendChild(article);
      list.appendChild(entry);
    });
    section.appendChild(list);
    this.view.appendChild(section);
  };

  /* ---------------------------------------------------------------- history ----- */

  Practice.prototype.renderHistory = function () {
    var self = this;
    var labels = this.labels;
    var blocks = IG.progress.blocks();
    this.history.textContent = "";
    this.history.appendChild(el("h2", null, labels.history_heading));
    if (!blocks.length) {
      this.history.appendChild(el("p", null, labels.history_empty));
    } else {
      var rows = blocks
        .slice()
        .reverse()
        .map(function (block) {
          var open = button(labels.history_open, "ig-button--small ig-history__open", function () {
            self.renderPast(block);
          });
          open.setAttribute("aria-label", labels.history_open + ": " + self.when(block.finished));
          return [
            self.when(block.finished),
            labels["mode_" + block.mode] || block.mode,
            String(block.total),
            block.correct + " (" + percent(block.correct, block.total) + ")",
            clock(block.elapsedMs),
            open
          ];
        });
      this.history.appendChild(
        table(
          [labels.history_date, labels.history_mode, labels.history_questions, labels.history_score, labels.time_used,
            labels.review_heading],
          rows,
          labels.history_heading,
          "ig-history__blocks"
        )
      );
    }

    this.history.appendChild(el("h3", null, labels.performance_heading));
    var group = el("fieldset", "ig-history__group");
    group.appendChild(el("legend", null, labels.group_by));
    [["step", labels.step], ["topic", labels.topic]].forEach(function (pair) {
      var option = ui.choice("radio", "ig-group", "ig-group-" + pair[0], pair[0], pair[1],
        (self.groupBy || "step") === pair[0], "ig-check--inline");
      group.appendChild(option.row);
    });
    group.addEventListener("change", function (event) {
      self.groupBy = event.target.value;
      self.renderPerformance(blocks);
    });
    this.history.appendChild(group);
    this.performance = el("div", "ig-history__performance");
    this.history.appendChild(this.performance);
    this.renderPerformance(blocks);
  };

  /** The performance table, per step or (this.groupBy === "topic") per answered topic. */
  Practice.prototype.renderPerformance = function (blocks) {
    var self = this;
    var labels = this.labels;
    var questions = this.bank ? this.bank.questions : [];
    var byTopic = this.groupBy === "topic";
    var rows;
    if (byTopic) {
      rows = logic
        .topicPerformance(
          (this.config.topics || []).map(function (topic) {
            return topic.id;
          }),
          questions, IG.progress.all(), blocks, this.settings.trendBlocks)
        .filter(function (row) {
          return row.answered;
        })
        .map(function (row) {
          return [self.topicLabels[row.group] || row.group].concat(cells(row));
        });
    } else {
      rows = logic
        .stepPerformance(
          this.config.steps.map(function (step) {
            return step.id;
          }),
          questions, IG.progress.all(), blocks, this.settings.trendBlocks)
        .map(function (row) {
          return [self.stepTitles[row.step]].concat(cells(row));
        });
    }

    function cells(row) {
      return [
        row.answered + " / " + row.total,
        row.answered ? percent(row.right, row.answered) : "–",
        row.trend.length
          ? row.trend
              .map(function (pair) {
                return percent(pair[0], pair[1]);
              })
              .join(" → ")
          : "–"
      ];
    }

    this.performance.textContent = "";
    this.performance.appendChild(
      table(
        [byTopic ? labels.topic : labels.step, labels.performance_answered, labels.performance_correct,
          labels.performance_trend],
        rows,
        byTopic ? labels.by_topic : labels.performance_heading,
        byTopic ? "ig-history__topics" : "ig-history__steps"
      )
    );
  };

  /* ---------------------------------------------------------------- error log --- */

  /** Every question whose latest answer was wrong: the reader's answer, the right one, the
   * reasoning, their note and flag; filtered by step; "Practise these" starts a block. */
  Practice.prototype.renderErrors = function () {
    var self = this;
    var labels = this.labels;
    if (!this.bank) {
      return;
    }
    this.errors.textContent = "";
    var title = el("h2", null, labels.errors_heading);
    title.id = "ig-errors-heading";
    this.errors.setAttribute("aria-labelledby", title.id);
    this.errors.appendChild(title);
    this.errors.appendChild(el("p", null, labels.errors_intro));
    var all = logic.errorLog(this.bank.questions, IG.progress.all());
    if (!all.length) {
      this.errors.appendChild(el("p", "ig-errors__empty", labels.errors_empty));
      return;
    }
    var tools = el("div", "ig-errors__tools");
    var select = el("select");
    select.id = "ig-errors-step";
    select.appendChild(new Option(labels.errors_all_steps, ""));
    this.config.steps.forEach(function (step) {
      var count = all.filter(function (entry) {
        return entry.question.step === step.id;
      }).length;
      if (count) {
        select.appendChild(new Option(self.stepTitles[step.id] + " (" + count + ")", step.id));
      }
    });
    if (this.errorStep && select.querySelector("option[value='" + this.errorStep + "']")) {
      select.value = this.errorStep;
    }
    tools.appendChild(ui.field(labels.errors_step, select));
    var practise = button(labels.errors_practise, "md-button--primary", function () {
      var chosen = shown();
      self.startBlock(
        chosen.slice(0, self.settings.maxBlockSize).map(function (entry) {
          return entry.question;
        }),
        { mode: "tutor", steps: select.value ? [select.value] : [], filter: "incorrect",
          seconds: self.settings.secondsPerQuestion }
      );
      self.view.scrollIntoView({ block: "start" });
    });
    tools.appendChild(practise);
    this.errors.appendChild(tools);
    var count = el("p", "ig-errors__count");
    count.setAttribute("role", "status");
    this.errors.appendChild(count);
    var list = el("ul", "ig-errors__list");
    this.errors.appendChild(list);

    function shown() {
      return all.filter(function (entry) {
        return !select.value || entry.question.step === select.value;
      });
    }

    function optionText(question, id) {
      var found = question.options.filter(function (option) {
        return option.id === id;
      })[0];
      return found || null;
    }

    var asked = 0; // the latest fill(): a slower load of an earlier choice draws nothing

    /** The entries of the chosen step(s), drawn once their parts are loaded: at once when
     * they are, else when the log comes near the screen (so opening the page fetches no part
     * for it). */
    function fill() {
      var mine = (asked += 1);
      self.errorStep = select.value;
      var entries = shown();
      count.textContent = labels.errors_count + " " + entries.length;
      practise.disabled = !entries.length;
      var parts = self.partsOf(entries.map(function (entry) {
        return entry.question;
      }));
      function load() {
        self.need(parts, function () {
          if (mine === asked) {
            draw(entries);
          }
        }, function () {
          if (mine === asked) {
            list.removeAttribute("aria-busy");
            self.loadFailed(self.errors);
          }
        });
      }
      var ready = parts.every(function (number) {
        return self.loaded[number] || !self.partUrls[number];
      });
      if (ready) {
        load();
      } else {
        list.setAttribute("aria-busy", "true");
        self.whenNearScreen(self.errors, load);
      }
    }

    function draw(entries) {
      var note = self.errors.querySelector(".ig-practice__load-failed");
      if (note) {
        note.remove();
      }
      list.removeAttribute("aria-busy");
      list.textContent = "";
      entries.forEach(function (entry) {
        var question = self.byId[entry.question.id];
        var item = el("li", "ig-errors__item");
        item.setAttribute("data-ig-id", question.id);
        var head = el("p", "ig-errors__stem");
        if (entry.record.f) {
          head.appendChild(el("span", "ig-review__flag", "⚑ " + labels.flagged + " "));
        }
        head.appendChild(el("strong", null, self.stepTitles[question.step] || ""));
        head.appendChild(document.createTextNode(" " + question.stem));
        item.appendChild(head);
        var facts = el("dl", "ig-errors__facts");
        var mine = optionText(question, entry.choice);
        var right = optionText(question, question.answer);
        [
          { term: labels.your_answer, text: mine ? mine.text : labels.removed_question, why: mine ? mine.rationale : "" },
          { term: labels.correct_answer, text: right.text, why: right.rationale }
        ].forEach(function (row) {
          facts.appendChild(el("dt", null, row.term));
          var value = el("dd");
          value.appendChild(el("span", "ig-errors__option", row.text));
          if (row.why) {
            value.appendChild(el("span", "ig-errors__why", " " + row.why));
          }
          facts.appendChild(value);
        });
        if (entry.record.n) {
          facts.appendChild(el("dt", null, labels.note));
          facts.appendChild(el("dd", null, entry.record.n));
        }
        item.appendChild(facts);
        list.appendChild(item);
      });
    }

    select.addEventListener("change", fill);
    fill();
  };

  /* ---------------------------------------------------------------- data -------- */

  /** "My applications" travels in the same progress file (IG.tracker.sitePart, ig-tracker.js).
   * Exporting (no `words`): add it to `file` and return the file. Importing (with `words`,
   * the tracker's "programs in My applications"): merge it and return the text to add to the
   * status line, or "" when the file carries none. */
  function applicationsPart(file, words) {
    var part = IG.tracker && IG.tracker.sitePart;
    if (words === undefined) {
      if (part) {
        part.add(file);
      }
      return file;
    }
    var result = part && words ? part.merge(file) : null;
    return result ? " " + result.programs + " " + words + "." : "";
  }

  Practice.prototype.renderData = function () {
    var self = this;
    var labels = this.labels;
    var settings = this.settings;
    this.data.textContent = "";
    this.data.appendChild(el("h2", null, labels.data_heading));
    this.data.appendChild(el("p", null, labels.data_intro));
    var actions = el("div", "ig-data__actions");
    var message = el("p", "ig-data__status");
    message.setAttribute("role", "status");
    message.setAttribute("aria-live", "polite");

    actions.appendChild(
      button(labels.export, "", function () {
        ui.downloadFile(
          "imgguide-progress-" + new Date().toISOString().split("T")[0] + ".json",
          JSON.stringify(applicationsPart(IG.progress.exportAll()), null, 1),
          "application/json"
        );
      })
    );
    actions.appendChild(
      button(labels.import, "", function () {
        ui.chooseTextFile("application/json,.json").then(
          function (text) {
            var parsed;
            try {
              parsed = JSON.parse(text);
            } catch (error) {
              message.textContent = labels.import_bad_file;
              return;
            }
            try {
              var counts = IG.progress.importAll(parsed, settings.attemptsKept, settings.historyKept);
              message.textContent =
                labels.import_done + " " + counts.questions + " " + labels.import_questions + ", " +
                counts.blocks + " " + labels.import_blocks + "." + applicationsPart(parsed, self.config.applications || "");
              self.showRejected(counts.rejected);
              self.afterDataChange();
            } catch (error) {
              message.textContent = error.message === "bad-version" ? labels.import_bad_version : labels.import_bad_file;
              self.showRejected([]);
            }
          },
          function () {
            message.textContent = labels.import_bad_file;
          }
        );
      })
    );

    actions.appendChild(
      button(labels.reset, "ig-button--danger", function () {
        confirmDialog(labels.reset_confirm, labels.reset_yes, labels.cancel).then(function (yes) {
          if (!yes) {
            return;
          }
          self.stopTicking();
          self.block = null;
          IG.progress.resetAll();
          message.textContent = labels.reset_done;
          self.afterDataChange();
        });
      })
    );
    this.data.appendChild(actions);
    this.data.appendChild(message);
    this.rejected = el("div", "ig-data__rejected");
    this.rejected.hidden = true;
    this.data.appendChild(this.rejected);
  };

  /** List the items an import refused, each with its reason (IG.progress.importAll). */
  Practice.prototype.showRejected = function (rejected) {
    var labels = this.labels;
    this.rejected.textContent = "";
    this.rejected.hidden = !rejected.length;
    if (!rejected.length) {
      return;
    }
    this.rejected.appendChild(el("p", null, labels.import_rejected));
    var list = el("ul");
    rejected.forEach(function (item) {
      list.appendChild(
        el("li", null, labels["import_" + item.kind] + " " + item.id + ": " + labels["import_reason_" + item.reason])
      );
    });
    this.rejected.appendChild(list);
  };

  Practice.prototype.afterDataChange = function () {
    if (!this.bank) {
      return;
    }
    if (!this.block) {
      var steps = this.view.querySelector(".ig-builder") ? this.selectedSteps() : null;
      this.renderBuilder(steps);
    }
    this.renderHistory();
    this.renderErrors();
  };

  /* ---------------------------------------------------------------- wiring ------ */

  window.addEventListener("pagehide", function () {
    if (running) {
      running.suspend();
    }
  });

  // After an instant navigation away, stop the clock of the block left behind.
  ui.onEachPage(function () {
    if (running && !document.body.contains(running.root)) {
      running.suspend();
      running = null;
    }
  });

  ui.mount("data-ig-practice", function (root, config) {
    running = new Practice(root, config);
    running.start();
  });
})();
