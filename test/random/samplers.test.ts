import { test } from "node:test";
import * as assert from "node:assert/strict";
import { createRng } from "../../src/random/rng";
import { sampleBinomial, sampleGeometric, sampleIid, sampleKSubset } from "../../src/random/samplers";
import { ALPHA, binomialPmf, chiSquareSurvival, chiSquareTest, logGamma, Z5 } from "./stats-helpers";

test("stats helpers agree with scipy (reference values from /usr/bin/python3 scipy.stats.chi2.sf, scipy.special.gammaln)", () => {
  assert.ok(Math.abs(chiSquareSurvival(30.1, 19) - 0.05053949774984419) < 1e-12);
  assert.ok(Math.abs(chiSquareSurvival(5, 3) - 0.1717971442967335) < 1e-12);
  assert.ok(Math.abs(chiSquareSurvival(200, 150) - 0.003973185970821635) < 1e-12);
  assert.ok(Math.abs(logGamma(0.3) - 1.0957979948180756) < 1e-12);
  assert.ok(Math.abs(logGamma(123.4) - 469.3360974421906) < 1e-10);
});

test("samplers: exact seeded SNAPSHOTS (paired with the statistical tests below)", () => {
  // Recorded from this implementation on 2026-11-29, seed "snapshot".
  const r = () => createRng("snapshot");
  let g = r();
  assert.deepEqual(Array.from({ length: 8 }, () => sampleGeometric({ p: 0.3, rng: g })), [0, 3, 10, 1, 24, 8, 2, 0]);
  g = r();
  assert.deepEqual(Array.from({ length: 6 }, () => sampleBinomial({ n: 20, p: 0.3, rng: g })), [5, 7, 10, 6, 14, 10]);
  g = r();
  assert.deepEqual(Array.from({ length: 6 }, () => sampleBinomial({ n: 1000, p: 0.3, rng: g })), [290, 306, 271, 314, 326, 294]);
  assert.deepEqual(Array.from(sampleKSubset({ n: 100, k: 5, rng: r() })), [7, 26, 63, 65, 97]);
  assert.deepEqual(Array.from(sampleIid({ n: 100, k: 5, rng: r() })), [28, 65, 66, 7, 97]);
});

/** Moments check: |mean - mu| and |var - sigma2| within 5 standard errors (normal approximation). */
function checkMoments(xs: Float64Array, mu: number, sigma2: number, mu4: number, label: string): void {
  const T = xs.length;
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / T;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  const v = ss / (T - 1);
  // SE(mean) = sqrt(sigma2 / T); SE(sample variance) ≈ sqrt((mu4 - sigma2^2) / T) (delta method).
  const seMean = Math.sqrt(sigma2 / T);
  const seVar = Math.sqrt((mu4 - sigma2 * sigma2) / T);
  assert.ok(Math.abs(mean - mu) < Z5 * seMean, `${label}: mean ${mean} vs ${mu} (5 SE = ${Z5 * seMean})`);
  assert.ok(Math.abs(v - sigma2) < Z5 * seVar, `${label}: variance ${v} vs ${sigma2} (5 SE = ${Z5 * seVar})`);
}

/** Central fourth moment of a pmf given as an array. */
function centralMoments(pmf: ArrayLike<number>): { mu: number; var: number; mu4: number } {
  let mu = 0;
  for (let k = 0; k < pmf.length; k++) mu += k * pmf[k];
  let v = 0;
  let m4 = 0;
  for (let k = 0; k < pmf.length; k++) {
    v += (k - mu) ** 2 * pmf[k];
    m4 += (k - mu) ** 4 * pmf[k];
  }
  return { mu, var: v, mu4: m4 };
}

function histogram(xs: ArrayLike<number>, size: number): Float64Array {
  const h = new Float64Array(size);
  for (let i = 0; i < xs.length; i++) h[Math.min(xs[i], size - 1)]++;
  return h;
}

