/* IG.dates: the Planner's date logic, with no DOM access.
 *
 * Dates are calendar days, stored as whole numbers of days since the Unix epoch and built
 * only from year/month/day parts with Date.UTC, so no time zone or daylight-saving change
 * can move a date by one. The rules mirror hooks/imgguide/timeline.py; a build test runs
 * both on a grid of years and fails if they ever disagree. Unit tests: tests/js/.
 *
 * Works in the browser (IG.dates) and in Node (module.exports).
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.IG = root.IG || {};
    root.IG.dates = api;
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // Units and formats, not facts (every date rule and planning number comes from YAML).
  const DAY_MS = 86400000; // milliseconds in a day
  const DAYS_PER_WEEK = 7;
  const EPOCH_WEEKDAY = 3; // day 0, the Unix epoch, was a Thursday (Monday = 0)
  const FIRST_WEEKEND_DAY = 5; // Saturday, with Monday = 0
  const TWO_DIGITS = 10; // below this a month or day gets a leading zero
  const ICS_LINE_OCTETS = 75; // RFC 5545 3.1: content lines are folded at 75 octets
  // UTF-8 byte lengths and the UTF-16 high-surrogate range, to fold .ics lines by octets.
  const UTF8_ONE_BYTE_BELOW = 0x80;
  const UTF8_TWO_BYTES_BELOW = 0x800;
  const UTF8_TWO_BYTES = 2;
  const UTF8_THREE_BYTES = 3;
  const UTF8_FOUR_BYTES = 4;
  const HIGH_SURROGATE_FIRST = 0xd800;
  const HIGH_SURROGATE_LAST = 0xdbff;
  var WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
  var STATUS_ORDER = ["done", "on-track", "tight", "impossible"];

  /* ------------------------------------------------------------ calendar days ---- */

  function fromParts(year, month, day) {
    return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
  }

  function toParts(dayNumber) {
    var date = new Date(dayNumber * DAY_MS);
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  }

  /** "YYYY-MM-DD" -> day number, or null for anything that is not a real date. */
  function parse(text) {
    var match = /^(\d\d\d\d)-(\d\d)-(\d\d)$/.exec(String(text || ""));
    if (!match) {
      return null;
    }
    var parts = match.slice(1).map(Number);
    var year = parts.shift();
    var month = parts.shift();
    var day = parts.shift();
    var number = fromParts(year, month, day);
    var back = toParts(number);
    return back.year === year && back.month === month && back.day === day ? number : null;
  }

  function pad(number) {
    return (number < TWO_DIGITS ? "0" : "") + number;
  }

  function format(dayNumber) {
    var parts = toParts(dayNumber);
    return parts.year + "-" + pad(parts.month) + "-" + pad(parts.day);
  }

  /** Monday = 0 ... Sunday = 6. */
  function weekday(dayNumber) {
    return ((((dayNumber % DAYS_PER_WEEK) + DAYS_PER_WEEK) % DAYS_PER_WEEK) + EPOCH_WEEKDAY) % DAYS_PER_WEEK;
  }

  /** The reader's calendar date today, from the local clock (not UTC). */
  function today(now) {
    var date = now || new Date();
    return fromParts(date.getFullYear(), date.getMonth() + 1, date.getDate());
  }

  function nthWeekday(year, month, name, nth) {
    var first = fromParts(year, month, 1);
    var offset = (WEEKDAYS.indexOf(name) - weekday(first) + DAYS_PER_WEEK) % DAYS_PER_WEEK;
    return first + offset + DAYS_PER_WEEK * (nth - 1);
  }

  /* ------------------------------------------------------------ the cycle -------- */

  function ruleDate(rule, matchYear, known) {
    if (rule.after) {
      return known[rule.after] + rule.days;
    }
    var year = matchYear + rule.year;
    if (rule.weekday) {
      return nthWeekday(year, rule.month, rule.weekday, rule.nth);
    }
    var day = fromParts(year, rule.month, rule.day);
    if (rule.roll === "next-weekday") {
      while (weekday(day) >= FIRST_WEEKEND_DAY) {
        day += 1;
      }
    }
    return day;
  }

  /** Every event of the cycle: {id: {day, estimated, sources, confidence}}. */
  function cycleDates(timeline, matchYear) {
    var published = (timeline.cycles[String(matchYear)] || {});
    var days = {};
    var result = {};
    timeline.eventOrder.forEach(function (id) {
      var event = timeline.events[id];
      var entry = published[id];
      if (entry) {
        days[id] = parse(entry.date);
        result[id] = { day: days[id], estimated: false, sources: entry.sources, confidence: entry.confidence };
      } else {
        days[id] = ruleDate(event.rule, matchYear, days);
        result[id] = { day: days[id], estimated: true, sources: event.sources, confidence: "unverified" };
      }
      // A rule that only gives an approximate time ("early June") is shown as that text.
      result[id].expected = result[id].estimated && event.expected ? event.expected : "";
      result[id].time = event.time || "";
      result[id].timezone = event.timezone || "";
    });
    return result;
  }

  function anchorDate(anchor, events, finished) {
    if (!anchor) {
      return null;
    }
    return (anchor.event ? events[anchor.event].day : finished[anchor.milestone]) + anchor.days;
  }

  /** The latest dates of every milestone: {id: {startBy, finishBy, tightBy, hardBy, earliestStart}}. */
  function milestoneDates(timeline, matchYear) {
    var events = cycleDates(timeline, matchYear);
    var finished = {};
    var result = {};
    timeline.milestoneOrder.forEach(function (id) {
      var milestone = timeline.milestones[id];
      var finishBy = anchorDate(milestone.finishBy, events, finished);
      finished[id] = finishBy;
      result[id] = {
        startBy: milestone.leadDays ? finishBy - milestone.leadDays : null,
        finishBy: finishBy,
        tightBy: anchorDate(milestone.tightBy, events, finished),
        hardBy: anchorDate(milestone.hardBy, events, finished),
        earliestStart: milestone.starts ? events[milestone.starts].day : null
      };
    });
    return result;
  }

  /* ------------------------------------------------------------ a reader's plan -- */

  function worse(a, b) {
    return STATUS_ORDER.indexOf(a) >= STATUS_ORDER.indexOf(b) ? a : b;
  }

  /** The plan for one Match year.
   * input: {today, done: {id: true}, booked: {id: day}, study: {id: weeks}}
   * Every milestone not done gets an expected finish: its booked test date, or the day it
   * can begin (today, or when the milestones it comes after finish) plus the reader's study
   * time (blank: the milestone's typical studyWeeks, flagged defaultStudy) or its leadDays.
   * Status: on track by finishBy, tight by hardBy, impossible after hardBy; a milestone
   * after an impossible one is impossible too (blockedBy names the root cause).
   * Returns {matchYear, events, rows (data order), status, conflicts, blocking}. */
  function plan(timeline, matchYear, input) {
    var events = cycleDates(timeline, matchYear);
    var dates = milestoneDates(timeline, matchYear);
    var done = input.done || {};
    var booked = input.booked || {};
    var study = input.study || {};
    var expectedFinish = {}; // of milestones not yet done, to start those that come after
    var byId = {};
    timeline.planOrder.forEach(function (id) {
      var milestone = timeline.milestones[id];
      var latest = dates[id];
      var row = {
        id: id,
        startBy: latest.startBy,
        finishBy: latest.finishBy,
        tightBy: latest.tightBy,
        hardBy: latest.hardBy,
        earliestStart: latest.earliestStart,
        expected: null,
        booked: null,
        studyWeeks: null,
        defaultStudy: false,
        blockedBy: null,
        status: "on-track"
      };
      byId[id] = row;
      if (done[id]) {
        row.status = "done";
        return;
      }
      var hasBooking = milestone.exam && booked[id] !== undefined && booked[id] !== null;
      var weeks = null;
      if (milestone.exam) {
        weeks = study[id] || milestone.studyWeeks;
        row.defaultStudy = !study[id] && !hasBooking;
        row.studyWeeks = weeks;
        row.startBy = latest.finishBy - weeks * DAYS_PER_WEEK;
      }
      // It can begin today, or once the milestones it comes after are finished.
      var begin = input.today;
      milestone.after.forEach(function (other) {
        if (expectedFinish[other] !== undefined && expectedFinish[other] > begin) {
          begin = expectedFinish[other];
        }
        var before = byId[other];
        if (before && before.status === "impossible" && row.blockedBy === null) {
          row.blockedBy = before.blockedBy || other;
        }
      });
      var expected;
      if (hasBooking) {
        expected = booked[id];
        row.booked = booked[id];
      } else if (weeks) {
        expected = begin + weeks * DAYS_PER_WEEK;
      } else {
        expected = begin + (milestone.leadDays || 0);
      }
      if (latest.earliestStart !== null && expected < latest.earliestStart) {
        expected = latest.earliestStart;
      }
      row.expected = expected;
      expectedFinish[id] = expected;
      if (expected > latest.hardBy || row.blockedBy !== null) {
        row.status = "impossible";
      } else if (expected > latest.finishBy) {
        row.status = "tight";
      }
    });
    var rows = timeline.milestoneList.map(function (id) {
      return byId[id];
    });
    var worst = "on-track";
    rows.forEach(function (row) {
      worst = worse(row.status, worst);
    });
    return {
      matchYear: matchYear,
      today: input.today,
      events: events,
      rows: rows,
      status: worst,
      conflicts: rows.filter(function (row) {
        return row.status === "tight" || row.status === "impossible";
      }),
      // The milestones that make the plan impossible by themselves (not merely blocked).
      blocking: rows.filter(function (row) {
        return row.status === "impossible" && row.blockedBy === null;
      })
    };
  }

  /** The date a row is next due: its start-by date while that is ahead, then its
   * finish-by date; today once both have passed (it is overdue). */
  function nextDate(row, day) {
    if (row.startBy !== null && row.startBy >= day) {
      return row.startBy;
    }
    return row.finishBy >= day ? row.finishBy : day;
  }

  /** The plan's rows in date order: open ones by their next date, done ones last. */
  function byDate(result) {
    var open = result.rows.filter(function (row) {
      return row.status !== "done";
    });
    var done = result.rows.filter(function (row) {
      return row.status === "done";
    });
    open.sort(function (a, b) {
      return nextDate(a, result.today) - nextDate(b, result.today) || a.finishBy - b.finishBy;
    });
    return open.concat(done);
  }

  /** What to do in the next `days` days: [{id, kind: "overdue"|"late"|"start"|"finish", day}],
   * by date. "overdue": its start-by date has passed; "late": its finish-by date has passed
   * but it is still possible for this Match. Impossible milestones are left to the verdict. */
  function nextActions(result, days) {
    var day = result.today;
    var until = day + days;
    var actions = [];
    result.rows.forEach(function (row) {
      if (row.status === "done" || row.status === "impossible") {
        return;
      }
      if (row.startBy !== null && row.startBy < day && row.finishBy >= day) {
        actions.push({ id: row.id, kind: "overdue", day: row.startBy });
      } else if (row.finishBy < day) {
        actions.push({ id: row.id, kind: "late", day: row.finishBy });
        return;
      } else if (row.startBy !== null && row.startBy <= until) {
        actions.push({ id: row.id, kind: "start", day: row.startBy });
      }
      if (row.finishBy <= until) {
        actions.push({ id: row.id, kind: "finish", day: row.finishBy });
      }
    });
    return actions.sort(function (a, b) {
      return a.day - b.day;
    });
  }

  /** The first Match year from `fromYear` on whose plan is possible, and the first on
   * track (null when none within `span` years). */
  function earliestCycles(timeline, input, fromYear, span) {
    var found = { possible: null, onTrack: null };
    for (var year = fromYear; year < fromYear + span; year += 1) {
      var status = plan(timeline, year, input).status;
      if (found.possible === null && status !== "impossible") {
        found.possible = year;
      }
      if (status === "on-track") {
        found.onTrack = year;
        break;
      }
    }
    return found;
  }

  /** The first Match year whose residency has not started yet, as of `day` (the start
   * date is the cycle's planning.startEvent, from the data). */
  function firstOpenYear(timeline, day) {
    var year = toParts(day).year;
    var starts = cycleDates(timeline, year)[timeline.planning.startEvent].day;
    return day < starts ? year : year + 1;
  }

  /* ------------------------------------------------------------ calendar file ---- */

  function icsText(text) {
    return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  /** Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character. */
  function fold(line) {
    var out = [];
    var current = "";
    var bytes = 0;
    for (var index = 0; index < line.length; index += 1) {
      var character = line.charAt(index);
      var code = line.charCodeAt(index);
      if (code >= HIGH_SURROGATE_FIRST && code <= HIGH_SURROGATE_LAST && index + 1 < line.length) {
        character += line.charAt(index + 1);
        index += 1;
      }
      var size = character.length > 1 ? UTF8_FOUR_BYTES
        : code < UTF8_ONE_BYTE_BELOW ? 1 : code < UTF8_TWO_BYTES_BELOW ? UTF8_TWO_BYTES : UTF8_THREE_BYTES;
      var limit = out.length ? ICS_LINE_OCTETS - 1 : ICS_LINE_OCTETS; // continuation lines start with a space
      if (bytes + size > limit) {
        out.push(current);
        current = "";
        bytes = 0;
      }
      current += character;
      bytes += size;
    }
    out.push(current);
    return out.join("\r\n ");
  }

  function icsDate(dayNumber) {
    return format(dayNumber).replace(/-/g, "");
  }

  function icsStamp(now) {
    return new Date(now).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  }

  /** An RFC 5545 calendar. entries: [{uid, day, summary, description, url, time, timezone,
   * alarmDays}]: an all-day event on `day`, or, with time ("HH:MM") and timezone (a TZID
   * whose VTIMEZONE lines are in options.vtimezones), a timed event; alarmDays adds a
   * reminder that many days before. The same uid in a later export updates the event
   * instead of adding a copy. */
  function toICS(entries, options) {
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:" + icsText(options.productId),
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + icsText(options.name)
    ];
    var zones = {};
    entries.forEach(function (entry) {
      if (entry.timezone) {
        zones[entry.timezone] = true;
      }
    });
    Object.keys(zones).sort().forEach(function (zone) {
      lines = lines.concat(options.vtimezones[zone]);
    });
    var stamp = icsStamp(options.now);
    entries.forEach(function (entry) {
      lines.push("BEGIN:VEVENT");
      lines.push("UID:" + entry.uid);
      lines.push("DTSTAMP:" + stamp);
      if (entry.time) {
        lines.push("DTSTART;TZID=" + entry.timezone + ":" + icsDate(entry.day) + "T" + entry.time.replace(":", "") + "00");
      } else {
        lines.push("DTSTART;VALUE=DATE:" + icsDate(entry.day));
        lines.push("DTEND;VALUE=DATE:" + icsDate(entry.day + 1));
      }
      lines.push("SUMMARY:" + icsText(entry.summary));
      if (entry.description) {
        lines.push("DESCRIPTION:" + icsText(entry.description));
      }
      if (entry.url) {
        lines.push("URL:" + entry.url);
      }
      lines.push("TRANSP:TRANSPARENT");
      if (entry.alarmDays) {
        lines.push("BEGIN:VALARM");
        lines.push("ACTION:DISPLAY");
        lines.push("DESCRIPTION:" + icsText(entry.alarmText || entry.summary));
        lines.push("TRIGGER:-P" + entry.alarmDays + "D");
        lines.push("END:VALARM");
      }
      lines.push("END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  return {
    WEEKDAYS: WEEKDAYS,
    fromParts: fromParts,
    toParts: toParts,
    parse: parse,
    format: format,
    weekday: weekday,
    today: today,
    nthWeekday: nthWeekday,
    cycleDates: cycleDates,
    milestoneDates: milestoneDates,
    plan: plan,
    nextDate: nextDate,
    byDate: byDate,
    nextActions: nextActions,
    earliestCycles: earliestCycles,
    firstOpenYear: firstOpenYear,
    toICS: toICS
  };
});
