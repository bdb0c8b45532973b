import { test } from "node:test";
import assert from "node:assert/strict";
import { valueGrid } from "../../src/math/grid";

test("valueGrid: exact ends, equal steps (linear) or equal ratios (log)", () => {
  const lin = valueGrid({ from: 0, to: 0.8, count: 5 });
  assert.deepEqual(Array.from(lin), [0, 0.2, 0.4, 0.6000000000000001, 0.8]);
  const log = valueGrid({ from: 1e18, to: 1e26, count: 9, log: true });
  assert.equal(log[0], 1e18);
  assert.equal(log[8], 1e26);
  for (let i = 1; i < 9; i++) assert.ok(Math.abs(log[i] / log[i - 1] - 10) < 1e-9, `ratio ${log[i] / log[i - 1]}`);
  assert.equal(valueGrid({ from: 1, to: 2 }).length, 200);
});

test("valueGrid: bad input names the argument", () => {
  assert.throws(() => valueGrid({ from: 1, to: 1 }), /valueGrid: to must be > from, got from = 1, to = 1/);
  assert.throws(() => valueGrid({ from: 0, to: 1, log: true }), /valueGrid: a log grid needs from > 0, got from = 0/);
  assert.throws(() => valueGrid({ from: 0, to: 1, count: 1 }), /valueGrid: count/);
  assert.throws(() => valueGrid({ from: NaN, to: 1 }), /valueGrid: from/);
});

test("valueGrid: spans near Number.MAX_VALUE stay finite, evenly spaced, with exact ends", () => {
  const M = Number.MAX_VALUE;
  const g = valueGrid({ from: -M, to: M, count: 9 });
  assert.equal(g[0], -M);
  assert.equal(g[8], M);
  assert.equal(g[4], 0);
  for (const v of g) assert.ok(Number.isFinite(v));
  const h = valueGrid({ from: 0.5, to: M, count: 64 });
  for (let i = 1; i < h.length; i++) assert.ok(Number.isFinite(h[i]) && h[i] > h[i - 1]);
  // Ordinary grids keep the usual formula a + (b − a)·i/(count − 1) exactly.
  assert.equal(valueGrid({ from: 0, to: 1, count: 11 })[3], (1 * 3) / 10);
});
