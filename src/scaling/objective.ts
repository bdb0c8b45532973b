/**
 * The objective of Hoffmann et al.'s fit (2022, Approach 3, Appendix D.2): the summed Huber loss of
 * log residuals, sum_i Huber_h(LSE(a - alpha log N_i, b - beta log D_i, e) - log L_i), with its
 * analytic gradient, over runs whose logs are precomputed in typed arrays.
 */
import { checkOptions, checkPositive, failArg } from "../validate";
import { checkScalingParams } from "./validate";
import type { ScalingParams } from "./law";
import { toLogParams } from "./logParams";

/** One training run: N parameters, D tokens, final loss (nats/token). */
export interface ScalingRun {
  N: number;
  D: number;
  loss: number;
}
/** Precomputed logs of a data set, in typed arrays. */
export interface ScalingFitData {
  logN: Float64Array;
  logD: Float64Array;
  logLoss: Float64Array;
  /** Multiplicity of each run (1 for a plain fit; bootstrap counts otherwise). */
  weight: Float64Array;
}

/** Validate runs and precompute their logs (throws on a non-positive or non-finite value). */
export function scalingFitData(rows: ReadonlyArray<ScalingRun>, fn = "fitScalingLaw"): ScalingFitData {
  if (!Array.isArray(rows)) throw new TypeError(`${fn}: rows must be an array of {N, D, loss}, got ${String(rows)}`);
  if (rows.length < 5) throw new RangeError(`${fn}: rows must hold at least 5 runs to fit 5 parameters, got ${rows.length}`);
  const n = rows.length;
  const logN = new Float64Array(n), logD = new Float64Array(n), logLoss = new Float64Array(n), weight = new Float64Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    for (const key of ["N", "D", "loss"] as const) {
      checkPositive(fn, `rows[${i}].${key}`, r?.[key]);
    }
    logN[i] = Math.log(r.N);
    logD[i] = Math.log(r.D);
    logLoss[i] = Math.log(r.loss);
  }
  return { logN, logD, logLoss, weight };
}

/**
 * Hoffmann's objective at x = [a, b, e, alpha, beta]: sum_i w_i Huber_h(LSE(a - alpha lnN_i,
 * b - beta lnD_i, e) - lnL_i), with its analytic gradient written into `grad`. The LSE is computed
 * stably (shifted by its largest term); nothing is allocated.
 */
export function huberLogObjective(data: ScalingFitData, huberThreshold: number, x: ArrayLike<number>, grad: Float64Array): number {
  const { logN, logD, logLoss, weight } = data;
  const a = x[0], b = x[1], e = x[2], alpha = x[3], beta = x[4];
  const halfThreshold = 0.5 * huberThreshold;
  const ee = Math.exp(e);
  let f = 0, ga = 0, gb = 0, ge = 0, gal = 0, gbe = 0;
  const n = logN.length;
  for (let i = 0; i < n; i++) {
    const ln = logN[i], ld = logD[i];
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
    const r = m + Math.log(sum) - logLoss[i];
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
/** Options of {@link scalingFitObjective}. */
export interface ScalingFitObjectiveOptions {
  /** The training runs. */
  runs: ReadonlyArray<ScalingRun>;
  /** The law at which to evaluate the objective (A, B, E > 0). */
  params: ScalingParams;
  /** Huber threshold h on log residuals (default 1e-3, as Hoffmann et al.). */
  huberThreshold?: number;
}

/**
 * Hoffmann et al.'s objective (summed Huber loss of log residuals, the quantity {@link fitScalingLaw}
 * minimises) at the law `params` on `runs`: lower is a better fit of those runs.
 * @example
 * scalingFitObjective({ runs: syntheticChinchillaRuns({ params: HOFFMANN_2022, rng: 1 }), params: HOFFMANN_2022, huberThreshold: 1e-3 })
 * // => 0.00370283…
 * @see {@link fitScalingLaw}, {@link chinchillaLoss}
 */
export function scalingFitObjective(options: ScalingFitObjectiveOptions): number {
  const fn = "scalingFitObjective";
  checkOptions(fn, options, "{ runs, params, huberThreshold? }");
  const data = scalingFitData(options.runs, fn);
  const huberThreshold = checkPositive(fn, "huberThreshold", options.huberThreshold ?? 1e-3);
  const p = checkScalingParams(fn, options.params);
  for (const key of ["E", "A", "B"] as const) if (!(p[key] > 0)) failArg(fn, `params.${key}`, p[key], "> 0 (the objective works with log A, log B, log E)");
  const t = toLogParams(p);
  return huberLogObjective(data, huberThreshold, [t.a, t.b, t.e, t.alpha, t.beta], new Float64Array(5));
}