test("sampleGeometric: moments and chi-square against (1-p)^k p", () => {
  const rng = createRng("geometric");
  for (const p of [0.3, 0.02, 0.9]) {
    const T = 100_000;
    const xs = new Float64Array(T);
    for (let i = 0; i < T; i++) xs[i] = sampleGeometric({ p, rng });
    const K = Math.ceil(60 / p); // tail beyond K has mass (1-p)^K < e^-60: lumped into the last bin
    const pmf = new Float64Array(K + 1);
    for (let k = 0; k < K; k++) pmf[k] = (1 - p) ** k * p;
    pmf[K] = (1 - p) ** K;
    const m = centralMoments(pmf);
    assert.ok(Math.abs(m.mu - (1 - p) / p) < 1e-9 && Math.abs(m.var - (1 - p) / p ** 2) < 1e-6);
    checkMoments(xs, m.mu, m.var, m.mu4, `geometric p=${p}`);
    const chi = chiSquareTest(histogram(xs, K + 1), pmf);
    assert.ok(chi.pValue > ALPHA, `geometric p=${p}: chi-square ${chi.statistic} on ${chi.df} df, p-value ${chi.pValue}`);
  }
  assert.equal(sampleGeometric({ p: 1, rng }), 0);
  assert.throws(() => sampleGeometric({ p: 0, rng }), /sampleGeometric: p must be in \(0, 1\], got 0/);
  assert.throws(() => sampleGeometric({ p: 0.5, rng: undefined as never }), /rng is required/);
});

test("sampleBinomial: chi-square and moments in both regimes (inversion for np < 10, BTRS otherwise)", () => {
  const rng = createRng("binomial");
  const cases: Array<[number, number]> = [
    [20, 0.3], // inversion
    [15, 0.5], // inversion at np = 7.5
    [25, 0.5], // BTRS at np = 12.5, close to its lower limit
    [1000, 0.3], // BTRS
    [100, 0.9], // symmetry + BTRS
    [1_000_000, 2e-5], // BTRS, np = 20
    [7, 0.97], // symmetry + inversion
  ];
  for (const [n, p] of cases) {
    const T = 60_000;
    const xs = new Float64Array(T);
    for (let i = 0; i < T; i++) xs[i] = sampleBinomial({ n, p, rng });
    const support = Math.min(n, Math.ceil(n * p + 12 * Math.sqrt(n * p * (1 - p)) + 20));
    const pmf = binomialPmf(n, p).subarray(0, support + 1);
    const mu4 = n * p * (1 - p) * (1 + 3 * (n - 2) * p * (1 - p)); // binomial central 4th moment
    checkMoments(xs, n * p, n * p * (1 - p), mu4, `binomial(${n}, ${p})`);
    const chi = chiSquareTest(histogram(xs, support + 1), pmf);
    assert.ok(chi.pValue > ALPHA, `binomial(${n}, ${p}): chi-square ${chi.statistic.toFixed(1)} on ${chi.df} df, p = ${chi.pValue}`);
  }
  assert.equal(sampleBinomial({ n: 0, p: 0.5, rng }), 0);
  assert.equal(sampleBinomial({ n: 9, p: 1, rng }), 9);
  assert.equal(sampleBinomial({ n: 9, p: 0, rng }), 0);
  assert.throws(() => sampleBinomial({ n: 9, p: 1.5, rng }), /sampleBinomial: p must be a probability in \[0, 1\], got 1.5/);
  assert.throws(() => sampleBinomial({ n: 2.5, p: 0.5, rng }), /sampleBinomial: n must be a non-negative integer, got 2.5/);
});

