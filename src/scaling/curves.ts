/**
 * The compute-optimal frontier of a scaling law on a grid of compute budgets, for drawing
 * (Hoffmann et al. 2022, eq. 4; src/scaling/law.ts).
 */
import { checkCurveRange, checkPointCount, valueGrid } from "../math/grid";
import { checkPositive, checkOptions, describeValue, failArg } from "../validate";
import { checkFrontierParams, computeOptimalFor, isoLossParameters, isoLossTokens, type ComputeOptimum, type ScalingParams } from "./law";

/** One budget of {@link computeOptimalCurve}. */
export interface ComputeOptimalPoint extends ComputeOptimum {
  /** Training compute C = 6 N D (FLOPs). */
  compute: number;
}

/** Options of {@link computeOptimalCurve}. */
export interface ComputeOptimalCurveOptions {
  params: ScalingParams;
  /** Smallest budget (FLOPs, > 0). */
  from: number;
  /** Largest budget (FLOPs, > from). */
  to: number;
  /** Budgets, log-spaced (default 200). */
  points?: number;
}

/** computeOptimal at `points` log-spaced budgets from `from` to `to`: N_opt, D_opt, loss and D/N along the frontier. */
export function computeOptimalCurve(options: ComputeOptimalCurveOptions): ComputeOptimalPoint[] {
  const fn = "computeOptimalCurve";
  checkOptions(fn, options, "{ params, from, to, points? }");
  const params = checkFrontierParams(fn, options.params);
  checkPositive(fn, "from", options.from);
  const [from, to] = checkCurveRange(fn, options.from, options.to, true);
  const count = checkPointCount(fn, "points", options.points ?? 200, 96);
  return Array.from(valueGrid({ from, to, count, log: true }), (C) => ({ compute: C, ...computeOptimalFor(fn, C, params) }));
}

/** Options of {@link isoLossCurve}. */
export interface IsoLossCurveOptions {
  params: ScalingParams;
  /** The loss of the contour (nats/token). */
  loss: number;
  /** Range of model sizes N [low, high] (parameters). */
  N: [number, number];
  /** Range of training tokens D [low, high]. */
  D: [number, number];
  /** Points on the part of the contour inside the box, log-spaced in N (default 120). */
  points?: number;
}

/**
 * The iso-loss contour L(N, D) = loss inside the box N × D: `points` pairs (N, D) with
 * D = isoLossTokens(N), N log-spaced between where the contour enters the box (its top edge D = D_high,
 * or N_low) and where it leaves it (its bottom edge D = D_low, or N_high). Empty when the contour
 * misses the box.
 */
export function isoLossCurve(options: IsoLossCurveOptions): { N: number; D: number }[] {
  const fn = "isoLossCurve";
  checkOptions(fn, options, "{ params, loss, N, D, points? }");
  const [n0, n1] = (Array.isArray(options.N) ? options.N : [NaN, NaN]) as [number, number];
  const [d0, d1] = (Array.isArray(options.D) ? options.D : [NaN, NaN]) as [number, number];
  if (!(Array.isArray(options.N) && options.N.length === 2 && typeof n0 === "number" && typeof n1 === "number" && n0 > 0 && n1 > n0 && Number.isFinite(n1))) throw new RangeError(`${fn}: N must be [low, high] with 0 < low < high, got ${describeValue(options.N)}`);
  if (!(Array.isArray(options.D) && options.D.length === 2 && typeof d0 === "number" && typeof d1 === "number" && d0 > 0 && d1 > d0 && Number.isFinite(d1))) throw new RangeError(`${fn}: D must be [low, high] with 0 < low < high, got ${describeValue(options.D)}`);
  const params = checkFrontierParams(fn, options.params);
  const loss = checkPositive(fn, "loss", options.loss);
  const count = checkPointCount(fn, "points", options.points ?? 120, 64);
  // D(N) falls as N grows: the contour enters at D = d1 and leaves at D = d0.
  const left = Math.max(n0, isoLossParameters({ D: d1, loss, params }));
  const right = Math.min(n1, isoLossParameters({ D: d0, loss, params }));
  if (!(right > left) || !Number.isFinite(left)) return [];
  return Array.from(valueGrid({ from: left, to: right, count, log: true }), (N) => ({ N, D: Math.min(d1, Math.max(d0, isoLossTokens({ N, loss, params }))) }));
}
