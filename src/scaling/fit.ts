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
import { LbfgsWorkspace, lbfgsMinimize, type LbfgsOptions } from "../math/lbfgs";
import { checkClosed, checkInteger, checkOptions, checkPositive, describeValue, failArg } from "../validate";
import { checkBytes, workMeter } from "../budget";
import { bootstrapScalingFit, type ScalingBootstrap, type ScalingBootstrapOptions } from "./bootstrap";
import type { ScalingParams } from "./law";
import { fromLogParams, type LogScalingParams } from "./logParams";
import { huberLogObjective, scalingFitData, type ScalingFitData, type ScalingRun } from "./objective";

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
/** Options of {@link fitScalingLaw}. */
export interface FitScalingLawOptions {
  /** Huber threshold h on log residuals: quadratic below, linear above (default 1e-3, as Hoffmann et al.). */
  huberThreshold?: number;
  /** Starting grid (default {@link HOFFMANN_GRID}); every combination is a start. */
  grid?: ScalingGrid;
  /** Explicit starting points; replaces the grid when given. */
  starts?: LogScalingParams[];
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
  logParams: LogScalingParams;
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
  bestStart: LogScalingParams;
  /** Number of runs fitted. */
  runs: number;
  /** The Huber threshold h used. */
  huberThreshold: number;
  bootstrap?: ScalingBootstrap;
}
/**
 * All starting points of a grid, in the order alpha, beta, e, a, b (outermost first).
 * @example
 * scalingGridStarts()
 * // => 4500 items: [{ a: 0, b: 0, e: -1, alpha: 0, beta: 0 }, …]
 * @see {@link fitScalingLaw}
 */
export function scalingGridStarts(grid: ScalingGrid = HOFFMANN_GRID): LogScalingParams[] {
  return gridStarts("scalingGridStarts", grid, "grid");
}

function gridStarts(fn: string, grid: ScalingGrid, name: string): LogScalingParams[] {
  checkOptions(fn, grid, "{ alpha, beta, e, a, b } (arrays of starting values)");
  let count = 1;
  for (const key of ["alpha", "beta", "e", "a", "b"] as const) {
    const v = grid[key];
    if (!Array.isArray(v) || v.length === 0) failArg(fn, `${name}.${key}`, v, "a non-empty array of finite numbers");
    v.forEach((x, i) => checkStartValue(fn, `${name}.${key}[${i}]`, key, x));
    count *= v.length;
  }
  checkBytes(fn, 100 * count, `${count} starting points (the product of the grid's lengths)`, "use shorter grid arrays");
  const out: LogScalingParams[] = [];
  for (const alpha of grid.alpha) for (const beta of grid.beta) for (const e of grid.e) for (const a of grid.a) for (const b of grid.b) out.push({ a, b, e, alpha, beta });
  return out;
}
interface MultiStartResult {
  x: Float64Array;
  objective: number;
  iterations: number;
  converged: number;
  totalIterations: number;
  evaluations: number;
  gradientNorm: number;
  bestIndex: number;
}

/** Largest |a|, |b|, |e| of a start: e^700 is about 1e304, inside the double range. */
const LOG_PARAM_LIMIT = 700;

/** A starting value: a, b, e in [-700, 700] (so that A = e^a, B, E are finite), alpha and beta finite. */
function checkStartValue(fn: string, name: string, key: string, x: unknown): number {
  if (key === "alpha" || key === "beta") {
    if (typeof x !== "number" || !Number.isFinite(x)) failArg(fn, name, x, "a finite number");
    return x;
  }
  return checkClosed(fn, name, x, -LOG_PARAM_LIMIT, LOG_PARAM_LIMIT);
}

/** True when A = e^a, B = e^b, E = e^e are finite (the fitted law is a law). */
function finiteLaw(x: ArrayLike<number>): boolean {
  for (let i = 0; i < 5; i++) if (!Number.isFinite(x[i])) return false;
  return Number.isFinite(Math.exp(x[0])) && Number.isFinite(Math.exp(x[1])) && Number.isFinite(Math.exp(x[2]));
}

/** Check the L-BFGS options a caller passes through (each optional). */
export function checkLbfgsOptions(fn: string, name: string, o: unknown): LbfgsOptions {
  const opts = checkOptions(fn, o as LbfgsOptions, "{ memory?, maxIterations?, gradientTolerance?, relativeTolerance?, c1?, c2?, maxLineSearch? }");
  const known = ["memory", "maxIterations", "gradientTolerance", "relativeTolerance", "c1", "c2", "maxLineSearch"];
  for (const key of Object.keys(opts)) if (!known.includes(key)) failArg(fn, `${name}.${key}`, (opts as Record<string, unknown>)[key], `absent: the known options are ${known.join(", ")}`);
  if (opts.memory !== undefined) checkInteger(fn, `${name}.memory`, opts.memory, 1, 100);
  if (opts.maxIterations !== undefined) checkInteger(fn, `${name}.maxIterations`, opts.maxIterations, 0);
  if (opts.maxLineSearch !== undefined) checkInteger(fn, `${name}.maxLineSearch`, opts.maxLineSearch, 1, 1000);
  for (const key of ["gradientTolerance", "relativeTolerance"] as const) if (opts[key] !== undefined) checkClosed(fn, `${name}.${key}`, opts[key], 0, Number.MAX_VALUE);
  const c1 = opts.c1 === undefined ? 1e-4 : checkClosed(fn, `${name}.c1`, opts.c1, 0, 1);
  const c2 = opts.c2 === undefined ? 0.9 : checkClosed(fn, `${name}.c2`, opts.c2, 0, 1);
  if (!(0 < c1 && c1 < c2 && c2 < 1)) failArg(fn, `${name}.c1, ${name}.c2`, `${c1}, ${c2}`, "0 < c1 < c2 < 1 (strong Wolfe conditions)");
  return opts;
}

