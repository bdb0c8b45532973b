/**
 * Pearson's correlation coefficient of paired samples: how strongly two estimates move together
 * across bootstrap resamples (lesson 01: the trade-off between A and alpha, B and beta).
 */
import { failArg } from "../validate";

/**
 * Sample correlation r = sum (x - mean x)(y - mean y) / sqrt(sum (x - mean x)^2 sum (y - mean y)^2)
 * of paired values (Pearson 1895), in [-1, 1]. Two passes (means first), stable for large offsets.
 * Throws when the arrays differ in length, hold fewer than 2 pairs or a non-finite value, or when one
 * of them is constant (the correlation is undefined).
 */
export function sampleCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const fn = "sampleCorrelation";
  if (!x || typeof x.length !== "number" || x.length < 2) failArg(fn, "x", x, "an array of at least 2 finite numbers");
  if (!y || typeof y.length !== "number" || y.length !== x.length) failArg(fn, "y", y, `an array of the same length as x (${x.length})`);
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    if (typeof x[i] !== "number" || !Number.isFinite(x[i])) failArg(fn, `x[${i}]`, x[i], "a finite number");
    if (typeof y[i] !== "number" || !Number.isFinite(y[i])) failArg(fn, `y[${i}]`, y[i], "a finite number");
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0) failArg(fn, "x", x, "values that vary (the correlation of a constant is undefined)");
  if (syy === 0) failArg(fn, "y", y, "values that vary (the correlation of a constant is undefined)");
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}
