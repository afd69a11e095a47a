/* IG.store: the only code that touches localStorage.
 *
 * Keys are "ig:v1:<name>"; values are JSON objects with a "v" field. Every access is
 * guarded: when storage is unavailable (private mode, blocked site data, sandboxed frame)
 * or full, values live in memory for the rest of the visit and widgets are told once, so
 * they can show a notice. Unreadable values are ignored (and reported), never thrown.
 */
(function () {
  "use strict";

  var IG = (window.IG = window.IG || {});
  var PREFIX = "ig:v1:";
  var storage = null;
  var overlay = {}; // values written this visit that storage could not keep
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
    var candidate = window.localStorage;
    candidate.setItem(PREFIX + "probe", "1");
    candidate.removeItem(PREFIX + "probe");
    storage = candidate;
  } catch (error) {
    storage = null;
    problems.unavailable = true;
  }

  function isQuotaError(error) {
    return (
      error &&
      (error.name === "QuotaExceededError" || error.name === "NS_ERROR_DOM_QUOTA_REACHED" || error.code === 22)
    );
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

  IG.store = {
    /** The parsed value stored under `name`, or null. `isValid(value)` rejects bad shapes. */
    read: function (name, isValid) {
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
      if (isValid && !isValid(value)) {
        report("corrupt");
        return null;
      }
      return value;
    },

    /** Store `value` under `name`; false when it could only be kept in memory. */
    write: function (name, value) {
      var text = JSON.stringify(value);
      if (storage) {
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
    },

    remove: function (name) {
      delete overlay[name];
      if (storage) {
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

    /** Problems met so far: any of "unavailable", "corrupt", "full". */
    problems: function () {
      return Object.keys(problems);
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

    /** Call `listener()` when another tab changes the guide's stored data. */
    onExternalChange: function (listener) {
      window.addEventListener("storage", function (event) {
        if (!event.key || event.key.indexOf(PREFIX) === 0) {
          listener();
        }
      });
    }
  };
})();
