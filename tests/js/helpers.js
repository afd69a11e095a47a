/* A fake window for ig-store.js in Node: a localStorage kept in a Map, optionally broken. */
"use strict";

function fakeStorage(initial, options) {
  const data = new Map(Object.entries(initial || {}));
  const settings = options || {};
  return {
    data,
    get length() {
      return data.size;
    },
    key(index) {
      return Array.from(data.keys())[index] ?? null;
    },
    getItem(key) {
      return data.has(key) ? data.get(key) : null;
    },
    setItem(key, value) {
      if (settings.full && !key.endsWith("probe")) {
        const error = new Error("full");
        error.name = "QuotaExceededError";
        throw error;
      }
      data.set(key, String(value));
    },
    removeItem(key) {
      data.delete(key);
    }
  };
}

function fakeWindow(initial, options) {
  const storage = fakeStorage(initial, options);
  const win = { storageListeners: [], addEventListener: (type, listener) => win.storageListeners.push(listener) };
  if (options && options.unavailable) {
    Object.defineProperty(win, "localStorage", {
      get() {
        throw new Error("SecurityError");
      }
    });
  } else {
    win.localStorage = storage;
  }
  return { win, storage };
}

module.exports = { fakeWindow };
