/* Spaced review in IG.progress (ig-progress.js): FSRS-6 scheduling through the vendored
 * ts-fsrs, grades and their previews, the migration of version 1 records, corrupt cards,
 * export/import of the schedule, "due today" in the reader's local day, the review plan and
 * the error log. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const FSRS = require("../../overrides/assets/javascripts/vendor/ts-fsrs.umd.js");
const { createStore } = require("../../overrides/assets/javascripts/ig-store.js");
const progress = require("../../overrides/assets/javascripts/ig-progress.js");
const { fakeWindow } = require("./helpers.js");

// As content/practice.yml sets them (a build test checks the YAML; these are the defaults).
const SETTINGS = { desiredRetention: 0.9, maximumIntervalDays: 36500, learningSteps: false };
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 11, 2, 10, 0, 0); // 2 December 2026, 10:00 UTC

const question = { id: "q-one", step: "eras", answer: "b", topics: ["fees"], options: [{ id: "a" }, { id: "b" }] };
const other = { id: "q-two", step: "visa", answer: "x", topics: ["j1"], options: [{ id: "x" }, { id: "y" }] };

function fresh(initial, start) {
  let time = start || T0;
  const { win, storage } = fakeWindow(initial);
  const store = createStore(win);
  const clock = { set: (value) => (time = value), get: () => time };
  return { store, storage, clock, api: progress.createProgress(store, () => time, SETTINGS) };
}

function withTimeZone(zone, body) {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    body();
  } finally {
    if (before === undefined) {
      delete process.env.TZ;
    } else {
      process.env.TZ = before;
    }
  }
}

test("the scheduler is ts-fsrs FSRS-6 with default weights and the guide's settings", () => {
  const reference = FSRS.fsrs(FSRS.generatorParameters({ request_retention: 0.9, enable_short_term: false, enable_fuzz: false }));
  assert.equal(reference.parameters.w.length, 21); // FSRS-6 has 21 weights
  assert.deepEqual(Array.from(reference.parameters.w), Array.from(FSRS.default_w));
  // A fixed history: Good, Good three days later, Again a week after that, then Easy.
  const history = [[T0, "good"], [T0 + 3 * DAY, "good"], [T0 + 10 * DAY, "again"], [T0 + 12 * DAY, "easy"]];
  let ours = null;
  let theirs = FSRS.createEmptyCard(new Date(T0));
  const ratings = { again: FSRS.Rating.Again, hard: FSRS.Rating.Hard, good: FSRS.Rating.Good, easy: FSRS.Rating.Easy };
  const scheduler = progress.createScheduler(SETTINGS);
  history.forEach(([time, grade]) => {
    ours = progress.review(scheduler, ours, time, grade);
    theirs = reference.next(theirs, new Date(time), ratings[grade]).card;
    assert.equal(ours.s, theirs.stability);
    assert.equal(ours.d, theirs.difficulty);
    assert.equal(ours.due, theirs.due.getTime());
    assert.equal(ours.l, theirs.lapses);
  });
  // The first review of a new card with Good: ts-fsrs 5.4.2's published initial values.
  const first = progress.review(scheduler, null, T0, "good");
  assert.equal(first.s, 2.3065);
  assert.equal(first.due, T0 + 3 * DAY);
});

test("a wrong answer is graded Again, a right one Good, and the grade can be changed", () => {
  const { api } = fresh();
  api.answer("q-one", "a", false, "tutor");
  assert.equal(api.card("q-one").g, "again");
  assert.equal(api.card("q-one").due, T0 + DAY);
  const preview = api.preview("q-one");
  assert.deepEqual(progress.GRADES.map((grade) => preview[grade].days), [1, 2, 3, 8]);
  api.grade("q-one", "easy");
  assert.equal(api.card("q-one").g, "easy");
  assert.equal(api.card("q-one").due, preview.easy.due);
  assert.equal(api.card("q-one").r, 1); // regrading replaces the review, it does not add one
  api.answer("q-two", "x", true, "timed");
  assert.equal(api.card("q-two").g, "good");
});

test("answered wrong and graded Again: due tomorrow, not today; right with Good: not due tomorrow", () => {
  const { api, clock } = fresh();
  api.answer("q-one", "a", false, "tutor");
  api.answer("q-two", "x", true, "tutor");
  assert.deepEqual(api.due(), []);
  clock.set(T0 + DAY);
  assert.deepEqual(api.due(), ["q-one"]);
  clock.set(T0 + 3 * DAY);
  assert.deepEqual(api.due(), ["q-one", "q-two"]);
});

test("version 1 records migrate without losing anything and get a card from their answers", () => {
  const v1 = { v: 1, a: [[T0, "a", 0, "tutor"], [T0 + 2 * DAY, "b", 1, "timed"]], f: true, n: "fee rises", u: T0 + 2 * DAY };
  const { api, storage } = fresh({ "ig:v1:quiz:q-one": JSON.stringify(v1) }, T0 + 3 * DAY);
  const record = api.get("q-one");
  assert.equal(record.v, 2);
  assert.deepEqual(record.a, v1.a);
  assert.equal(record.f, true);
  assert.equal(record.n, "fee rises");
  assert.equal(record.u, v1.u);
  const scheduler = progress.createScheduler(SETTINGS);
  assert.deepEqual(record.c, progress.replay(scheduler, v1.a));
  assert.equal(record.c.g, "good");
  assert.equal(JSON.parse(storage.getItem("ig:v1:quiz:q-one")).v, 2); // saved migrated
});

test("a record stays usable before the scheduler is configured; its card is built then", () => {
  const { win } = fakeWindow();
  const api = progress.createProgress(createStore(win), () => T0);
  api.answer("q-one", "a", false, "inline");
  assert.equal(api.card("q-one"), null);
  api.configure(SETTINGS);
  assert.equal(api.card("q-one").g, "again");
});

test("a corrupt card resets only itself: its answers rebuild it, other cards are untouched", () => {
  const { api, storage } = fresh();
  api.answer("q-one", "a", false, "tutor");
  api.answer("q-two", "x", true, "tutor");
  api.grade("q-two", "easy");
  const goodCard = api.card("q-two");
  const broken = JSON.parse(storage.getItem("ig:v1:quiz:q-one"));
  broken.c = { due: "soon", s: null };
  storage.setItem("ig:v1:quiz:q-one", JSON.stringify(broken));
  const again = progress.createProgress(createStore({ ...fakeWindow().win, localStorage: storage }), () => T0, SETTINGS);
  assert.equal(again.get("q-one").n, broken.n);
  assert.deepEqual(again.card("q-one"), progress.replay(progress.createScheduler(SETTINGS), broken.a));
  assert.deepEqual(again.card("q-two"), goodCard);
});

test("export and import keep the schedule; older exports are migrated", () => {
  const { api } = fresh();
  api.answer("q-one", "a", false, "tutor");
  api.grade("q-one", "hard");
  const exported = JSON.parse(JSON.stringify(api.exportAll()));
  assert.equal(exported.version, 2);
  const target = fresh();
  target.api.importAll(exported, 20, 100);
  assert.deepEqual(target.api.card("q-one"), api.card("q-one"));
  const old = fresh();
  old.api.importAll({ format: "imgguide-progress", version: 1, questions: { "q-two": { v: 1, a: [[T0, "y", 0]], f: false, n: "", u: T0 } }, blocks: [] }, 20, 100);
  assert.equal(old.api.card("q-two").g, "again");
  // An import whose card cannot be read keeps the record and rebuilds the card.
  const bad = fresh();
  const copy = JSON.parse(JSON.stringify(exported));
  copy.questions["q-one"].c = { broken: true };
  assert.equal(bad.api.importAll(copy, 20, 100).rejected.length, 0);
  assert.equal(bad.api.card("q-one").g, "again");
});

test("'due today' ends at the reader's local midnight, in UTC+14 and in UTC-10", () => {
  // Reviewed with Again at 20:00 UTC on 2 December: due at 20:00 UTC on 3 December, which is
  // 10:00 on 4 Dec in Kiritimati (UTC+14) and 10:00 on 3 Dec in Honolulu (UTC-10).
  const scheduler = progress.createScheduler(SETTINGS);
  const reviewed = Date.UTC(2026, 11, 2, 20, 0);
  const records = { "q-one": { c: progress.review(scheduler, null, reviewed, "again") } };
  assert.equal(records["q-one"].c.due, reviewed + DAY);
  withTimeZone("Pacific/Kiritimati", () => {
    assert.deepEqual(progress.dueIds(records, Date.UTC(2026, 11, 3, 9, 59)), []); // 23:59 on 3 Dec
    assert.deepEqual(progress.dueIds(records, Date.UTC(2026, 11, 3, 10, 0)), ["q-one"]); // 00:00 on 4 Dec
    assert.equal(progress.endOfLocalDay(Date.UTC(2026, 11, 2, 12, 0)), Date.UTC(2026, 11, 3, 10, 0));
  });
  withTimeZone("Pacific/Honolulu", () => {
    assert.deepEqual(progress.dueIds(records, Date.UTC(2026, 11, 3, 9, 59)), []); // 23:59 on 2 Dec
    assert.deepEqual(progress.dueIds(records, Date.UTC(2026, 11, 3, 10, 0)), ["q-one"]); // 00:00 on 3 Dec
    assert.equal(progress.endOfLocalDay(Date.UTC(2026, 11, 2, 12, 0)), Date.UTC(2026, 11, 3, 10, 0));
  });
  withTimeZone("UTC", () => {
    assert.deepEqual(progress.dueIds(records, Date.UTC(2026, 11, 2, 23, 59)), []);
    assert.deepEqual(progress.dueIds(records, Date.UTC(2026, 11, 3, 0, 0)), ["q-one"]);
  });
});

test("a review block takes the due cards, then new questions up to the daily limit", () => {
  const bank = [question, other, { ...other, id: "q-three" }, { ...other, id: "q-four" }];
  const { api, clock } = fresh();
  api.answer("q-one", "a", false, "tutor"); // one new question seen today
  clock.set(T0 + DAY);
  const all = api.all();
  const plan = progress.reviewPlan(bank, all, api.due(), T0 + DAY, 2, 40);
  assert.deepEqual(plan.due.map((q) => q.id), ["q-one"]);
  assert.deepEqual(plan.fresh.map((q) => q.id), ["q-two", "q-three"]); // a new day: 2 new again
  const sameDay = progress.reviewPlan(bank, all, [], T0, 2, 40);
  assert.deepEqual(sameDay.fresh.map((q) => q.id), ["q-two"]); // 1 of today's 2 already used
  assert.equal(progress.reviewPlan(bank, all, api.due(), T0 + DAY, 2, 1).fresh.length, 0); // block full
});

test("the error log lists each question whose latest answer was wrong, newest first", () => {
  const { api, clock } = fresh();
  api.answer("q-one", "a", false, "tutor");
  clock.set(T0 + 1000);
  api.answer("q-two", "y", false, "tutor");
  api.setNote("q-two", "remember the two-year rule");
  let log = progress.errorLog([question, other], api.all());
  assert.deepEqual(log.map((entry) => [entry.question.id, entry.choice]), [["q-two", "y"], ["q-one", "a"]]);
  assert.equal(log[0].record.n, "remember the two-year rule");
  api.answer("q-one", "b", true, "tutor");
  log = progress.errorLog([question, other], api.all());
  assert.deepEqual(log.map((entry) => entry.question.id), ["q-two"]);
});

test("performance can be grouped by topic; a question counts in each of its topics", () => {
  const { api } = fresh();
  api.answer("q-one", "b", true, "tutor");
  api.answer("q-two", "y", false, "tutor");
  const block = { items: [{ id: "q-one", step: "eras", correct: true }, { id: "q-two", step: "visa", correct: false }] };
  const rows = progress.topicPerformance(["fees", "j1"], [question, other], api.all(), [block], 5);
  assert.deepEqual(rows.map((row) => [row.group, row.answered, row.right, row.trend]), [
    ["fees", 1, 1, [[1, 1]]],
    ["j1", 1, 0, [[0, 1]]]
  ]);
});

test("the due count comes from one small index, rebuilt from the records when it is missing or bad", () => {
  const { api, storage } = fresh();
  api.answer("q-one", "a", false, "tutor");
  api.answer("q-two", "x", true, "tutor");
  const index = JSON.parse(storage.getItem("ig:v1:due"));
  assert.deepEqual(index, { v: 1, d: { "q-one": api.card("q-one").due, "q-two": api.card("q-two").due } });
  api.grade("q-one", "easy");
  assert.equal(JSON.parse(storage.getItem("ig:v1:due")).d["q-one"], api.card("q-one").due);

  // A new visit that only asks for the due count reads the index, not the records.
  const reads = [];
  const win = { ...fakeWindow().win, localStorage: storage };
  const spy = new Proxy(storage, {
    get(target, key) {
      if (key === "getItem") {
        return (name) => (reads.push(name), target.getItem(name));
      }
      return typeof target[key] === "function" ? target[key].bind(target) : target[key];
    }
  });
  const later = progress.createProgress(createStore({ ...win, localStorage: spy }), () => T0 + 8 * DAY, SETTINGS);
  assert.deepEqual(later.due(), ["q-two", "q-one"]);
  assert.deepEqual(reads.filter((name) => name.startsWith("ig:v1:quiz:")), []);

  for (const bad of [null, "{not json", JSON.stringify({ v: 1, d: { "q-one": "soon" } })]) {
    if (bad === null) {
      storage.removeItem("ig:v1:due");
    } else {
      storage.setItem("ig:v1:due", bad);
    }
    const again = progress.createProgress(createStore({ ...win, localStorage: storage }), () => T0 + 8 * DAY, SETTINGS);
    assert.deepEqual(again.due(), ["q-two", "q-one"]);
    assert.deepEqual(Object.keys(JSON.parse(storage.getItem("ig:v1:due")).d).sort(), ["q-one", "q-two"]);
  }
  assert.equal("due" in api.exportAll(), false);
  api.resetAll();
  assert.equal(storage.getItem("ig:v1:due"), null);
  assert.deepEqual(api.due(), []);
});
