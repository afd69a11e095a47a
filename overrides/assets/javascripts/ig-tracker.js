/* IG.tracker: what every page needs of "My applications" (the tracker), kept small.
 *
 * - It loads on the My applications page and on the Practice page only (their widgets name
 *   it in data-ig-scripts; ig-ui.js loads it), before pages/ig-tracker-core.js and
 *   pages/ig-tracker-page.js, the tracker's own code, which only its page loads.
 * - IG.tracker.sitePart lets the site-wide progress file (the Practice page's export and
 *   import, ig-practice.js) carry the tracker's data, stored by IG.store under NAME.
 *
 * Works in the browser (IG.tracker) and in Node (module.exports: mergeSitePart, for tests/js/).
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.IG = root.IG || {};
    root.IG.tracker = api.browser(root);
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var VERSION = 1; // the shape of the stored record; pages/ig-tracker-core.js reads the same
  var NAME = "tracker";
  var ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  function isWriter(writer) {
    return !!writer && typeof writer === "object" && typeof writer.id === "string" && writer.id !== "" &&
      typeof writer.name === "string" && writer.name.trim() !== "";
  }

  /** Merge the "applications" part of a site-wide progress file into `data` (in place; the
   * raw stored record, as other pages have no tracker words to check with). Writers and
   * programs are matched by id; for a program both sides have, the one changed last (`u`)
   * wins; nothing saved here is lost. Entries without an id and a name are refused (the
   * tracker checks every field when it loads). Returns {programs, rejected}. */
  function mergeSitePart(data, incoming) {
    if (!incoming || typeof incoming !== "object" || typeof incoming.v !== "number" || incoming.v > VERSION) {
      return { programs: 0, rejected: incoming ? 1 : 0 };
    }
    var rejected = 0;
    (Array.isArray(incoming.writers) ? incoming.writers : []).forEach(function (writer) {
      if (!isWriter(writer)) {
        rejected += 1;
      } else if (!data.writers.some(function (known) {
        return known.id === writer.id;
      })) {
        data.writers.push(writer);
      }
    });
    var merged = 0;
    (Array.isArray(incoming.programs) ? incoming.programs : []).forEach(function (program) {
      if (!program || typeof program !== "object" || typeof program.id !== "string" || !ID_PATTERN.test(program.id) ||
        typeof program.name !== "string" || !program.name.trim()) {
        rejected += 1;
        return;
      }
      var existing = data.programs.filter(function (known) {
        return known && known.id === program.id;
      })[0];
      if (!existing) {
        data.programs.push(program);
        merged += 1;
      } else if ((Number(program.u) || 0) > (Number(existing.u) || 0)) {
        data.programs[data.programs.indexOf(existing)] = program;
        merged += 1;
      }
    });
    return { programs: merged, rejected: rejected };
  }

  function browser(win) {
    var IG = win.IG;
    var api = { VERSION: VERSION, NAME: NAME, current: null, pageLoaded: false };

    /** The stored record as it is (null when missing, unreadable or from a newer version). */
    api.readStored = function () {
      return IG.store.read(NAME, function (value) {
        return !!value && typeof value === "object" && !Array.isArray(value);
      }, { version: VERSION });
    };

    api.sitePart = {
      /** Add the stored applications to an export `file` (as file.applications). */
      add: function (file) {
        var value = api.readStored();
        if (value) {
          file.applications = value;
        }
      },
      /** Merge file.applications into the stored data; null when the file has none. */
      merge: function (file) {
        if (!file || !file.applications) {
          return null;
        }
        var value = api.readStored() || { v: VERSION, writers: [], programs: [] };
        value.writers = Array.isArray(value.writers) ? value.writers : [];
        value.programs = Array.isArray(value.programs) ? value.programs : [];
        var result = mergeSitePart(value, file.applications);
        if (value.season === undefined && file.applications.season !== undefined) {
          value.season = file.applications.season;
        }
        IG.store.write(NAME, value);
        if (api.current && win.document.body.contains(api.current.root)) {
          api.current.reload();
        }
        return result;
      }
    };

    return api;
  }

  return { VERSION: VERSION, NAME: NAME, mergeSitePart: mergeSitePart, browser: browser };
});
