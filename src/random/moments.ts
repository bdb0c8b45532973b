/**
 * Descriptive statistics of a sample: what a lesson prints next to the theory's mean and variance.
 */
import { failArg } from "../validate";

/** Sample size, mean, unbiased variance, standard deviation, smallest and largest value. */
export interface SampleMoments {
  n: number;
  mean: number;
  /** Unbiased sample variance, sum (x - mean)^2 / (n - 1); 0 when n = 1. */
  variance: number;
  /** sqrt(variance). */
  std: number;
  min: number;
  max: number;
}

/**
 * Moments of a sample by Welford's one-pass update (Welford 1962, "Note on a method for
 * calculating corrected sums of squares and products"), stable for large n and large means.
 * @example
 * sampleMoments([1, 2, 3, 4])
 * // => { n: 4, mean: 2.5, variance: 1.66667…, std: 1.29099…, min: 1, max: 4 }
 * @see {@link sampleCorrelation}
 */
export function sampleMoments(values: ArrayLike<number>): SampleMoments {
  if (!values || typeof values.length !== "number" || values.length === 0) {
    failArg("sampleMoments", "values", values, "a non-empty array of finite numbers");
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (typeof x !== "number" || !Number.isFinite(x)) failArg("sampleMoments", `values[${i}]`, x, "a finite number");
    if (x < min) min = x;
    if (x > max) max = x;
  }
  // Welford on x / scale (scale = a power of two near the largest magnitude, so that dividing is exact),
  // so that differences of values near the double's limit cannot overflow.
  const big = Math.max(Math.abs(min), Math.abs(max));
  const scale = big > 2 ** 500 ? 2 ** Math.floor(Math.log2(big)) : 1;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] / scale;
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  }
  const n = values.length;
  const variance = (n > 1 ? m2 / (n - 1) : 0) * scale * scale;
  if (!Number.isFinite(variance)) {
    throw new RangeError(`sampleMoments: the variance of values is beyond the double range (std about ${(Math.sqrt(m2 / (n - 1)) * scale).toExponential(2)}); rescale the values`);
  }
  return { n, mean: mean * scale, variance, std: Math.sqrt(variance), min, max };
}
