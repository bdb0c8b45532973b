import { test } from "node:test";
import * as assert from "node:assert/strict";
import { createRng } from "../../src/random/rng";
import { expectedIsolatedSkills, expectedIsolated, giantFraction, giantFractionStd, isolatedThresholdP, noIsolatedLimit, noIsolatedPoisson } from "../../src/graphs/thresholds";
import { skillDegrees, skillGraph } from "../../src/graphs/skillGraph";

const close = (a: number, b: number, rel: number, msg: string) => assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${msg}: ${a} vs ${b}`);

test("giantFraction solves G = 1 - e^{-cG}; references from scipy.optimize.brentq", () => {
  // brentq(lambda g: g - 1 + exp(-c g), 1e-9, 1, xtol=1e-16) with /usr/bin/python3:
  const ref: Array<[number, number]> = [
    [1.01, 0.019736410439589836], [1.1, 0.17613414363181015], [1.5, 0.5828116438658114],
    [2, 0.79681213002002], [3, 0.9404797907073597], [5, 0.9930228463488553],
  ];
  for (const [c, g] of ref) close(giantFraction(c), g, 1e-11, `G(${c})`);
  for (const c of [0, 0.5, 1]) assert.equal(giantFraction(c), 0);
  for (let c = 1.001; c < 20; c *= 1.07) {
    const g = giantFraction(c);
    assert.ok(Math.abs(g - 1 + Math.exp(-c * g)) < 1e-14, `fixed point at c = ${c}`);
  }
  assert.throws(() => giantFraction(-1), /giantFraction: c .* got -1/);
  assert.throws(() => giantFraction(NaN), /giantFraction: c must be a finite number, got NaN/);
  assert.throws(() => giantFractionStd(100, 1), /giantFractionStd: c must be a finite number > 1/);
});

test("isolated-vertex theory: expectation by brute force, Poisson and limit forms", () => {
  // E[# isolated] = sum over vertices of P(all n-1 coins tails) computed by repeated multiplication.
  for (const [n, p] of [[10, 0.1], [1000, 0.005], [2, 1], [1, 0.3]] as Array<[number, number]>) {
    let q = 1;
    for (let i = 0; i < n - 1; i++) q *= 1 - p;
    close(expectedIsolated(n, p), n * q, 1e-12, `E iso (${n}, ${p})`);
  }
  close(noIsolatedLimit(0), Math.exp(-1), 1e-15, "exp(-e^0)");
  // At p = (ln n + c)/n, n(1-p)^(n-1) -> e^{-c}: check the finite-n forms approach the limit.
  for (const c of [-1, 0, 2]) {
    const gaps = [1e2, 1e4, 1e6].map((n) => Math.abs(noIsolatedPoisson(n, isolatedThresholdP(n, c)) - noIsolatedLimit(c)));
    assert.ok(gaps[0] > gaps[1] && gaps[1] > gaps[2] && gaps[2] < 1e-3, `c = ${c}: ${gaps}`);
  }
  assert.throws(() => isolatedThresholdP(10, -5), /isolatedThresholdP: \(ln n \+ c\)\/n must lie in \[0, 1\]/);
  assert.throws(() => expectedIsolated(10, -0.1), /expectedIsolated: p must be a probability in \[0, 1\], got -0.1/);
});

test("expectedIsolatedSkills: closed forms, and the mean number of unused skills in simulated skill graphs", () => {
  // Closed forms by repeated multiplication.
  let q = 1;
  for (let t = 0; t < 300; t++) q *= 1 - 4 / 1000;
  close(expectedIsolatedSkills({ skills: 1000, texts: 300, k: 4 }), 1000 * q, 1e-12, "distinct");
  q = 1;
  for (let t = 0; t < 1200; t++) q *= 1 - 1 / 1000;
  close(expectedIsolatedSkills({ skills: 1000, texts: 300, k: 4, distinct: false }), 1000 * q, 1e-12, "iid");
  assert.equal(expectedIsolatedSkills({ skills: 5, texts: 3, k: 5 }), 0);
  assert.throws(() => expectedIsolatedSkills({ skills: 5, texts: 3, k: 6 }), /expectedIsolatedSkills: k must be <= skills/);
  // Simulation: mean over R graphs of the unused-skill count; its sd is at most sqrt(E) (the count
  // is a sum of negatively related indicators, so Var <= mean), so 5 sqrt(E / R) bounds 5 SE.
  for (const distinct of [true, false]) {
    const rng = createRng(`unused-${distinct}`);
    const R = 400;
    let sum = 0;
    for (let r = 0; r < R; r++) sum += skillDegrees(skillGraph({ skills: 200, texts: 100, k: 3, rng, distinct })).filter((d) => d === 0).length;
    const e = expectedIsolatedSkills({ skills: 200, texts: 100, k: 3, distinct });
    assert.ok(Math.abs(sum / R - e) < 5 * Math.sqrt(e / R), `distinct=${distinct}: ${sum / R} vs ${e}`);
  }
});
