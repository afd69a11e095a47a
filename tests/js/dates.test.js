/* Unit tests of the Planner's date logic (node --test tests/js). */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");
const dates = require("../../overrides/assets/javascripts/ig-dates.js");

// The real calendar data, exported by the build helper script next to these tests.
const timeline = JSON.parse(fs.readFileSync(path.join(__dirname, "timeline.json"), "utf8"));
const day = (text) => dates.parse(text);
const iso = (number) => dates.format(number);

test("parse and format are exact calendar dates, including leap days", () => {
  assert.equal(iso(day("2028-02-29")), "2028-02-29");
  assert.equal(day("2027-02-29"), null);
  assert.equal(day("2026-13-01"), null);
  assert.equal(day("not a date"), null);
  assert.equal(day("2026-12-31") + 1, day("2027-01-01"));
  assert.equal(day("2028-03-01") - day("2028-02-01"), 29);
  assert.equal(day("2027-03-01") - day("2027-02-01"), 28);
});

test("weekday and nth weekday", () => {
  assert.equal(dates.weekday(day("2026-11-26")), 3); // a Thursday
  assert.equal(iso(dates.nthWeekday(2027, 3, "friday", 3)), "2027-03-19");
  assert.equal(iso(dates.nthWeekday(2028, 3, "friday", 3)), "2028-03-17");
  assert.equal(iso(dates.nthWeekday(2029, 3, "friday", 3)), "2029-03-16");
  assert.equal(iso(dates.nthWeekday(2026, 6, "wednesday", 1)), "2026-06-03");
});

test("today comes from the local calendar date, not UTC", () => {
  const lateEvening = new Date(2026, 10, 26, 23, 59);
  const earlyMorning = new Date(2026, 10, 27, 0, 1);
  assert.equal(iso(dates.today(lateEvening)), "2026-11-26");
  assert.equal(iso(dates.today(earlyMorning)), "2026-11-27");
});

test("the 2027 and 2028 cycles match the rules in FACTS.md", () => {
  const c27 = dates.cycleDates(timeline, 2027);
  assert.equal(iso(c27["myeras-opens"].day), "2026-06-03");
  assert.equal(c27["myeras-opens"].estimated, false);
  assert.equal(iso(c27["eras-submission"].day), "2026-09-02");
  assert.equal(iso(c27["program-review"].day), "2026-09-23");
  assert.equal(iso(c27["nrmp-registration"].day), "2026-09-15");
  assert.equal(iso(c27["rol-deadline"].day), "2027-03-03");
  assert.equal(iso(c27["match-week"].day), "2027-03-15");
  assert.equal(iso(c27["match-day"].day), "2027-03-19");
  assert.equal(c27["match-day"].estimated, true);
  const c28 = dates.cycleDates(timeline, 2028);
  assert.equal(iso(c28["myeras-opens"].day), "2027-06-02");
  assert.equal(iso(c28["eras-submission"].day), "2027-09-01");
  assert.equal(iso(c28["program-review"].day), "2027-09-22");
  assert.equal(iso(c28["nrmp-registration"].day), "2027-09-15");
  assert.equal(iso(c28["rol-deadline"].day), "2028-03-01");
  assert.equal(iso(c28["match-day"].day), "2028-03-17");
  assert.equal(iso(c28["residency-starts"].day), "2028-07-01");
});

test("registration rolls off a weekend to the next weekday", () => {
  // 15 September 2029 is a Saturday: registration for the 2030 Match opens on Monday 17th.
  assert.equal(iso(dates.cycleDates(timeline, 2030)["nrmp-registration"].day), "2029-09-17");
  // 15 September 2024 was a Sunday (FACTS.md: it opened on the 16th for the 2025 Match).
  assert.equal(iso(dates.cycleDates(timeline, 2025)["nrmp-registration"].day), "2024-09-16");
});

test("every cycle's deadline is a Wednesday 16 days before a Friday Match Day", () => {
  for (let year = 2026; year <= 2045; year += 1) {
    const cycle = dates.cycleDates(timeline, year);
    assert.equal(dates.weekday(cycle["match-day"].day), 4, `Match Day ${year}`);
    assert.equal(cycle["match-day"].day - cycle["rol-deadline"].day, 16);
    assert.equal(dates.weekday(cycle["rol-deadline"].day), 2);
    assert.equal(dates.weekday(cycle["match-week"].day), 0);
  }
});

const input = (today, extra = {}) => Object.assign({ today: day(today), done: {}, booked: {}, study: {} }, extra);
const row = (result, id) => result.rows.find((r) => r.id === id);

test("a reader with everything ahead of them is on track for a far cycle", () => {
  const result = dates.plan(timeline, 2028, input("2026-11-26"));
  assert.equal(row(result, "step-2-ck").status, "on-track");
  assert.equal(iso(row(result, "step-2-ck").finishBy), "2027-07-28");
  assert.equal(result.status, "on-track");
});

