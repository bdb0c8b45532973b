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
import { Rng, RngOrSeed, toRng } from "../random/rng";
import { gnpEdgeList } from "./gnp";
import { forEachGnpEdge } from "./gnpSkip";
import { giantFraction, isolatedThresholdP, noIsolatedLimit, noIsolatedPoisson } from "./thresholds";
import { UnionFind } from "./unionFind";
import { checkFinite, checkInteger, checkNumberList, checkOptions, failArg } from "../validate";
import { checkBytes, checkSteps } from "../budget";

/**
 * The smallest coin of every vertex that can still be isolated at some p >= pMin, for one coupled
 * sample (values for the other vertices are irrelevant: they are below pMin). Returns those coins.
 *
 * "direct": sample G(n, pMax) with each edge's coin (uniform on [0, pMax)) and take minima.
 * "twoLevel" (exact, cheaper): sample only G(n, p0) for some p0 <= pMin. Given it, a non-edge's
 * coin is uniform on [p0, 1), independently. Vertices with an edge are non-isolated at every
 * p >= p0; the few isolated ones, S, have all their coins in [p0, 1): one shared coin per pair inside
 * S, and for the n - |S| pairs to the outside only the minimum matters, which is p0 + (1 - p0) times
 * the minimum of n - |S| uniforms, 1 - (1 - U)^{1/(n - |S|)}.
 */
function candidateMinCoins(n: number, pMax: number, p0: number, method: "direct" | "twoLevel", rng: Rng, scratch: Float64Array): Float64Array {
  if (method === "direct") {
    const minU = scratch;
    minU.fill(Infinity);
    const next = rng.next.bind(rng);
    if (pMax >= 1) {
      for (let v = 1; v < n; v++) for (let w = 0; w < v; w++) {
        const u = next();
        if (u < minU[v]) minU[v] = u;
        if (u < minU[w]) minU[w] = u;
      }
    } else {
      forEachGnpEdge(n, pMax, rng, (v, w) => {
        const u = pMax * next();
        if (u < minU[v]) minU[v] = u;
        if (u < minU[w]) minU[w] = u;
      });
    }
    return minU;
  }
  const touched = scratch;
  touched.fill(0);
  forEachGnpEdge(n, p0, rng, (v, w) => {
    touched[v] = 1;
    touched[w] = 1;
  });
  let s = 0;
  for (let v = 0; v < n; v++) if (touched[v] === 0) s++;
  const vals = new Float64Array(s).fill(Infinity);
  const span = 1 - p0;
  for (let i = 1; i < s; i++) {
    for (let j = 0; j < i; j++) {
      const u = p0 + span * rng.double();
      if (u < vals[i]) vals[i] = u;
      if (u < vals[j]) vals[j] = u;
    }
  }
  const outside = n - s;
  if (outside > 0) {
    for (let i = 0; i < s; i++) {
      const x = -Math.expm1(Math.log1p(-rng.double()) / outside);
      const u = p0 + span * x;
      if (u < vals[i]) vals[i] = u;
    }
  }
  return vals;
}

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
  /**
   * Sampler, both exact: "twoLevel" samples G(n, p0) for a p0 below the smallest p and finishes the
   * few isolated vertices exactly; "direct" samples G(n, pMax). Default "auto": twoLevel unless it
   * would leave more than 2000 isolated vertices to finish.
   */
  method?: "auto" | "direct" | "twoLevel";
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
   * coupled graph has no isolated vertex. Its distribution function tends to the Gumbel law
   * exp(-e^{-c}). It is Infinity if p* lies beyond the largest p (direct method only), and -Infinity
   * if p* lies below the p0 of the two-level method (then c* < min(cs) too).
   */
  hittingC: Float64Array;
}

function checkCs(fn: string, cs: ArrayLike<number>): Float64Array {
  return Float64Array.from(checkNumberList(fn, "cs", cs, checkFinite));
}

/**
 * P(no isolated vertex) in G(n, (ln n + c)/n) for each c, by simulation with the coupling above:
 * each vertex's smallest incident label is the p at which it stops being isolated, and the largest
 * of these over vertices is the hitting time p*. Against noIsolatedPoisson and noIsolatedLimit
 * (Erdős & Rényi 1959). Cost per trial: O(n + n pMax n) with pMax the largest p.
 * @example
 * isolatedThresholdExperiment({ n: 200, cs: [0, 1], trials: 20, rng: 1 })
 * // => { n: 200, trials: 20, cs: Float64Array [0, 1], p: Float64Array [0.0264916…, 0.0314916…], pNoIsolated: Float64Array [0.35, 0.6], stdErr: Float64Array [0.106654…, 0.109545…], … }
 * @see {@link noIsolatedLimit}, {@link isolatedThresholdFigure}
 */
