import { test } from "node:test";
import assert from "node:assert/strict";
import { giantFractionCurve, noIsolatedLimitCurve } from "../../src/graphs/curves";
import { skillsByRank } from "../../src/graphs/measures";

test("noIsolatedLimitCurve: exp(−e^(−c)) on an even grid of c (e^(−1) at c = 0)", () => {
  const pts = noIsolatedLimitCurve({ from: -2, to: 4, points: 301 });
  assert.equal(pts.length, 301);
  assert.equal(pts[0].c, -2);
  assert.equal(pts[300].c, 4);
  const zero = pts[100];
  assert.ok(Math.abs(zero.c) < 1e-12);
  assert.ok(Math.abs(zero.probability - Math.exp(-1)) < 1e-12);
  for (let i = 1; i < pts.length; i++) assert.ok(pts[i].probability > pts[i - 1].probability, "increasing in c");
});

test("giantFractionCurve: 0 up to c = 1, then the root of G = 1 − e^(−cG)", () => {
  const pts = giantFractionCurve({ from: 0, to: 3, points: 31 });
  for (const p of pts.filter((q) => q.c <= 1)) assert.equal(p.fraction, 0);
  // Independent reference: fixed-point iteration of G = 1 − e^(−cG) from G = 1.
  for (const p of pts.filter((q) => q.c > 1.2)) {
    let g = 1;
    for (let i = 0; i < 2000; i++) g = 1 - Math.exp(-p.c * g);
    assert.ok(Math.abs(p.fraction - g) < 1e-9, `c = ${p.c}: ${p.fraction} vs ${g}`);
  }
  const two = pts.find((q) => Math.abs(q.c - 2) < 1e-12)!;
  assert.ok(Math.abs(two.fraction - 0.7968121300200199) < 1e-9);
  assert.throws(() => giantFractionCurve({ from: -1, to: 1 }), /giantFractionCurve: from must be a mean degree c >= 0, got -1/);
});

test("skillsByRank: most frequent first, each skill's share of the edges", () => {
  const ranked = skillsByRank({ skillMeasure: [0.1, 0.6, 0.3], degrees: [10, 50, 40], edges: 100 });
  assert.deepEqual(ranked.map((r) => r.skill), [1, 2, 0]);
  assert.deepEqual(ranked.map((r) => r.rank), [1, 2, 3]);
  assert.deepEqual(ranked.map((r) => r.edgeShare), [0.5, 0.4, 0.1]);
  assert.equal(skillsByRank({ skillMeasure: [0.5, 0.5], degrees: [0, 4], edges: 4 })[0].edgeShare, null, "a skill without edges has no share (ties by id)");
  assert.equal(skillsByRank({ skillMeasure: [0.2, 0.8] })[0].edgeShare, null);
  assert.throws(() => skillsByRank({ skillMeasure: [0.5, 0.5], degrees: [1] , edges: 1 }), /skillsByRank: degrees must have one entry per skill \(2\), got 1/);
  assert.throws(() => skillsByRank({ skillMeasure: [0.5, 0.5], degrees: [1, 1] }), /skillsByRank: edges \(k·N_t\) must be a number > 0/);
  assert.throws(() => skillsByRank({ skillMeasure: [] }), /skillsByRank: skillMeasure must be a non-empty array/);
});
