/* IG.progress: the reader's practice progress and the pure logic around it, with no DOM.
 *
 * - records: per question id, {v: 1, a: [[time, option id, 0|1, mode], ...], f: flag,
 *   n: note, u: updated}; finished blocks under "blocks" ({v: 1, blocks: [...]}).
 * - scoring (status of a question, a finished block's result), statistics (per step, over
 *   time), clock and percent formatting, timer warnings, option order, export and an import
 *   that checks every item and reports the ones it refused.
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
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.IG = root.IG || {};
    var IG = root.IG;
    IG.progress = api.createProgress(IG.store, Date.now);
    IG.progress.logic = api;
    IG.store.onExternalChange(function () {
      IG.progress.reload();
    });
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // Positions in an attempt [time, option id, correct (0 or 1), mode].
  const ATTEMPT_CORRECT = 2;
  const ATTEMPT_MODE = 3;
  // Units for the clock.
  const MS_PER_SECOND = 1000;
  const SECONDS_PER_MINUTE = 60;
  const PERCENT = 100;
  // Block ids: the start time and a few random characters, in base 36.
  const ID_RADIX = 36;
  const ID_RANDOM_CHARS = 6;

  var EXPORT_FORMAT = "imgguide-progress";
  var EXPORT_VERSION = 1;
  var RECORD_VERSION = 1;
  var QUESTION_PREFIX = "quiz:";
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
      typeof item.correct === "boolean"
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

  function isBlockList(value) {
    return value !== null && typeof value === "object" && value.v === 1 && Array.isArray(value.blocks);
  }

  function emptyRecord() {
    return { v: RECORD_VERSION, a: [], f: false, n: "", u: 0 };
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
        correct: !!(question && choice && choice === question.answer)
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
    return stepIds.map(function (stepId) {
      var mine = questions.filter(function (question) {
        return question.step === stepId;
      });
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
            return item.step === stepId;
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
        step: stepId,
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

  function newBlockId(now, random) {
    return now.toString(ID_RADIX) + Math.floor(random() * Math.pow(ID_RADIX, ID_RANDOM_CHARS)).toString(ID_RADIX);
  }

  /* ---------------------------------------------------------------- the store --- */

  /** Progress kept in `store` (IG.store or one from createStore); `now()` gives the time. */
  function createProgress(store, now) {
    var cache = null; // question id -> record, read once per visit

    function loadAll() {
      if (cache) {
        return cache;
      }
      cache = {};
      store.names(QUESTION_PREFIX).forEach(function (name) {
        var record = store.read(name, isRecord, { version: RECORD_VERSION });
        if (record) {
          cache[name.slice(QUESTION_PREFIX.length)] = record;
        }
      });
      return cache;
    }

    /** Keep `record`; `updated` defaults to now (imports keep the newer of two stamps). */
    function save(questionId, record, updated) {
      record.u = updated || now();
      loadAll()[questionId] = record;
      store.write(QUESTION_PREFIX + questionId, record);
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
      var merged = { v: RECORD_VERSION, a: keepLast(attempts, keepAttempts), f: !!newer.f, n: newer.n || "" };
      save(questionId, merged, Math.max(incoming.u || 0, current.u || 0) || now());
    }

    return {
      /** Every stored record, by question id. */
      all: loadAll,
      get: get,

      /** Record an answer. `mode` is "inline", "tutor" or "timed". */
      answer: function (questionId, optionId, correct, mode, keep) {
        var record = get(questionId);
        record.a.push([now(), optionId, correct ? 1 : 0, mode]);
        record.a = keepLast(record.a, keep);
        save(questionId, record);
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
        if (data.version !== EXPORT_VERSION) {
          throw new Error(typeof data.version === "number" && data.version > EXPORT_VERSION ? "bad-version" : "bad-file");
        }
        if (!data.questions || typeof data.questions !== "object" || !Array.isArray(data.blocks)) {
          throw new Error("bad-file");
        }
        var rejected = [];
        var imported = 0;
        Object.keys(data.questions).forEach(function (questionId) {
          var incoming = data.questions[questionId];
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
        cache = {};
      },

      /** Drop the in-memory copy (after another tab changed the data). */
      reload: function () {
        cache = null;
      }
    };
  }

  return {
    createProgress: createProgress,
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
    newBlockId: newBlockId
  };
});