/** Steps charged per objective evaluation and run (three exponentials and a log). */
const STEPS_PER_RUN = 5;

/** Run L-BFGS from every start, polish the best few distinct minima, return the best. */
function multiStart(data: ScalingFitData, huberThreshold: number, starts: Float64Array, count: number, lbfgs: LbfgsOptions, polish: number): MultiStartResult {
  const ws = new LbfgsWorkspace(5, lbfgs.memory ?? 10);
  const n = data.logN.length;
  const meter = workMeter("fitScalingLaw", `${count} starts on ${n} runs`, "use fewer starts, fewer runs or a smaller lbfgs.maxIterations");
  const fg = (x: Float64Array, g: Float64Array): number => {
    meter.add(STEPS_PER_RUN * n);
    return huberLogObjective(data, huberThreshold, x, g);
  };
  const ends = new Float64Array(count * 5);
  const fEnd = new Float64Array(count);
  const itEnd = new Uint32Array(count);
  let converged = 0, totalIterations = 0, evaluations = 0;
  const x0 = new Float64Array(5);
  for (let s = 0; s < count; s++) {
    for (let i = 0; i < 5; i++) x0[i] = starts[s * 5 + i];
    const r = lbfgsMinimize(fg, x0, lbfgs, ws);
    // A run that ends where e^a, e^b or e^e overflows has not found a law: not converged, never best.
    const finite = Number.isFinite(r.f) && finiteLaw(r.x);
    if (r.converged && finite) converged++;
    totalIterations += r.iterations;
    evaluations += r.evaluations;
    fEnd[s] = finite ? r.f : Infinity;
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
    if (r.f < bestF && finiteLaw(r.x)) {
      bestF = r.f;
      best = Float64Array.from(r.x);
      bestIndex = idx;
      bestIt = itEnd[idx] + r.iterations;
      bestG = r.gradientNorm;
    }
  }
  if (bestIndex < 0) throw new RangeError(`fitScalingLaw: no start reached a finite objective with finite A, B, E (${count} starts); choose options.starts (or options.grid) nearer the data`);
  return { x: best, objective: bestF, iterations: bestIt, converged, totalIterations, evaluations, gradientNorm: bestG, bestIndex };
}
/**
 * Fit L(N, D) = E + A / N^alpha + B / D^beta to runs by Hoffmann et al.'s procedure (see the module
 * comment): Huber loss (threshold h = 1e-3) of log residuals in the LSE parametrisation, L-BFGS with the
 * analytic gradient from every point of the 4,500-point grid, best kept (then polished to machine
 * precision). With `bootstrap`, each resample (runs drawn with replacement, seeded) is refitted
 * from the full-data fit, giving standard errors and percentile intervals.
 * @example
 * fitScalingLaw(syntheticChinchillaRuns({ params: HOFFMANN_2022, rng: 1 }), { starts: scalingGridStarts().slice(0, 8) }).params
 * // => { E: 1.76718…, A: 535.108…, B: 901.075…, alpha: 0.356428…, beta: 0.318986… }
 * @see {@link chinchillaLoss}, {@link scalingFitObjective}, {@link scalingGridStarts}, {@link loadChinchillaRuns}
 */
export function fitScalingLaw(rows: ReadonlyArray<ScalingRun>, options: FitScalingLawOptions = {}): ScalingFit {
  const fn = "fitScalingLaw";
  const data = scalingFitData(rows);
  checkOptions(fn, options, "{ huberThreshold?, grid?, starts?, lbfgs?, polish?, bootstrap? }");
  const huberThreshold = options.huberThreshold ?? 1e-3;
  checkPositive(fn, "options.huberThreshold", huberThreshold);
  const startList = options.starts ?? gridStarts(fn, options.grid ?? HOFFMANN_GRID, "options.grid");
  if (!Array.isArray(startList) || startList.length === 0) failArg(fn, "options.starts", startList, "a non-empty array of {a, b, e, alpha, beta}");
  const starts = new Float64Array(startList.length * 5);
  startList.forEach((t, i) => {
    if (t === null || typeof t !== "object") failArg(fn, `options.starts[${i}]`, t, "an object {a, b, e, alpha, beta}");
    const v = (["a", "b", "e", "alpha", "beta"] as const).map((key) => checkStartValue(fn, `options.starts[${i}].${key}`, key, t[key]));
    starts.set(v, i * 5);
  });
  const polish = options.polish ?? 8;
  checkInteger(fn, "options.polish", polish, 1);
  const lbfgs = checkLbfgsOptions(fn, "options.lbfgs", options.lbfgs ?? {});
  if (options.bootstrap !== undefined) checkOptions(fn, options.bootstrap, "{ samples, rng, level?, onProgress? }");
  const res = multiStart(data, huberThreshold, starts, startList.length, lbfgs, polish);
  const th = res.x;
  const logParams: LogScalingParams = { a: th[0], b: th[1], e: th[2], alpha: th[3], beta: th[4] };
  const fit: ScalingFit = {
    params: fromLogParams(logParams),
    logParams,
    objective: res.objective,
    iterations: res.iterations,
    converged: res.converged,
    starts: startList.length,
    totalIterations: res.totalIterations,
    evaluations: res.evaluations,
    gradientNorm: res.gradientNorm,
    bestStart: { ...startList[res.bestIndex] },
    runs: rows.length,
    huberThreshold,
  };
  if (options.bootstrap) fit.bootstrap = bootstrapScalingFit(data, huberThreshold, th, options.bootstrap, lbfgs);
  return fit;
}
