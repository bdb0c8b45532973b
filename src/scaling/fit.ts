/**
 * Fitting the Chinchilla law L(N, D) = E + A / N^alpha + B / D^beta to training runs the way
 * Hoffmann et al. 2022 did (Approach 3, Section 3.3 and Appendix D.2):
 *
 *   log L̂(N, D) = LSE(a - alpha log N, b - beta log D, e),   A = e^a, B = e^b, E = e^e,
 *   minimise  sum_i Huber_h(log L̂(N_i, D_i) - log L_i)   with Huber threshold h = 1e-3,
 *
 * with L-BFGS (analytic gradient) started from every point of the grid
 * alpha, beta in {0, 0.5, 1, 1.5, 2}, e in {-1, -0.5, 0, 0.5, 1}, a, b in {0, 5, ..., 25}
 * (4,500 starts), keeping the best. As in Besiroglu et al. 2024 (arXiv 2404.10102) the Huber
 * losses are summed, not averaged (averaging shrinks the objective and stops L-BFGS early).
 */
import { toRng, type RngOrSeed } from "../random/rng";
import { checkInteger, checkPositive, failArg } from "../validate";
import { LbfgsWorkspace, lbfgsMinimize, type LbfgsOptions } from "./lbfgs";
import type { ScalingParams } from "./law";

/** One training run: N parameters, D tokens, final loss (nats/token). */
export interface ScalingRun {
  N: number;
  D: number;
  loss: number;
}

/** The fitted quantities in Hoffmann's log parametrisation: A = e^a, B = e^b, E = e^e. */
export interface ScalingTheta {
  a: number;
  b: number;
  e: number;
  alpha: number;
  beta: number;
}

/** The grid of starting points (Hoffmann et al. 2022, Appendix D.2). */
export interface ScalingGrid {
  alpha: number[];
  beta: number[];
  e: number[];
  a: number[];
  b: number[];
}

/** Hoffmann et al.'s grid: 5 x 5 x 5 x 6 x 6 = 4,500 starting points. */
export const HOFFMANN_GRID: Readonly<ScalingGrid> = Object.freeze({
  alpha: [0, 0.5, 1, 1.5, 2],
  beta: [0, 0.5, 1, 1.5, 2],
  e: [-1, -0.5, 0, 0.5, 1],
  a: [0, 5, 10, 15, 20, 25],
  b: [0, 5, 10, 15, 20, 25],
});

/** Options of the seeded bootstrap in {@link fitScalingLaw}. */
export interface ScalingBootstrapOptions {
  /** Number of bootstrap resamples (Besiroglu et al. used 4,000). */
  samples: number;
  /** Seed or stream for the resampling. */
  rng: RngOrSeed;
  /** Coverage of the percentile intervals (default 0.95). */
  level?: number;
  /**
   * Called after each resample has been refitted with (resamples done, total), e.g. to drive a
   * progress line; it must not change the fit (the draws depend only on the data and `rng`).
   */
  onProgress?: (done: number, total: number) => void;
}

/** Bootstrap summary: one value per parameter of the law. */
export interface ScalingBootstrap {
  samples: number;
  level: number;
  /** Sample standard deviation of each parameter over the resamples. */
  standardErrors: ScalingParams;
  /** Lower end of the percentile interval. */
  lower: ScalingParams;
  /** Upper end of the percentile interval. */
  upper: ScalingParams;
  /** The fitted parameters of every resample, one array per parameter. */
  draws: { E: Float64Array; A: Float64Array; B: Float64Array; alpha: Float64Array; beta: Float64Array };
  /** Resamples whose refit ended with max |gradient| > 1e-7 (kept in the draws). */
  notConverged: number;
}

