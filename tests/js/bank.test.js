/* The bank's files on the Practice page (ig-progress.js): which part files a list of
 * questions needs, and the loader that fetches each file once and tries again after a failure. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { partsOf, createLoader } = require("../../overrides/assets/javascripts/ig-progress.js");

test("the parts a block needs are those holding its questions, each once, in first-seen order", () => {
  const partOf = { a: 3, b: 0, c: 3, d: 0, e: 7 };
  const items = [{ id: "a" }, { id: "b", step: "eras" }, { id: "c" }, { id: "d" }];
  assert.deepEqual(partsOf(items, partOf), [3, 0]);
  assert.deepEqual(partsOf([{ id: "e" }], partOf), [7]);
  assert.deepEqual(partsOf([], partOf), []);
});

test("a question no longer in the bank needs no part", () => {
  assert.deepEqual(partsOf([{ id: "removed" }, null, { id: "a" }], { a: 0 }), [0]);
});

test("a file is fetched once however many callers ask for it", async () => {
  const asked = [];
  const load = createLoader((url) => {
    asked.push(url);
    return { url };
  });
  const [one, two] = await Promise.all([load("steps/visa.json"), load("steps/visa.json")]);
  assert.equal(one, two);
  await load("steps/visa.json");
  await load("steps/eras.json");
  assert.deepEqual(asked, ["steps/visa.json", "steps/eras.json"]);
});

test("a failed fetch is not kept: the next call fetches again", async () => {
  let calls = 0;
  const load = createLoader(() => {
    calls += 1;
    if (calls === 1) {
      return Promise.reject(new Error("offline"));
    }
    return { ok: true };
  });
  await assert.rejects(load("index.json"), /offline/);
  assert.deepEqual(await load("index.json"), { ok: true });
  assert.deepEqual(await load("index.json"), { ok: true });
  assert.equal(calls, 2);
});

test("a fetch that throws at once rejects instead of throwing", async () => {
  const load = createLoader(() => {
    throw new Error("bad url");
  });
  await assert.rejects(load("x.json"), /bad url/);
});
