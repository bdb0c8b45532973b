/**
 * Monte Carlo experiments on G(n, p) for lesson 03: the isolated-vertex threshold at
 * p = (ln n + c)/n and the giant component at p = c/n, each against its limit law.
 *
 * Both use the standard coupling of the random-graph process (Bollobás 2001, ch. 2): give every pair
 * an independent uniform label U and keep the pairs with U < p; one sample then yields G(n, p) for
 * every p at once, and each of them, on its own, has exactly the law of G(n, p). We only sample the
 * pairs with U < pMax (geometric skipping, Batagelj & Brandes 2005) and give each a label uniform on
 * [0, pMax), which is the conditional law of U given U < pMax.
 */
import { RngOrSeed, toRng } from "../random/rng";
import { gnpEdgeList } from "./gnp";
import { giantFraction, isolatedThresholdP, noIsolatedLimit, noIsolatedPoisson } from "./theory";
import { UnionFind } from "./unionFind";
import { checkFinite, checkInt, checkOptions } from "./validate";

/** Options of {@link isolatedThresholdExperiment}. */
export interface IsolatedThresholdOptions {
  /** Number of vertices (integer >= 2). */
  n: number;
  /** Window offsets c: the experiment uses p = (ln n + c)/n for each. */
  cs: ArrayLike<number>;
  /** Independent graphs per n (integer >= 1). */
  trials: number;
  /** The random stream (or a seed). Required. */
  rng: RngOrSeed;
}

/** Result of {@link isolatedThresholdExperiment}; arrays are indexed like `cs`. */
export interface IsolatedThresholdResult {
  n: number;
  trials: number;
  cs: Float64Array;
  /** p = (ln n + c)/n. */
  p: Float64Array;
  /** Fraction of trials with no isolated vertex. */
  pNoIsolated: Float64Array;
  /** Binomial standard error sqrt(q(1-q)/trials) of pNoIsolated. */
  stdErr: Float64Array;
  /** Mean number of isolated vertices. */
  meanIsolated: Float64Array;
  /** Theory: n (1-p)^(n-1). */
  expectedIsolated: Float64Array;
  /** Theory, finite n: exp(-n (1-p)^(n-1)). */
  poisson: Float64Array;
  /** Theory, n -> ∞: exp(-e^{-c}). */
  limit: Float64Array;
  /**
   * Per trial, the hitting time in c units: c* = n p* - ln n, where p* is the smallest p at which the
   * coupled graph has no isolated vertex (Infinity if that happens only beyond the largest p). Its
   * distribution function tends to the Gumbel law exp(-e^{-c}).
   */
  hittingC: Float64Array;
}

function checkCs(fn: string, cs: ArrayLike<number>): Float64Array {
  if (cs === null || typeof cs !== "object" || typeof cs.length !== "number" || cs.length === 0) {
    throw new TypeError(`${fn}: cs must be a non-empty array of numbers, got ${String(cs)}`);
  }
  const out = Float64Array.from(cs);
  out.forEach((c, i) => checkFinite(fn, `cs[${i}]`, c));
  return out;
}

/**
 * P(no isolated vertex) in G(n, (ln n + c)/n) for each c, by simulation with the coupling above:
 * each vertex's smallest incident label is the p at which it stops being isolated, and the largest
 * of these over vertices is the hitting time p*. Against noIsolatedPoisson and noIsolatedLimit
 * (Erdős & Rényi 1959). Cost per trial: O(n + n pMax n) with pMax the largest p.
 */
export function isolatedThresholdExperiment(options: IsolatedThresholdOptions): IsolatedThresholdResult {
  const fn = "isolatedThresholdExperiment";
  checkOptions(fn, options);
  const n = checkInt(fn, "n", options.n, 2);
  const trials = checkInt(fn, "trials", options.trials, 1);
  const cs = checkCs(fn, options.cs);
  const rng = toRng(options.rng, `${fn}: rng`);
  const L = cs.length;
  const p = cs.map((c) => isolatedThresholdP(n, c));
  let pMax = 0;
  for (const q of p) pMax = Math.max(pMax, q);
  const order = Array.from({ length: L }, (_, i) => i).sort((a, b) => p[a] - p[b]);
  const sortedP = Float64Array.from(order, (i) => p[i]);
  const noIso = new Float64Array(L);
  const isoSum = new Float64Array(L);
  const hittingC = new Float64Array(trials);
  const minU = new Float64Array(n);
  const isoAtSorted = new Float64Array(L + 1);
  for (let t = 0; t < trials; t++) {
    const e = gnpEdgeList(n, pMax, { rng });
    minU.fill(Infinity);
    const next = rng.next;
    for (let i = 0; i < e.m; i++) {
      const u = pMax * next();
      if (u < minU[e.src[i]]) minU[e.src[i]] = u;
      if (u < minU[e.dst[i]]) minU[e.dst[i]] = u;
    }
    // Vertex v is isolated at p iff minU[v] >= p: count, for each sorted p, vertices with minU >= p.
    isoAtSorted.fill(0);
    let pStar = 0;
    for (let v = 0; v < n; v++) {
      const mu = minU[v];
      if (mu > pStar) pStar = mu;
      // number of sorted p with p <= mu  -> v is isolated at those p
      let lo = 0;
      let hi = L;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sortedP[mid] <= mu) lo = mid + 1;
        else hi = mid;
      }
      isoAtSorted[lo]++;
    }
    // suffix: isolated at sorted index j = # vertices with count > j
    let running = 0;
    for (let j = L - 1; j >= 0; j--) {
      running += isoAtSorted[j + 1];
      const i = order[j];
      isoSum[i] += running;
      if (running === 0) noIso[i]++;
    }
    hittingC[t] = pStar === Infinity ? Infinity : n * pStar - Math.log(n);
  }
  const pNoIsolated = noIso.map((x) => x / trials);
  return {
    n,
    trials,
    cs,
    p,
    pNoIsolated,
    stdErr: pNoIsolated.map((q) => Math.sqrt((q * (1 - q)) / trials)),
    meanIsolated: isoSum.map((x) => x / trials),
    expectedIsolated: p.map((q) => n * Math.exp((n - 1) * Math.log1p(-q))),
    poisson: p.map((q) => noIsolatedPoisson(n, q)),
    limit: cs.map((c) => noIsolatedLimit(c)),
    hittingC,
  };
}