/** Options of {@link fitScalingLaw}. */
export interface FitScalingLawOptions {
  /** Huber threshold h on log residuals: quadratic below, linear above (default 1e-3, as Hoffmann et al.). */
  huberThreshold?: number;
  /** Starting grid (default {@link HOFFMANN_GRID}); every combination is a start. */
  grid?: ScalingGrid;
  /** Explicit starting points; replaces the grid when given. */
  starts?: ScalingTheta[];
  /** L-BFGS options for each start (defaults: scipy's L-BFGS-B tolerances, 1000 iterations). */
  lbfgs?: LbfgsOptions;
  /** How many of the best distinct starts are polished to full precision (default 8). */
  polish?: number;
  /** Optional seeded bootstrap for standard errors and percentile intervals. */
  bootstrap?: ScalingBootstrapOptions;
}

/** Result of {@link fitScalingLaw}. */
export interface ScalingFit {
  /** Fitted law (E = e^e, A = e^a, B = e^b). */
  params: ScalingParams;
  /** The same fit in the log parametrisation. */
  theta: ScalingTheta;
  /** Summed Huber loss of the log residuals at the fit. */
  objective: number;
  /** L-BFGS iterations of the best start (grid run plus polish). */
  iterations: number;
  /** Starts whose run met the convergence test (gradient or relative decrease). */
  converged: number;
  /** Number of starts. */
  starts: number;
  /** Total L-BFGS iterations over all starts. */
  totalIterations: number;
  /** Total objective evaluations over all starts. */
  evaluations: number;
  /** max |gradient| at the fit. */
  gradientNorm: number;
  /** The starting point that led to the best fit. */
  bestStart: ScalingTheta;
  /** Number of runs fitted. */
  runs: number;
  /** The Huber threshold h used. */
  huberThreshold: number;
  bootstrap?: ScalingBootstrap;
}

/** Precomputed logs of a data set, in typed arrays. */
export interface ScalingFitData {
  lnN: Float64Array;
  lnD: Float64Array;
  lnL: Float64Array;
  /** Multiplicity of each run (1 for a plain fit; bootstrap counts otherwise). */
  weight: Float64Array;
}

/** Validate runs and precompute their logs (throws on a non-positive or non-finite value). */
export function scalingFitData(rows: ReadonlyArray<ScalingRun>, fn = "fitScalingLaw"): ScalingFitData {
  if (!Array.isArray(rows)) throw new TypeError(`${fn}: rows must be an array of {N, D, loss}, got ${String(rows)}`);
  if (rows.length < 5) throw new RangeError(`${fn}: rows must hold at least 5 runs to fit 5 parameters, got ${rows.length}`);
  const n = rows.length;
  const lnN = new Float64Array(n), lnD = new Float64Array(n), lnL = new Float64Array(n), weight = new Float64Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    for (const key of ["N", "D", "loss"] as const) {
      checkPositive(fn, `rows[${i}].${key}`, r?.[key]);
    }
    lnN[i] = Math.log(r.N);
    lnD[i] = Math.log(r.D);
    lnL[i] = Math.log(r.loss);
  }
  return { lnN, lnD, lnL, weight };
}

/**
 * Hoffmann's objective at theta = [a, b, e, alpha, beta]: sum_i w_i Huber_h(LSE(a - alpha lnN_i,
 * b - beta lnD_i, e) - lnL_i), with its analytic gradient written into `grad`. The LSE is computed
 * stably (shifted by its largest term); nothing is allocated.
 */