test("the binomial chi-square check has power: it rejects a rounded-normal approximation", () => {
  // A plausible but inexact sampler: round(N(np, np(1-p))) by Box–Muller. Must fail the same check.
  const rng = createRng("normal-approx");
  const n = 20;
  const p = 0.3;
  const T = 60_000;
  const xs = new Float64Array(T);
  for (let i = 0; i < T; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - rng.double())) * Math.cos(2 * Math.PI * rng.double());
    xs[i] = Math.min(n, Math.max(0, Math.round(n * p + z * Math.sqrt(n * p * (1 - p)))));
  }
  const chi = chiSquareTest(histogram(xs, n + 1), binomialPmf(n, p));
  assert.ok(chi.pValue < ALPHA, `normal approximation should be rejected, p = ${chi.pValue}`);
});

/** Index of a sorted k-subset of [0, n) in colex order. */
function subsetRank(s: ArrayLike<number>): number {
  let r = 0;
  for (let i = 0; i < s.length; i++) r += binom(s[i], i + 1);
  return r;
}
function binom(n: number, k: number): number {
  if (k > n) return 0;
  let b = 1;
  for (let i = 1; i <= k; i++) b = (b * (n - k + i)) / i;
  return Math.round(b);
}

test("sampleKSubset: every one of the C(n, k) subsets is equally frequent (chi-square)", () => {
  const rng = createRng("ksubset");
  for (const [n, k] of [[6, 3], [7, 2], [5, 4], [8, 8]] as Array<[number, number]>) {
    const total = binom(n, k);
    const T = 2000 * total > 60_000 ? 60_000 : 2000 * total;
    const counts = new Float64Array(total);
    for (let t = 0; t < T; t++) {
      const s = sampleKSubset({ n, k, rng });
      assert.equal(s.length, k);
      for (let i = 1; i < k; i++) assert.ok(s[i - 1] < s[i], "sorted and distinct");
      counts[subsetRank(s)]++;
    }
    if (total === 1) continue;
    const chi = chiSquareTest(counts, new Float64Array(total).fill(1 / total));
    assert.ok(chi.pValue > ALPHA, `k-subset (${n}, ${k}): chi-square ${chi.statistic} on ${chi.df} df, p = ${chi.pValue}`);
  }
  assert.equal(sampleKSubset({ n: 5, k: 0, rng }).length, 0);
  assert.throws(() => sampleKSubset({ n: 5, k: 6, rng }), /sampleKSubset: k must be an integer in \[0, n = 5\], got 6/);
});

test("the k-subset check has power: it rejects Floyd's algorithm with an off-by-one (t uniform in [0, j))", () => {
  const rng = createRng("floyd-bug");
  const n = 6;
  const k = 3;
  const counts = new Float64Array(binom(n, k));
  for (let t = 0; t < 40_000; t++) {
    const chosen = new Set<number>();
    for (let j = n - k; j < n; j++) {
      const u = Math.floor(rng.next() * j); // bug: should be j + 1
      chosen.add(chosen.has(u) ? j : u);
    }
    counts[subsetRank(Array.from(chosen).sort((a, b) => a - b))]++;
  }
  const chi = chiSquareTest(counts, new Float64Array(counts.length).fill(1 / counts.length));
  assert.ok(chi.pValue < ALPHA, `biased Floyd should be rejected, p = ${chi.pValue}`);
});

test("sampleIid: ordered pairs (x0, x1) are uniform over n^2 cells (chi-square)", () => {
  const rng = createRng("iid");
  const n = 7;
  const counts = new Float64Array(n * n);
  const T = 50_000;
  for (let t = 0; t < T; t++) {
    const d = sampleIid({ n, k: 2, rng });
    counts[d[0] * n + d[1]]++;
  }
  const chi = chiSquareTest(counts, new Float64Array(n * n).fill(1 / (n * n)));
  assert.ok(chi.pValue > ALPHA, `iid pairs: chi-square ${chi.statistic} on ${chi.df} df, p = ${chi.pValue}`);
  assert.throws(() => sampleIid({ n: 0, k: 2, rng }), /sampleIid: n must be a positive integer <= 2\^32, got 0/);
});
