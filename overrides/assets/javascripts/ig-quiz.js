/* Practice questions: the reader's progress (IG.progress), the question markup and its
 * behaviour (IG.quiz), and the inline blocks on step and question-bank pages.
 *
 * Progress is keyed by question and option ids, never by position, so it survives
 * content edits: a removed question is simply ignored, an edited one keeps its history.
 * Words and numbers come from the page (data-ig-quiz / data-ig-practice attributes).
 */
(function () {
  "use strict";

  var IG = (window.IG = window.IG || {});
  var element = IG.ui.element;
  var LETTERS = "ABCDE";
  var EXPORT_FORMAT = "imgguide-progress";
  var EXPORT_VERSION = 1;

  /* ---------------------------------------------------------------- progress ---- */

  var QUESTION_PREFIX = "quiz:";
  var cache = null; // question id -> record, read once per visit

  function isRecord(value) {
    return (
      value !== null &&
      typeof value === "object" &&
      value.v === 1 &&
      Array.isArray(value.a) &&
      value.a.every(function (attempt) {
        return (
          Array.isArray(attempt) &&
          typeof attempt[0] === "number" &&
          typeof attempt[1] === "string" &&
          (attempt[2] === 0 || attempt[2] === 1)
        );
      })
    );
  }

  function emptyRecord() {
    return { v: 1, a: [], f: false, n: "", u: 0 };
  }

  function loadAll() {
    if (cache) {
      return cache;
    }
    cache = {};
    IG.store.names(QUESTION_PREFIX).forEach(function (name) {
      var record = IG.store.read(name, isRecord);
      if (record) {
        cache[name.slice(QUESTION_PREFIX.length)] = record;
      }
    });
    return cache;
  }

  /** Keep `record`; `updated` defaults to now (imports keep the newer of two stamps). */
  function save(questionId, record, updated) {
    record.u = updated || Date.now();
    loadAll()[questionId] = record;
    IG.store.write(QUESTION_PREFIX + questionId, record);
  }

  function isBlockList(value) {
    return value !== null && typeof value === "object" && value.v === 1 && Array.isArray(value.blocks);
  }

  IG.progress = {
    /** Every stored record, by question id. */
    all: loadAll,

    get: function (questionId) {
      return loadAll()[questionId] || emptyRecord();
    },

    /** Record an answer. `mode` is "inline", "tutor" or "timed". */
    answer: function (questionId, optionId, correct, mode, keep) {
      var record = IG.progress.get(questionId);
      record.a.push([Date.now(), optionId, correct ? 1 : 0, mode]);
      if (keep && record.a.length > keep) {
        record.a = record.a.slice(record.a.length - keep);
      }
      save(questionId, record);
    },

    setFlag: function (questionId, flagged) {
      var record = IG.progress.get(questionId);
      record.f = !!flagged;
      save(questionId, record);
    },

    setNote: function (questionId, text) {
      var record = IG.progress.get(questionId);
      record.n = String(text || "");
      save(questionId, record);
    },

    /** "unused", "correct" or "incorrect" for a question of the current bank. The last
     * answer is judged against today's answer key when its option still exists. */
    status: function (question) {
      var record = loadAll()[question.id];
      if (!record || !record.a.length) {
        return "unused";
      }
      var last = record.a[record.a.length - 1];
      var exists = question.options.some(function (option) {
        return option.id === last[1];
      });
      var correct = exists ? last[1] === question.answer : last[2] === 1;
      return correct ? "correct" : "incorrect";
    },

    flagged: function (questionId) {
      var record = loadAll()[questionId];
      return !!(record && record.f);
    },

    blocks: function () {
      var stored = IG.store.read("blocks", isBlockList);
      return stored ? stored.blocks : [];
    },

    addBlock: function (block, keep) {
      var blocks = IG.progress.blocks().concat([block]);
      if (keep && blocks.length > keep) {
        blocks = blocks.slice(blocks.length - keep);
      }
      IG.store.write("blocks", { v: 1, blocks: blocks });
    },

    exportAll: function () {
      return {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exported: new Date().toISOString(),
        questions: loadAll(),
        blocks: IG.progress.blocks()
      };
    },

    /** Merge an export into this browser's progress; nothing saved here is lost.
     * Throws Error("bad-file") or Error("bad-version"); returns counts. */
    importAll: function (data, keepAttempts, keepBlocks) {
      if (!data || typeof data !== "object" || data.format !== EXPORT_FORMAT) {
        throw new Error("bad-file");
      }
      if (data.version !== EXPORT_VERSION) {
        throw new Error(data.version > EXPORT_VERSION ? "bad-version" : "bad-file");
      }
      if (!data.questions || typeof data.questions !== "object" || !Array.isArray(data.blocks)) {
        throw new Error("bad-file");
      }
      var imported = 0;
      Object.keys(data.questions).forEach(function (questionId) {
        var incoming = data.questions[questionId];
        if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(questionId) || !isRecord(incoming)) {
          return;
        }
        var current = IG.progress.get(questionId);
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
        if (keepAttempts && attempts.length > keepAttempts) {
          attempts = attempts.slice(attempts.length - keepAttempts);
        }
        var newer = (incoming.u || 0) > (current.u || 0) ? incoming : current;
        var merged = { v: 1, a: attempts, f: !!newer.f, n: typeof newer.n === "string" ? newer.n : "" };
        save(questionId, merged, Math.max(incoming.u || 0, current.u || 0) || Date.now());
        imported += 1;
      });
      var known = {};
      var blocks = IG.progress.blocks();
      blocks.forEach(function (block) {
        known[block.id] = true;
      });
      var added = 0;
      data.blocks.forEach(function (block) {
        if (block && typeof block.id === "string" && Array.isArray(block.items) && !known[block.id]) {
          blocks.push(block);
          known[block.id] = true;
          added += 1;
        }
      });
      blocks.sort(function (first, second) {
        return (first.finished || 0) - (second.finished || 0);
      });
      if (keepBlocks && blocks.length > keepBlocks) {
        blocks = blocks.slice(blocks.length - keepBlocks);
      }
      IG.store.write("blocks", { v: 1, blocks: blocks });
      return { questions: imported, blocks: added };
    },

    /** Forget every answer, flag, note, block and unfinished block. */
    resetAll: function () {
      IG.store.names(QUESTION_PREFIX).forEach(function (name) {
        IG.store.remove(name);
      });
      IG.store.remove("blocks");
      IG.store.remove("active");
      cache = {};
    },

    /** Drop the in-memory copy (after another tab changed the data). */
    reload: function () {
      cache = null;
    }
  };

  IG.store.onExternalChange(function () {
    IG.progress.reload();
  });

  /* ---------------------------------------------------------------- markup ------ */

  /** The same structure as overrides/partials/ig-questions.html, built from bank data.
   * `order` lists option ids in the order to show them; `step` ({title, url}) is the
   * question's step page, cited for questions based on the guide's own advice. */
  function buildQuestion(question, number, order, labels, sources, namePrefix, step) {
    var byId = {};
    question.options.forEach(function (option) {
      byId[option.id] = option;
    });
    var options = order.map(function (id) {
      return byId[id];
    });
    var article = element("article", "ig-question");
    article.setAttribute("data-ig-question", question.id);
    article.setAttribute("data-ig-answer", question.answer);
    article.setAttribute("data-ig-step", question.step);
    var fieldset = element("fieldset", "ig-question__fieldset");
    var legend = element("legend", "ig-question__stem");
    legend.appendChild(element("span", "ig-question__number", labels.question + " " + number));
    legend.appendChild(document.createTextNode(" " + question.stem));
    fieldset.appendChild(legend);
    var list = element("div", "ig-options");
    options.forEach(function (option, index) {
      var row = element("div", "ig-option");
      row.setAttribute("data-ig-option", option.id);
      var input = element("input", "ig-option__input");
      input.type = "radio";
      input.name = namePrefix + question.id;
      input.id = namePrefix + question.id + "--" + option.id;
      input.value = option.id;
      var label = element("label", "ig-option__label");
      label.htmlFor = input.id;
      label.appendChild(element("span", "ig-option__key", LETTERS.charAt(index)));
      label.appendChild(document.createTextNode(" "));
      label.appendChild(element("span", "ig-option__text", option.text));
      row.appendChild(input);
      row.appendChild(label);
      list.appendChild(row);
    });
    fieldset.appendChild(list);
    article.appendChild(fieldset);

    var details = element("details", "ig-question__answer");
    details.appendChild(element("summary", null, labels.show_answer));
    var answerIndex = order.indexOf(question.answer);
    var verdict = element("p", "ig-question__verdict");
    verdict.appendChild(element("strong", null, labels.answer_is));
    verdict.appendChild(
      document.createTextNode(" " + LETTERS.charAt(answerIndex) + ". " + byId[question.answer].text)
    );
    details.appendChild(verdict);
    var rationales = element("ul", "ig-rationales");
    options.forEach(function (option, index) {
      var item = element(
        "li",
        "ig-rationale" + (option.id === question.answer ? " ig-rationale--correct" : "")
      );
      item.setAttribute("data-ig-option", option.id);
      item.appendChild(element("strong", null, LETTERS.charAt(index) + ". " + option.text));
      if (option.id === question.answer) {
        item.appendChild(document.createTextNode(" "));
        item.appendChild(element("span", "ig-tag ig-tag--correct", labels.correct_answer));
      }
      item.appendChild(document.createTextNode(" " + option.rationale));
      rationales.appendChild(item);
    });
    details.appendChild(rationales);
    var objective = element("p", "ig-question__objective");
    objective.appendChild(element("strong", null, labels.objective + ":"));
    objective.appendChild(document.createTextNode(" " + question.objective));
    details.appendChild(objective);
    var cited = element("p", "ig-question__sources");
    cited.appendChild(element("strong", null, labels.sources + ":"));
    question.sources.forEach(function (id, index) {
      var source = sources[id];
      if (!source) {
        return;
      }
      cited.appendChild(document.createTextNode(index ? "; " : " "));
      var link = element("a", null, source.publisher + ": " + source.title);
      link.href = source.url;
      cited.appendChild(link);
    });
    if (question.advice && step) {
      cited.appendChild(document.createTextNode((question.sources.length ? "; " : " ") + labels.advice + " "));
      var guide = element("a", null, step.title);
      guide.href = step.url;
      cited.appendChild(guide);
    }
    if (question.confidence === "confirm") {
      cited.appendChild(document.createTextNode(" "));
      cited.appendChild(element("span", "ig-badge ig-badge--confirm", labels.confirm));
    }
    details.appendChild(cited);
    var reviewed = element("p", "ig-question__reviewed", labels.reviewed + " ");
    var time = element("time", null, question.reviewed);
    time.setAttribute("datetime", question.reviewed);
    reviewed.appendChild(time);
    details.appendChild(reviewed);
    article.appendChild(details);
    return article;
  }

  /** Show which option was chosen and which is right, in words as well as colour. */
  function reveal(article, chosenId, labels) {
    var answerId = article.getAttribute("data-ig-answer");
    article.classList.add("ig-question--revealed");
    Array.prototype.forEach.call(article.querySelectorAll(".ig-option"), function (row) {
      var id = row.getAttribute("data-ig-option");
      var input = row.querySelector("input");
      input.disabled = true;
      if (id === chosenId) {
        input.checked = true;
      }
      var old = row.querySelector(".ig-option__verdict");
      if (old) {
        old.remove();
      }
      var tags = [];
      if (id === answerId) {
        row.classList.add("ig-option--answer");
        tags.push(labels.correct_answer);
      }
      if (id === chosenId) {
        row.classList.add(id === answerId ? "ig-option--chosen-right" : "ig-option--chosen-wrong");
        tags.push(labels.your_answer);
      }
      if (tags.length) {
        var verdict = element(
          "span",
          "ig-option__verdict " + (id === answerId ? "ig-option__verdict--right" : "ig-option__verdict--wrong"),
          tags.join(" · ")
        );
        row.querySelector("label").appendChild(verdict);
      }
    });
    var details = article.querySelector(".ig-question__answer");
    if (details) {
      details.hidden = false;
      details.open = true;
    }
  }

  /** A sentence for the live region: "Correct." or "Incorrect. The answer is: C. ..." */
  function verdictText(article, chosenId, labels) {
    var answerId = article.getAttribute("data-ig-answer");
    if (chosenId === answerId) {
      return labels.correct;
    }
    var rows = Array.prototype.slice.call(article.querySelectorAll(".ig-option"));
    var index = rows.findIndex(function (row) {
      return row.getAttribute("data-ig-option") === answerId;
    });
    var text = rows[index].querySelector(".ig-option__text").textContent;
    return labels.incorrect + " " + labels.answer_is + " " + LETTERS.charAt(index) + ". " + text;
  }

  /** Number keys 1-5 choose an option while focus is in the question (not in a text field). */
  function chooseWithNumberKeys(article, onChoose) {
    article.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      var target = event.target;
      if (target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && target.type !== "radio")) {
        return;
      }
      var number = parseInt(event.key, 10);
      if (!(number >= 1 && number <= 5)) {
        return;
      }
      var inputs = article.querySelectorAll(".ig-option__input");
      var input = inputs[number - 1];
      if (!input || input.disabled) {
        return;
      }
      event.preventDefault();
      input.checked = true;
      input.focus();
      if (onChoose) {
        onChoose(input.value);
      }
    });
  }

  function chosenOption(article) {
    var input = article.querySelector(".ig-option__input:checked");
    return input ? input.value : null;
  }

  IG.quiz = {
    LETTERS: LETTERS,
    buildQuestion: buildQuestion,
    reveal: reveal,
    verdictText: verdictText,
    chooseWithNumberKeys: chooseWithNumberKeys,
    chosenOption: chosenOption
  };

  /* ---------------------------------------------------------------- inline blocks -- */

  function upgradeQuestion(article, config, next) {
    var labels = config.labels;
    var details = article.querySelector(".ig-question__answer");
    details.hidden = true;
    details.open = false;
    var actions = element("div", "ig-question__actions");
    var button = element("button", "md-button md-button--primary ig-question__check", labels.check);
    button.type = "button";
    var feedback = element("p", "ig-question__feedback");
    feedback.setAttribute("role", "status");
    feedback.setAttribute("aria-live", "polite");
    actions.appendChild(button);
    article.insertBefore(feedback, details);
    article.insertBefore(actions, details);

    var record = IG.progress.get(article.getAttribute("data-ig-question"));
    if (record.a.length) {
      var last = record.a[record.a.length - 1];
      var before = element(
        "p",
        "ig-question__history",
        labels.answered_before + " " + (last[1] === article.getAttribute("data-ig-answer") ? labels.correct : labels.incorrect)
      );
      article.insertBefore(before, actions);
    }

    var checked = false;
    button.addEventListener("click", function () {
      if (checked) {
        if (next) {
          next.scrollIntoView({ block: "start" });
          var legend = next.querySelector(".ig-question__stem");
          legend.setAttribute("tabindex", "-1");
          legend.focus();
        }
        return;
      }
      var chosen = chosenOption(article);
      if (!chosen) {
        feedback.textContent = labels.choose_first;
        var first = article.querySelector(".ig-option__input");
        if (first) {
          first.focus();
        }
        return;
      }
      checked = true;
      var correct = chosen === article.getAttribute("data-ig-answer");
      reveal(article, chosen, labels);
      feedback.textContent = verdictText(article, chosen, labels);
      feedback.className = "ig-question__feedback " + (correct ? "ig-feedback--right" : "ig-feedback--wrong");
      IG.progress.answer(article.getAttribute("data-ig-question"), chosen, correct, "inline", config.attemptsKept);
      if (next) {
        button.textContent = labels.next;
      } else {
        button.hidden = true;
        feedback.setAttribute("tabindex", "-1");
        feedback.focus();
      }
    });
    chooseWithNumberKeys(article);
  }

  IG.ui.mount("data-ig-quiz", function (root, config) {
    IG.ui.storageNotice(root, config.labels);
    var articles = root.querySelectorAll("article.ig-question");
    Array.prototype.forEach.call(articles, function (article, index) {
      upgradeQuestion(article, config, articles[index + 1] || null);
    });
    var hint = element("p", "ig-keyboard-hint", config.labels.keyboard_hint);
    root.insertBefore(hint, root.querySelector(".ig-question-list"));
  });
})();
