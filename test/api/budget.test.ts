/**
 * Memory and work budgets (src/budget.ts): calls whose memory or time grows with an argument throw a
 * BudgetError naming the function, the estimate and the budget before allocating or looping; the
 * budget can be raised. Each case here ran out of memory, crashed the process or did not finish
 * before the budgets existed.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { BudgetError, getBudget, setBudget } from "../../src/budget";
import { gnp } from "../../src/graphs/gnp";
import { gnm } from "../../src/graphs/gnm";
import { skillGraph } from "../../src/graphs/skillGraph";
import { concentrationExperiment, clozeFailureExperiment, finiteSizeExperiment } from "../../src/sim/experiments";
import { coverageExperiment } from "../../src/combinatorics/experiments";
import { sampleTupleCoverage } from "../../src/combinatorics/coverage";
import { kPieceFailureFraction } from "../../src/sim/tuples";
import { adversaryLimitBeta } from "../../src/sim/adversary";
import { syntheticChinchillaRuns } from "../../src/scaling/runs";
import { HOFFMANN_2022 } from "../../src/scaling/law";
import { computeFrontierFigure } from "../../src/view/scaling";
import { logChoose } from "../../src/math/gamma";

/** Asserts a BudgetError of `fn` and that the call allocated (almost) nothing. */
function assertBudget(call: () => unknown, fn: string, kind: "memory" | "work"): void {
  const before = process.memoryUsage().arrayBuffers;
  const t0 = Date.now();
  assert.throws(call, (e: unknown) => {
    assert.ok(e instanceof BudgetError, `expected a BudgetError, got ${String(e)}`);
    assert.equal(e.kind, kind);
    assert.match(e.message, new RegExp(`^${fn}: needs about .* above the ${kind === "memory" ? "memory" : "work"} budget of .*setBudget\\(\\{ ${kind === "memory" ? "maxBytes" : "maxSteps"}: `));
    assert.ok(e.needed > e.limit);
    return true;
  });
  assert.ok(Date.now() - t0 < 2000, `${fn} took ${Date.now() - t0} ms to refuse`);
  assert.ok(process.memoryUsage().arrayBuffers - before < 64 * 2 ** 20, `${fn} allocated before refusing`);
}

const quick = { timeout: 20000 };

test("gnp(n = 1e5, p = 0.4) passes the CSR limit but is refused by the memory budget before allocating", quick, () => {
  assertBudget(() => gnp({ n: 1e5, p: 0.4, rng: 1 }), "gnp", "memory");
});

test("gnm with 2e9 edges and skillGraph with 1e9 skills are refused by the memory budget", quick, () => {
  assertBudget(() => gnm({ n: 1e5, m: 2e9, rng: 1 }), "gnm", "memory");
  assertBudget(() => skillGraph({ skills: 1e9, texts: 10, k: 3, rng: 1 }), "skillGraph", "memory");
});

test("experiments with 1e9 skills are refused before building their graphs", quick, () => {
  assertBudget(() => concentrationExperiment({ skills: 1e9, textsList: [100], k: 3, theta: 0.1, rng: 1 }), "concentrationExperiment", "memory");
  assertBudget(() => finiteSizeExperiment({ skills: 1e9, ratios: [1], k: 3, theta: 0.1, alpha: 0.2, rng: 1 }), "finiteSizeExperiment", "memory");
  // C(1e9, 2) = 5e17 tuples > 2^53 cannot be ranked: a named error, not a budget; 1e8 skills fit 2^53
  // but the bitmap and the graph do not fit the budget.
  assert.throws(() => coverageExperiment({ skills: 1e9, k: 3, kPrime: 2, texts: [10], distinct: true, replicates: 2, rng: 1 }), /coverageExperiment: C\(skills, kPrime\) = C\(1000000000, 2\) is about 10\^17\.7, above 2\^53/);
  assertBudget(() => coverageExperiment({ skills: 1e8, k: 3, kPrime: 2, texts: [10], distinct: true, replicates: 2, rng: 1 }), "coverageExperiment", "memory");
  assertBudget(() => sampleTupleCoverage({ skills: 1e8, k: 3, kPrime: 2, texts: 10, distinct: true, rng: 1 }), "sampleTupleCoverage", "memory");
});

