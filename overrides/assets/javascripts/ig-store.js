/* IG.store: the only code that touches localStorage.
 *
 * Keys are "ig:v1:<name>"; values are JSON objects with a "v" field (their shape's version).
 * Every access is guarded: when storage is unavailable (private mode, blocked site data,
 * sandboxed frame) or full, values live in memory for the rest of the visit and widgets are
 * told once, so they can show a notice. Unreadable values are ignored (and reported as
 * "corrupt"), never thrown. A value written by a newer version of the guide (a higher "v"
 * than the reader asks for) is reported as "newer" and never overwritten or removed: this
 * visit keeps its own changes to that name in memory only.
 *
 * Works in the browser (IG.store, on window.localStorage) and in Node
 * (module.exports.createStore(fakeWindow), for tests/js/).
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.IG = root.IG || {};
    root.IG.store = api.createStore(root);
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // Legacy WebKit code of QuotaExceededError (DOMException.QUOTA_EXCEEDED_ERR).
  const QUOTA_ERROR_CODE = 22;
  var PREFIX = "ig:v1:";

  function isQuotaError(error) {
    return (
      error &&
      (error.name === "QuotaExceededError" || error.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
        error.code === QUOTA_ERROR_CODE)
    );
  }

  /** A store on `win.localStorage` (read once, in try/catch) that listens on `win`. */
  function createStore(win) {
    var storage = null;
    var overlay = {}; // values written this visit that storage could not (or must not) keep
    var newer = {}; // names holding a value from a newer version: never written or removed
    var problems = {};
    var listeners = [];

    function report(kind) {
      if (problems[kind]) {
        return;
      }
      problems[kind] = true;
      listeners.slice().forEach(function (listener) {
        listener(kind);
      });
    }

    try {
      var candidate = win.localStorage;
      candidate.setItem(PREFIX + "probe", "1");
      candidate.removeItem(PREFIX + "probe");
      storage = candidate;
    } catch (error) {
      storage = null;
      problems.unavailable = true;
    }

    function rawRead(name) {
      if (Object.prototype.hasOwnProperty.call(overlay, name)) {
        return overlay[name];
      }
      if (!storage) {
        return null;
      }
      try {
        return storage.getItem(PREFIX + name);
      } catch (error) {
        report("unavailable");
        return null;
      }
    }

    function write(name, value) {
      var text = JSON.stringify(value);
      if (storage && !newer[name]) {
        try {
          storage.setItem(PREFIX + name, text);
          delete overlay[name];
          return true;
        } catch (error) {
          report(isQuotaError(error) ? "full" : "unavailable");
        }
      }
      overlay[name] = text;
      return false;
    }

    /** The parsed value stored under `name`, or null.
     * `isValid(value)` rejects bad shapes (reported as "corrupt").
     * `options.version` (default 1) is the shape this code reads: a value with a higher "v"
     * is reported as "newer" and left alone; a lower one is upgraded one version at a time by
     * `options.migrations[v](value)` and saved, or ignored as "corrupt" when none applies. */
    function read(name, isValid, options) {
      var version = (options && options.version) || 1;
      var migrations = (options && options.migrations) || {};
      var raw = rawRead(name);
      if (raw === null || raw === undefined) {
        return null;
      }
      var value;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        report("corrupt");
        return null;
      }
      var found = value !== null && typeof value === "object" ? value.v : undefined;
      if (typeof found === "number" && found > version) {
        if (!Object.prototype.hasOwnProperty.call(overlay, name)) {
          newer[name] = true;
          report("newer");
        }
        return null;
      }
      var migrated = false;
      while (typeof found === "number" && found < version && typeof migrations[found] === "function") {
        value = migrations[found](value);
        found = value && value.v;
        migrated = true;
      }
      if (found !== version || (isValid && !isValid(value))) {
        report("corrupt");
        return null;
      }
      if (migrated) {
        write(name, value);
      }
      return value;
    }

    return {
      read: read,

      /** Store `value` under `name`; false when it could only be kept in memory. */
      write: write,

      remove: function (name) {
        delete overlay[name];
        if (storage && !newer[name]) {
          try {
            storage.removeItem(PREFIX + name);
          } catch (error) {
            report("unavailable");
          }
        }
      },

      /** Names (without the "ig:v1:" prefix) that start with `start`. */
      names: function (start) {
        var found = {};
        var index;
        if (storage) {
          try {
            for (index = 0; index < storage.length; index += 1) {
              var key = storage.key(index);
              if (key && key.indexOf(PREFIX + start) === 0) {
                found[key.slice(PREFIX.length)] = true;
              }
            }
          } catch (error) {
            report("unavailable");
          }
        }
        Object.keys(overlay).forEach(function (name) {
          if (name.indexOf(start) === 0) {
            found[name] = true;
          }
        });
        return Object.keys(found);
      },

      /** Problems met so far: any of "unavailable", "corrupt", "full", "newer". */
      problems: function () {
        return Object.keys(problems);
      },

      /** Names whose stored value comes from a newer version (kept untouched). */
      newerNames: function () {
        return Object.keys(newer);
      },

      /** Call `listener(kind)` on each new problem; returns a function that unsubscribes. */
      onProblem: function (listener) {
        listeners.push(listener);
        return function () {
          listeners = listeners.filter(function (other) {
            return other !== listener;
          });
        };
      },

      /** How many problem listeners are subscribed (tests check they do not pile up). */
      listenerCount: function () {
        return listeners.length;
      },

      /** Call `listener()` when another tab changes the guide's stored data. */
      onExternalChange: function (listener) {
        win.addEventListener("storage", function (event) {
          if (!event.key || event.key.indexOf(PREFIX) === 0) {
            listener();
          }
        });
      }
    };
  }

  return { createStore: createStore, PREFIX: "ig:v1:" };
});
