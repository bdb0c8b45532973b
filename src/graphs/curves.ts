/**
 * Theory curves of lesson 03 on a grid, for drawing: the Poisson limit of P(no isolated vertex) and
 * the giant-component fraction of G(n, c/n) (src/graphs/thresholds.ts).
 */
import { checkCurveRange, checkPointCount, valueGrid } from "../math/grid";
import { checkOptions, failArg } from "../validate";
import { giantFraction, noIsolatedLimit } from "./thresholds";

/** Options of the curves of this file: `points` values of c from `from` to `to`. */
export interface ThresholdCurveOptions {
  from: number;
  to: number;
  /** Number of points (default 200). */
  points?: number;
}

/** One c of {@link noIsolatedLimitCurve}. */
export interface NoIsolatedLimitPoint {
  /** c = n p − ln n. */
  c: number;
  /** lim P(no isolated vertex) = exp(−e^(−c)). */
  probability: number;
}

/** exp(−e^(−c)) (Erdős & Rényi 1959) at `points` values of c from `from` to `to`. */
export function noIsolatedLimitCurve(options: ThresholdCurveOptions): NoIsolatedLimitPoint[] {
  const fn = "noIsolatedLimitCurve";
  checkOptions(fn, options, "{ from, to, points? }");
  const [from, to] = checkCurveRange(fn, options.from, options.to, false);
  const count = checkPointCount(fn, "points", options.points ?? 200, 64);
  return Array.from(valueGrid({ from, to, count }), (c) => ({ c, probability: noIsolatedLimit(c) }));
}

/** One c of {@link giantFractionCurve}. */
export interface GiantFractionPoint {
  /** Mean degree c = n p. */
  c: number;
  /** The n → ∞ giant fraction G(c) (0 for c <= 1). */
  fraction: number;
}

/** G(c) = 1 + W₀(−c e^(−c))/c (Erdős & Rényi 1960; 0 for c <= 1) at `points` values of c from `from` (>= 0) to `to`. */
export function giantFractionCurve(options: ThresholdCurveOptions): GiantFractionPoint[] {
  const fn = "giantFractionCurve";
  checkOptions(fn, options, "{ from, to, points? }");
  const [from, to] = checkCurveRange(fn, options.from, options.to, false);
  if (from < 0) failArg(fn, "from", from, "a mean degree c >= 0");
  const count = checkPointCount(fn, "points", options.points ?? 200, 64);
  return Array.from(valueGrid({ from, to, count }), (c) => ({ c, fraction: giantFraction(c) }));
}