test("a Step 2 CK date after the safe date is tight, after the hard date impossible", () => {
  const tight = dates.plan(timeline, 2028, input("2026-11-26", { booked: { "step-2-ck": day("2027-09-01") } }));
  assert.equal(row(tight, "step-2-ck").status, "tight");
  assert.equal(tight.status, "tight");
  assert.deepEqual(tight.conflicts.map((r) => r.id), ["step-2-ck"]);
  const late = dates.plan(timeline, 2028, input("2026-11-26", { booked: { "step-2-ck": day("2028-02-15") } }));
  assert.equal(row(late, "step-2-ck").status, "impossible");
  assert.equal(late.status, "impossible");
});

test("a blank study time uses the milestone's typical study weeks, and says so", () => {
  const result = dates.plan(timeline, 2028, input("2026-12-02"));
  const step1 = row(result, "step-1");
  assert.equal(step1.defaultStudy, true);
  assert.equal(step1.studyWeeks, timeline.milestones["step-1"].studyWeeks);
  assert.equal(step1.expected, day("2026-12-02") + 7 * step1.studyWeeks, "not today: blank is not zero weeks");
  const own = row(dates.plan(timeline, 2028, input("2026-12-02", { study: { "step-1": 20 } })), "step-1");
  assert.equal(own.defaultStudy, false);
  assert.equal(own.expected, day("2026-12-02") + 7 * 20);
});

test("scenario: the 2027 Match from 2 December 2026 with nothing done is not possible; 2028 is", () => {
  // Clinical experience would end around 31 May 2027, after Match Day; Step 1 after its
  // hard limit; the letters and the exams after them cannot happen in time.
  const today = input("2026-12-02");
  const result = dates.plan(timeline, 2027, today);
  assert.equal(result.status, "impossible");
  assert.deepEqual(result.blocking.map((r) => r.id).sort(), ["oet", "step-1", "usce"]);
  assert.equal(iso(row(result, "usce").expected), "2027-05-31");
  assert.equal(row(result, "letters").status, "impossible");
  assert.equal(row(result, "letters").blockedBy, "usce");
  assert.equal(row(result, "ecfmg-certificate").blockedBy, "step-1");
  const found = dates.earliestCycles(timeline, today, dates.firstOpenYear(timeline, today.today), 5);
  assert.deepEqual(found, { possible: 2028, onTrack: 2028 });
});

test("scenario: on 10 March 2027 without the Pathway the 2027 Match is not possible", () => {
  // NRMP withdraws an applicant whose clinical skills ECFMG has not confirmed by the rank
  // order list deadline (3 March 2027); the certificate and the J-1 depend on it.
  const done = { "step-1": true, "step-2-ck": true, oet: true, usce: true, letters: true, eras: true, nrmp: true, "rank-list": true };
  const result = dates.plan(timeline, 2027, input("2027-03-10", { done }));
  assert.equal(result.status, "impossible");
  assert.deepEqual(result.blocking.map((r) => r.id), ["pathway"]);
  assert.equal(row(result, "ecfmg-certificate").blockedBy, "pathway");
  assert.equal(row(result, "j1").blockedBy, "pathway");
});

test("scenario: with both exams done, the exams are no conflict and the plan rests on the rest", () => {
  const done = { "step-1": true, "step-2-ck": true };
  const result = dates.plan(timeline, 2028, input("2026-12-02", { done }));
  assert.equal(row(result, "step-1").status, "done");
  assert.equal(row(result, "step-2-ck").status, "done");
  assert.equal(row(result, "ecfmg-certificate").blockedBy, null);
  assert.equal(result.status, "on-track");
  // For 2027 the exams no longer block, but clinical experience still does.
  const now = dates.plan(timeline, 2027, input("2026-12-02", { done }));
  assert.deepEqual(now.blocking.map((r) => r.id).sort(), ["oet", "usce"]);
});

test("scenario: a test booked after its hard limit makes the plan not possible, naming the exam", () => {
  // Step 2 CK hard limit for 2028: 63 days (8 weeks for a result + ECFMG's weekly report)
  // before the rank order list deadline of 1 March 2028.
  const limit = row(dates.plan(timeline, 2028, input("2026-12-02")), "step-2-ck").hardBy;
  assert.equal(iso(limit), "2027-12-29");
  const ok = dates.plan(timeline, 2028, input("2026-12-02", { booked: { "step-2-ck": limit } }));
  assert.notEqual(row(ok, "step-2-ck").status, "impossible");
  const late = dates.plan(timeline, 2028, input("2026-12-02", { booked: { "step-2-ck": limit + 1 } }));
  assert.deepEqual(late.blocking.map((r) => r.id), ["step-2-ck"]);
  assert.equal(row(late, "ecfmg-certificate").blockedBy, "step-2-ck");
});

test("the plan in date order: the first real action comes first, done items last", () => {
  const result = dates.plan(timeline, 2028, input("2026-12-02", { done: { "step-1": true } }));
  const ordered = dates.byDate(result).map((r) => r.id);
  assert.equal(ordered[0], "usce"); // arrange clinical experience: start by 22 January 2027
  assert.equal(iso(row(result, "usce").startBy), "2027-01-22");
  assert.equal(ordered[ordered.length - 1], "step-1");
});