export function huberLogObjective(data: ScalingFitData, huberThreshold: number, theta: ArrayLike<number>, grad: Float64Array): number {
  const { lnN, lnD, lnL, weight } = data;
  const a = theta[0], b = theta[1], e = theta[2], alpha = theta[3], beta = theta[4];
  const halfThreshold = 0.5 * huberThreshold;
  const ee = Math.exp(e);
  let f = 0, ga = 0, gb = 0, ge = 0, gal = 0, gbe = 0;
  const n = lnN.length;
  for (let i = 0; i < n; i++) {
    const ln = lnN[i], ld = lnD[i];
    const t1 = a - alpha * ln;
    const t2 = b - beta * ld;
    // Fast path: the three exponentials directly (no overflow or underflow for parameters anywhere
    // near the data). Otherwise shift by the largest term (stable log-sum-exp); one of them is 1.
    let e1 = Math.exp(t1), e2 = Math.exp(t2), e3 = ee;
    let sum = e1 + e2 + e3;
    let m = 0;
    if (!(sum > 1e-300 && sum < 1e300)) {
      m = t1 > t2 ? (t1 > e ? t1 : e) : t2 > e ? t2 : e;
      e1 = Math.exp(t1 - m);
      e2 = Math.exp(t2 - m);
      e3 = Math.exp(e - m);
      sum = e1 + e2 + e3;
    }
    const r = m + Math.log(sum) - lnL[i];
    const w = weight[i];
    let h: number;
    if (r > huberThreshold) {
      f += w * huberThreshold * (r - halfThreshold);
      h = huberThreshold;
    } else if (r < -huberThreshold) {
      f += w * huberThreshold * (-r - halfThreshold);
      h = -huberThreshold;
    } else {
      f += w * 0.5 * r * r;
      h = r;
    }
    h = (w * h) / sum;
    const h1 = h * e1, h2 = h * e2;
    ga += h1;
    gb += h2;
    ge += h * e3;
    gal -= h1 * ln;
    gbe -= h2 * ld;
  }
  grad[0] = ga;
  grad[1] = gb;
  grad[2] = ge;
  grad[3] = gal;
  grad[4] = gbe;
  return f;
}

/** Convert the log parametrisation to {@link ScalingParams}. */
export function thetaToParams(t: ScalingTheta): ScalingParams {
  return { E: Math.exp(t.e), A: Math.exp(t.a), B: Math.exp(t.b), alpha: t.alpha, beta: t.beta };
}

/** Convert {@link ScalingParams} (A, B, E > 0) to the log parametrisation. */
export function paramsToTheta(p: ScalingParams): ScalingTheta {
  return { a: Math.log(p.A), b: Math.log(p.B), e: Math.log(p.E), alpha: p.alpha, beta: p.beta };
}

/** All starting points of a grid, in the order alpha, beta, e, a, b (outermost first). */
export function scalingGridStarts(grid: ScalingGrid = HOFFMANN_GRID): ScalingTheta[] {
  for (const key of ["alpha", "beta", "e", "a", "b"] as const) {
    const v = grid?.[key];
    if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== "number" || !Number.isFinite(x))) {
      throw new RangeError(`scalingGridStarts: grid.${key} must be a non-empty array of finite numbers, got ${JSON.stringify(v)}`);
    }
  }
  const out: ScalingTheta[] = [];
  for (const alpha of grid.alpha) for (const beta of grid.beta) for (const e of grid.e) for (const a of grid.a) for (const b of grid.b) out.push({ a, b, e, alpha, beta });
  return out;
}

interface MultiStartResult {
  theta: Float64Array;
  objective: number;
  iterations: number;
  converged: number;
  totalIterations: number;
  evaluations: number;
  gradientNorm: number;
  bestIndex: number;
}

