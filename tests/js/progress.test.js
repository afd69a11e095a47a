/* IG.progress (ig-progress.js): scoring, statistics, formatting, timer warnings, option
 * order, and export/import with a per-item report. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { createStore } = require("../../overrides/assets/javascripts/ig-store.js");
const progress = require("../../overrides/assets/javascripts/ig-progress.js");
const { fakeWindow } = require("./helpers.js");

const question = { id: "q-one", step: "eras", answer: "b", options: [{ id: "a" }, { id: "b" }, { id: "c" }] };

function fresh(initial) {
  let time = 1000;
  const { win, storage } = fakeWindow(initial);
  const store = createStore(win);
  return { store, storage, api: progress.createProgress(store, () => (time += 1)) };
}

function seededRandom(seed) {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

test("a question is unused, then judged by its last answer against today's key", () => {
  const { api } = fresh();
  assert.equal(api.status(question), "unused");
  api.answer("q-one", "a", false, "inline");
  assert.equal(api.status(question), "incorrect");
  api.answer("q-one", "b", true, "tutor");
  assert.equal(api.status(question), "correct");
  // The key changed since: the stored verdict no longer decides, today's key does.
  assert.equal(api.status({ ...question, answer: "c" }), "incorrect");
});

test("an answer whose option was removed keeps the verdict saved with it", () => {
  const record = { v: 1, a: [[1, "gone", 1, "tutor"]], f: false, n: "", u: 1 };
  assert.equal(progress.status(record, question), "correct");
  assert.equal(progress.status({ ...record, a: [[1, "gone", 0, "tutor"]] }, question), "incorrect");
});

test("only the last attempts are kept, and flags and notes are saved per question", () => {
  const { api, storage } = fresh();
  for (let index = 0; index < 5; index += 1) {
    api.answer("q-one", "a", false, "timed", 3);
  }
  api.setFlag("q-one", true);
  api.setNote("q-one", "check the fee");
  const saved = JSON.parse(storage.getItem("ig:v1:quiz:q-one"));
  assert.equal(saved.a.length, 3);
  assert.equal(saved.f, true);
  assert.equal(saved.n, "check the fee");
  assert.equal(api.flagged("q-one"), true);
});

test("a finished block is scored by today's keys; removed questions score nothing", () => {
  const block = {
    id: "b1", created: 1, mode: "timed", steps: ["eras"], filter: "all", seconds: 30, totalMs: 60000,
    elapsedMs: 90000,
    items: [
      { id: "q-one", step: "eras", order: ["a", "b", "c"] },
      { id: "q-two", step: "visa", order: ["x", "y"] },
      { id: "q-gone", step: "visa", order: ["x"] }
    ],
    answers: { "q-one": "b", "q-two": "x", "q-gone": "x" }
  };
  const byId = { "q-one": question, "q-two": { id: "q-two", answer: "y", options: [] } };
  const result = progress.blockResult(block, byId, 99);
  assert.equal(result.total, 3);
  assert.equal(result.correct, 1);
  assert.equal(result.elapsedMs, 60000); // a timed block never counts more than its time
  assert.deepEqual(result.items.map((item) => item.correct), [true, false, false]);
  assert.deepEqual(progress.scoreByStep(result.items), {
    eras: { total: 1, correct: 1 },
    visa: { total: 2, correct: 0 }
  });
});

test("per-step statistics count answered questions and the recent blocks' trend", () => {
  const questions = [question, { id: "q-two", step: "eras", answer: "x", options: [{ id: "x" }] }];
  const records = { "q-one": { v: 1, a: [[1, "b", 1, "tutor"]] } };
  const blocks = [1, 2, 3].map((correct) => ({
    items: [
      { step: "eras", correct: correct > 1 },
      { step: "eras", correct: correct > 2 }
    ]
  }));
  const [eras, visa] = progress.stepPerformance(["eras", "visa"], questions, records, blocks, 2);
  assert.deepEqual(eras, { step: "eras", total: 2, answered: 1, right: 1, trend: [[1, 2], [2, 2]] });
  assert.deepEqual(visa, { step: "visa", total: 0, answered: 0, right: 0, trend: [] });
});

test("clock and percent formatting", () => {
  assert.equal(progress.clock(0), "0:00");
  assert.equal(progress.clock(59_400), "0:59");
  assert.equal(progress.clock(61_000), "1:01");
  assert.equal(progress.clock(-5_000), "0:00");
  assert.equal(progress.percent(3, 5), "60%");
  assert.equal(progress.percent(0, 0), "–");
});

test("timer warnings come once each, largest first, never longer than the block", () => {
  const warnings = [5, 1];
  const announced = {};
  const total = 10 * 60_000;
  assert.equal(progress.dueWarning(total, 6 * 60_000, warnings, announced), null);
  assert.equal(progress.dueWarning(total, 5 * 60_000, warnings, announced), 5);
  assert.equal(progress.dueWarning(total, 4 * 60_000, warnings, announced), null);
  assert.equal(progress.dueWarning(total, 60_000, warnings, announced), 1);
  assert.equal(progress.dueWarning(total, 30_000, warnings, announced), null);
  // A three-minute block hears only the one-minute warning.
  assert.equal(progress.dueWarning(3 * 60_000, 2 * 60_000, warnings, {}), null);
  assert.equal(progress.dueWarning(3 * 60_000, 60_000, warnings, {}), 1);
  // Back after a long pause, straight past both: only the nearer one is said.
  const late = {};
  assert.equal(progress.dueWarning(total, 50_000, warnings, late), 1);
  assert.equal(progress.dueWarning(total, 40_000, warnings, late), null);
});

test("option order: a block keeps the order shown, dropping removed and adding new options", () => {
  assert.deepEqual(progress.shownOrder(question, ["c", "gone", "a"]), ["c", "a", "b"]);
  const ids = ["a", "b", "c", "d", "e"];
  const once = progress.shuffled(ids, seededRandom(7));
  assert.deepEqual(progress.shuffled(ids, seededRandom(7)), once); // seeded: the same twice
  assert.deepEqual([...once].sort(), ids);
  assert.notDeepEqual(once, ids);
  assert.match(progress.newBlockId(1_700_000_000_000, () => 0.5), /^[0-9a-z]+$/);
});

function goodBlock(id, finished) {
  return {
    id, created: finished - 1, finished, mode: "tutor", steps: ["eras"], filter: "all", seconds: 90,
    elapsedMs: 1000, total: 1, correct: 1,
    items: [{ id: "q-one", step: "eras", order: ["a", "b", "c"], choice: "b", correct: true }]
  };
}

test("export then import into another browser merges everything", () => {
  const first = fresh();
  first.api.answer("q-one", "a", false, "tutor");
  first.api.setFlag("q-one", true);
  first.api.addBlock(goodBlock("b1", 50));
  const exported = JSON.parse(JSON.stringify(first.api.exportAll()));
  assert.equal(exported.format, "imgguide-progress");

  const second = fresh();
  second.api.answer("q-one", "b", true, "inline");
  const report = second.api.importAll(exported, 20, 100);
  assert.deepEqual(report, { questions: 1, blocks: 1, rejected: [] });
  assert.equal(second.api.get("q-one").a.length, 2);
  assert.equal(second.api.blocks().length, 1);
  // Importing the same file again adds nothing twice.
  assert.deepEqual(second.api.importAll(exported, 20, 100), { questions: 1, blocks: 0, rejected: [] });
  assert.equal(second.api.get("q-one").a.length, 2);
});

test("an import checks every item: good ones are merged, bad ones listed with a reason", () => {
  const { api } = fresh();
  const data = {
    format: "imgguide-progress",
    version: 1,
    questions: {
      "q-one": { v: 1, a: [[5, "b", 1, "tutor"]], f: false, n: "", u: 5 },
      "Bad Id": { v: 1, a: [], f: false, n: "", u: 1 },
      "q-broken": { v: 1, a: [["yesterday", "b", 1]] },
      "q-future": { v: 3, a: [], shape: "unknown" }
    },
    blocks: [goodBlock("b1", 10), { id: "b2", items: "no" }, 42]
  };
  const report = api.importAll(data, 20, 100);
  assert.equal(report.questions, 1);
  assert.equal(report.blocks, 1);
  assert.deepEqual(report.rejected, [
    { kind: "question", id: "Bad Id", reason: "id" },
    { kind: "question", id: "q-broken", reason: "record" },
    { kind: "question", id: "q-future", reason: "newer" },
    { kind: "block", id: "b2", reason: "block" },
    { kind: "block", id: "3", reason: "block" }
  ]);
  assert.equal(api.status(question), "correct");
});

test("a file that is not an export, or from a newer version, is refused as a whole", () => {
  const { api } = fresh();
  assert.throws(() => api.importAll({ format: "other" }), /bad-file/);
  assert.throws(() => api.importAll(null), /bad-file/);
  assert.throws(() => api.importAll({ format: "imgguide-progress", version: 3 }), /bad-version/);
  assert.throws(() => api.importAll({ format: "imgguide-progress", version: 1, questions: {} }), /bad-file/);
});

test("saved records from a newer version are left untouched by answers, imports and reset", () => {
  const newer = '{"v": 3, "attempts": []}';
  const { api, store, storage } = fresh({ "ig:v1:quiz:q-one": newer });
  assert.equal(api.status(question), "unused");
  assert.deepEqual(store.problems(), ["newer"]);
  api.answer("q-one", "b", true, "tutor");
  assert.equal(api.status(question), "correct"); // for this visit, in memory
  api.resetAll();
  assert.equal(storage.getItem("ig:v1:quiz:q-one"), newer);
});

test("invalid blocks in the stored history are skipped, not shown", () => {
  const { api } = fresh({ "ig:v1:blocks": JSON.stringify({ v: 1, blocks: [goodBlock("b1", 5), { id: "x" }] }) });
  assert.deepEqual(api.blocks().map((block) => block.id), ["b1"]);
});
