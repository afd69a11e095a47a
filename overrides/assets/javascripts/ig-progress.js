/* IG.progress: the reader's practice progress and the pure logic around it, with no DOM.
 *
 * - records: per question id, {v: 2, a: [[time, option id, 0|1, mode], ...], f: flag,
 *   n: note, u: updated, c: card}; finished blocks under "blocks" ({v: 1, blocks: [...]}).
 *   Version 1 had no card: reading one adds `c: null`, and a null (or unreadable) card is
 *   rebuilt from the record's own answers (wrong = Again, right = Good) once the scheduler
 *   is configured, so nothing is lost and a bad card resets only itself.
 * - spaced review: every answered question is a card scheduled by FSRS-6 (ts-fsrs, vendored
 *   in vendor/ts-fsrs.umd.js) with the settings of content/practice.yml. A card is
 *   {due, s, d, e, sd, r, l, ls, st, lr, fr, g, p}: due time, stability, difficulty, elapsed
 *   and scheduled days, reps, lapses, learning step, state, last review, first review, last
 *   grade and the card before the last review (so that grade can still be changed).
 *   "Due today" means due before the end of the reader's local day.
 * - scoring (status of a question, a finished block's result), statistics (per step, over
 *   time), clock and percent formatting, timer warnings, option order, export and an import
 *   that checks every item and reports the ones it refused.
 * - the bank's files: which steps a list of questions needs, and a loader that fetches each
 *   file once (ig-practice.js).
 *
 * Progress is keyed by question and option ids, never by position, so it survives content
 * edits: a removed question is simply ignored, an edited one keeps its history. Numbers
 * (how much to keep, warning times) come from content/practice.yml via the caller.
 *
 * Works in the browser (IG.progress, on IG.store) and in Node (module.exports, for
 * tests/js/progress.test.js, with a store from ig-store.js on a fake localStorage).
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./vendor/ts-fsrs.umd.js"));
  } else {
    var api = factory(root.FSRS);
    root.IG = root.IG || {};
    var IG = root.IG;
    IG.progress = api.createProgress(IG.store, Date.now);
    IG.progress.logic = api;
    IG.store.onExternalChange(function () {
      IG.progress.reload();
    });
  }
})(typeof self !== "undefined" ? self : this, function (FSRS) {
  "use strict";

  // Positions in an attempt [time, option id, correct (0 or 1), mode].
  const ATTEMPT_CORRECT = 2;
  const ATTEMPT_MODE = 3;
  // Units for the clock.
  const MS_PER_SECOND = 1000;
  const SECONDS_PER_MINUTE = 60;
  // Local midnight that ends a day (Date.prototype.setHours).
  const HOURS_PER_DAY = 24;
  // Shapes of the stored records and of exports: 2 added the spaced-review card.
  const RECORD_VERSION = 2;
  const EXPORT_VERSION = 2;
  const PERCENT = 100;
  // Block ids: the start time and a few random characters, in base 36.
  const ID_RADIX = 36;
  const ID_RANDOM_CHARS = 6;

  var EXPORT_FORMAT = "imgguide-progress";
  var GRADES = ["again", "hard", "good", "easy"];
  var CARD_NUMBERS = ["due", "s", "d", "e", "sd", "r", "l", "ls", "st", "lr", "fr"];
  var QUESTION_PREFIX = "quiz:";
  var DUE_INDEX = "due";
  var ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var MODES = ["inline", "tutor", "timed"];

  /* ---------------------------------------------------------------- shapes ------ */

  function isAttempt(attempt) {
    return (
      Array.isArray(attempt) &&
      typeof attempt[0] === "number" &&
      typeof attempt[1] === "string" &&
      (attempt[ATTEMPT_CORRECT] === 0 || attempt[ATTEMPT_CORRECT] === 1) &&
      (attempt[ATTEMPT_MODE] === undefined || MODES.indexOf(attempt[ATTEMPT_MODE]) !== -1)
    );
  }

  /** A stored card: finite numbers, a known grade and, when present, a previous card. */
  function isCard(card, nested) {
    return (
      card !== null &&
      typeof card === "object" &&
      CARD_NUMBERS.every(function (key) {
        return typeof card[key] === "number" && isFinite(card[key]);
      }) &&
      GRADES.indexOf(card.g) !== -1 &&
      (card.p === null || card.p === undefined || (!nested && isCard(card.p, true)))
    );
  }

  /** The record without an unreadable card (which is then rebuilt from its answers). */
  function withReadableCard(record) {
    if (record.c !== null && record.c !== undefined && !isCard(record.c)) {
      record.c = null;
    }
    return record;
  }

  /** Version 1 records (before spaced review) keep everything and get a card to rebuild. */
  function migrateRecord1(record) {
    var copy = {};
    Object.keys(record || {}).forEach(function (key) {
      copy[key] = record[key];
    });
    copy.v = RECORD_VERSION;
    copy.c = null;
    return copy;
  }

  function isRecord(value) {
    return (
      value !== null &&
      typeof value === "object" &&
      value.v === RECORD_VERSION &&
      Array.isArray(value.a) &&
      value.a.every(isAttempt) &&
      (value.f === undefined || typeof value.f === "boolean") &&
      (value.n === undefined || typeof value.n === "string") &&
      (value.u === undefined || typeof value.u === "number")
    );
  }

  function isBlockItem(item) {
    return (
      item !== null &&
      typeof item === "object" &&
      typeof item.id === "string" &&
      typeof item.step === "string" &&
      Array.isArray(item.order) &&
      item.order.every(function (id) {
        return typeof id === "string";
      }) &&
      (item.choice === null || typeof item.choice === "string") &&
      typeof item.correct === "boolean" &&
      (item.ms === undefined || typeof item.ms === "number")
    );
  }

  /** A finished block as the history keeps it. */
  function isBlock(block) {
    return (
      block !== null &&
      typeof block === "object" &&
      typeof block.id === "string" &&
      block.id !== "" &&
      typeof block.finished === "number" &&
      (block.mode === "tutor" || block.mode === "timed") &&
      typeof block.total === "number" &&
      typeof block.correct === "number" &&
      typeof block.elapsedMs === "number" &&
      Array.isArray(block.items) &&
      block.items.every(isBlockItem)
    );
  }

  function isDueIndex(value) {
    return (
      value !== null &&
      typeof value === "object" &&
      value.v === 1 &&
      value.d !== null &&
      typeof value.d === "object" &&
      Object.keys(value.d).every(function (id) {
        return typeof value.d[id] === "number";
      })
    );
  }

  function isBlockList(value) {
    return value !== null && typeof value === "object" && value.v === 1 && Array.isArray(value.blocks);
  }

  function emptyRecord() {
    return { v: RECORD_VERSION, a: [], f: false, n: "", u: 0, c: null };
  }

  /* ---------------------------------------------------------------- scheduling -- */

  /** An FSRS-6 scheduler with the default weights and `settings` from practice.yml:
   * {desiredRetention, maximumIntervalDays, learningSteps (true: same-day steps)}. */
  function createScheduler(settings) {
    return FSRS.fsrs(
      FSRS.generatorParameters({
        request_retention: settings.desiredRetention,
        maximum_interval: settings.maximumIntervalDays,
        enable_short_term: !!settings.learningSteps,
        enable_fuzz: false
      })
    );
  }

  function rating(grade) {
    return FSRS.Rating[grade.charAt(0).toUpperCase() + grade.slice(1)];
  }

  /** The ts-fsrs card for a stored one (a new card when there is none). */
  function toFsrs(card, time) {
    if (!card) {
      return FSRS.createEmptyCard(new Date(time));
    }
    return {
      due: new Date(card.due),
      stability: card.s,
      difficulty: card.d,
      elapsed_days: card.e,
      scheduled_days: card.sd,
      reps: card.r,
      lapses: card.l,
      learning_steps: card.ls,
      state: card.st,
      last_review: new Date(card.lr)
    };
  }

  /** Review `card` (stored form, or null for a new one) at `time` with `grade`. */
  function review(scheduler, card, time, grade) {
    var next = scheduler.next(toFsrs(card, time), new Date(time), rating(grade)).card;
    var previous = null;
    if (card) {
      previous = {};
      CARD_NUMBERS.concat(["g"]).forEach(function (key) {
        previous[key] = card[key];
      });
    }
    return {
      due: next.due.getTime(),
      s: next.stability,
      d: next.difficulty,
      e: next.elapsed_days,
      sd: next.scheduled_days,
      r: next.reps,
      l: next.lapses,
      ls: next.learning_steps,
      st: next.state,
      lr: time,
      fr: card ? card.fr : time,
      g: grade,
      p: previous
    };
  }

  /** The same last review with another grade. */
  function regrade(scheduler, card, grade) {
    var again = review(scheduler, card.p || null, card.lr, grade);
    again.fr = card.fr;
    return again;
  }

  /** For each grade, when the card would be due if the last review had that grade:
   * {again: {due, days}, ...}; `days` is whole scheduled days (0 for a same-day step). */
  function previewGrades(scheduler, card) {
    var preview = {};
    GRADES.forEach(function (grade) {
      var next = regrade(scheduler, card, grade);
      preview[grade] = { due: next.due, days: next.sd };
    });
    return preview;
  }

  /** The grade an answer gets unless the reader picks another. */
  function defaultGrade(correct) {
    return correct ? "good" : "again";
  }

  /** A card rebuilt from a record's answers, in time order (null when there are none). */
  function replay(scheduler, attempts) {
    var card = null;
    attempts.forEach(function (attempt) {
      card = review(scheduler, card, attempt[0], defaultGrade(attempt[ATTEMPT_CORRECT] === 1));
    });
    return card;
  }

  /** The time (ms) of the next local midnight after `now`: "today" ends there. */
  function endOfLocalDay(now) {
    var date = new Date(now);
    date.setHours(HOURS_PER_DAY, 0, 0, 0);
    return date.getTime();
  }

  function startOfLocalDay(now) {
    var date = new Date(now);
    date.setHours(0, 0, 0, 0);
    return date.getTime();
  }

  /** Ids of the cards due today (before the end of the reader's local day), soonest first. */
  function dueIds(records, now) {
    return dueFrom(records, now, function (record) {
      return record.c ? record.c.due : null;
    });
  }

  /** The same from the due index ({question id: due time}). */
  function dueFromIndex(index, now) {
    return dueFrom(index, now, function (time) {
      return time;
    });
  }

  function dueFrom(map, now, dueOf) {
    var end = endOfLocalDay(now);
    var due = [];
    var ids = Object.keys(map);
    for (var index = 0; index < ids.length; index += 1) {
      var time = dueOf(map[ids[index]]);
      if (time !== null && time < end) {
        due.push([time, ids[index]]);
      }
    }
    due.sort(function (first, second) {
      return first[0] - second[0];
    });
    return due.map(function (pair) {
      return pair[1];
    });
  }

  /** How many cards had their first review today (new questions seen today). */
  function newToday(records, now) {
    var start = startOfLocalDay(now);
    return Object.keys(records).filter(function (id) {
      var card = records[id].c;
      return card && card.fr >= start;
    }).length;
  }

  /** A review block: the due questions, then new (unused) ones up to what is left of the
   * daily limit, at most `max` in all. `questions` is the bank's list, `dueList` from dueIds. */
  function reviewPlan(questions, records, dueList, now, newPerDay, max) {
    var byId = {};
    questions.forEach(function (question) {
      byId[question.id] = question;
    });
    var due = dueList
      .filter(function (id) {
        return byId[id];
      })
      .map(function (id) {
        return byId[id];
      });
    var room = Math.max(0, newPerDay - newToday(records, now));
    var fresh = questions
      .filter(function (question) {
        return status(records[question.id], question) === "unused";
      })
      .slice(0, room);
    return { due: due.slice(0, max), fresh: fresh.slice(0, Math.max(0, max - due.length)) };
  }

  /** The error log: questions of `questions` whose latest answer was wrong, newest first,
   * each {question, choice (the option id chosen), time, record}. */
  function errorLog(questions, records) {
    var entries = [];
    questions.forEach(function (question) {
      var record = records[question.id];
      if (status(record, question) === "incorrect") {
        var last = record.a[record.a.length - 1];
        entries.push({ question: question, choice: last[1], time: last[0], record: record });
      }
    });
    entries.sort(function (first, second) {
      return second.time - first.time;
    });
    return entries;
  }

  /* ---------------------------------------------------------------- scoring ----- */

  /** "unused", "correct" or "incorrect" for `question` ({id, options: [{id}], answer}) given
   * its stored record. The last answer is judged against today's answer key when its option
   * still exists, else by the verdict saved with it. */
  function status(record, question) {
    if (!record || !record.a.length) {
      return "unused";
    }
    var last = record.a[record.a.length - 1];
    var exists = question.options.some(function (option) {
      return option.id === last[1];
    });
    var correct = exists ? last[1] === question.answer : last[ATTEMPT_CORRECT] === 1;
    return correct ? "correct" : "incorrect";
  }

  /** The result of a finished block: every item with its choice and verdict, and the score.
   * `byId` maps question ids of the current bank to questions; a removed one scores 0. */
  function blockResult(block, byId, finished) {
    var items = block.items.map(function (item) {
      var question = byId[item.id];
      var choice = block.answers[item.id] || null;
      return {
        id: item.id,
        step: item.step,
        order: item.order,
        choice: choice,
        correct: !!(question && choice && choice === question.answer),
        ms: (block.spent && block.spent[item.id]) || 0
      };
    });
    return {
      id: block.id,
      created: block.created,
      finished: finished,
      mode: block.mode,
      steps: block.steps,
      filter: block.filter,
      seconds: block.seconds,
      elapsedMs: block.mode === "timed" ? Math.min(block.elapsedMs, block.totalMs) : block.elapsedMs,
      total: items.length,
      correct: items.filter(function (item) {
        return item.correct;
      }).length,
      items: items
    };
  }

  /** Per step of a block's items: {step id: {total, correct}}. */
  function scoreByStep(items) {
    var perStep = {};
    items.forEach(function (item) {
      perStep[item.step] = perStep[item.step] || { total: 0, correct: 0 };
      perStep[item.step].total += 1;
      perStep[item.step].correct += item.correct ? 1 : 0;
    });
    return perStep;
  }

  /** For each step id: how many of its questions were answered, how many of those are right
   * on the last attempt, and its share correct in each of the last `trendBlocks` blocks
   * that had questions of the step ([{step, total, answered, right, trend: [[right, of]]}]). */
  function stepPerformance(stepIds, questions, records, blocks, trendBlocks) {
    return groupPerformance(stepIds, function (question) {
      return [question.step];
    }, questions, records, blocks, trendBlocks, null).map(function (row) {
      return { step: row.group, total: row.total, answered: row.answered, right: row.right, trend: row.trend };
    });
  }

  /** The same, per topic: a question counts in each of its topics; the trend uses the
   * topics of today's bank (`byId`), since blocks keep only the step of each item. */
  function topicPerformance(topicIds, questions, records, blocks, trendBlocks) {
    var byId = {};
    questions.forEach(function (question) {
      byId[question.id] = question;
    });
    return groupPerformance(topicIds, function (question) {
      return question.topics || [];
    }, questions, records, blocks, trendBlocks, byId);
  }

  function groupPerformance(groupIds, groupsOf, questions, records, blocks, trendBlocks, byId) {
    return groupIds.map(function (groupId) {
      var inGroup = function (question) {
        return groupsOf(question).indexOf(groupId) !== -1;
      };
      var mine = questions.filter(inGroup);
      var answered = 0;
      var right = 0;
      mine.forEach(function (question) {
        var state = status(records[question.id], question);
        if (state !== "unused") {
          answered += 1;
          right += state === "correct" ? 1 : 0;
        }
      });
      var trend = blocks
        .map(function (block) {
          var items = block.items.filter(function (item) {
            if (!byId) {
              return item.step === groupId;
            }
            return byId[item.id] ? inGroup(byId[item.id]) : false;
          });
          var correct = items.filter(function (item) {
            return item.correct;
          }).length;
          return items.length ? [correct, items.length] : null;
        })
        .filter(function (value) {
          return value !== null;
        });
      return {
        group: groupId,
        total: mine.length,
        answered: answered,
        right: right,
        trend: trend.slice(Math.max(0, trend.length - trendBlocks))
      };
    });
  }

  /* ---------------------------------------------------------------- formatting -- */

  /** "m:ss" for a duration in milliseconds (never negative). */
  function clock(milliseconds) {
    var seconds = Math.max(0, Math.round(milliseconds / MS_PER_SECOND));
    var minutes = Math.floor(seconds / SECONDS_PER_MINUTE);
    var rest = String(seconds % SECONDS_PER_MINUTE);
    return minutes + ":" + (rest.length === 1 ? "0" : "") + rest;
  }

  /** "60%", or "–" when there is nothing to divide by. */
  function percent(part, whole) {
    return whole ? Math.round((PERCENT * part) / whole) + "%" : "–";
  }

  /** The timer warning (in minutes) due now, or null: the smallest of `warnings` (minutes,
   * largest first) whose time has come, if not announced yet. A warning longer than the
   * whole block is never given. Marks it, and any larger one, in `announced`. */
  function dueWarning(totalMs, leftMs, warnings, announced) {
    var due = null;
    warnings.forEach(function (minutes) {
      var threshold = minutes * SECONDS_PER_MINUTE * MS_PER_SECOND;
      if (leftMs <= threshold && totalMs > threshold) {
        due = minutes;
      }
    });
    if (due === null || announced[due]) {
      return null;
    }
    warnings.forEach(function (minutes) {
      if (minutes >= due) {
        announced[minutes] = true;
      }
    });
    return due;
  }

  function secondsToMs(seconds) {
    return seconds * MS_PER_SECOND;
  }

  /* ---------------------------------------------------------------- order ------- */

  /** A copy of `list` in random order; `random` returns a number in [0, 1). */
  function shuffled(list, random) {
    var copy = list.slice();
    for (var index = copy.length - 1; index > 0; index -= 1) {
      var other = Math.floor(random() * (index + 1));
      var swap = copy[index];
      copy[index] = copy[other];
      copy[other] = swap;
    }
    return copy;
  }

  /** The option order the reader saw (kept in the block), minus options removed since and
   * plus options added since, so a block survives edits to its questions. */
  function shownOrder(question, stored) {
    var order = stored.filter(function (id) {
      return question.options.some(function (option) {
        return option.id === id;
      });
    });
    question.options.forEach(function (option) {
      if (order.indexOf(option.id) === -1) {
        order.push(option.id);
      }
    });
    return order;
  }

  /* ---------------------------------------------------------------- the bank ---- */

  /** The numbers of the bank's parts holding `list`'s questions (anything with an `id`),
   * each once, in the order they first appear: the files a block or a review needs.
   * `partOf` maps question ids to part numbers (from the bank's index); a question not in
   * it (removed from the bank since) needs none. */
  function partsOf(list, partOf) {
    var seen = {};
    var parts = [];
    list.forEach(function (entry) {
      var part = entry ? partOf[entry.id] : undefined;
      if (typeof part === "number" && !seen[part]) {
        seen[part] = true;
        parts.push(part);
      }
    });
    return parts;
  }

  /** load(url): a Promise of `fetchJson(url)`, asked for once per URL while it succeeds
   * (every caller shares it); a failed load is forgotten, so the next call tries again. */
  function createLoader(fetchJson) {
    var pending = {};
    return function load(url) {
      if (!pending[url]) {
        pending[url] = Promise.resolve().then(function () {
          return fetchJson(url);
        });
        pending[url].catch(function () {
          delete pending[url];
        });
      }
      return pending[url];
    };
  }

  function newBlockId(now, random) {
    return now.toString(ID_RADIX) + Math.floor(random() * Math.pow(ID_RADIX, ID_RANDOM_CHARS)).toString(ID_RADIX);
  }

  /* ---------------------------------------------------------------- the store --- */

  /** Progress kept in `store` (IG.store or one from createStore); `now()` gives the time.
   * `scheduling` (the review settings, see createScheduler) may also be given later with
   * `configure`: until then answers are recorded and their cards built afterwards. */
  function createProgress(store, now, scheduling) {
    var cache = null; // question id -> record, read once per visit
    var index = null; // question id -> due time: the "due" key, read once per visit
    var scheduler = scheduling ? createScheduler(scheduling) : null;
    var READ_OPTIONS = { version: RECORD_VERSION, migrations: { 1: migrateRecord1 } };

    function loadAll() {
      if (cache) {
        return cache;
      }
      cache = {};
      store.names(QUESTION_PREFIX).forEach(function (name) {
        var record = store.read(name, isRecord, READ_OPTIONS);
        if (record) {
          cache[name.slice(QUESTION_PREFIX.length)] = withReadableCard(record);
        }
      });
      rebuildCards();
      return cache;
    }

    /** Give every answered record without a card one, rebuilt from its answers. */
    function rebuildCards() {
      if (!scheduler || !cache) {
        return;
      }
      var rebuilt = false;
      Object.keys(cache).forEach(function (questionId) {
        var record = cache[questionId];
        if (!record.c && record.a.length) {
          record.c = replay(scheduler, record.a);
          store.write(QUESTION_PREFIX + questionId, record);
          rebuilt = true;
        }
      });
      if (rebuilt) {
        writeIndex(indexFrom(cache));
      }
    }

    /* The due index ("due": {v: 1, d: {question id: due time}}) repeats each card's due
     * time in one small value, so a page that only needs the due count (the home page's
     * line) reads one key instead of every record. It is derived data: rebuilt from the
     * records whenever it is missing or unreadable, and never exported. */
    function indexFrom(records) {
      var due = {};
      Object.keys(records).forEach(function (questionId) {
        if (records[questionId].c) {
          due[questionId] = records[questionId].c.due;
        }
      });
      return due;
    }

    function writeIndex(due) {
      index = due;
      store.write(DUE_INDEX, { v: 1, d: due });
    }

    function loadIndex() {
      if (index) {
        return index;
      }
      var stored = store.read(DUE_INDEX, isDueIndex);
      if (stored) {
        index = stored.d;
      } else {
        writeIndex(indexFrom(loadAll()));
      }
      return index;
    }

    /** Keep `record`; `updated` defaults to now (imports keep the newer of two stamps). */
    function save(questionId, record, updated) {
      record.u = updated || now();
      loadAll()[questionId] = record;
      store.write(QUESTION_PREFIX + questionId, record);
      var due = loadIndex();
      if (record.c) {
        due[questionId] = record.c.due;
      } else {
        delete due[questionId];
      }
      writeIndex(due);
    }

    function get(questionId) {
      return loadAll()[questionId] || emptyRecord();
    }

    function blocks() {
      var stored = store.read("blocks", isBlockList);
      return stored ? stored.blocks.filter(isBlock) : [];
    }

    function keepLast(list, keep) {
      return keep && list.length > keep ? list.slice(list.length - keep) : list;
    }

    function mergeRecord(questionId, incoming, keepAttempts) {
      var current = get(questionId);
      var seen = {};
      var attempts = current.a.concat(incoming.a).filter(function (attempt) {
        var key = attempt[0] + "|" + attempt[1];
        if (seen[key]) {
          return false;
        }
        seen[key] = true;
        return true;
      });
      attempts.sort(function (first, second) {
        return first[0] - second[0];
      });
      var newer = (incoming.u || 0) > (current.u || 0) ? incoming : current;
      // The schedule of the later review wins; none readable: rebuilt from the answers.
      var cards = [current.c, incoming.c].filter(function (card) {
        return card && isCard(card);
      });
      cards.sort(function (first, second) {
        return second.lr - first.lr;
      });
      var merged = {
        v: RECORD_VERSION, a: keepLast(attempts, keepAttempts), f: !!newer.f, n: newer.n || "", c: cards[0] || null
      };
      if (!merged.c && scheduler && merged.a.length) {
        merged.c = replay(scheduler, merged.a);
      }
      save(questionId, merged, Math.max(incoming.u || 0, current.u || 0) || now());
    }

    return {
      /** Every stored record, by question id. */
      all: loadAll,
      get: get,

      /** Set the review settings (idempotent); cards missing so far are built. */
      configure: function (settings) {
        if (!scheduler) {
          scheduler = createScheduler(settings);
          rebuildCards();
        }
      },

      /** Record an answer. `mode` is "inline", "tutor" or "timed". The question's card is
       * reviewed with `grade` (default: Again when wrong, Good when right). */
      answer: function (questionId, optionId, correct, mode, keep, grade) {
        var record = get(questionId);
        var time = now();
        record.a.push([time, optionId, correct ? 1 : 0, mode]);
        record.a = keepLast(record.a, keep);
        if (scheduler) {
          record.c = review(scheduler, record.c || null, time, grade || defaultGrade(correct));
        }
        save(questionId, record);
      },

      /** Change the grade of the question's last review; returns its card (or null). */
      grade: function (questionId, grade) {
        var record = loadAll()[questionId];
        if (!record || !record.c || !scheduler || GRADES.indexOf(grade) === -1) {
          return null;
        }
        record.c = regrade(scheduler, record.c, grade);
        save(questionId, record);
        return record.c;
      },

      /** The question's card, or null when it has never been answered. */
      card: function (questionId) {
        var record = loadAll()[questionId];
        return (record && record.c) || null;
      },

      /** When the card would be due for each grade of its last review (see previewGrades). */
      preview: function (questionId) {
        var record = loadAll()[questionId];
        return record && record.c && scheduler ? previewGrades(scheduler, record.c) : null;
      },

      /** Ids of the questions due for review today, soonest first (from the records when
       * they are read already, else from the due index). */
      due: function () {
        if (cache) {
          return dueIds(cache, now());
        }
        return dueFromIndex(loadIndex(), now());
      },

      /** How many new questions were first answered today. */
      newToday: function () {
        return newToday(loadAll(), now());
      },

      setFlag: function (questionId, flagged) {
        var record = get(questionId);
        record.f = !!flagged;
        save(questionId, record);
      },

      setNote: function (questionId, text) {
        var record = get(questionId);
        record.n = String(text || "");
        save(questionId, record);
      },

      status: function (question) {
        return status(loadAll()[question.id], question);
      },

      flagged: function (questionId) {
        var record = loadAll()[questionId];
        return !!(record && record.f);
      },

      blocks: blocks,

      addBlock: function (block, keep) {
        store.write("blocks", { v: 1, blocks: keepLast(blocks().concat([block]), keep) });
      },

      exportAll: function () {
        return {
          format: EXPORT_FORMAT,
          version: EXPORT_VERSION,
          exported: new Date(now()).toISOString(),
          questions: loadAll(),
          blocks: blocks()
        };
      },

      /** Merge an export into this browser's progress; nothing saved here is lost.
       * Throws Error("bad-file") or Error("bad-version") when the file as a whole cannot be
       * read. Otherwise checks every question record and block on its own: good ones are
       * merged, bad ones listed in `rejected` as {kind: "question"|"block", id, reason:
       * "id"|"record"|"newer"|"block"}. Returns {questions, blocks, rejected}. */
      importAll: function (data, keepAttempts, keepBlocks) {
        if (!data || typeof data !== "object" || data.format !== EXPORT_FORMAT) {
          throw new Error("bad-file");
        }
        // Version 1 exports (before spaced review) are read too: their records are migrated.
        if (data.version !== EXPORT_VERSION && data.version !== 1) {
          throw new Error(typeof data.version === "number" && data.version > EXPORT_VERSION ? "bad-version" : "bad-file");
        }
        if (!data.questions || typeof data.questions !== "object" || !Array.isArray(data.blocks)) {
          throw new Error("bad-file");
        }
        var rejected = [];
        var imported = 0;
        Object.keys(data.questions).forEach(function (questionId) {
          var incoming = data.questions[questionId];
          if (incoming && incoming.v === 1) {
            incoming = migrateRecord1(incoming);
          }
          if (incoming && typeof incoming === "object" && incoming.v === RECORD_VERSION) {
            incoming = withReadableCard(incoming);
          }
          var reason = null;
          if (!ID_PATTERN.test(questionId)) {
            reason = "id";
          } else if (incoming && typeof incoming.v === "number" && incoming.v > RECORD_VERSION) {
            reason = "newer";
          } else if (!isRecord(incoming)) {
            reason = "record";
          }
          if (reason) {
            rejected.push({ kind: "question", id: questionId, reason: reason });
            return;
          }
          mergeRecord(questionId, incoming, keepAttempts);
          imported += 1;
        });
        var known = {};
        var list = blocks();
        list.forEach(function (block) {
          known[block.id] = true;
        });
        var added = 0;
        data.blocks.forEach(function (block, index) {
          if (!isBlock(block)) {
            var id = block && typeof block.id === "string" ? block.id : String(index + 1);
            rejected.push({ kind: "block", id: id, reason: "block" });
          } else if (!known[block.id]) {
            list.push(block);
            known[block.id] = true;
            added += 1;
          }
        });
        list.sort(function (first, second) {
          return first.finished - second.finished;
        });
        store.write("blocks", { v: 1, blocks: keepLast(list, keepBlocks) });
        return { questions: imported, blocks: added, rejected: rejected };
      },

      /** Forget every answer, flag, note, block and unfinished block. */
      resetAll: function () {
        store.names(QUESTION_PREFIX).forEach(function (name) {
          store.remove(name);
        });
        store.remove("blocks");
        store.remove("active");
        store.remove(DUE_INDEX);
        cache = {};
        index = {};
      },

      /** Drop the in-memory copy (after another tab changed the data). */
      reload: function () {
        cache = null;
        index = null;
      }
    };
  }

  return {
    createProgress: createProgress,
    createScheduler: createScheduler,
    review: review,
    regrade: regrade,
    previewGrades: previewGrades,
    replay: replay,
    defaultGrade: defaultGrade,
    endOfLocalDay: endOfLocalDay,
    dueIds: dueIds,
    newToday: newToday,
    reviewPlan: reviewPlan,
    errorLog: errorLog,
    topicPerformance: topicPerformance,
    migrateRecord1: migrateRecord1,
    isCard: isCard,
    GRADES: GRADES,
    isRecord: isRecord,
    isBlock: isBlock,
    status: status,
    blockResult: blockResult,
    scoreByStep: scoreByStep,
    stepPerformance: stepPerformance,
    clock: clock,
    percent: percent,
    dueWarning: dueWarning,
    secondsToMs: secondsToMs,
    shuffled: shuffled,
    shownOrder: shownOrder,
    partsOf: partsOf,
    createLoader: createLoader,
    newBlockId: newBlockId
  };
});
