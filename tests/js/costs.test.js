/* Unit tests of the cost estimator's browser logic (node --test tests/js), on a small inline
 * fixture. tests/unit/test_costs.py checks it against the Python estimate on the real data. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const costs = require("../../overrides/assets/javascripts/ig-costs.js");

const LABELS = {
  specialty: "Specialty", count_programs: "Programs", count_ranks: "Ranks beyond {included}",
  count_attempts: "Attempts", count_sittings: "Sittings", count_months: "Months", count_interviews: "In person",
  level_low: "Low", level_typical: "Typical", level_high: "High", phase: "Phase", item: "Item",
  detail: "How", low: "low", typical: "typical", high: "high", season: "Season", confidence: "Sure",
  sources: "Sources", subtotal: "Subtotal", total: "Total", verified: "Verified", confirm: "Confirm",
  unverified: "Unverified", advice: "Our estimate", not_priced: "Not priced",
  flagged: "Check for {season}", range: "range:"
};

function item(fields) {
  return Object.assign({
    id: "x", label: "X", phase: "p", step: "s", scale: "once", exam: null, mode: null, when: [],
    low: 10, typical: 10, high: 10, tiers: [], included: null, unpriced: false, original: null, note: "",
    season: 2027, confidence: "verified", sources: [], advice: false
  }, fields);
}

const DATA = {
  season: 2027,
  labels: LABELS,
  phases: [{ id: "p", label: "Apply" }, { id: "q", label: "Match" }],
  items: [
    item({ id: "eras", scale: "per-program", low: 0, typical: 0, high: 0,
      tiers: [{ first: 1, last: 30, amount: 11 }, { first: 31, last: null, amount: 30 }] }),
    item({ id: "ranks", phase: "q", scale: "per-rank", included: 20, low: 30, typical: 30, high: 30 }),
    item({ id: "late", phase: "q", when: ["late-registration"], low: 50, typical: 50, high: 50, season: 2023,
      confidence: "confirm" })
  ],
  defaults: {
    programs: [100, 0, 0], ranks: 10, step_1_attempts: 1, step_2_ck_attempts: 1, region: "outside",
    oet_sittings: 1, pathway: true, step_3: false, usce_months: 0, usce_level: "typical", interviews: 10,
    in_person_percent: 0, visa: "j1", late_registration: false
  },
  limits: {
    programs: [0, 999], ranks: [0, 999], step_1_attempts: [0, 4], step_2_ck_attempts: [0, 4], oet_sittings: [0, 9],
    usce_months: [0, 24], interviews: [0, 99], in_person_percent: [0, 100]
  }
};

const eras = (programs) => costs.estimate(DATA, costs.normalize(DATA, { programs }))
  .lines.filter((line) => line.item === "eras").map((line) => line.typical);

test("ERAS tiers: $11 for programs 1-30, $30 from the 31st, again for each specialty", () => {
  assert.deepEqual(eras("30"), [330]);
  assert.deepEqual(eras("31"), [360]);
  assert.deepEqual(eras("100"), [2430]);
  assert.deepEqual(eras("150"), [3930]);
  assert.deepEqual(eras("43,7"), [720, 77]);
  assert.deepEqual(eras("0,0,0"), []);
});

test("ranks beyond the included number and conditional fees", () => {
  const result = costs.estimate(DATA, costs.normalize(DATA, { programs: "0", ranks: "25", late_registration: "1" }));
  assert.deepEqual(result.lines.map((line) => [line.item, line.typical, line.flagged]),
    [["ranks", 150, false], ["late", 50, true]]);
  assert.equal(result.lines[0].detail, "Ranks beyond 20: 5 \u00d7 $30");
  assert.deepEqual(result.total, { low: 200, typical: 200, high: 200 });
  assert.equal(result.flagged, 1);
});

test("normalize keeps numbers within the limits and falls back to the defaults", () => {
  const inputs = costs.normalize(DATA, {
    programs: "5000,x", ranks: "-3", step_1_attempts: "9", visa: "f1", region: "inside", pathway: "0"
  });
  assert.deepEqual(inputs.programs, [999, 0, 0]);
  assert.equal(inputs.ranks, 10); // not a whole number: the default
  assert.equal(inputs.step_1_attempts, 4);
  assert.equal(inputs.visa, "j1");
  assert.equal(inputs.region, "inside");
  assert.equal(inputs.pathway, false);
  assert.deepEqual(costs.normalize(DATA, {}), DATA.defaults);
  assert.equal(costs.normalize(DATA, { ranks: "" }).ranks, 0); // an emptied field counts as none
});

test("a share link's query gives back exactly the same inputs", () => {
  const inputs = costs.normalize(DATA, { programs: "60,20", ranks: "25", visa: "h1b", late_registration: true });
  const query = costs.writeQuery(inputs);
  assert.match(query, /^\?programs=60%2C20&ranks=25&/);
  assert.deepEqual(costs.normalize(DATA, costs.readQuery(query)), inputs);
  assert.deepEqual(costs.readQuery("?unknown=1&ranks=3"), { ranks: "3" });
});

test("CSV: a header, one row per line, one per phase, then the total; cells quoted when needed", () => {
  const result = costs.estimate(DATA, costs.normalize(DATA, { programs: "31", ranks: "21" }));
  const rows = costs.toCSV(DATA, result).trim().split("\r\n");
  assert.equal(rows[0], "Phase,Item,How,low,typical,high,Season,Sure,Sources");
  assert.equal(rows[1], "Apply,X,Programs: 31 (30 \u00d7 $11 + 1 \u00d7 $30),360,360,360,2027,Verified,");
  assert.equal(rows.length, 1 + 2 + 2 + 1);
  assert.equal(rows[rows.length - 1], ",Total,,390,390,390,,,");
});

test("money and percentages are formatted without the browser's locale", () => {
  assert.equal(costs.money(1234567), "$1,234,567");
  assert.equal(costs.span(365, 400), "$365\u2013$400");
  assert.equal(costs.percent(1, 3), "33.3%");
  assert.equal(costs.percent(2, 3), "66.7%");
});
