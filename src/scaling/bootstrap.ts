/**
 * The seeded bootstrap of the Chinchilla fit (as in Besiroglu et al. 2024, arXiv 2404.10102):
 * resample the runs with replacement, refit each resample from the full-data fit, and summarise the
 * refitted parameters by their standard errors and percentile intervals.
 */
import { lbfgsMinimize, LbfgsWorkspace, type LbfgsOptions } from "../math/lbfgs";
import { quantileSorted } from "../math/quantile";
import { toRng, type RngOrSeed } from "../random/rng";
import { checkInteger, failArg } from "../validate";
import { checkBytes, workMeter } from "../budget";
import type { ScalingParams } from "./law";
import { huberLogObjective, type ScalingFitData } from "./objective";

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
  /** Standard error of each parameter: the sample standard deviation over the resamples. */
  stdErr: ScalingParams;
  /** Lower end of the percentile interval. */
  lower: ScalingParams;
  /** Upper end of the percentile interval. */
  upper: ScalingParams;
  /** The fitted parameters of every resample, one array per parameter. */
  draws: { E: Float64Array; A: Float64Array; B: Float64Array; alpha: Float64Array; beta: Float64Array };
  /** Resamples whose refit ended with max |gradient| > 1e-7 (kept in the draws). */
  notConverged: number;
}
function summarize(draws: Float64Array, level: number): { se: number; lower: number; upper: number } {
  const n = draws.length;
  // On draws / scale (the largest magnitude), so that squares of huge draws (B = e^700) cannot overflow.
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(draws[i]));
  if (!(scale > 0)) scale = 1;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += draws[i] / scale;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (draws[i] / scale - mean) ** 2;
  const sorted = Float64Array.from(draws).sort();
  return { se: n > 1 ? Math.sqrt(ss / (n - 1)) * scale : NaN, lower: quantileSorted(sorted, (1 - level) / 2), upper: quantileSorted(sorted, 1 - (1 - level) / 2) };
}

/** A bootstrap refit counts as converged when max |gradient| <= this at its end point. */
const BOOTSTRAP_GRADIENT_OK = 1e-7;

export function bootstrapScalingFit(data: ScalingFitData, huberThreshold: number, x0: Float64Array, opts: ScalingBootstrapOptions, lbfgs: LbfgsOptions): ScalingBootstrap {
  const samples = opts.samples;
  checkInteger("fitScalingLaw", "options.bootstrap.samples", samples, 2);
  const level = opts.level ?? 0.95;
  if (typeof level !== "number" || !(level > 0 && level < 1)) failArg("fitScalingLaw", "options.bootstrap.level", level, "in (0, 1)");
  const rng = toRng(opts.rng, "fitScalingLaw: options.bootstrap.rng");
  const onProgress = opts.onProgress;
  if (onProgress !== undefined && typeof onProgress !== "function") {
    failArg("fitScalingLaw", "options.bootstrap.onProgress", onProgress, "a function (done, total) => void");
  }
  const n = data.logN.length;
  checkBytes("fitScalingLaw", 56 * samples, `${samples} bootstrap resamples`, "use fewer options.bootstrap.samples");
  const meter = workMeter("fitScalingLaw", `${samples} bootstrap refits on ${n} runs`, "use fewer options.bootstrap.samples or a smaller lbfgs.maxIterations");
  const resampled: ScalingFitData = { logN: data.logN, logD: data.logD, logLoss: data.logLoss, weight: new Float64Array(n) };
  const ws = new LbfgsWorkspace(5, lbfgs.memory ?? 10);
  const fg = (x: Float64Array, g: Float64Array): number => {
    meter.add(5 * n);
    return huberLogObjective(resampled, huberThreshold, x, g);
  };
  const draws = { E: new Float64Array(samples), A: new Float64Array(samples), B: new Float64Array(samples), alpha: new Float64Array(samples), beta: new Float64Array(samples) };
  let notConverged = 0;
  const tight: LbfgsOptions = { ...lbfgs, gradientTolerance: 1e-10, relativeTolerance: 0, maxIterations: lbfgs.maxIterations ?? 2000 };
  for (let s = 0; s < samples; s++) {
    // Resampling n runs with replacement = integer multiplicities on the original runs.
    resampled.weight.fill(0);
    for (let i = 0; i < n; i++) resampled.weight[rng.int(n)] += 1;
    // Tolerances at machine precision: with f ~ 1e-3, scipy's relative-decrease test (floored at 1)
    // would stop near the start and make the bootstrap spread look far too narrow.
    const r = lbfgsMinimize(fg, x0, tight, ws);
    if (!(r.gradientNorm <= BOOTSTRAP_GRADIENT_OK)) notConverged++;
    draws.A[s] = Math.exp(r.x[0]);
    draws.B[s] = Math.exp(r.x[1]);
    draws.E[s] = Math.exp(r.x[2]);
    draws.alpha[s] = r.x[3];
    draws.beta[s] = r.x[4];
    for (const key of ["E", "A", "B", "alpha", "beta"] as const) {
      if (!Number.isFinite(draws[key][s])) {
        throw new RangeError(`fitScalingLaw: bootstrap resample ${s} ended at ${key} = ${draws[key][s]} (outside the double range); the fit is not stable under resampling of these runs`);
      }
    }
    onProgress?.(s + 1, samples);
  }
  const keys = ["E", "A", "B", "alpha", "beta"] as const;
  const se = {} as ScalingParams, lower = {} as ScalingParams, upper = {} as ScalingParams;
  for (const k of keys) {
    const sm = summarize(draws[k], level);
    se[k] = sm.se;
    lower[k] = sm.lower;
    upper[k] = sm.upper;
  }
  return { samples, level, stdErr: se, lower, upper, draws, notConverged };
}