test("runaway work is refused: kPieceFailureFraction with a huge kPrime, 1e9 cloze questions, 1e9 synthetic runs", quick, () => {
  const mask = new Uint8Array(100);
  mask[3] = 1;
  assertBudget(() => kPieceFailureFraction({ failed: mask, kPrime: 2 ** 50, samples: 10, rng: 1 }), "kPieceFailureFraction", "work");
  assertBudget(() => clozeFailureExperiment({ deltas: [0.1], questions: 1e9, rng: 1 }), "clozeFailureExperiment", "work");
  assertBudget(() => syntheticChinchillaRuns({ rng: 1, params: HOFFMANN_2022, runs: 1e9 }), "syntheticChinchillaRuns", "memory");
});

test("setBudget raises or lowers the limits for every call and returns the previous budget", () => {
  const original = getBudget();
  assert.deepEqual(original, { maxBytes: 2 ** 30, maxSteps: 5e9 });
  try {
    const prev = setBudget({ maxSteps: 1e4 });
    assert.deepEqual(prev, original);
    assertBudget(() => clozeFailureExperiment({ deltas: [0.1], questions: 1000, rng: 1 }), "clozeFailureExperiment", "work");
    setBudget({ maxSteps: 1e6 });
    assert.equal(clozeFailureExperiment({ deltas: [0.1], questions: 1000, rng: 1 }).length, 1);
  } finally {
    setBudget(original);
  }
  assert.deepEqual(getBudget(), original);
  assert.throws(() => setBudget({ maxBytes: -1 }), /setBudget: maxBytes must be a number > 0 \(Infinity for no limit\), got -1/);
  assert.throws(() => setBudget({ maxBytes: NaN }), /setBudget: maxBytes must be a number > 0/);
  assert.throws(() => setBudget({ maxByte: 1 } as never), /setBudget: budget has an unknown field "maxByte"/);
  assert.throws(() => setBudget(null as never), /setBudget: budget must be an object/);
});

test("computeFrontierFigure: points = 1e9 is refused (it ended the process with heap out of memory); NaN, -1, 0 are errors, not an empty figure", () => {
  const laws = [{ name: "Hoffmann", params: HOFFMANN_2022 }];
  // In a child with a small heap: before the check this call ended the process.
  const lib = path.resolve(__dirname, "..", "..", "src", "view", "scaling.js");
  const law = path.resolve(__dirname, "..", "..", "src", "scaling", "law.js");
  const code = `const { computeFrontierFigure } = require(${JSON.stringify(lib)}); const { HOFFMANN_2022 } = require(${JSON.stringify(law)});
    try { computeFrontierFigure({ laws: [{ name: "H", params: HOFFMANN_2022 }], points: 1e9 }); console.log("returned"); } catch (e) { console.log(e.message); }`;
  const r = spawnSync(process.execPath, ["--max-old-space-size=256", "-e", code], { encoding: "utf8", timeout: 60000 });
  assert.equal(r.status, 0, `the process ended with ${r.status ?? r.signal}: ${r.stderr.slice(-300)}`);
  assert.match(r.stdout, /computeFrontierFigure: points must be an integer in \[2, 100000\], got 1000000000/);
  for (const points of [NaN, -1, 0, 1.5]) {
    assert.throws(() => computeFrontierFigure({ laws, points }), new RegExp(`computeFrontierFigure: points must be an integer in \\[2, 100000\\], got ${points}`));
  }
  assert.equal(computeFrontierFigure({ laws, points: 5 }).data[0].x?.toString().split(",").length, 5);
});

test("adversaryLimitBeta is fast for large k (it was O(k^2): 6 s at k = 3e4) and matches a term-by-term binomial sum", () => {
  const theta = 0.1, k = 30000, alpha = 0.3;
  const t0 = Date.now();
  const got = adversaryLimitBeta({ theta, k, alpha });
  assert.ok(Date.now() - t0 < 200, `took ${Date.now() - t0} ms`);
  // Independent: every pmf value from logChoose over the whole support, top theta mass taken.
  let left = theta, edges = 0;
  for (let x = k; x >= 0 && left > 0; x--) {
    const p = Math.exp(logChoose(k, x) + x * Math.log(alpha) + (k - x) * Math.log1p(-alpha));
    const take = Math.min(left, p);
    edges += take * x;
    left -= take;
  }
  const want = edges / (k * alpha) / theta;
  assert.ok(Math.abs(got.beta - want) < 1e-9 * want, `${got.beta} vs ${want}`);
  const t1 = Date.now();
  const huge = adversaryLimitBeta({ theta, k: 1e10, alpha });
  assert.ok(Date.now() - t1 < 2000 && Number.isFinite(huge.beta) && huge.beta > 1, `k = 1e10: ${huge.beta} in ${Date.now() - t1} ms`);
});
