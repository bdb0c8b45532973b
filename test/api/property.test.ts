/**
 * The property test over the whole public API (fast-check; see test/api/fuzz/): every exported
 * function of dist/index.js (enumerated at run time, so a new export is covered at once) is called
 * with generated bad inputs (NaN, ±Infinity, negatives, fractions, huge sizes, numeric strings,
 * wrong types, null/undefined, missing fields) derived from one valid call per function. Each call
 * must throw an Error whose message names the function and an argument (or the library's
 * BudgetError naming the function), or return a value that keeps the function's contract (finite
 * numbers, no "NaN" text). The calls run in child processes with a 512 MiB V8 heap, watched for
 * hangs (10 s per case) and resident memory (1 GiB); the library's budget is lowered to 64 MiB and
 * 2e7 work steps per call, so no case may allocate or work past that.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { runFuzz, summaryText } from "./fuzz/driver";
import { casesFor, classify, contractViolation, leaves } from "./fuzz/cases";

const ROOT = path.resolve(__dirname, "..", "..", "..");

test("property: every public function rejects bad inputs by name or keeps its contract (fast-check)", async () => {
  const summary = await runFuzz(
    { lib: path.join(ROOT, "dist", "index.js"), count: 800, budget: { maxBytes: 64 * 2 ** 20, maxSteps: 2e7 }, slowMs: 3000 },
    { caseTimeoutMs: 10000, rssLimitMb: 1024, maxOldSpaceMb: 512, shards: 1 },
  );
  console.log(`# ${summaryText(summary)}`);
  const lines = summary.bad.slice(0, 40).map((b) => `${b.o} ${b.fn}(${b.d}): ${b.m}`);
  assert.equal(summary.bad.length, 0, `${summary.bad.length} bad outcomes:\n${lines.join("\n")}`);
  assert.ok(summary.functions >= 100, `only ${summary.functions} functions enumerated`);
  assert.ok(summary.total >= 80000, `only ${summary.total} cases`);
});

test("property harness: the judge sorts each kind of outcome (it can fail)", () => {
  const names = new Set(["n", "p", "options"]);
  assert.equal(classify("gnp", names, { threw: true, error: new RangeError("gnp: n must be an integer, got NaN") }, undefined).outcome, "named");
  assert.equal(classify("gnp", names, { threw: true, error: new RangeError("gnp: something went wrong") }, undefined).outcome, "vague");
  assert.equal(classify("gnp", names, { threw: true, error: new TypeError("Cannot read properties of null (reading 'digits')") }, undefined).outcome, "engine");
  assert.equal(classify("gnp", names, { threw: true, error: new RangeError("createRng: seed must be finite") }, undefined).outcome, "wrongfn");
  assert.equal(classify("gnp", names, { threw: false, value: { m: NaN } }, undefined).outcome, "silent");
  assert.equal(classify("gnp", names, { threw: false, value: "NaN3" }, undefined).outcome, "silent");
  assert.equal(classify("gnp", names, { threw: false, value: new Float64Array([1, Infinity]) }, undefined).outcome, "silent");
  assert.equal(classify("gnp", names, { threw: false, value: { x: Infinity } }, /^\.x$/).outcome, "accepted");
  const budget = Object.assign(new RangeError("gnp: needs about 30 GiB for ..., above the memory budget of 1 GiB"), { name: "BudgetError" });
  assert.equal(classify("gnp", names, { threw: true, error: budget }, undefined).outcome, "budget");
  assert.equal(contractViolation({ a: [1, { b: -Infinity }] }), ".a[1].b = -Infinity");
});

test("property harness: cases are seeded per function and reach every leaf of the valid call", () => {
  const valid = [{ n: 10, p: 0.3, rng: 1, nested: { a: [1, 2] } }];
  const paths = leaves(valid).map((p) => p.join("."));
  assert.deepEqual(paths, ["0", "0.n", "0.p", "0.rng", "0.nested", "0.nested.a", "0.nested.a.0"]);
  const a = casesFor("gnp", undefined, valid, 200);
  const b = casesFor("gnp", undefined, valid, 200);
  assert.deepEqual(JSON.stringify(a.map((c) => c.edits.map((e) => e.path))), JSON.stringify(b.map((c) => c.edits.map((e) => e.path))));
  const hit = new Set(a.flatMap((c) => c.edits.map((e) => e.path.join("."))));
  assert.equal(hit.size, paths.length, "200 cases touch every leaf");
});
