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
import { checkInteger, checkPositive } from "../validate";
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
  for (const key of ["alpha", "beta", "e", "a", "b"] as const) {
    const v = grid?.[key];
    if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== "number" || !Number.isFinite(x))) {
      throw new RangeError(`scalingGridStarts: grid.${key} must be a non-empty array of finite numbers, got ${JSON.stringify(v)}`);
    }
  }
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
    bestStart: startList[res.bestIndex],
    runs: rows.length,
    huberThreshold,
  };
  if (options.bootstrap) fit.bootstrap = bootstrapScalingFit(data, huberThreshold, th, options.bootstrap, lbfgs);
  return fit;
}
