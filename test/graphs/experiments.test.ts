import { test } from "node:test";
import * as assert from "node:assert/strict";
import { createRng } from "../../src/random/rng";
import { connectedComponents } from "../../src/graphs/components";
import { giantComponentExperiment, isolatedThresholdExperiment } from "../../src/graphs/experiments";
import { giantFraction, giantFractionStd } from "../../src/graphs/thresholds";
import { gnp } from "../../src/graphs/gnp";
import { Z5 } from "../random/stats-helpers";

for (const [method, trials] of [["twoLevel", 1500], ["direct", 600]] as const) {
  test(`P(no isolated vertex) at n = 10^4 (${method} sampler) matches exp(-n(1-p)^(n-1)) and exp(-e^{-c}) within derived tolerances`, () => {
    const n = 10_000;
    const cs = [-1, 0, 1, 2];
    const r = isolatedThresholdExperiment({ n, cs, trials, rng: createRng(`isolated-1e4-${method}`), method });
    for (let i = 0; i < cs.length; i++) {
      const p = r.p[i];
      const lambda = r.expectedIsolated[i];
      // Sampling: the count of trials without isolated vertices is Binomial(trials, q); 5 sigma with
      // sigma = sqrt(q(1-q)/trials) at the theoretical q (Bonferroni over 4 values of c and 2 samplers: < 5e-6).
      const sigma = Math.sqrt((r.poisson[i] * (1 - r.poisson[i])) / trials);
      // Approximation: the number of isolated vertices W is a sum of positively related indicators, so
      // by the Stein–Chen method (Barbour, Holst & Janson 1992, "Poisson Approximation", Thm 2.C / Cor 2.C.4)
      // d_TV(W, Po(λ)) <= (1 - e^{-λ})/λ (Var W - λ + 2 Σ π_i²), and here Var W - λ = n(n-1)(1-p)^{2n-3} p
      // and Σ π_i² = λ²/n. That bounds |P(W = 0) - e^{-λ}|; it is ~1e-3, far below 5 sigma (~0.05).
      const varExcess = n * (n - 1) * Math.exp((2 * n - 3) * Math.log1p(-p)) * p;
      const stein = ((1 - Math.exp(-lambda)) / lambda) * (varExcess + (2 * lambda * lambda) / n);
      const tolPoisson = Z5 * sigma + stein;
      assert.ok(
        Math.abs(r.pNoIsolated[i] - r.poisson[i]) < tolPoisson,
        `c = ${cs[i]}: simulated ${r.pNoIsolated[i]} vs exp(-λ) = ${r.poisson[i]} (tol ${tolPoisson})`,
      );
      // Against the n -> ∞ limit, add the exact deterministic gap |exp(-λ) - exp(-e^{-c})|.
      const tolLimit = tolPoisson + Math.abs(r.poisson[i] - r.limit[i]);
      assert.ok(Math.abs(r.pNoIsolated[i] - r.limit[i]) < tolLimit, `c = ${cs[i]}: ${r.pNoIsolated[i]} vs exp(-e^{-c}) = ${r.limit[i]}`);
      // Mean number of isolated vertices vs λ: Var W = λ + varExcess, so 5 SE = 5 sqrt((λ + varExcess)/trials).
      const seIso = Math.sqrt((lambda + varExcess) / trials);
      assert.ok(Math.abs(r.meanIsolated[i] - lambda) < Z5 * seIso, `c = ${cs[i]}: mean isolated ${r.meanIsolated[i]} vs λ = ${lambda}`);
    }
    // The hitting times agree with the per-c counts (same coupled graphs).
    for (let i = 0; i < cs.length; i++) {
      const below = Array.from(r.hittingC).filter((h) => h < cs[i]).length / trials;
      assert.equal(below, r.pNoIsolated[i]);
    }
  });
}

/**
 * Giant component at n = 10^4. The CLT for the giant (Pittel 1990; Barraez, Boucheron & Fernandez de
 * la Vega 2000) gives sd(L1/n) = giantFractionStd(n, c); the mean over T trials then has standard
 * error sd / sqrt(T). The finite-n bias E[L1]/n - G(c) is O(1/n) (the expected giant is nG + O(1));
 * we allow 10/n for it. Tolerance: 5 SE + 10/n.
 */
