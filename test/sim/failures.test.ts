/**
 * Random failure sets: exact size, uniform over subsets (chi-square), seeded snapshot.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomFailureSet, failureCount } from "../../src/sim/failures";
import { createRng } from "../../src/random/rng";

test("random failure set has exactly round(theta * texts) pieces", () => {
  for (const [texts, theta] of [[1, 0], [1, 1], [10, 0.25], [1000, 0.1], [999, 0.5], [12345, 0.0101]] as const) {
    const y = randomFailureSet({ texts, theta, rng: `size-${texts}-${theta}` });
    assert.equal(y.length, texts);
    assert.equal(failureCount(y), Math.round(theta * texts));
    assert.ok(y.every((v) => v === 0 || v === 1));
  }
});

test("every subset of the requested size is equally likely (chi-square, 15 subsets)", () => {
  // N = 6, m = 2 (theta = 1/3): 15 subsets. R = 30000 draws, expected 2000 each.
  // Reject at the 0.999 quantile of chi-square with 14 df = 36.123 (scipy.stats.chi2.ppf(0.999, 14)).
  const R = 30000;
  const counts = new Map<string, number>();
  for (let r = 0; r < R; r++) {
    const y = randomFailureSet({ texts: 6, theta: 1 / 3, rng: `uniform-${r}` });
    const key = Array.from(y).join("");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  assert.equal(counts.size, 15);
  let chi = 0;
  for (const c of counts.values()) chi += (c - R / 15) ** 2 / (R / 15);
  assert.ok(chi < 36.123, `chi-square ${chi} >= 36.123`);
});

test("one stream: inclusion frequency of each piece is theta within 5 binomial sd", () => {
  // 2000 draws of m = 10 out of N = 40 from one stream: each index is in Y with prob 1/4;
  // sd of its count = sqrt(2000 * 1/4 * 3/4) = 19.4; tolerance 5 sd.
  const N = 40;
  const R = 2000;
  const hits = new Float64Array(N);
  const stream = createRng("one-stream");
  for (let r = 0; r < R; r++) {
    const y = randomFailureSet({ texts: N, theta: 0.25, rng: stream });
    for (let t = 0; t < N; t++) hits[t] += y[t];
  }
  const sd = Math.sqrt(R * 0.25 * 0.75);
  for (let t = 0; t < N; t++) assert.ok(Math.abs(hits[t] - R / 4) < 5 * sd, `index ${t}: ${hits[t]}`);
});

test("SNAPSHOT (seeded, exact): randomFailureSet({ texts: 20, theta: 0.25, rng: 'snap' })", () => {
  // Snapshot of the current implementation (Floyd's algorithm on Alea 'snap'); the statistical tests
  // above are what make it trustworthy. Same seed -> same set, in every runner.
  const a = randomFailureSet({ texts: 20, theta: 0.25, rng: "snap" });
  const b = randomFailureSet({ texts: 20, theta: 0.25, rng: "snap" });
  assert.deepEqual(a, b);
  const idx: number[] = [];
  a.forEach((v, t) => v && idx.push(t));
  assert.deepEqual(idx, SNAPSHOT);
});
const SNAPSHOT = [1, 3, 5, 9, 14];

test("validation", () => {
  assert.throws(() => randomFailureSet({ texts: 10, theta: -0.1, rng: 1 }), /randomFailureSet: theta must be a finite number in \[0, 1\], got -0.1/);
  assert.throws(() => randomFailureSet({ texts: 2.5, theta: 0.1, rng: 1 }), /randomFailureSet: texts must be an integer .* got 2.5/);
  assert.throws(() => randomFailureSet({ texts: 10, theta: 0.1 } as never), /rng is required/);
  assert.throws(() => randomFailureSet(undefined as never), /randomFailureSet: options must be/);
});
