/* Unit tests of My applications' logic (ig-tracker-core.js): CSV, checks, signals, ranks,
 * fees through the cost estimator and the calendar file (node --test tests/js). */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../overrides/assets/javascripts/pages/ig-tracker-core.js");
const stub = require("../../overrides/assets/javascripts/ig-tracker.js");
const dates = require("../../overrides/assets/javascripts/ig-dates.js");

// A small config of the shape pages.py embeds (tracker_payload); words are placeholders.
const LABELS = new Proxy({ letters_too_many: "at most {n} letters", yes: "yes", no: "no", signals_generic: "Signal" }, {
  get: (target, name) => (name in target ? target[name] : String(name))
});
const CONFIG = {
  labels: LABELS,
  settings: { letters: 4, seasons: [2025, 2026, 2027], defaultSeason: 2027, maxText: 200, erasItems: ["eras"], nrmpItems: ["nrmp"] },
  choices: {
    type: ["categorical", "preliminary", "transitional", "advanced"].map((id) => ({ id, label: id.toUpperCase() })),
    visa: ["unknown", "j1", "h1b", "both", "none"].map((id) => ({ id, label: id === "j1" ? "J-1 only" : id })),
    status: ["saved", "applied", "invited", "scheduled", "interviewed", "rejected", "withdrawn"].map((id) => ({ id, label: id })),
    mode: [{ id: "virtual", label: "Virtual" }, { id: "in-person", label: "In person" }]
  },
  specialties: [
    { id: "internal-medicine", name: "Internal medicine" },
    { id: "family-medicine", name: "Family medicine" },
    { id: "other", name: "Another specialty" }
  ],
  signals: {
    2025: {
      "internal-medicine": { tiers: [{ id: "gold", label: "Gold", count: 3 }, { id: "silver", label: "Silver", count: 12 }], sources: ["a"], confidence: "verified" },
      "family-medicine": { tiers: [{ id: "signal", label: "Signal", count: 5 }], sources: ["a"], confidence: "verified" }
    },
    2026: {
      "family-medicine": { tiers: [{ id: "signal", label: "Signal", count: 2 }], sources: ["b"], confidence: "confirm" }
    }
  }
};

let counter = 0;
const random = () => {
  counter += 1;
  return counter / 1000;
};
const NOW = Date.UTC(2026, 11, 2);

function program(fields) {
  return Object.assign(
    { id: "p-" + (fields.name || "x").toLowerCase().replace(/[^a-z0-9]+/g, "-"), specialty: "internal-medicine", status: "saved", letters: [] },
    fields
  );
}

function dataWith(programs, writers, season) {
  const { data, dropped } = core.sanitize({ v: 1, season: season || 2025, writers: writers || [], programs }, CONFIG);
  assert.deepEqual(dropped, []);
  return data;
}

test("CSV parsing keeps quotes, commas and line breaks inside cells and gives each record its line", () => {
  const parsed = core.parseCSV('\ufeffname,notes\r\n"Mercy, ""North""","two\nlines"\r\n\r\nPlain,x\n');
  assert.equal(parsed.error, null);
  assert.deepEqual(parsed.rows, [
    { line: 1, cells: ["name", "notes"] },
    { line: 2, cells: ['Mercy, "North"', "two\nlines"] },
    { line: 5, cells: ["Plain", "x"] }
  ]);
  assert.equal(core.parseCSV('name\n"open quote').error, "quote");
  assert.deepEqual(core.parseCSV('a,"",c').rows[0].cells, ["a", "", "c"]);
});

test("serialising and parsing again gives the same cells", () => {
  const rows = [["a", 'say "hi"', "x,y", "line\nbreak", " padded ", "", "crlf\r\nend"]];
  assert.deepEqual(core.parseCSV(core.serializeCSV(rows)).rows[0].cells, rows[0]);
});

test("a CSV round trip keeps every field of every program", () => {
  const writers = [
    { id: "w-1", name: "Dr Ada Smith", note: "IM, US" }, { id: "w-2", name: "Dr B, Jones", note: "" },
    { id: "w-3", name: "Unused writer", note: "surgery" }
  ];
  const original = dataWith([
    program({
      name: 'Mercy "North", Boston', city: "Boston", state: "MA", type: "preliminary", visa: "j1", yog: "within 5 years",
      filters: "no gaps,\nUSCE needed", signal: "gold", applied: "2026-09-24", letters: ["w-1", "w-2"], status: "scheduled",
      interview: "2027-01-12", time: "09:30", mode: "virtual", thanks: true, notes: "Ask about\r\nH-1B", rank: 1
    }),
    program({ name: "City FM", specialty: "family-medicine", signal: "signal", status: "applied", rank: null })
  ], writers);
  const csv = core.exportCSV(original);
  assert.ok(csv.startsWith("\ufeffrecord,id,name,specialty,"));
  const back = core.emptyData(CONFIG);
  back.season = 2025;
  const result = core.importCSV(csv, back, CONFIG, NOW, random);
  assert.deepEqual(result.bad, []);
  assert.equal(result.added, 2);
  const strip = (p, names) => Object.assign({}, p, { u: 0, letters: p.letters.map((id) => names[id]) });
  const names = (data) => Object.fromEntries(data.writers.map((w) => [w.id, w.name]));
  assert.deepEqual(
    back.programs.map((p) => strip(p, names(back))),
    original.programs.map((p) => strip(p, names(original)))
  );
  const noIds = (data) => data.writers.map((w) => [w.name, w.note]);
  assert.deepEqual(noIds(back), noIds(original), "writers keep their notes, even one with no letters assigned");
});

