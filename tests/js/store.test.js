/* IG.store (ig-store.js): storage problems, newer versions left alone, migrations. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { createStore } = require("../../overrides/assets/javascripts/ig-store.js");
const { fakeWindow } = require("./helpers.js");

const isThing = (value) => typeof value.name === "string";

test("values round-trip as JSON under the ig:v1: prefix", () => {
  const { win, storage } = fakeWindow();
  const store = createStore(win);
  assert.equal(store.write("thing", { v: 1, name: "x" }), true);
  assert.equal(storage.getItem("ig:v1:thing"), '{"v":1,"name":"x"}');
  assert.deepEqual(store.read("thing", isThing), { v: 1, name: "x" });
  assert.deepEqual(store.names("th"), ["thing"]);
  store.remove("thing");
  assert.equal(store.read("thing", isThing), null);
  assert.deepEqual(store.problems(), []);
});

test("unreadable JSON and bad shapes are reported as corrupt and ignored", () => {
  const { win } = fakeWindow({ "ig:v1:a": "{not json", "ig:v1:b": '{"v": 1, "name": 7}' });
  const store = createStore(win);
  const seen = [];
  store.onProblem((kind) => seen.push(kind));
  assert.equal(store.read("a", isThing), null);
  assert.equal(store.read("b", isThing), null);
  assert.deepEqual(seen, ["corrupt"]); // each kind is reported once
});

test("a value from a newer version is reported as newer, never as corrupt, and never overwritten", () => {
  const newer = '{"v": 2, "name": "from the future", "extra": [1, 2]}';
  const { win, storage } = fakeWindow({ "ig:v1:thing": newer });
  const store = createStore(win);
  assert.equal(store.read("thing", isThing), null);
  assert.deepEqual(store.problems(), ["newer"]);
  assert.deepEqual(store.newerNames(), ["thing"]);
  // This visit's own writes stay in memory; the stored value is untouched.
  assert.equal(store.write("thing", { v: 1, name: "mine" }), false);
  assert.deepEqual(store.read("thing", isThing), { v: 1, name: "mine" });
  store.remove("thing");
  assert.equal(storage.getItem("ig:v1:thing"), newer);
});

test("an older version is migrated step by step and saved; one without a migration is corrupt", () => {
  const { win, storage } = fakeWindow({ "ig:v1:old": '{"v": 1, "title": "x"}', "ig:v1:older": '{"v": 0}' });
  const store = createStore(win);
  const migrations = { 1: (value) => ({ v: 2, name: value.title }) };
  assert.deepEqual(store.read("old", isThing, { version: 2, migrations }), { v: 2, name: "x" });
  assert.equal(storage.getItem("ig:v1:old"), '{"v":2,"name":"x"}');
  assert.equal(store.read("older", isThing, { version: 2, migrations }), null);
  assert.deepEqual(store.problems(), ["corrupt"]);
});

test("without localStorage everything works in memory and 'unavailable' is reported", () => {
  const { win } = fakeWindow({}, { unavailable: true });
  const store = createStore(win);
  assert.deepEqual(store.problems(), ["unavailable"]);
  assert.equal(store.write("thing", { v: 1, name: "x" }), false);
  assert.deepEqual(store.read("thing", isThing), { v: 1, name: "x" });
  assert.deepEqual(store.names(""), ["thing"]);
});

test("a full storage keeps the value in memory and reports 'full'", () => {
  const { win } = fakeWindow({}, { full: true });
  const store = createStore(win);
  assert.equal(store.write("thing", { v: 1, name: "x" }), false);
  assert.deepEqual(store.problems(), ["full"]);
  assert.deepEqual(store.read("thing", isThing), { v: 1, name: "x" });
});

test("problem listeners unsubscribe, so they do not pile up", () => {
  const { win } = fakeWindow();
  const store = createStore(win);
  const stops = [store.onProblem(() => {}), store.onProblem(() => {})];
  assert.equal(store.listenerCount(), 2);
  stops.forEach((stop) => stop());
  assert.equal(store.listenerCount(), 0);
});

test("other tabs' changes to the guide's keys are passed on, other keys are not", () => {
  const { win } = fakeWindow();
  const store = createStore(win);
  let calls = 0;
  store.onExternalChange(() => (calls += 1));
  win.storageListeners.forEach((listener) => listener({ key: "ig:v1:quiz:x" }));
  win.storageListeners.forEach((listener) => listener({ key: "someone-else" }));
  assert.equal(calls, 1);
});