test("next days: what starts or finishes within the window, overdue first, nothing impossible", () => {
  const result = dates.plan(timeline, 2028, input("2026-12-02"));
  const actions = dates.nextActions(result, timeline.planning.nextDays);
  assert.deepEqual(actions.map((a) => [a.id, a.kind, iso(a.day)]), [["usce", "start", "2027-01-22"]]);
  const impossible = dates.plan(timeline, 2027, input("2026-12-02"));
  const late = dates.nextActions(impossible, timeline.planning.nextDays);
  for (const action of late) {
    assert.notEqual(row(impossible, action.id).status, "impossible", action.id);
  }
  // ERAS for 2027: its finish-by date (22 September 2026) has passed, its limit has not.
  assert.deepEqual(late[0], { id: "eras", kind: "late", day: day("2026-09-22") });
});

test("study time moves the start-by date and the expected finish", () => {
  const result = dates.plan(timeline, 2028, input("2027-05-01", { study: { "step-2-ck": 16 } }));
  const ck = row(result, "step-2-ck");
  assert.equal(iso(ck.startBy), iso(day("2027-07-28") - 16 * 7));
  assert.equal(ck.status, "tight");
});

test("done milestones never count as conflicts", () => {
  const result = dates.plan(timeline, 2028, input("2026-11-26", {
    done: { "step-1": true, "step-2-ck": true, oet: true, pathway: true, usce: true, letters: true, eras: true, nrmp: true },
  }));
  assert.equal(row(result, "step-1").status, "done");
  assert.equal(result.status, "on-track");
});

test("exams are planned one after the other from the reader's study time", () => {
  const result = dates.plan(timeline, 2028, input("2026-11-26", { study: { "step-1": 12, "step-2-ck": 10 } }));
  assert.equal(iso(row(result, "step-1").expected), "2027-02-18");
  assert.equal(iso(row(result, "step-2-ck").expected), "2027-04-29");
  assert.equal(row(result, "step-2-ck").status, "on-track");
});

test("the first open Match year turns over when the cycle's residency starts (from the data)", () => {
  assert.equal(timeline.planning.startEvent, "residency-starts");
  assert.equal(dates.firstOpenYear(timeline, day("2026-11-26")), 2027);
  assert.equal(dates.firstOpenYear(timeline, day("2027-06-30")), 2027);
  assert.equal(dates.firstOpenYear(timeline, day("2027-07-01")), 2028);
});

test("MyERAS opening is shown as 'early June (expected)' until a season's date is published", () => {
  assert.equal(dates.cycleDates(timeline, 2028)["myeras-opens"].expected, "early June");
  assert.equal(dates.cycleDates(timeline, 2027)["myeras-opens"].expected, "", "2027's date is published");
});

test("the .ics has a timed rank order list deadline at 21:00 New York with its VTIMEZONE, and reminders", () => {
  const text = dates.toICS(
    [{ uid: "event-rol-deadline.2027@example", day: day("2027-03-03"), time: "21:00", timezone: "America/New_York",
       summary: "Rank order list deadline", alarmDays: 7 }],
    { productId: "-//Example//Planner//EN", name: "Plan", now: Date.UTC(2026, 11, 2), vtimezones: timeline.vtimezones }
  );
  const unfolded = text.replace(/\r\n /g, "");
  assert.ok(unfolded.includes("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"));
  assert.ok(unfolded.includes("DTSTART;TZID=America/New_York:20270303T210000\r\n"));
  assert.ok(unfolded.includes("BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Rank order list deadline\r\nTRIGGER:-P7D\r\nEND:VALARM"));
});

test("an .ics file is RFC 5545: CRLF, folded lines, all-day events, escaped text", () => {
  const text = dates.toICS(
    [{ uid: "step-2-ck.2028@example", day: day("2027-07-28"), summary: "Pass Step 2 CK; on track, by this date",
       description: "Line one\nLine two with a long explanation that goes well beyond seventy-five octets — with a dash", url: "https://example.org/steps/usmle-exams/" }],
    { productId: "-//Example//Planner//EN", name: "Plan", now: Date.UTC(2026, 10, 26, 9, 30) }
  );
  assert.ok(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  assert.ok(text.endsWith("END:VCALENDAR\r\n"));
  assert.ok(text.includes("DTSTART;VALUE=DATE:20270728\r\nDTEND;VALUE=DATE:20270729\r\n"));
  assert.ok(text.includes("DTSTAMP:20261126T093000Z"));
  assert.ok(text.includes("SUMMARY:Pass Step 2 CK\\; on track\\, by this date"));
  for (const line of text.split("\r\n")) {
    assert.ok(Buffer.byteLength(line, "utf8") <= 75, line);
  }
  const unfolded = text.replace(/\r\n /g, "");
  assert.ok(unfolded.includes("DESCRIPTION:Line one\\nLine two with a long explanation that goes well beyond seventy-five octets — with a dash"));
});