test("writer rows come before their programs' letters, wherever they are in the file", () => {
  const csv = "record,name,specialty,letters,notes\nprogram,Mercy,other,Dr A; dr b,\nwriter,Dr A,,,IM\nwriter,,,,\nletter,X,other,,\n";
  const data = core.emptyData(CONFIG);
  const result = core.importCSV(csv, data, CONFIG, NOW, random);
  assert.deepEqual(data.writers.map((w) => [w.name, w.note]), [["Dr A", "IM"], ["dr b", ""]]);
  assert.equal(data.programs[0].letters.length, 2);
  assert.deepEqual(result.bad.map((bad) => bad.line), [4, 5]);
});

test("an import keeps the good rows and reports each bad one by its line", () => {
  const csv = [
    "name,specialty,status,date_applied,signal,rank,thank_you_sent,letters",
    "Good One,Internal medicine,Applied,2026-09-24,Gold,,yes,",
    '"Bad date",internal-medicine,applied,24/09/2026,,,,',
    ",internal-medicine,applied,,,,,",
    '"Two\nline name",Family medicine,nonsense,,,,,',
    "Five letters,internal-medicine,applied,,,,,A;B;C;D;E",
    "Bad signal,family-medicine,applied,,gold,,,",
    "Bad rank,other,applied,,,first,maybe,",
    "Good Two,other,,,,2,no,"
  ].join("\n");
  const data = core.emptyData(CONFIG);
  const result = core.importCSV(csv, data, CONFIG, NOW, random);
  assert.equal(result.error, null);
  assert.deepEqual(data.programs.map((p) => p.name), ["Good One", "Good Two"]);
  assert.deepEqual(result.bad.map((bad) => bad.line), [3, 4, 5, 7, 8, 9]);
  assert.match(result.bad[0].messages[0], /24\/09\/2026/);
  assert.match(result.bad[3].messages.join(" "), /at most 4 letters/);
  assert.equal(result.bad[5].messages.length, 2, "every problem of a row is listed");
  assert.equal(data.programs[0].signal, "gold");
  assert.equal(data.programs[0].thanks, true);
  assert.equal(data.programs[1].rank, 1, "ranks are renumbered from 1 without gaps");
  assert.deepEqual(data.writers, [], "writers named only in refused rows are not added");
});

test("a file without this tracker's header, or without rows, is refused as a whole", () => {
  const data = core.emptyData(CONFIG);
  assert.equal(core.importCSV("a,b\n1,2", data, CONFIG, NOW, random).error, "unreadable");
  assert.equal(core.importCSV("name,city\n", data, CONFIG, NOW, random).error, "empty");
  assert.equal(core.importCSV("", data, CONFIG, NOW, random).error, "empty");
  assert.deepEqual(core.importCSV("name,favourite colour\nX,blue", data, CONFIG, NOW, random).ignored, ["favourite colour"]);
});

test("importing a file again updates programs by id instead of adding copies", () => {
  const data = dataWith([program({ name: "Mercy" })]);
  const csv = core.exportCSV(data).replace("Mercy", "Mercy Hospital");
  const result = core.importCSV(csv, data, CONFIG, NOW, random);
  assert.equal(result.updated, 1);
  assert.deepEqual(data.programs.map((p) => p.name), ["Mercy Hospital"]);
});

test("checks: a name is required, at most four letters, real dates and known menu values", () => {
  const writers = ["a", "b", "c", "d", "e"].map((id) => ({ id, name: id }));
  const check = (fields) => core.checkProgram(Object.assign({ name: "X", specialty: "other" }, fields), CONFIG, writers, 2025);
  assert.deepEqual(check({}).errors, []);
  assert.deepEqual(check({ name: "  " }).errors.map((e) => e.field), ["name"]);
  assert.deepEqual(check({ letters: ["a", "b", "c", "d"] }).errors, []);
  assert.deepEqual(check({ letters: ["a", "b", "c", "d", "e"] }).errors.map((e) => e.field), ["letters"]);
  assert.deepEqual(check({ applied: "2027-02-29" }).errors.map((e) => e.field), ["applied"]);
  assert.deepEqual(check({ time: "25:00" }).errors.map((e) => e.field), ["time"]);
  assert.deepEqual(check({ visa: "J-1 ONLY" }).errors, [], "a label is accepted, whatever its case");
  assert.equal(check({ visa: "J-1 ONLY" }).program.visa, "j1");
  assert.deepEqual(check({ specialty: "Dermatology" }).errors.map((e) => e.field), ["specialty"]);
  assert.deepEqual(check({ notes: "x".repeat(201) }).errors.map((e) => e.field), ["notes"]);
  assert.deepEqual(check({ letters: ["a", "gone"] }).program.letters, ["a"], "letters of removed writers are dropped");
});

