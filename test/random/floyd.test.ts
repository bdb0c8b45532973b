/** Floyd's k-subset sampling (src/random/floyd): one implementation behind sampleKSubset and the failure sets. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { floydMask, floydSample } from "../../src/random/floyd";
import { createRng } from "../../src/random/rng";
import { ALPHA, chiSquareTest } from "./stats-helpers";

test("floydSample: the mask and the set membership give the same picks from the same stream; k distinct indices", () => {
  for (const [n, k] of [[1, 1], [10, 0], [10, 10], [1000, 37], [50, 49]]) {
    const withMask = new Uint8Array(n);
    const a = floydSample(n, k, createRng(`floyd-${n}-${k}`), withMask);
    const b = floydSample(n, k, createRng(`floyd-${n}-${k}`));
    assert.deepEqual(a, b);
    assert.equal(new Set(a).size, k);
    assert.ok(a.every((i) => i < n));
    let ones = 0;
    for (const v of withMask) ones += v;
    assert.equal(ones, k);
    assert.deepEqual(floydMask(n, k, createRng(`floyd-${n}-${k}`)), withMask);
  }
});

test("floydSample: all C(6, 3) = 20 subsets equally likely (chi-square)", () => {
  const rng = createRng("floyd-uniform");
  const counts = new Float64Array(64);
  const T = 40_000;
  for (let t = 0; t < T; t++) {
    let mask = 0;
    for (const i of floydSample(6, 3, rng)) mask |= 1 << i;
    counts[mask]++;
  }
  const observed: number[] = [];
  for (let m = 0; m < 64; m++) {
    let bits = 0;
    for (let v = m; v; v >>= 1) bits += v & 1;
    if (bits === 3) observed.push(counts[m]);
    else assert.equal(counts[m], 0);
  }
  const chi = chiSquareTest(Float64Array.from(observed), new Float64Array(20).fill(1 / 20));
  assert.ok(chi.pValue > ALPHA, `chi-square ${chi.statistic} on ${chi.df} df, p = ${chi.pValue}`);
});