/** Run L-BFGS from every start, polish the best few distinct minima, return the best. */
function multiStart(data: ScalingFitData, huberThreshold: number, starts: Float64Array, count: number, lbfgs: LbfgsOptions, polish: number): MultiStartResult {
  const ws = new LbfgsWorkspace(5, lbfgs.memory ?? 10);
  const fg = (x: Float64Array, g: Float64Array): number => huberLogObjective(data, huberThreshold, x, g);
  const ends = new Float64Array(count * 5);
  const fEnd = new Float64Array(count);
  const itEnd = new Uint32Array(count);
  let converged = 0, totalIterations = 0, evaluations = 0;
  const x0 = new Float64Array(5);
  for (let s = 0; s < count; s++) {
    for (let i = 0; i < 5; i++) x0[i] = starts[s * 5 + i];
    const r = lbfgsMinimize(fg, x0, lbfgs, ws);
    if (r.converged) converged++;
    totalIterations += r.iterations;
    evaluations += r.evaluations;
    fEnd[s] = Number.isFinite(r.f) ? r.f : Infinity;
    itEnd[s] = r.iterations;
    ends.set(r.x, s * 5);
  }
  // Polish: restart the best few end points with tolerances at machine precision.
  const order = Array.from({ length: count }, (_, i) => i).sort((p, q) => fEnd[p] - fEnd[q]);
  const tight: LbfgsOptions = { ...lbfgs, gradientTolerance: 0, relativeTolerance: 0, maxIterations: 2000 };
  let best = new Float64Array(5), bestF = Infinity, bestIndex = -1, bestIt = 0, bestG = NaN;
  const chosen: number[] = [];
  for (const idx of order) {
    if (chosen.length >= polish || !Number.isFinite(fEnd[idx])) break;
    // Distinct: skip end points within 1e-6 (max-norm) of one already polished.
    let dup = false;
    for (const c of chosen) {
      let dmax = 0;
      for (let i = 0; i < 5; i++) dmax = Math.max(dmax, Math.abs(ends[idx * 5 + i] - ends[c * 5 + i]));
      if (dmax < 1e-6) { dup = true; break; }
    }
    if (dup) continue;
    chosen.push(idx);
    const r = lbfgsMinimize(fg, ends.subarray(idx * 5, idx * 5 + 5), tight, ws);
    totalIterations += r.iterations;
    evaluations += r.evaluations;
    if (r.f < bestF) {
      bestF = r.f;
      best = Float64Array.from(r.x);
      bestIndex = idx;
      bestIt = itEnd[idx] + r.iterations;
      bestG = r.gradientNorm;
    }
  }
  if (bestIndex < 0) throw new Error(`fitScalingLaw: no start reached a finite objective (${count} starts)`);
  return { theta: best, objective: bestF, iterations: bestIt, converged, totalIterations, evaluations, gradientNorm: bestG, bestIndex };
}

