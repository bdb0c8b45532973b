/**
 * Inputs that gave silent wrong values or engine errors: each now gives the right number or an error
 * naming the function, the argument and the value.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { seenTuplesVariance, tupleCoverProbability } from "../../src/combinatorics/occupancy";
import { logChoose } from "../../src/math/gamma";
import { fitScalingLaw } from "../../src/scaling/fit";
import { HOFFMANN_2022 } from "../../src/scaling/law";
import { syntheticChinchillaRuns } from "../../src/scaling/runs";
import { fromLogParams, toLogParams } from "../../src/scaling/logParams";
import { failureCount } from "../../src/sim/failures";
import { selectTopIndices } from "../../src/sim/adversary";
import { fractionOfSkillsFailing, worstFractionFailureRate } from "../../src/sim/competence";
import { normalDensity } from "../../src/random/normal";
import { createRng } from "../../src/random/rng";
import { thetaScaleFactor } from "../../src/theory/emergence";
import { formatNumber } from "../../src/view/format";
import { coinGraphAt } from "../../src/graphs/coinFlips";
import { graphDegrees } from "../../src/graphs/graph";
import { gnp } from "../../src/graphs/gnp";
import { sampleMoments } from "../../src/random/moments";

test("seenTuplesVariance at a huge corpus is 0, not NaN (a^2 underflowed while expm1 overflowed: 0 * Infinity)", () => {
  const o = { skills: 40, k: 3, kPrime: 2, distinct: true, texts: 1e7 };
  const v = seenTuplesVariance(o);
  assert.ok(Number.isFinite(v) && v >= 0 && v < 1e-300, `got ${v}`);
  // Where plain doubles do not under- or overflow, the log-space sum equals the formula evaluated directly.
  for (const texts of [50, 500, 3000]) {
    const q = tupleCoverProbability(o);
    const N = 40, kp = 2;
    const a = Math.pow(1 - q, texts);
    let direct = 0;
    for (let j = 0; j <= kp; j++) {
      const nj = Math.exp(logChoose(N, kp) + logChoose(kp, j) + logChoose(N - kp, kp - j));
      const r = j === kp ? q : tupleCoverProbability({ ...o, kPrime: 2 * kp - j });
      const c = j === kp ? a : Math.pow(1 - 2 * q + r, texts);
      direct += nj * (c - a * a);
    }
    const got = seenTuplesVariance({ ...o, texts });
    assert.ok(Math.abs(got - direct) <= 1e-9 * direct, `texts = ${texts}: ${got} vs ${direct}`);
  }
});

test("fitScalingLaw: a start with A = e^1e9 is a named error; a run that ends where e^a overflows is never the fit nor counted converged", () => {
  const runs = syntheticChinchillaRuns({ rng: 2, params: HOFFMANN_2022, runs: 20 });
  assert.throws(() => fitScalingLaw(runs, { starts: [{ a: 1e9, b: 6, e: 0.5, alpha: 0.3, beta: 0.3 }] }), /fitScalingLaw: options\.starts\[0\]\.a must be a finite number in \[-700, 700\], got 1000000000/);
  const good = { a: 6, b: 6, e: 0.5, alpha: 0.3, beta: 0.3 };
  const fit = fitScalingLaw(runs, { starts: [{ a: 700, b: 700, e: 0.5, alpha: 0, beta: 0 }, good], polish: 2 });
  for (const key of ["E", "A", "B", "alpha", "beta"] as const) assert.ok(Number.isFinite(fit.params[key]), `${key} = ${fit.params[key]}`);
  assert.ok(fit.converged <= 2);
  assert.throws(() => fitScalingLaw(runs, { starts: [good], lbfgs: { memory: NaN } }), /fitScalingLaw: options\.lbfgs\.memory must be an integer in \[1, 100\], got NaN/);
});

test("failureCount and selectTopIndices reject what is not a mask or a count", () => {
  assert.throws(() => failureCount([NaN, -1, "3"] as never), /failureCount: mask must be a Uint8Array of 0\/1 entries, got \[NaN, -1, "3"\]/);
  const scores = Float64Array.from([3, 1, 2]);
  for (const m of [-1, NaN, 1e300, 2.5]) {
    assert.throws(() => selectTopIndices(scores, m, createRng(1)), new RegExp(`selectTopIndices: m must be an integer in \\[0, scores.length = 3\\], got ${String(m).replace("+", "\\+")}`));
  }
  assert.deepEqual(Array.from(selectTopIndices(scores, 2, createRng(1))), [1, 0, 1]);
});

test("failure rates outside [0, 1] or NaN are rejected by fractionOfSkillsFailing and worstFractionFailureRate", () => {
  for (const bad of [1.5, -1, NaN]) {
    assert.throws(() => fractionOfSkillsFailing({ failureRate: [0.1, bad], theta: 0.1, beta: 2 }), new RegExp(`fractionOfSkillsFailing: failureRate\\[1\\] must be a failure rate in \\[0, 1\\], got ${bad}`));
    assert.throws(() => worstFractionFailureRate([bad, 0.2], 0.5), new RegExp(`worstFractionFailureRate: failureRate\\[0\\] must be a failure rate in \\[0, 1\\], got ${bad}`));
  }
});

test("normalDensity: x undefined or a numeric string is an error, not NaN or a coerced number", () => {
  assert.throws(() => normalDensity({ x: undefined as never, mean: 0, std: 1 }), /normalDensity: x must be a finite number, got undefined/);
  assert.throws(() => normalDensity({ x: "3" as never, mean: 0, std: 1 }), /normalDensity: x must be a finite number, got "3"/);
  assert.throws(() => normalDensity({ x: 0, mean: "3" as never, std: 1 }), /normalDensity: mean must be a finite number, got "3"/);
  assert.ok(Math.abs(normalDensity({ x: 0, mean: 0, std: 1 }) - 1 / Math.sqrt(2 * Math.PI)) < 1e-16);
});

test("the log-parameter helpers check their input; thetaScaleFactor rejects E = NaN", () => {
  assert.throws(() => toLogParams({ ...HOFFMANN_2022, E: 0 }), /toLogParams: E must be a finite number > 0, got 0/);
  assert.throws(() => toLogParams({ ...HOFFMANN_2022, alpha: NaN }), /toLogParams: alpha must be a finite number, got NaN/);
  assert.throws(() => fromLogParams({ a: 800, b: 1, e: 0, alpha: 0.3, beta: 0.3 }), /fromLogParams: a must be a number with a finite exponential/);
  assert.throws(() => fromLogParams({ a: 1, b: 1, e: NaN, alpha: 0.3, beta: 0.3 }), /fromLogParams: e must be/);
  const t = toLogParams(HOFFMANN_2022);
  assert.ok(Math.abs(fromLogParams(t).A - HOFFMANN_2022.A) < 1e-12 * HOFFMANN_2022.A);
  assert.throws(() => thetaScaleFactor({ params: { ...HOFFMANN_2022, E: NaN }, N: 1e9, D: 2e10 }), /thetaScaleFactor: params\.E must be a finite number >= 0, got NaN/);
});

test("syntheticChinchillaRuns with huge noise is an error, not loss = Infinity", () => {
  assert.throws(() => syntheticChinchillaRuns({ rng: 1, params: HOFFMANN_2022, runs: 10, noise: 1e3 }), /syntheticChinchillaRuns: options\.noise must be a finite number in \[0, 10\], got 1000/);
  assert.throws(
    () => syntheticChinchillaRuns({ rng: 1, params: { ...HOFFMANN_2022, beta: 1e15 }, runs: 10 }),
    /syntheticChinchillaRuns: .*(outside the double range|must be)/,
  );
  for (const r of syntheticChinchillaRuns({ rng: 1, params: HOFFMANN_2022, runs: 50, noise: 10 })) assert.ok(Number.isFinite(r.loss) && r.loss > 0);
});

test("engine errors became named ones: formatNumber(1, null), coinGraphAt(null), graphDegrees(null), sampleMoments overflow", () => {
  assert.throws(() => formatNumber(1, null as never), /formatNumber: options must be an object \{ digits\?, largeAbove\?, smallBelow\? \}, got null/);
  assert.throws(() => coinGraphAt(null as never, 0.5), /coinGraphAt: coins must be the result of coinFlipGraph/);
  assert.throws(() => graphDegrees(null as never), /graphDegrees: graph must be a Graph/);
  assert.deepEqual(Array.from(graphDegrees(gnp({ n: 3, p: 1, rng: 1 }))), [2, 2, 2]);
  assert.throws(() => sampleMoments([1e308, -1e308]), /sampleMoments: the variance of values is beyond the double range/);
  const m = sampleMoments([1e153, 3e153]); // differences near the double's limit: computed on a scaled copy
  assert.ok(Math.abs(m.mean / 2e153 - 1) < 1e-15 && Math.abs(m.variance / 2e306 - 1) < 1e-12, `${m.mean} ${m.variance}`);
});
