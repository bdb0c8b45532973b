/** G(n, p) by coin flips (src/graphs/coinFlips): the coupling and the pair frequencies. */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { createRng } from "../../src/random/rng";
import { coinFlipGraph, coinGraphAt } from "../../src/graphs/coinFlips";

test("coinFlipGraph: heads are exactly the pairs with coin < p, and raising p only adds edges", () => {
  const c = coinFlipGraph({ n: 30, p: 0.2, rng: createRng("coins") });
  assert.equal(c.coin.length, (30 * 29) / 2);
  const heads = Array.from(c.coin).filter((u) => u < 0.2).length;
  assert.equal(c.graph.m, heads);
  let prev = coinGraphAt(c, 0);
  assert.equal(prev.m, 0);
  for (const p of [0.1, 0.2, 0.5, 1]) {
    const g = coinGraphAt(c, p);
    for (let v = 0; v < g.n; v++) {
      const now = new Set(g.neighbors.subarray(g.offsets[v], g.offsets[v + 1]));
      for (const u of prev.neighbors.subarray(prev.offsets[v], prev.offsets[v + 1])) assert.ok(now.has(u), `edge ${v}-${u} lost at p = ${p}`);
    }
    prev = g;
  }
  assert.equal(prev.m, c.coin.length);
  assert.throws(() => coinFlipGraph({ n: 3000, p: 0.1, rng: 1 }), /coinFlipGraph: n must be an integer in \[1, 2000\], got 3000/);
});

test("coinFlipGraph: every pair has frequency p within 5 sigma (Bonferroni over 15 pairs)", () => {
  const rng = createRng("coin-pairs");
  const n = 6;
  const p = 0.3;
  const R = 20_000;
  const counts = new Float64Array(n * n);
  for (let r = 0; r < R; r++) {
    const g = coinFlipGraph({ n, p, rng }).graph;
    for (let v = 0; v < n; v++) for (let j = g.offsets[v]; j < g.offsets[v + 1]; j++) counts[v * n + g.neighbors[j]]++;
  }
  const tol = 5 * Math.sqrt((p * (1 - p)) / R);
  for (let v = 0; v < n; v++) for (let w = 0; w < v; w++) assert.ok(Math.abs(counts[v * n + w] / R - p) < tol, `pair (${v}, ${w}): ${counts[v * n + w] / R}`);
});
