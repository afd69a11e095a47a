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

  var DAY_MS = 86400000;
  var WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
  var STATUS_RANK = { done: 0, "on-track": 1, tight: 2, impossible: 3 };

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
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text || ""));
    if (!match) {
      return null;
    }
    var year = +match[1];
    var month = +match[2];
    var day = +match[3];
    var number = fromParts(year, month, day);
    var back = toParts(number);
    return back.year === year && back.month === month && back.day === day ? number : null;
  }

  function format(dayNumber) {
    var parts = toParts(dayNumber);
    return (
      parts.year + "-" + (parts.month < 10 ? "0" : "") + parts.month + "-" + (parts.day < 10 ? "0" : "") + parts.day
    );
  }

  /** Monday = 0 ... Sunday = 6 (day 0, the Unix epoch, was a Thursday). */
  function weekday(dayNumber) {
    return (((dayNumber % 7) + 7) % 7 + 3) % 7;
  }

  /** The reader's calendar date today, from the local clock (not UTC). */
  function today(now) {
    var date = now || new Date();
    return fromParts(date.getFullYear(), date.getMonth() + 1, date.getDate());
  }

  function nthWeekday(year, month, name, nth) {
    var first = fromParts(year, month, 1);
    var offset = (WEEKDAYS.indexOf(name) - weekday(first) + 7) % 7;
    return first + offset + 7 * (nth - 1);
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
      while (weekday(day) >= 5) {
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

  /** The plan for one Match year.
   * input: {today, done: {id: true}, booked: {id: day}, study: {id: weeks}}
   * Returns {matchYear, events, rows: [...] in display order, status, conflicts: [...]}. */
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
        status: "on-track"
      };
      byId[id] = row;
      if (done[id]) {
        row.status = "done";
        return;
      }
      var weeks = milestone.exam ? study[id] : null;
      if (weeks) {
        row.startBy = latest.finishBy - weeks * 7;
      }
      // It can begin today, or once the milestones it comes after are finished.
      var begin = input.today;
      milestone.after.forEach(function (other) {
        if (expectedFinish[other] !== undefined && expectedFinish[other] > begin) {
          begin = expectedFinish[other];
        }
      });
      var expected;
      if (milestone.exam && booked[id] !== undefined && booked[id] !== null) {
        expected = booked[id];
        row.booked = booked[id];
      } else if (weeks) {
        expected = begin + weeks * 7;
      } else {
        expected = begin + (milestone.leadDays || 0);
      }
      if (latest.earliestStart !== null && expected < latest.earliestStart) {
        expected = latest.earliestStart;
      }
      row.expected = expected;
      expectedFinish[id] = expected;
      if (expected <= latest.finishBy) {
        row.status = "on-track";
      } else if (latest.hardBy !== null && expected > latest.hardBy) {
        row.status = "impossible";
      } else {
        row.status = "tight";
      }
    });
    var rows = timeline.milestoneList.map(function (id) {
      return byId[id];
    });
    var worst = "on-track";
    rows.forEach(function (row) {
      if (STATUS_RANK[row.status] > STATUS_RANK[worst]) {
        worst = row.status;
      }
    });
    return {
      matchYear: matchYear,
      events: events,
      rows: rows,
      status: worst,
      conflicts: rows.filter(function (row) {
        return row.status === "tight" || row.status === "impossible";
      })
    };
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

  /** The first Match year whose residency has not started yet, as of `day`. */
  function firstOpenYear(day) {
    var year = toParts(day).year;
    return day < fromParts(year, 7, 1) ? year : year + 1;
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
      if (code >= 0xd800 && code <= 0xdbff && index + 1 < line.length) {
        character += line.charAt(index + 1);
        index += 1;
      }
      var size = character.length === 2 ? 4 : code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
      var limit = out.length ? 74 : 75; // continuation lines start with a space
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
    return new Date(now).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  }

  /** An RFC 5545 calendar of all-day events. entries: [{uid, day, summary, description, url}].
   * The same uid in a later export updates the event instead of adding a copy. */
  function toICS(entries, options) {
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:" + icsText(options.productId),
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + icsText(options.name)
    ];
    var stamp = icsStamp(options.now);
    entries.forEach(function (entry) {
      lines.push("BEGIN:VEVENT");
      lines.push("UID:" + entry.uid);
      lines.push("DTSTAMP:" + stamp);
      lines.push("DTSTART;VALUE=DATE:" + icsDate(entry.day));
      lines.push("DTEND;VALUE=DATE:" + icsDate(entry.day + 1));
      lines.push("SUMMARY:" + icsText(entry.summary));
      if (entry.description) {
        lines.push("DESCRIPTION:" + icsText(entry.description));
      }
      if (entry.url) {
        lines.push("URL:" + entry.url);
      }
      lines.push("TRANSP:TRANSPARENT");
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
    earliestCycles: earliestCycles,
    firstOpenYear: firstOpenYear,
    toICS: toICS
  };
});
