/* Practice questions: the question markup and its behaviour (IG.quiz), and the inline
 * blocks on step and question-bank pages.
 *
 * A question's markup has one source, overrides/partials/ig-questions.html: step and bank
 * pages carry it rendered, and the Practice page carries one empty question rendered by the
 * same partial in a <template>, which `fromTemplate` copies and fills from the bank with
 * text only. tests/browser/test_practice.py checks that both give the same DOM.
 * Words come from the page (data-ig-quiz / data-ig-practice attributes); progress is
 * IG.progress (ig-progress.js).
 */
(function () {
  "use strict";

  var IG = (window.IG = window.IG || {});
  var element = IG.ui.element;

  /* ---------------------------------------------------------------- markup ------ */

  /** Remove `prototype` (and the whitespace before it), then put one filled copy of both per
   * value where it was: `fill(copy, value, index)`. */
  function repeat(prototype, values, fill) {
    var parent = prototype.parentNode;
    var gap = prototype.previousSibling;
    if (!gap || gap.nodeType !== Node.TEXT_NODE || gap.data.trim()) {
      gap = null;
    }
    var anchor = prototype.nextSibling;
    parent.removeChild(prototype);
    if (gap) {
      parent.removeChild(gap);
    }
    values.forEach(function (value, index) {
      if (gap) {
        parent.insertBefore(gap.cloneNode(false), anchor);
      }
      var copy = prototype.cloneNode(true);
      fill(copy, value, index);
      parent.insertBefore(copy, anchor);
    });
  }

  /** Set the text node that ends `node` (it follows a <strong> or <span> label). */
  function setTail(node, text) {
    node.lastChild.data = text;
  }

  /** A copy of the Practice page's question <template>, filled from the bank.
   * `order` lists option ids in the order to show them; `context` gives `number`, `labels`,
   * `letters` (option keys by position), `sources` (the bank's, by id), `step`
   * ({heading, url}: the step page cited for questions based on the guide's own advice) and
   * `prefix` (of input names and ids, unique on the page). Only textContent and attribute
   * values are set: no bank text is ever parsed as HTML. */
  function fromTemplate(template, question, order, context) {
    var byId = {};
    question.options.forEach(function (option) {
      byId[option.id] = option;
    });
    var options = order.map(function (id) {
      return byId[id];
    });
    var letters = context.letters;
    var inputId = function (option) {
      return context.prefix + question.id + "--" + option.id;
    };
    var article = template.content.querySelector(".ig-question").cloneNode(true);
    article.setAttribute("id", "question-" + question.id);
    article.setAttribute("data-ig-question", question.id);
    article.setAttribute("data-ig-answer", question.answer);
    article.setAttribute("data-ig-step", question.step);
    var legend = article.querySelector(".ig-question__stem");
    legend.querySelector(".ig-question__number").textContent = context.labels.question + " " + context.number;
    setTail(legend, " " + question.stem);

    repeat(article.querySelector(".ig-option"), options, function (row, option, index) {
      row.setAttribute("data-ig-option", option.id);
      var input = row.querySelector(".ig-option__input");
      input.setAttribute("name", context.prefix + question.id);
      input.setAttribute("id", inputId(option));
      input.setAttribute("value", option.id);
      row.querySelector(".ig-option__label").setAttribute("for", inputId(option));
      row.querySelector(".ig-option__key").textContent = letters.charAt(index);
      row.querySelector(".ig-option__text").textContent = option.text;
    });

    var answerIndex = order.indexOf(question.answer);
    setTail(article.querySelector(".ig-question__verdict"),
      " " + letters.charAt(answerIndex) + ". " + byId[question.answer].text);
    repeat(article.querySelector(".ig-rationale"), options, function (item, option, index) {
      item.setAttribute("data-ig-option", option.id);
      item.querySelector("strong").textContent = letters.charAt(index) + ". " + option.text;
      if (option.id !== question.answer) {
        item.className = "ig-rationale";
        var tag = item.querySelector(".ig-tag");
        item.removeChild(tag.previousSibling);
        item.removeChild(tag);
      }
      setTail(item, " " + option.rationale);
    });
    setTail(article.querySelector(".ig-question__objective"), " " + question.objective);

    var cited = article.querySelector(".ig-question__sources");
    var links = cited.querySelectorAll("a");
    var badge = cited.querySelector(".ig-badge");
    var label = cited.querySelector("strong");
    while (label.nextSibling) {
      cited.removeChild(label.nextSibling);
    }
    var found = question.sources
      .map(function (id) {
        return context.sources[id];
      })
      .filter(Boolean);
    found.forEach(function (source, index) {
      cited.appendChild(document.createTextNode(index ? "; " : " "));
      var link = links[0].cloneNode(false);
      link.setAttribute("href", source.url);
      link.textContent = source.publisher + ": " + source.title;
      cited.appendChild(link);
    });
    if (question.advice && context.step) {
      cited.appendChild(document.createTextNode((found.length ? ";" : "") + " " + context.labels.advice + " "));
      var guide = links[1].cloneNode(false);
      guide.setAttribute("href", context.step.url);
      guide.textContent = context.step.heading;
      cited.appendChild(guide);
    }
    if (question.confidence === "confirm") {
      cited.appendChild(document.createTextNode(" "));
      cited.appendChild(badge);
    }
    var time = article.querySelector(".ig-question__reviewed time");
    time.setAttribute("datetime", question.reviewed);
    time.textContent = question.reviewedText;
    return article;
  }

  /** What IG.progress needs to judge a rendered question: {id, answer, options: [{id}]}. */
  function questionOf(article) {
    return {
      id: article.getAttribute("data-ig-question"),
      answer: article.getAttribute("data-ig-answer"),
      options: Array.prototype.map.call(article.querySelectorAll(".ig-option"), function (row) {
        return { id: row.getAttribute("data-ig-option") };
      })
    };
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
    var key = rows[index].querySelector(".ig-option__key").textContent;
    var text = rows[index].querySelector(".ig-option__text").textContent;
    return labels.incorrect + " " + labels.answer_is + " " + key + ". " + text;
  }

  /** Number keys (1 for the first option, and so on) choose an option while focus is in the
   * question (not in a text field). */
  function chooseWithNumberKeys(article, onChoose) {
    article.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      var target = event.target;
      if (target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && target.type !== "radio")) {
        return;
      }
      var inputs = article.querySelectorAll(".ig-option__input");
      var number = Number(event.key);
      if (!(Number.isInteger(number) && number >= 1 && number <= inputs.length)) {
        return;
      }
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
    fromTemplate: fromTemplate,
    questionOf: questionOf,
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

    var before = IG.progress.status(questionOf(article));
    if (before !== "unused") {
      var history = element(
        "p",
        "ig-question__history",
        labels.answered_before + " " + (before === "correct" ? labels.correct : labels.incorrect)
      );
      article.insertBefore(history, actions);
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
    IG.progress.configure(config.review);
    IG.ui.storageNotice(root, config.labels);
    var articles = root.querySelectorAll("article.ig-question");
    Array.prototype.forEach.call(articles, function (article, index) {
      upgradeQuestion(article, config, articles[index + 1] || null);
    });
    var hint = element("p", "ig-keyboard-hint", config.labels.keyboard_hint);
    root.insertBefore(hint, root.querySelector(".ig-question-list"));
  });

  // The home page's line: how many questions are due for review today (none: it keeps its
  // link). It lives here, not in ig-practice.js, which only the Practice page loads.
  IG.ui.mount("data-ig-due", function (root, config) {
    IG.progress.configure(config.review);
    var due = IG.progress.due().length;
    if (!due) {
      return;
    }
    root.textContent = "";
    root.appendChild(document.createTextNode(config.labels.due + " "));
    root.appendChild(element("strong", "ig-due-line__count", String(due)));
    root.appendChild(document.createTextNode(" · "));
    var link = element("a", null, config.labels.link);
    link.href = config.url;
    root.appendChild(link);
  });
})();
