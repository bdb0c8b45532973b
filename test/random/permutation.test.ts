/** The Fisher–Yates shuffle (src/random/permutation): exact seeded draws and uniformity over all orders. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomPermutation } from "../../src/random/permutation";
import { createRng } from "../../src/random/rng";
import { ALPHA, chiSquareTest } from "./stats-helpers";

test("randomPermutation: the swaps of Knuth's Algorithm P, replayed from the same stream, give the same order", () => {
  for (const n of [0, 1, 2, 7, 100]) {
    const got = randomPermutation(n, createRng(`perm-${n}`));
    // Replay: identity, then for i = n-1 .. 1 swap with j = rng.int(i + 1).
    const rng = createRng(`perm-${n}`);
    const want = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [want[i], want[j]] = [want[j], want[i]];
    }
    assert.deepEqual(Array.from(got), want);
    assert.deepEqual(Array.from(got).sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i), "a permutation");
  }
});

test("randomPermutation: all 4! = 24 orders equally likely (chi-square)", () => {
  const rng = createRng("perm-uniform");
  const counts = new Map<string, number>();
  const T = 48_000;
  for (let t = 0; t < T; t++) {
    const key = randomPermutation(4, rng).join("");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  assert.equal(counts.size, 24);
  const chi = chiSquareTest(Float64Array.from(counts.values()), new Float64Array(24).fill(1 / 24));
  assert.ok(chi.pValue > ALPHA, `chi-square ${chi.statistic} on ${chi.df} df, p = ${chi.pValue}`);
});

test("randomPermutation: a biased shuffle (j uniform in [0, n) at every step) is rejected by the same test", () => {
  const rng = createRng("perm-biased");
  const counts = new Map<string, number>();
  for (let t = 0; t < 48_000; t++) {
    const a = [0, 1, 2, 3];
    for (let i = 3; i > 0; i--) {
      const j = rng.int(4);
      [a[i], a[j]] = [a[j], a[i]];
    }
    const key = a.join("");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const observed = Float64Array.from({ length: 24 }, (_, i) => [...counts.values()][i] ?? 0);
  const chi = chiSquareTest(observed, new Float64Array(24).fill(1 / 24));
  assert.ok(chi.pValue < 1e-6, `the naive shuffle should fail: p = ${chi.pValue}`);
});