/** Options of {@link giantComponentExperiment}. */
export interface GiantComponentOptions {
  /** Number of vertices (integer >= 2). */
  n: number;
  /** Mean degrees c >= 0: the experiment uses p = c/n for each (c <= n). */
  cs: ArrayLike<number>;
  /** Independent graph processes (integer >= 1). */
  trials: number;
  /** The random stream (or a seed). Required. */
  rng: RngOrSeed;
}

/** Result of {@link giantComponentExperiment}; arrays are indexed like `cs`. */
export interface GiantComponentResult {
  n: number;
  trials: number;
  cs: Float64Array;
  /** Mean over trials of (largest component size) / n. */
  meanLargestFraction: Float64Array;
  /** Standard error of that mean: sample standard deviation / sqrt(trials) (0 when trials = 1). */
  stdErr: Float64Array;
  /** Theory, n -> ∞: giantFraction(c), the root of G = 1 - e^{-cG}. */
  theory: Float64Array;
}

/**
 * The largest component of G(n, c/n) for each c, by simulation: one coupled graph process per trial
 * (edges bucketed by their label into the c-intervals, then merged in order with union–find), so the
 * cost per trial is one G(n, cMax/n) and O((n + m) α(n)). Against giantFraction (Erdős & Rényi 1960).
 */
export function giantComponentExperiment(options: GiantComponentOptions): GiantComponentResult {
  const fn = "giantComponentExperiment";
  checkOptions(fn, options);
  const n = checkInt(fn, "n", options.n, 2);
  const trials = checkInt(fn, "trials", options.trials, 1);
  const cs = checkCs(fn, options.cs);
  cs.forEach((c, i) => {
    if (c < 0 || c > n) throw new RangeError(`${fn}: cs[${i}] (mean degree) must lie in [0, n = ${n}], got ${c}`);
  });
  const rng = toRng(options.rng, `${fn}: rng`);
  const L = cs.length;
  const order = Array.from({ length: L }, (_, i) => i).sort((a, b) => cs[a] - cs[b]);
  const sortedP = Float64Array.from(order, (i) => cs[i] / n);
  const pMax = sortedP[L - 1];
  const sum = new Float64Array(L);
  const sumSq = new Float64Array(L);
  for (let t = 0; t < trials; t++) {
    const e = gnpEdgeList(n, pMax, { rng });
    const next = rng.next;
    // bucket j: labels in [sortedP[j-1], sortedP[j]); an edge is present at sorted index j' >= j.
    const bucket = new Uint16Array(e.m);
    const counts = new Uint32Array(L + 1);
    for (let i = 0; i < e.m; i++) {
      const u = pMax * next();
      let lo = 0;
      let hi = L - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (u < sortedP[mid]) hi = mid;
        else lo = mid + 1;
      }
      bucket[i] = lo;
      counts[lo + 1]++;
    }
    for (let j = 0; j < L; j++) counts[j + 1] += counts[j];
    const perm = new Uint32Array(e.m);
    const cursor = counts.slice(0, L);
    for (let i = 0; i < e.m; i++) perm[cursor[bucket[i]]++] = i;
    const uf = new UnionFind(n);
    let k = 0;
    for (let j = 0; j < L; j++) {
      for (const end = counts[j + 1]; k < end; k++) {
        const i = perm[k];
        uf.union(e.src[i], e.dst[i]);
      }
      const frac = uf.largest / n;
      sum[order[j]] += frac;
      sumSq[order[j]] += frac * frac;
    }
  }
  const mean = sum.map((s) => s / trials);
  const stdErr = mean.map((mu, i) => (trials > 1 ? Math.sqrt(Math.max(0, (sumSq[i] - trials * mu * mu) / (trials - 1)) / trials) : 0));
  return { n, trials, cs, meanLargestFraction: mean, stdErr, theory: cs.map((c) => giantFraction(c)) };
}