export function isolatedThresholdExperiment(options: IsolatedThresholdOptions): IsolatedThresholdResult {
  const fn = "isolatedThresholdExperiment";
  checkOptions(fn, options);
  const n = checkInteger(fn, "n", options.n, 2);
  const trials = checkInteger(fn, "trials", options.trials, 1);
  const cs = checkCs(fn, options.cs);
  const rng = toRng(options.rng, `${fn}: rng`);
  const L = cs.length;
  const p = cs.map((c, i) => {
    const q = (Math.log(n) + c) / n;
    if (!(q >= 0 && q <= 1)) failArg(fn, `cs[${i}]`, c, `a window offset with p = (ln n + c)/n in [0, 1] for n = ${n}, i.e. c in [${-Math.log(n)}, ${n - Math.log(n)}]`);
    return q;
  });
  let pMax = 0;
  for (const q of p) pMax = Math.max(pMax, q);
  const order = Array.from({ length: L }, (_, i) => i).sort((a, b) => p[a] - p[b]);
  const sortedP = Float64Array.from(order, (i) => p[i]);
  // The two-level method's p0: c0 = min(min cs, max(-6, -ln(n)/2)), so p0 > 0 and about e^{-c0}
  // vertices stay isolated at p0.
  let cMin = Infinity;
  for (const c of cs) cMin = Math.min(cMin, c);
  const c0 = Math.min(cMin, Math.max(-6, -Math.log(n) / 2));
  const p0 = isolatedThresholdP(n, c0);
  const method = options.method ?? "auto";
  if (method !== "auto" && method !== "direct" && method !== "twoLevel") {
    throw new RangeError(`${fn}: method must be "auto", "direct" or "twoLevel", got ${String(method)}`);
  }
  const isolatedAtP0 = n * Math.exp((n - 1) * Math.log1p(-p0));
  const use = method === "auto" ? (isolatedAtP0 <= 2000 ? "twoLevel" : "direct") : method;
  // Budget: per trial one pass over the sampled pairs (all pairs with a coin below pMax, or below p0
  // and then the pairs among the s vertices still isolated), and a search per vertex.
  const pairs = (n * (n - 1)) / 2;
  const s = Math.min(n, isolatedAtP0 + 6 * Math.sqrt(isolatedAtP0) + 16);
  const perTrial = n * (1 + Math.log2(L + 1)) + (use === "direct" ? pairs * Math.min(1, pMax) : pairs * p0 + (s * s) / 2);
  const what = `${trials} trials on G(n, p) with n = ${n} (method ${use})`;
  checkBytes(fn, 8 * n + 8 * trials + 8 * s + 64 * L, what, "use a smaller n or fewer trials");
  checkSteps(fn, trials * perTrial, what, "use a smaller n or fewer trials");
  const noIso = new Float64Array(L);
  const isoSum = new Float64Array(L);
  const hittingC = new Float64Array(trials);
  const isoAtSorted = new Float64Array(L + 1);
  const scratch = new Float64Array(n);
  for (let t = 0; t < trials; t++) {
    const coins = candidateMinCoins(n, pMax, p0, use, rng, scratch);
    // Vertex v is isolated at p iff its smallest coin is >= p: count, for each sorted p, those vertices.
    isoAtSorted.fill(0);
    let pStar = -Infinity;
    for (let v = 0; v < coins.length; v++) {
      const mu = coins[v];
      if (mu > pStar) pStar = mu;
      // lo = number of sorted p with p <= mu: v is isolated at sorted indices 0 .. lo-1
      let lo = 0;
      let hi = L;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sortedP[mid] <= mu) lo = mid + 1;
        else hi = mid;
      }
      isoAtSorted[lo]++;
    }
    // isolated at sorted index j = number of vertices with lo > j
    let running = 0;
    for (let j = L - 1; j >= 0; j--) {
      running += isoAtSorted[j + 1];
      const i = order[j];
      isoSum[i] += running;
      if (running === 0) noIso[i]++;
    }
    hittingC[t] = Number.isFinite(pStar) ? n * pStar - Math.log(n) : pStar;
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
 * @example
 * giantComponentExperiment({ n: 200, cs: [0.5, 2], trials: 10, rng: 1 })
 * // => { n: 200, trials: 10, cs: Float64Array [0.5, 2], meanLargestFraction: Float64Array [0.0375, 0.8125], stdErr: Float64Array [0.00359398…, 0.0225493…], theory: Float64Array [0, 0.796812…] }
 * @see {@link giantFraction}, {@link giantComponentFigure}
 */
export function giantComponentExperiment(options: GiantComponentOptions): GiantComponentResult {
  const fn = "giantComponentExperiment";
  checkOptions(fn, options);
  const n = checkInteger(fn, "n", options.n, 2);
  const trials = checkInteger(fn, "trials", options.trials, 1);
  const cs = checkCs(fn, options.cs);
  cs.forEach((c, i) => {
    if (c < 0 || c > n) throw new RangeError(`${fn}: cs[${i}] (mean degree) must lie in [0, n = ${n}], got ${c}`);
  });
  const rng = toRng(options.rng, `${fn}: rng`);
  const L = cs.length;
  if (L > 65535) throw new RangeError(`${fn}: cs must have at most 65535 mean degrees (edges are bucketed in 16 bits), got ${L}`);
  const order = Array.from({ length: L }, (_, i) => i).sort((a, b) => cs[a] - cs[b]);
  const sortedP = Float64Array.from(order, (i) => cs[i] / n);
  const pMax = sortedP[L - 1];
  // Budget: one G(n, pMax) per trial (edge list, bucket, permutation: about 22 bytes per edge).
  const meanEdges = ((n * (n - 1)) / 2) * pMax;
  const edges = meanEdges + 6 * Math.sqrt(meanEdges) + 16;
  const what = `${trials} graph processes up to G(n, c/n) with n = ${n}, c = ${pMax * n} (about ${edges.toExponential(1)} edges each)`;
  checkBytes(fn, 22 * edges + 16 * n + 32 * L, what, "use a smaller n, smaller cs or fewer trials");
  checkSteps(fn, trials * (n + edges * (2 + Math.log2(L + 1))), what, "use a smaller n, smaller cs or fewer trials");
  const sum = new Float64Array(L);
  const sumSq = new Float64Array(L);
  for (let t = 0; t < trials; t++) {
    const e = gnpEdgeList({ n, p: pMax, rng });
    const next = rng.next.bind(rng);
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