function percentile(sorted: Float64Array, q: number): number {
  // Linear interpolation between order statistics (numpy's default "linear" method).
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function summarise(draws: Float64Array, level: number): { se: number; lower: number; upper: number } {
  const n = draws.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += draws[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (draws[i] - mean) ** 2;
  const sorted = Float64Array.from(draws).sort();
  return { se: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN, lower: percentile(sorted, (1 - level) / 2), upper: percentile(sorted, 1 - (1 - level) / 2) };
}

/**
 * Fit L(N, D) = E + A / N^alpha + B / D^beta to runs by Hoffmann et al.'s procedure (see the module
 * comment): Huber loss (threshold h = 1e-3) of log residuals in the LSE parametrisation, L-BFGS with the
 * analytic gradient from every point of the 4,500-point grid, best kept (then polished to machine
 * precision). With `bootstrap`, each resample (runs drawn with replacement, seeded) is refitted
 * from the full-data fit, giving standard errors and percentile intervals.
 */
export function fitScalingLaw(rows: ReadonlyArray<ScalingRun>, options: FitScalingLawOptions = {}): ScalingFit {
  const data = scalingFitData(rows);
  const huberThreshold = options.huberThreshold ?? 1e-3;
  checkPositive("fitScalingLaw", "options.huberThreshold", huberThreshold);
  const startList = options.starts ?? scalingGridStarts(options.grid ?? HOFFMANN_GRID);
  if (!Array.isArray(startList) || startList.length === 0) throw new RangeError(`fitScalingLaw: options.starts must be a non-empty array of {a, b, e, alpha, beta}`);
  const starts = new Float64Array(startList.length * 5);
  startList.forEach((t, i) => {
    const v = [t.a, t.b, t.e, t.alpha, t.beta];
    if (v.some((x) => typeof x !== "number" || !Number.isFinite(x))) throw new RangeError(`fitScalingLaw: starts[${i}] must have finite a, b, e, alpha, beta, got ${JSON.stringify(t)}`);
    starts.set(v, i * 5);
  });
  const polish = options.polish ?? 8;
  checkInteger("fitScalingLaw", "options.polish", polish, 1);
  const lbfgs = options.lbfgs ?? {};
  const res = multiStart(data, huberThreshold, starts, startList.length, lbfgs, polish);
  const th = res.theta;
  const theta: ScalingTheta = { a: th[0], b: th[1], e: th[2], alpha: th[3], beta: th[4] };
  const fit: ScalingFit = {
    params: thetaToParams(theta),
    theta,
    objective: res.objective,
    iterations: res.iterations,
    converged: res.converged,
    starts: startList.length,
    totalIterations: res.totalIterations,
    evaluations: res.evaluations,
    gradientNorm: res.gradientNorm,
    bestStart: startList[res.bestIndex],
    runs: rows.length,
    huberThreshold,
  };
  if (options.bootstrap) fit.bootstrap = bootstrapScalingFit(data, huberThreshold, th, options.bootstrap, lbfgs);
  return fit;
}

/** A bootstrap refit counts as converged when max |gradient| <= this at its end point. */
const BOOTSTRAP_GRADIENT_OK = 1e-7;

function bootstrapScalingFit(data: ScalingFitData, huberThreshold: number, theta0: Float64Array, opts: ScalingBootstrapOptions, lbfgs: LbfgsOptions): ScalingBootstrap {
  const samples = opts.samples;
  checkInteger("fitScalingLaw", "options.bootstrap.samples", samples, 2);
  const level = opts.level ?? 0.95;
  if (typeof level !== "number" || !(level > 0 && level < 1)) failArg("fitScalingLaw", "options.bootstrap.level", level, "in (0, 1)");
  const rng = toRng(opts.rng, "fitScalingLaw: options.bootstrap.rng");
  const onProgress = opts.onProgress;
  if (onProgress !== undefined && typeof onProgress !== "function") {
    failArg("fitScalingLaw", "options.bootstrap.onProgress", onProgress, "a function (done, total) => void");
  }
  const n = data.lnN.length;
  const resampled: ScalingFitData = { lnN: data.lnN, lnD: data.lnD, lnL: data.lnL, weight: new Float64Array(n) };
  const ws = new LbfgsWorkspace(5, lbfgs.memory ?? 10);
  const fg = (x: Float64Array, g: Float64Array): number => huberLogObjective(resampled, huberThreshold, x, g);
  const draws = { E: new Float64Array(samples), A: new Float64Array(samples), B: new Float64Array(samples), alpha: new Float64Array(samples), beta: new Float64Array(samples) };
  let notConverged = 0;
  const tight: LbfgsOptions = { ...lbfgs, gradientTolerance: 1e-10, relativeTolerance: 0, maxIterations: lbfgs.maxIterations ?? 2000 };
  for (let s = 0; s < samples; s++) {
    // Resampling n runs with replacement = integer multiplicities on the original runs.
    resampled.weight.fill(0);
    for (let i = 0; i < n; i++) resampled.weight[rng.int(n)] += 1;
    // Tolerances at machine precision: with f ~ 1e-3, scipy's relative-decrease test (floored at 1)
    // would stop near the start and make the bootstrap spread look far too narrow.
    const r = lbfgsMinimize(fg, theta0, tight, ws);
    if (!(r.gradientNorm <= BOOTSTRAP_GRADIENT_OK)) notConverged++;
    draws.A[s] = Math.exp(r.x[0]);
    draws.B[s] = Math.exp(r.x[1]);
    draws.E[s] = Math.exp(r.x[2]);
    draws.alpha[s] = r.x[3];
    draws.beta[s] = r.x[4];
    onProgress?.(s + 1, samples);
  }
  const keys = ["E", "A", "B", "alpha", "beta"] as const;
  const se = {} as ScalingParams, lower = {} as ScalingParams, upper = {} as ScalingParams;
  for (const k of keys) {
    const sm = summarise(draws[k], level);
    se[k] = sm.se;
    lower[k] = sm.lower;
    upper[k] = sm.upper;
  }
  return { samples, level, standardErrors: se, lower, upper, draws, notConverged };
}
