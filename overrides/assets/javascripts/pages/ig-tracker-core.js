/* IG.trackerCore: the logic of "My applications", with no DOM and no storage access.
 *
 * The reader's data is one versioned record, stored by ig-tracker.js under the name "tracker":
 *   {v: 1, season, writers: [{id, name, note}], programs: [{id, name, specialty, city, state,
 *    type, visa, yog, filters, signal, applied, letters: [writer ids], status, interview, time,
 *    mode, thanks, notes, rank, u}]}
 * `config` is the page's embedded data (hooks/imgguide/pages.py `tracker_payload`): every
 * word, menu, number and signal allotment comes from there; this file holds none.
 *
 * Loaded only on the My applications page (by ../ig-tracker.js). Works in the browser
 * (IG.trackerCore) and in Node (module.exports, for tests/js/).
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.IG = root.IG || {};
    root.IG.trackerCore = api;
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // Base of the random and time parts of new program and writer ids.
  const ID_RADIX = 36;

  var VERSION = 1; // the stored record's shape: the same as in ../ig-tracker.js
  var BOM = "\ufeff";
  // The CSV columns, in order: the header row a spreadsheet round trip keeps. "record" tells
  // a program's row from a letter writer's (a writer row uses id, name and notes).
  var COLUMNS = [
    "record", "id", "name", "specialty", "city", "state", "type", "visa", "graduation_year_limit", "other_filters",
    "signal", "date_applied", "letters", "status", "interview_date", "interview_time", "interview_mode",
    "thank_you_sent", "notes", "rank"
  ];
  var FIELD_OF = {
    graduation_year_limit: "yog", other_filters: "filters", date_applied: "applied", interview_date: "interview",
    interview_time: "time", interview_mode: "mode", thank_you_sent: "thanks"
  };
  var TEXT_FIELDS = ["name", "city", "state", "yog", "filters", "notes"];
  var ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var ORDER_WORDS = /[^a-z0-9]+/g;

  /* ------------------------------------------------------------ small helpers ---- */

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function text(value) {
    return value === undefined || value === null ? "" : String(value);
  }

  function newId(prefix, now, random) {
    return prefix + "-" + Math.floor(now).toString(ID_RADIX) + "-" + (random().toString(ID_RADIX).split(".")[1] || "0");
  }

  /** "YYYY-MM-DD" that is a real calendar day, or false. */
  function isDay(value) {
    if (!/^\d\d\d\d-\d\d-\d\d$/.test(value)) {
      return false;
    }
    var parts = value.split("-").map(Number);
    var year = parts.shift();
    var month = parts.shift();
    var day = parts.shift();
    return new Date(Date.UTC(year, month - 1, day)).toISOString().split("T")[0] === value;
  }

  function isTime(value) {
    return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
  }

  function emptyData(config) {
    return { v: VERSION, season: config.settings.defaultSeason, writers: [], programs: [] };
  }

  function choiceIds(config, group) {
    return config.choices[group].map(function (choice) {
      return choice.id;
    });
  }

  function label(config, group, id) {
    var found = config.choices[group].filter(function (choice) {
      return choice.id === id;
    })[0];
    return found ? found.label : id;
  }

  function specialtyName(config, id) {
    var found = config.specialties.filter(function (specialty) {
      return specialty.id === id;
    })[0];
    return found ? found.name : id;
  }

  /** Match a cell to an option: its id or its label, ignoring case and spaces around. */
  function matchChoice(options, value) {
    var wanted = value.trim().toLowerCase();
    var found = options.filter(function (option) {
      return option.id === wanted || String(option.label).trim().toLowerCase() === wanted;
    })[0];
    return found ? found.id : null;
  }

  /* ------------------------------------------------------------ signals ---------- */

  /** The signal tiers of `specialty` for Match year `season`:
   * {tiers, confirmed, season, allotment} where `confirmed` says the numbers are for that very
   * season; otherwise `season` is the latest earlier season with numbers (shown for
   * reference), or null with a single generic tier when none is known at all. */
  function signalTiers(config, specialty, season) {
    var own = (config.signals[String(season)] || {})[specialty];
    if (own) {
      return { tiers: own.tiers, confirmed: true, season: season, allotment: own };
    }
    var earlier = Object.keys(config.signals).map(Number).filter(function (year) {
      return year < season && config.signals[String(year)][specialty];
    }).sort(function (a, b) {
      return b - a;
    });
    if (earlier.length) {
      var latest = config.signals[String(earlier[0])][specialty];
      return { tiers: latest.tiers, confirmed: false, season: earlier[0], allotment: latest };
    }
    return { tiers: [{ id: "signal", label: config.labels.signals_generic }], confirmed: false, season: null, allotment: null };
  }

  /** Every tier id a program of `specialty` may carry in any season (imports and old data). */
  function knownTiers(config, specialty) {
    var ids = { signal: true };
    Object.keys(config.signals).forEach(function (year) {
      var allotment = config.signals[year][specialty];
      (allotment ? allotment.tiers : []).forEach(function (tier) {
        ids[tier.id] = true;
      });
    });
    return ids;
  }

  function tierLabel(config, specialty, season, tierId) {
    var all = signalTiers(config, specialty, season).tiers.concat(signalTiers(config, specialty, Infinity).tiers);
    var found = all.filter(function (tier) {
      return tier.id === tierId;
    })[0];
    return found ? found.label : config.labels.signals_generic;
  }

  /** Signals used per specialty against the season's allotment: [{specialty, name, used:
   * {tier: n}, total, tiers, confirmed, season, over: [{tier, label, used, count}]}], for every
   * specialty with a program or a signal, in the specialties' menu order. */
  function signalUse(data, config) {
    var season = data.season;
    var rows = [];
    config.specialties.forEach(function (specialty) {
      var mine = data.programs.filter(function (program) {
        return program.specialty === specialty.id;
      });
      if (!mine.length) {
        return;
      }
      var info = signalTiers(config, specialty.id, season);
      var used = {};
      var total = 0;
      mine.forEach(function (program) {
        if (program.signal && program.signal !== "none") {
          used[program.signal] = (used[program.signal] || 0) + 1;
          total += 1;
        }
      });
      var over = [];
      if (info.confirmed) {
        info.tiers.forEach(function (tier) {
          if ((used[tier.id] || 0) > tier.count) {
            over.push({ tier: tier.id, label: tier.label, used: used[tier.id], count: tier.count });
          }
        });
      }
      rows.push({
        specialty: specialty.id, name: specialty.name, used: used, total: total, tiers: info.tiers,
        confirmed: info.confirmed, season: info.season, allotment: info.allotment, over: over
      });
    });
    return rows;
  }

  /* ------------------------------------------------------------ checking --------- */

  /** Check and tidy one program (from the form, a CSV row or storage).
   * `raw` holds strings (or stored values); `writers` are the reader's writers. Returns
   * {program, errors: [{field, message}]}: the program is usable only without errors. */
  function checkProgram(raw, config, writers, season) {
    var labels = config.labels;
    var errors = [];
    var program = {};
    function fail(field, message) {
      errors.push({ field: field, message: message });
    }
    program.id = text(raw.id).trim();
    TEXT_FIELDS.forEach(function (field) {
      var value = text(raw[field]).trim();
      if (value.length > config.settings.maxText) {
        fail(field, labels[field] + " " + labels.too_long + " " + config.settings.maxText);
      }
      program[field] = value;
    });
    if (!program.name) {
      fail("name", labels.name_missing);
    }
    var specialty = matchChoice(config.specialties.map(function (s) {
      return { id: s.id, label: s.name };
    }), text(raw.specialty));
    if (!specialty) {
      fail("specialty", labels.specialty + ": " + labels.bad_choice + " " + config.specialties.map(function (s) {
        return s.name;
      }).join(", ") + " (" + text(raw.specialty) + ")");
    }
    program.specialty = specialty || "";
    var defaults = { type: "categorical", visa: "unknown", status: "saved" };
    ["type", "visa", "status", "mode"].forEach(function (group) {
      var value = text(raw[group]).trim();
      if (!value) {
        program[group] = defaults[group] || "";
        return;
      }
      var found = matchChoice(config.choices[group], value);
      if (!found) {
        fail(group, labels[group === "mode" ? "interview_mode" : group] + ": " + labels.bad_choice + " " +
          config.choices[group].map(function (choice) {
            return choice.label;
          }).join(", ") + " (" + value + ")");
      }
      program[group] = found || "";
    });
    ["applied", "interview"].forEach(function (field) {
      var value = text(raw[field]).trim();
      if (value && !isDay(value)) {
        fail(field, labels[field === "applied" ? "applied_on" : "interview_on"] + ": " + labels.bad_date + " " + value);
      }
      program[field] = value;
    });
    var time = text(raw.time).trim();
    if (time && !isTime(time)) {
      fail("time", labels.interview_time + ": " + labels.bad_date + " " + time);
    }
    program.time = time;
    var thanks = raw.thanks;
    if (thanks === true || thanks === false) {
      program.thanks = thanks;
    } else {
      var word = text(thanks).trim().toLowerCase();
      if (word === "" || word === "no" || word === "false" || word === labels.no.toLowerCase() || word === "0") {
        program.thanks = false;
      } else if (word === "yes" || word === "true" || word === labels.yes.toLowerCase() || word === "1") {
        program.thanks = true;
      } else {
        program.thanks = false;
        fail("thanks", labels.thanks + ": " + labels.bad_yes_no + " " + thanks);
      }
    }
    var signal = text(raw.signal).trim();
    if (!signal || signal.toLowerCase() === "none" || signal === labels.signal_none) {
      program.signal = "none";
    } else {
      var known = specialty ? knownTiers(config, specialty) : {};
      var tiers = specialty ? signalTiers(config, specialty, season === undefined ? Infinity : season).tiers : [];
      var tier = has(known, signal.toLowerCase()) ? signal.toLowerCase() : matchChoice(tiers, signal);
      if (!tier) {
        fail("signal", labels.signal + ": " + labels.bad_signal + " " + signal);
      }
      program.signal = tier || "none";
    }
    var letters = Array.isArray(raw.letters) ? raw.letters.slice() : [];
    letters = letters.filter(function (id, index) {
      return letters.indexOf(id) === index && writers.some(function (writer) {
        return writer.id === id;
      });
    });
    if (letters.length > config.settings.letters) {
      fail("letters", labels.letters_too_many.replace("{n}", String(config.settings.letters)));
    }
    program.letters = letters;
    var rank = raw.rank;
    if (rank === null || rank === undefined || text(rank).trim() === "") {
      program.rank = null;
    } else if (/^\d+$/.test(text(rank).trim()) && Number(rank) >= 1) {
      program.rank = Number(rank);
    } else {
      program.rank = null;
      fail("rank", labels.rank + ": " + labels.bad_rank + " " + rank);
    }
    program.u = typeof raw.u === "number" && isFinite(raw.u) ? raw.u : 0;
    return { program: program, errors: errors };
  }

  function isWriter(writer) {
    return !!writer && typeof writer === "object" && typeof writer.id === "string" && writer.id !== "" &&
      typeof writer.name === "string" && writer.name.trim() !== "";
  }

  /** Stored data made safe to use: each writer and program is checked on its own; the bad
   * ones are left out and named in `dropped`, so one broken entry never loses the rest.
   * Returns {data, dropped: [names or ids]}. */
  function sanitize(value, config) {
    var data = emptyData(config);
    var dropped = [];
    if (!value || typeof value !== "object") {
      return { data: data, dropped: dropped };
    }
    if (config.settings.seasons.indexOf(value.season) >= 0) {
      data.season = value.season;
    }
    var writerIds = {};
    (Array.isArray(value.writers) ? value.writers : []).forEach(function (writer, index) {
      if (isWriter(writer) && !has(writerIds, writer.id)) {
        writerIds[writer.id] = true;
        data.writers.push({ id: writer.id, name: writer.name.trim(), note: text(writer.note).trim() });
      } else {
        dropped.push(writer && writer.name ? String(writer.name) : String(index + 1));
      }
    });
    var programIds = {};
    (Array.isArray(value.programs) ? value.programs : []).forEach(function (raw, index) {
      var result = raw && typeof raw === "object" ? checkProgram(raw, config, data.writers) : null;
      if (!result || result.errors.length || !result.program.id || has(programIds, result.program.id)) {
        dropped.push(raw && raw.name ? String(raw.name) : String(index + 1));
        return;
      }
      programIds[result.program.id] = true;
      data.programs.push(result.program);
    });
    normalizeRanks(data);
    return { data: data, dropped: dropped };
  }

  /* ------------------------------------------------------------ rank list -------- */

  /** Ranked programs numbered 1..n without gaps, in their rank order (ties by name). */
  function normalizeRanks(data) {
    rankList(data).forEach(function (program, index) {
      program.rank = index + 1;
    });
    return data;
  }

  function rankList(data) {
    return data.programs.filter(function (program) {
      return program.rank !== null && program.rank !== undefined;
    }).sort(function (a, b) {
      return a.rank - b.rank || compareText(a.name, b.name);
    });
  }

  /** Move program `id` by `delta` places in the rank list; false when it cannot move. */
  function moveRank(data, id, delta) {
    var list = rankList(data);
    var from = list.map(function (program) {
      return program.id;
    }).indexOf(id);
    var to = from + delta;
    if (from < 0 || to < 0 || to >= list.length) {
      return false;
    }
    var moving = list.splice(from, 1)[0];
    list.splice(to, 0, moving);
    list.forEach(function (program, index) {
      program.rank = index + 1;
    });
    return true;
  }

  /** Put program `id` at the end of the rank list (true) or take it off (false). */
  function setRanked(data, id, ranked) {
    var program = findProgram(data, id);
    if (!program) {
      return;
    }
    program.rank = ranked ? rankList(data).length + (program.rank ? 0 : 1) : null;
    normalizeRanks(data);
  }

  function findProgram(data, id) {
    return data.programs.filter(function (program) {
      return program.id === id;
    })[0] || null;
  }

  /** The rank list as plain text, one program a line, to copy into NRMP's R3 system. */
  function rankText(data, config) {
    var lines = [config.labels.rank_text_title];
    rankList(data).forEach(function (program) {
      var where = [program.city, program.state].filter(Boolean).join(", ");
      lines.push(program.rank + ". " + program.name + " (" + specialtyName(config, program.specialty) + ", " +
        label(config, "type", program.type) + (where ? ", " + where : "") + ")");
    });
    return lines.join("\n") + "\n";
  }

  /* ------------------------------------------------------------ table views ------ */

  function compareText(a, b) {
    return text(a).toLowerCase().localeCompare(text(b).toLowerCase());
  }

  /** Programs matching every filter: {status, specialty, visa, signal ("any", "none" or a tier
   * id), search (words found in name, city, state or notes)}; "" means any. */
  function filterPrograms(programs, filters) {
    var words = text(filters.search).toLowerCase().split(/\s+/).filter(Boolean);
    return programs.filter(function (program) {
      if (filters.status && program.status !== filters.status) {
        return false;
      }
      if (filters.specialty && program.specialty !== filters.specialty) {
        return false;
      }
      if (filters.visa && program.visa !== filters.visa) {
        return false;
      }
      if (filters.signal === "any" && program.signal === "none") {
        return false;
      }
      if (filters.signal && filters.signal !== "any" && program.signal !== filters.signal) {
        return false;
      }
      if (words.length) {
        var haystack = (program.name + " " + program.city + " " + program.state + " " + program.notes).toLowerCase();
        return words.every(function (word) {
          return haystack.indexOf(word) >= 0;
        });
      }
      return true;
    });
  }

  /** A sorted copy: by `key` (a program field), `direction` 1 or -1; menu fields sort in menu
   * order, blanks last, then by name. */
  function sortPrograms(programs, key, direction, config) {
    var orders = {};
    ["type", "visa", "status", "mode"].forEach(function (group) {
      orders[group] = choiceIds(config, group);
    });
    orders.specialty = config.specialties.map(function (specialty) {
      return specialty.id;
    });
    var keyed = programs.map(function (program) {
      var value = program[key];
      var blank = value === null || value === undefined || value === "" || (key === "signal" && value === "none");
      var sortValue;
      if (has(orders, key)) {
        sortValue = orders[key].indexOf(value);
      } else if (key === "letters") {
        sortValue = program.letters.length;
      } else if (key === "rank" || key === "thanks") {
        sortValue = Number(value);
      } else {
        sortValue = text(value).toLowerCase().replace(ORDER_WORDS, " ");
      }
      return { program: program, blank: blank, value: sortValue };
    });
    keyed.sort(function (a, b) {
      if (a.blank !== b.blank) {
        return a.blank ? 1 : -1;
      }
      var order = 0;
      if (typeof a.value === "number") {
        order = a.value - b.value;
      } else {
        order = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
      }
      return order * direction || compareText(a.program.name, b.program.name);
    });
    return keyed.map(function (entry) {
      return entry.program;
    });
  }

  /** Programs per status (menu order) and per specialty (menu order), zeros left out. */
  function counts(data, config) {
    function tally(group, ids) {
      return ids.map(function (id) {
        return {
          id: id,
          count: data.programs.filter(function (program) {
            return program[group] === id;
          }).length
        };
      }).filter(function (row) {
        return row.count > 0;
      });
    }
    return {
      byStatus: tally("status", choiceIds(config, "status")),
      bySpecialty: tally("specialty", config.specialties.map(function (specialty) {
        return specialty.id;
      })),
      total: data.programs.length
    };
  }

  /** A program counts as applied to once it has a date applied or a status past "saved". */
  function isApplied(program) {
    return !!program.applied || (program.status !== "saved" && program.status !== "");
  }

  /** Applications per specialty: [{specialty, name, count}] in menu order. */
  function appliedBySpecialty(data, config) {
    return config.specialties.map(function (specialty) {
      return {
        specialty: specialty.id,
        name: specialty.name,
        count: data.programs.filter(function (program) {
          return program.specialty === specialty.id && isApplied(program);
        }).length
      };
    }).filter(function (row) {
      return row.count > 0;
    });
  }

  /** The fee lines for these applications, from the cost estimator (IG.costs, ig-costs.js):
   * a thin adapter that asks it for one specialty at a time (its count of programs starts
   * again for each specialty) and for the rank list's length, and keeps only the lines named
   * in the settings. Returns {eras: [{name, line}], nrmp: [line], total} or null without it. */
  function feeLines(costs, costsData, settings, applied, ranks) {
    if (!costs || !costsData || typeof costs.estimate !== "function" || typeof costs.normalize !== "function") {
      return null;
    }
    function linesFor(raw, wanted) {
      var result = costs.estimate(costsData, costs.normalize(costsData, raw));
      return result.lines.filter(function (line) {
        return wanted.indexOf(line.item) >= 0;
      });
    }
    var total = 0;
    var eras = [];
    applied.forEach(function (row) {
      linesFor({ programs: [String(row.count)], ranks: "0" }, settings.erasItems).forEach(function (line) {
        eras.push({ name: row.name, line: line });
        total += line.typical;
      });
    });
    var nrmp = ranks ? linesFor({ programs: ["0"], ranks: String(ranks) }, settings.nrmpItems) : [];
    nrmp.forEach(function (line) {
      total += line.typical;
    });
    return { eras: eras, nrmp: nrmp, total: total };
  }

  /* ------------------------------------------------------------ interviews ------- */

  function interviews(data) {
    return data.programs.filter(function (program) {
      return !!program.interview;
    }).sort(function (a, b) {
      return a.interview < b.interview ? -1 : a.interview > b.interview ? 1 : compareText(a.time, b.time) ||
        compareText(a.name, b.name);
    });
  }

  /** The interviews as an RFC 5545 calendar, written by the planner's writer (IG.dates.toICS):
   * all-day events (the time, in the program's own time zone, is in the title). */
  function interviewsICS(data, config, dates, now) {
    var labels = config.labels;
    var entries = interviews(data).map(function (program) {
      var details = [program.mode ? label(config, "mode", program.mode) : "", program.time].filter(Boolean);
      var where = [program.city, program.state].filter(Boolean).join(", ");
      return {
        uid: "interview-" + program.id + "@imgguide.tracker",
        day: dates.parse(program.interview),
        summary: labels.interview_summary + ": " + program.name + (details.length ? " (" + details.join(", ") + ")" : ""),
        description: [specialtyName(config, program.specialty), label(config, "type", program.type), where]
          .filter(Boolean).join(" \u00b7 ")
      };
    });
    return dates.toICS(entries, { productId: "-//IMG Residency Pathway Guide//My applications//EN", name: labels.ics_name, now: now });
  }

  /* ------------------------------------------------------------ CSV -------------- */

  /** RFC 4180 CSV: records of cells, each with the (1-based) line it starts on. Quoted cells
   * may hold commas, quotes ("") and line breaks; a byte order mark is skipped; blank lines
   * are left out. Returns {rows: [{line, cells}], error: null | "quote"}. */
  function parseCSV(input) {
    var source = text(input);
    if (source.charAt(0) === BOM) {
      source = source.slice(1);
    }
    var rows = [];
    var cells = [];
    var cell = "";
    var quoted = false;
    var line = 1;
    var start = 1;
    var index = 0;
    var touched = false;
    function endCell() {
      cells.push(cell);
      cell = "";
    }
    function endRow() {
      endCell();
      if (touched || cells.length > 1 || cells[0] !== "") {
        rows.push({ line: start, cells: cells });
      }
      cells = [];
      touched = false;
    }
    while (index < source.length) {
      var char = source.charAt(index);
      if (quoted) {
        if (char === "\"") {
          if (source.charAt(index + 1) === "\"") {
            cell += "\"";
            index += 1;
          } else {
            quoted = false;
          }
        } else {
          if (char === "\n" || (char === "\r" && source.charAt(index + 1) !== "\n")) {
            line += 1;
          }
          cell += char;
        }
      } else if (char === "\"" && cell === "") {
        quoted = true;
        touched = true;
      } else if (char === ",") {
        endCell();
      } else if (char === "\r" || char === "\n") {
        if (char === "\r" && source.charAt(index + 1) === "\n") {
          index += 1;
        }
        endRow();
        line += 1;
        start = line;
      } else {
        cell += char;
      }
      index += 1;
    }
    if (quoted) {
      return { rows: rows, error: "quote", line: start };
    }
    if (cell !== "" || cells.length || touched) {
      endRow();
    }
    return { rows: rows, error: null };
  }

  function csvCell(value) {
    var out = text(value);
    return /[",\r\n]/.test(out) || /^\s|\s$/.test(out) ? "\"" + out.replace(/"/g, "\"\"") + "\"" : out;
  }

  function serializeCSV(rows) {
    return rows.map(function (row) {
      return row.map(csvCell).join(",");
    }).join("\r\n") + "\r\n";
  }

  /** Every program as CSV (with a header row and a byte order mark, so spreadsheets read
   * accents right). Menus are written as their ids, letters as writers' names joined by "; ". */
  function exportCSV(data) {
    var names = {};
    data.writers.forEach(function (writer) {
      names[writer.id] = writer.name;
    });
    var rows = [COLUMNS.slice()];
    data.programs.forEach(function (program) {
      rows.push(COLUMNS.map(function (column) {
        var field = FIELD_OF[column] || column;
        if (field === "record") {
          return "program";
        }
        var value = program[field];
        if (field === "letters") {
          return value.map(function (id) {
            return names[id];
          }).join("; ");
        }
        if (field === "thanks") {
          return value ? "yes" : "no";
        }
        return value === null || value === undefined ? "" : value;
      }));
    });
    data.writers.forEach(function (writer) {
      rows.push(COLUMNS.map(function (column) {
        return { record: "writer", id: writer.id, name: writer.name, notes: writer.note }[column] || "";
      }));
    });
    return BOM + serializeCSV(rows);
  }

  /** Read a CSV file into `data` (changed in place): a row whose id matches a program replaces
   * it, any other row is added; letter writers named in a row are added when missing. Bad rows
   * are listed by line and left out; the good ones are kept. Returns {added, updated, bad:
   * [{line, messages}], ignored: [columns], error: null | "unreadable" | "empty"}. */
  function importCSV(source, data, config, now, random) {
    var labels = config.labels;
    var parsed = parseCSV(source);
    var result = { added: 0, updated: 0, bad: [], ignored: [], error: null };
    if (parsed.error) {
      result.error = "unreadable";
      return result;
    }
    if (!parsed.rows.length) {
      result.error = "empty";
      return result;
    }
    var header = parsed.rows[0].cells.map(function (cell) {
      return cell.trim().toLowerCase();
    });
    if (header.indexOf("name") < 0) {
      result.error = "unreadable";
      return result;
    }
    result.ignored = header.filter(function (column) {
      return column && COLUMNS.indexOf(column) < 0;
    });
    if (parsed.rows.length === 1) {
      result.error = "empty";
      return result;
    }
    var seen = {};
    var records = parsed.rows.slice(1).map(function (row) {
      var raw = {};
      header.forEach(function (column, position) {
        if (COLUMNS.indexOf(column) >= 0) {
          raw[FIELD_OF[column] || column] = position < row.cells.length ? row.cells[position] : "";
        }
      });
      return { line: row.line, raw: raw, kind: text(raw.record).trim().toLowerCase() };
    });
    // Letter writers first, so the programs' letters find them (with their notes).
    records.filter(function (record) {
      return record.kind === "writer";
    }).forEach(function (record) {
      var name = text(record.raw.name).replace(/;/g, ",").trim();
      var id = text(record.raw.id).trim();
      if (!name || (id && !ID_PATTERN.test(id))) {
        result.bad.push({ line: record.line, messages: [name ? "id: " + labels.bad_choice + " " + id : labels.writer_name] });
        return;
      }
      var writer = data.writers.filter(function (known) {
        return (id && known.id === id) || known.name.toLowerCase() === name.toLowerCase();
      })[0];
      if (!writer) {
        writer = { id: id || newId("w", now, random), name: name, note: "" };
        data.writers.push(writer);
      }
      writer.name = name;
      writer.note = text(record.raw.notes).trim();
    });
    records.forEach(function (record) {
      if (record.kind === "writer") {
        return;
      }
      var raw = record.raw;
      if (record.kind && record.kind !== "program") {
        result.bad.push({ line: record.line, messages: ["record: " + labels.bad_choice + " program, writer (" + record.kind + ")"] });
        return;
      }
      var writerNames = text(raw.letters).split(";").map(function (name) {
        return name.trim();
      }).filter(Boolean);
      var pending = [];
      raw.letters = writerNames.map(function (name) {
        var writer = data.writers.concat(pending).filter(function (known) {
          return known.name.toLowerCase() === name.toLowerCase();
        })[0];
        if (!writer) {
          writer = { id: newId("w", now, random), name: name, note: "" };
          pending.push(writer);
        }
        return writer.id;
      });
      var checked = checkProgram(raw, config, data.writers.concat(pending), data.season);
      var program = checked.program;
      if (program.id && (!ID_PATTERN.test(program.id) || has(seen, program.id))) {
        checked.errors.push({ field: "id", message: "id: " + labels.bad_choice + " " + program.id });
      }
      if (checked.errors.length) {
        result.bad.push({
          line: record.line,
          messages: checked.errors.map(function (error) {
            return error.message;
          })
        });
        return;
      }
      data.writers = data.writers.concat(pending);
      program.id = program.id || newId("p", now, random);
      seen[program.id] = true;
      program.u = now;
      var existing = findProgram(data, program.id);
      if (existing) {
        data.programs[data.programs.indexOf(existing)] = program;
        result.updated += 1;
      } else {
        data.programs.push(program);
        result.added += 1;
      }
    });
    normalizeRanks(data);
    result.bad.sort(function (a, b) {
      return a.line - b.line;
    });
    return result;
  }

  return {
    VERSION: VERSION,
    COLUMNS: COLUMNS,
    emptyData: emptyData,
    newId: newId,
    isDay: isDay,
    label: label,
    specialtyName: specialtyName,
    signalTiers: signalTiers,
    tierLabel: tierLabel,
    signalUse: signalUse,
    checkProgram: checkProgram,
    sanitize: sanitize,
    normalizeRanks: normalizeRanks,
    rankList: rankList,
    moveRank: moveRank,
    setRanked: setRanked,
    findProgram: findProgram,
    rankText: rankText,
    filterPrograms: filterPrograms,
    sortPrograms: sortPrograms,
    counts: counts,
    isApplied: isApplied,
    appliedBySpecialty: appliedBySpecialty,
    feeLines: feeLines,
    interviews: interviews,
    interviewsICS: interviewsICS,
    parseCSV: parseCSV,
    serializeCSV: serializeCSV,
    exportCSV: exportCSV,
    importCSV: importCSV
  };
});