test("stored data: bad entries are left out and named, the rest is kept", () => {
  const { data, dropped } = core.sanitize({
    v: 1, season: 1999,
    writers: [{ id: "w", name: "Ok" }, { name: "no id" }],
    programs: [program({ name: "Kept" }), program({ name: "Bad status", status: "lost" }), null, "text", program({ name: "Kept" })]
  }, CONFIG);
  assert.deepEqual(data.programs.map((p) => p.name), ["Kept"]);
  assert.deepEqual(dropped, ["no id", "Bad status", "3", "4", "Kept"]);
  assert.equal(data.season, 2027, "an unknown season falls back to the default");
  assert.deepEqual(core.sanitize(null, CONFIG).data.programs, []);
  assert.deepEqual(core.sanitize("corrupt", CONFIG).data.programs, []);
});

test("signals are counted per specialty and tier against the season's allotment", () => {
  const programs = [];
  for (let index = 0; index < 4; index += 1) {
    programs.push(program({ name: "IM gold " + index, signal: "gold" }));
  }
  programs.push(program({ name: "IM silver", signal: "silver" }));
  programs.push(program({ name: "IM none" }));
  programs.push(program({ name: "FM", specialty: "family-medicine", signal: "signal" }));
  const data = dataWith(programs, [], 2025);
  const use = core.signalUse(data, CONFIG);
  assert.deepEqual(use.map((row) => [row.specialty, row.used, row.total, row.confirmed]), [
    ["internal-medicine", { gold: 4, silver: 1 }, 5, true],
    ["family-medicine", { signal: 1 }, 1, true]
  ]);
  assert.deepEqual(use[0].over, [{ tier: "gold", label: "Gold", used: 4, count: 3 }]);
  assert.deepEqual(use[1].over, []);
});

test("a season without confirmed numbers never warns; it shows the latest known season", () => {
  const data = dataWith([0, 1, 2, 3].map((n) => program({ name: "IM " + n, signal: "gold" })), [], 2027);
  const [row] = core.signalUse(data, CONFIG);
  assert.equal(row.confirmed, false);
  assert.equal(row.season, 2025);
  assert.deepEqual(row.over, []);
  assert.equal(core.signalTiers(CONFIG, "family-medicine", 2027).season, 2026);
  assert.equal(core.signalTiers(CONFIG, "family-medicine", 2026).confirmed, true);
  const other = core.signalTiers(CONFIG, "other", 2025);
  assert.deepEqual([other.confirmed, other.season, other.tiers.map((t) => t.id)], [false, null, ["signal"]]);
});

test("the rank list moves programs up and down and renumbers without gaps", () => {
  const data = dataWith(["A", "B", "C", "D"].map((name, index) => program({ name, rank: index + 1 })));
  const order = () => core.rankList(data).map((p) => p.name + p.rank).join(" ");
  assert.equal(core.moveRank(data, "p-c", -1), true);
  assert.equal(order(), "A1 C2 B3 D4");
  assert.equal(core.moveRank(data, "p-a", -1), false, "the first cannot move up");
  assert.equal(core.moveRank(data, "p-d", 1), false, "the last cannot move down");
  assert.equal(core.moveRank(data, "p-a", 3), true);
  assert.equal(order(), "C1 B2 D3 A4");
  core.setRanked(data, "p-b", false);
  assert.equal(order(), "C1 D2 A3");
  core.setRanked(data, "p-b", true);
  assert.equal(order(), "C1 D2 A3 B4");
  assert.equal(core.rankText(data, CONFIG).split("\n")[1], "1. C (Internal medicine, CATEGORICAL)");
});