test("largest component fraction at n = 10^4 matches the Lambert-W giant fraction within 5 SE + 10/n", () => {
  const n = 10_000;
  const T = 200;
  const cs = [1.5, 2, 3];
  const r = giantComponentExperiment({ n, cs, trials: T, rng: createRng("giant-1e4") });
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i];
    const sd = giantFractionStd(n, c);
    const tol = (Z5 * sd) / Math.sqrt(T) + 10 / n;
    assert.ok(Math.abs(r.meanLargestFraction[i] - giantFraction(c)) < tol, `c = ${c}: ${r.meanLargestFraction[i]} vs G = ${giantFraction(c)} (tol ${tol})`);
    // The sample sd (r.stdErr * sqrt(T)) against the CLT sd: the sample variance of T normal draws has
    // relative sd sqrt(2/(T-1)) = 0.1, so the sd has ~0.05; 5 of those is 25% (plus O(1/n) slack).
    const sampleSd = r.stdErr[i] * Math.sqrt(T);
    assert.ok(Math.abs(sampleSd / sd - 1) < Z5 * Math.sqrt(1 / (2 * (T - 1))), `c = ${c}: sample sd ${sampleSd} vs CLT ${sd}`);
  }
  // Subcritical: the largest component is O(log n), so its fraction is tiny.
  const sub = giantComponentExperiment({ n, cs: [0.5], trials: 20, rng: createRng("giant-sub") });
  assert.ok(sub.meanLargestFraction[0] < 0.005, `c = 0.5: ${sub.meanLargestFraction[0]}`);
  // The same law through the plain path: gnp + connectedComponents, c = 2, 60 graphs.
  const rng = createRng("giant-direct");
  let s = 0;
  const T2 = 60;
  for (let t = 0; t < T2; t++) s += connectedComponents(gnp({ n, p: 2 / n, rng })).largest / n;
  const tol2 = (Z5 * giantFractionStd(n, 2)) / Math.sqrt(T2) + 10 / n;
  assert.ok(Math.abs(s / T2 - giantFraction(2)) < tol2, `direct c = 2: ${s / T2} vs ${giantFraction(2)}`);
});

/**
 * Exact P(no isolated vertex) for small n by inclusion–exclusion: a given set of j vertices is
 * isolated iff its C(j,2) inner pairs and j(n-j) outgoing pairs are all non-edges, so
 * P(no isolated) = sum_j (-1)^j C(n,j) (1-p)^{C(j,2) + j(n-j)}.
 */
function exactNoIsolated(n: number, p: number): number {
  let s = 0;
  let binom = 1;
  for (let j = 0; j <= n; j++) {
    s += (j % 2 ? -1 : 1) * binom * (1 - p) ** ((j * (j - 1)) / 2 + j * (n - j));
    binom = (binom * (n - j)) / (j + 1);
  }
  return s;
}

test("P(no isolated vertex) for n = 8 matches the exact inclusion–exclusion value, both samplers, deep below the threshold too", () => {
  const n = 8;
  const trials = 20_000;
  // c from -1.9 (p0 = p = 0.0223: most vertices isolated, so the two-level method's inner pairs matter) to 3.
  const cs = [-1.9, -1, 0, 1, 3];
  for (const method of ["twoLevel", "direct"] as const) {
    const r = isolatedThresholdExperiment({ n, cs, trials, rng: createRng(`exact-8-${method}`), method });
    for (let i = 0; i < cs.length; i++) {
      const q = exactNoIsolated(n, r.p[i]);
      const tol = Z5 * Math.sqrt((q * (1 - q)) / trials); // 5 sigma, Bonferroni over 10 checks: < 6e-6
      assert.ok(Math.abs(r.pNoIsolated[i] - q) < tol, `${method}, c = ${cs[i]}: ${r.pNoIsolated[i]} vs exact ${q} (tol ${tol})`);
      // mean isolated count: exactly n(1-p)^(n-1), which the result also reports
      assert.ok(Math.abs(r.expectedIsolated[i] - n * (1 - r.p[i]) ** (n - 1)) < 1e-12);
    }
  }
});


/** Exact mean and variance of (largest component)/n in G(n, p) for tiny n, by enumerating all graphs. */
function exactLargest(n: number, p: number): { mean: number; variance: number } {
  const pairs: Array<[number, number]> = [];
  for (let v = 1; v < n; v++) for (let w = 0; w < v; w++) pairs.push([v, w]);
  let m1 = 0;
  let m2 = 0;
  for (let mask = 0; mask < 1 << pairs.length; mask++) {
    const parent = Array.from({ length: n }, (_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
    let edges = 0;
    pairs.forEach(([a, b], i) => {
      if (mask & (1 << i)) {
        edges++;
        parent[find(a)] = find(b);
      }
    });
    const sizes = new Map<number, number>();
    for (let v = 0; v < n; v++) sizes.set(find(v), (sizes.get(find(v)) ?? 0) + 1);
    const frac = Math.max(...sizes.values()) / n;
    const prob = p ** edges * (1 - p) ** (pairs.length - edges);
    m1 += prob * frac;
    m2 += prob * frac * frac;
  }
  return { mean: m1, variance: m2 - m1 * m1 };
}

test("largest component for n = 5 matches exact enumeration of all 1024 graphs at every c of one coupled process", () => {
  const n = 5;
  const trials = 20_000;
  const cs = [0.5, 1, 2, 3.5, 5];
  const r = giantComponentExperiment({ n, cs, trials, rng: createRng("exact-5") });
  for (let i = 0; i < cs.length; i++) {
    const { mean, variance } = exactLargest(n, cs[i] / n);
    const tol = Z5 * Math.sqrt(variance / trials); // 5 SE of a mean of i.i.d. trials; Bonferroni over 5 values of c
    assert.ok(Math.abs(r.meanLargestFraction[i] - mean) <= tol + 1e-12, `c = ${cs[i]}: ${r.meanLargestFraction[i]} vs exact ${mean} (tol ${tol})`); // +1e-12: p = 1 has variance 0
  }
});
