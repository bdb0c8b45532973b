/**
 * Exact samplers on a seeded stream: geometric, binomial, a uniform k-subset without replacement,
 * and k i.i.d. uniform draws. Each takes its `rng` explicitly (an Rng or a seed).
 */
import { logFactorial } from "../math/gamma";
import { floydSample } from "./floyd";
import { checkInteger, checkOptions, checkProbability, failArg } from "../validate";
import { checkBytes, checkSteps } from "../budget";
import { Rng, RngOrSeed, toRng } from "./rng";

/** Options of {@link sampleGeometric}. */
export interface GeometricOptions {
  /** Success probability in (0, 1]. */
  p: number;
  rng: RngOrSeed;
}

/**
 * Geometric(p) on {0, 1, 2, …}: the number of failures before the first success in Bernoulli(p)
 * trials, P(K = k) = (1-p)^k p. Inversion: K = floor(ln(1 - U) / ln(1 - p)) with a 53-bit U
 * (Devroye, "Non-Uniform Random Variate Generation", 1986, §X.2). p in (0, 1].
 */
export function sampleGeometric(options: GeometricOptions): number {
  checkOptions("sampleGeometric", options, "{ p, rng }");
  const p = options.p;
  if (typeof p !== "number" || !(p > 0 && p <= 1)) failArg("sampleGeometric", "p", p, "in (0, 1]");
  const r = toRng(options.rng, "sampleGeometric: rng");
  if (p === 1) return 0;
  const k = Math.floor(Math.log(1 - r.double()) / Math.log1p(-p));
  if (!(k <= Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`sampleGeometric: p = ${p} is too small: the draw ${k} is beyond 2^53 (integers are exact only below); use p >= 1e-12 or so`);
  }
  return k;
}

/** Inversion by sequential search from 0 (Kachitvichyanukul & Schmeiser 1988, "BINV"), p <= 1/2. */
function binomialInversion(n: number, p: number, rng: Rng): number {
  const q = 1 - p;
  const s = p / q;
  const f0 = Math.exp(n * Math.log1p(-p));
  for (;;) {
    let u = rng.double();
    let f = f0;
    let x = 0;
    while (x <= n) {
      if (u < f) return x;
      u -= f;
      x++;
      f *= ((n - x + 1) / x) * s;
    }
    // u fell in the rounding gap past n (probability ~1e-16): draw again.
  }
}

/**
 * BTRS, transformed rejection with squeeze (Hörmann 1993, "The generation of binomial random
 * variates", J. Stat. Comput. Simul. 46, 101–110, Algorithm BTRS), for n p >= 10, p <= 1/2. Exact:
 * the acceptance test compares against the binomial log-probability (with log v, which the paper's
 * printed algorithm omits).
 */
function binomialBtrs(n: number, p: number, rng: Rng): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(p / q);
  const m = Math.floor((n + 1) * p);
  const h = logFactorial(m) + logFactorial(n - m);
  for (;;) {
    const u = rng.double() - 0.5;
    const v = rng.double();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    const lv = Math.log((v * alpha) / (a / (us * us) + b));
    if (lv <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
  }
}

/** Options of {@link sampleBinomial}. */
export interface BinomialOptions {
  /** Number of trials (non-negative integer). */
  n: number;
  /** Success probability in [0, 1]. */
  p: number;
  rng: RngOrSeed;
}

/**
 * Binomial(n, p), exact. Uses symmetry to work with min(p, 1-p); inversion (BINV) when
 * n min(p,1-p) < 10, expected O(n p) time; otherwise Hörmann's BTRS, O(1) expected time.
 */
export function sampleBinomial(options: BinomialOptions): number {
  const fn = "sampleBinomial";
  checkOptions(fn, options);
  const { n, p } = options;
  checkInteger(fn, "n", n, 0, undefined, "a non-negative integer");
  checkProbability(fn, "p", p);
  const rng = toRng(options.rng, `${fn}: rng`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  const flip = p > 0.5;
  const pp = flip ? 1 - p : p;
  const x = n * pp < 10 ? binomialInversion(n, pp, rng) : binomialBtrs(n, pp, rng);
  return flip ? n - x : x;
}

/** Options of {@link sampleKSubset} and {@link sampleIid}. */
export interface DrawOptions {
  /** Size of the population [0, n) (positive integer <= 2^32). */
  n: number;
  /** Number of draws (non-negative integer; at most n for a subset). */
  k: number;
  rng: RngOrSeed;
}

/** Check {@link DrawOptions} (k <= n when `subset`); returns n, k and the stream. */
function checkDraw(fn: string, options: DrawOptions, subset: boolean): [number, number, Rng] {
  checkOptions(fn, options);
  const { n, k } = options;
  checkInteger(fn, "n", n, 1, 2 ** 32, "a positive integer <= 2^32");
  if (subset) checkInteger(fn, "k", k, 0, n, `an integer in [0, n = ${n}]`);
  else checkInteger(fn, "k", k, 0, undefined, "a non-negative integer");
  return [n, k, toRng(options.rng, `${fn}: rng`)];
}

/**
 * A uniform k-subset of {0, …, n-1}, ascending, by Floyd's algorithm (Bentley & Floyd 1987,
 * "Programming pearls: a sample of brilliance", CACM 30(9); see random/floyd): exactly k draws,
 * O(k log k) with the final sort.
 */
export function sampleKSubset(options: DrawOptions): Uint32Array {
  const [n, k, rng] = checkDraw("sampleKSubset", options, true);
  checkBytes("sampleKSubset", 4 * k + 64 * k, `a ${k}-subset (the subset and the set of chosen indices)`, "use a smaller k");
  checkSteps("sampleKSubset", k * Math.log2(k + 2), `a ${k}-subset`, "use a smaller k");
  return floydSample(n, k, rng).sort();
}

/** k i.i.d. uniform draws from {0, …, n-1} (with repeats), in draw order. */
export function sampleIid(options: DrawOptions): Uint32Array {
  const [n, k, rng] = checkDraw("sampleIid", options, false);
  checkBytes("sampleIid", 4 * k, `${k} draws`, "use a smaller k");
  const out = new Uint32Array(k);
  for (let i = 0; i < k; i++) out[i] = Math.floor(rng.next() * n);
  return out;
}
