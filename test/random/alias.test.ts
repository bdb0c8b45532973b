/**
 * The alias sampler (Walker 1977, Vose 1991): exact seeded snapshot, the table's implied distribution,
 * chi-square frequencies, and a deliberately biased sampler that the same chi-square test must reject.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { aliasTable, drawAlias, sampleAlias } from "../../src/random/alias";
import { createRng } from "../../src/random/rng";
import { ALPHA, chiSquareTest } from "./stats-helpers";

test("sampleAlias: exact seeded SNAPSHOT (guards the output sequence; the tests below check the law)", () => {
  // Recorded from this implementation (Vose set-up, one 53-bit uniform per draw) on seed "alias-snapshot".
  const got = Array.from(sampleAlias({ weights: [1, 2, 3, 4], count: 12, rng: "alias-snapshot" }));
  assert.deepEqual(got, SNAPSHOT);
});
const SNAPSHOT = [2, 2, 1, 2, 1, 2, 2, 3, 0, 2, 3, 3];

/** The distribution a table implies: column j (chosen with prob 1/n) gives j w.p. keep[j], alias[j] otherwise. */
function impliedDistribution(t: ReturnType<typeof aliasTable>): Float64Array {
  const q = new Float64Array(t.n);
  for (let j = 0; j < t.n; j++) {
    q[j] += t.keep[j] / t.n;
    q[t.alias[j]] += (1 - t.keep[j]) / t.n;
  }
  return q;
}

test("aliasTable: the table implies exactly the normalised weights (to 1e-14), zero weights included", () => {
  const cases = [[1, 2, 3, 4], [0, 5, 0, 1e-9, 7], [1], [1e300, 1e300], Array.from({ length: 1000 }, (_, i) => 1 / (i + 1)), [1, 0, 0, 0, 0, 0]];
  for (const w of cases) {
    const t = aliasTable(w);
    const total = w.reduce((a, b) => a + b, 0);
    const q = impliedDistribution(t);
    for (let i = 0; i < w.length; i++) {
      assert.ok(Math.abs(q[i] - w[i] / total) < 1e-14, `weights ${w.length}: outcome ${i} has ${q[i]}, want ${w[i] / total}`);
      assert.ok(t.keep[i] >= 0 && t.keep[i] <= 1 + 1e-12, "keep is a probability");
    }
  }
});

test("sampleAlias: frequencies match the weights (chi-square, 200,000 draws), zero weights never drawn", () => {
  const cases: number[][] = [
    [1, 2, 3, 4],
    Array.from({ length: 50 }, (_, i) => 1 / (i + 1)), // Zipf(1) on 50 items
    [0, 10, 0, 1, 0.5, 0, 3],
    [1000, 1, 1, 1, 1], // one dominant outcome
  ];
  cases.forEach((w, c) => {
    const total = w.reduce((a, b) => a + b, 0);
    const draws = sampleAlias({ weights: w, count: 200_000, rng: `alias-freq-${c}` });
    const counts = new Float64Array(w.length);
    for (const d of draws) counts[d]++;
    w.forEach((x, i) => {
      if (x === 0) assert.equal(counts[i], 0, `case ${c}: zero-weight outcome ${i} drawn`);
    });
    const chi = chiSquareTest(counts, w.map((x) => x / total));
    assert.ok(chi.pValue > ALPHA, `case ${c}: chi-square ${chi.statistic} on ${chi.df} df, p = ${chi.pValue}`);
  });
});

test("the chi-square check has power: it rejects an alias sampler that reuses the column's uniform for the coin", () => {
  // A classic bug: choose the column with u, then keep it when u < keep[i] (the same u, not its fraction).
  const w = Array.from({ length: 50 }, (_, i) => 1 / (i + 1));
  const total = w.reduce((a, b) => a + b, 0);
  const t = aliasTable(w);
  const rng = createRng("alias-biased");
  const counts = new Float64Array(w.length);
  for (let r = 0; r < 200_000; r++) {
    const u = rng.double();
    const i = Math.floor(u * t.n);
    counts[u < t.keep[i] ? i : t.alias[i]]++;
  }
  const chi = chiSquareTest(counts, w.map((x) => x / total));
  assert.ok(chi.pValue < ALPHA, `biased sampler should be rejected, p = ${chi.pValue}`);
  // and the correct draw on the same stream passes
  const good = new Float64Array(w.length);
  const rng2 = createRng("alias-biased");
  for (let r = 0; r < 200_000; r++) good[drawAlias(t, rng2)]++;
  assert.ok(chiSquareTest(good, w.map((x) => x / total)).pValue > ALPHA);
});

test("aliasTable / sampleAlias: bad arguments throw errors naming the argument and value", () => {
  assert.throws(() => aliasTable([]), /aliasTable: weights must be a non-empty array/);
  assert.throws(() => aliasTable([1, -2]), /aliasTable: weights\[1\] must be a finite number >= 0, got -2/);
  assert.throws(() => aliasTable([1, NaN]), /aliasTable: weights\[1\] must be a finite number >= 0, got NaN/);
  assert.throws(() => aliasTable([0, 0]), /aliasTable: weights must have a finite positive sum, got 0/);
  assert.throws(() => sampleAlias({ weights: [1], count: -1, rng: 1 }), /sampleAlias: count must be an integer in \[0, 2\^32\], got -1/);
  assert.throws(() => sampleAlias({ weights: [1], count: 1 } as never), /rng is required/);
});