test("filters and sorting", () => {
  const data = dataWith([
    program({ name: "b", status: "applied", visa: "j1", signal: "gold", city: "Austin" }),
    program({ name: "A", status: "invited", visa: "h1b" }),
    program({ name: "c", status: "applied", specialty: "family-medicine", notes: "great Austin program" })
  ]);
  const names = (list) => list.map((p) => p.name).join("");
  assert.equal(names(core.filterPrograms(data.programs, { status: "applied" })), "bc");
  assert.equal(names(core.filterPrograms(data.programs, { signal: "any" })), "b");
  assert.equal(names(core.filterPrograms(data.programs, { signal: "none" })), "Ac");
  assert.equal(names(core.filterPrograms(data.programs, { visa: "h1b" })), "A");
  assert.equal(names(core.filterPrograms(data.programs, { search: "austin" })), "bc");
  assert.equal(names(core.sortPrograms(data.programs, "name", 1, CONFIG)), "Abc");
  assert.equal(names(core.sortPrograms(data.programs, "name", -1, CONFIG)), "cbA");
  assert.equal(names(core.sortPrograms(data.programs, "status", 1, CONFIG)), "bcA", "menu order, then name");
  assert.equal(names(core.sortPrograms(data.programs, "signal", -1, CONFIG)), "bAc", "blanks last either way");
});

test("counts by status and specialty; applications per specialty", () => {
  const data = dataWith([
    program({ name: "a", status: "applied" }), program({ name: "b" }),
    program({ name: "c", specialty: "family-medicine", status: "interviewed" }),
    program({ name: "d", applied: "2026-09-24" })
  ]);
  const counted = core.counts(data, CONFIG);
  assert.deepEqual(counted.byStatus, [{ id: "saved", count: 2 }, { id: "applied", count: 1 }, { id: "interviewed", count: 1 }]);
  assert.deepEqual(counted.bySpecialty, [{ id: "internal-medicine", count: 3 }, { id: "family-medicine", count: 1 }]);
  assert.deepEqual(core.appliedBySpecialty(data, CONFIG).map((row) => [row.specialty, row.count]),
    [["internal-medicine", 2], ["family-medicine", 1]]);
});

test("fees come from the cost estimator, one specialty at a time, only the named lines", () => {
  const calls = [];
  const costs = {
    normalize: (data, raw) => raw,
    estimate: (data, inputs) => {
      calls.push(inputs);
      return { lines: [
        { item: "eras", typical: Number(inputs.programs[0]) * 10 },
        { item: "nrmp", typical: Number(inputs.ranks) },
        { item: "other", typical: 1000 }
      ] };
    }
  };
  const fees = core.feeLines(costs, {}, CONFIG.settings, [{ name: "IM", count: 3 }, { name: "FM", count: 2 }], 7);
  assert.deepEqual(calls.map((c) => [c.programs, c.ranks]), [[["3"], "0"], [["2"], "0"], [["0"], "7"]]);
  assert.deepEqual(fees.eras.map((e) => [e.name, e.line.typical]), [["IM", 30], ["FM", 20]]);
  assert.equal(fees.total, 30 + 20 + 7);
  assert.equal(core.feeLines(undefined, {}, CONFIG.settings, [], 0), null);
});

test("interviews become all-day events of the planner's .ics writer", () => {
  const data = dataWith([
    program({ name: "Late", interview: "2027-01-20" }),
    program({ name: "Early, Boston", interview: "2027-01-05", time: "09:00", mode: "virtual" }),
    program({ name: "None" })
  ]);
  assert.deepEqual(core.interviews(data).map((p) => p.name), ["Early, Boston", "Late"]);
  const ics = core.interviewsICS(data, CONFIG, dates, NOW);
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /DTSTART;VALUE=DATE:20270105\r\nDTEND;VALUE=DATE:20270106/);
  assert.match(ics, /SUMMARY:interview_summary: Early\\, Boston \(Virtual\\, 09:00\)/);
  assert.equal((ics.match(/BEGIN:VEVENT/g) || []).length, 2);
  assert.match(ics, /UID:interview-p-late@imgguide.tracker/);
});

test("every page's small part and the page's own code read the same version of the record", () => {
  assert.equal(stub.VERSION, core.VERSION);
});

test("the site-wide file merges by id, the later change wins, nothing here is lost", () => {
  const here = { v: 1, writers: [{ id: "w1", name: "Mine" }], programs: [
    { id: "p-a", name: "A here", u: 5 }, { id: "p-b", name: "B here", u: 9 }
  ] };
  const result = stub.mergeSitePart(here, { v: 1, writers: [{ id: "w2", name: "Theirs" }, { id: "w1", name: "Other" }], programs: [
    { id: "p-a", name: "A newer", u: 6 }, { id: "p-b", name: "B older", u: 1 }, { id: "p-c", name: "C" }, { id: "BAD ID", name: "x" }, null
  ] });
  assert.deepEqual(here.programs.map((p) => p.name), ["A newer", "B here", "C"]);
  assert.deepEqual(here.writers.map((w) => w.name), ["Mine", "Theirs"]);
  assert.deepEqual(result, { programs: 2, rejected: 2 });
  assert.deepEqual(stub.mergeSitePart(here, { v: 99, programs: [] }), { programs: 0, rejected: 1 });
});
