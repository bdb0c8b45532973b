/**
 * log Gamma, log factorial and log binomial coefficients (natural logs): the one implementation
 * behind the public, checked `logFactorial` / `logChoose` / `logFallingFactorial` (combinatorics/counts)
 * and the internal users (the binomial sampler, the finite-size union bound, the occupancy formulas).
 * No argument checks here: callers pass valid integers; the public wrappers check their arguments
 * and name themselves in the error.
 *
 * Accuracy: integers below 256 use sums of logs (the same rounding as the exact sum of
 * log 2 + ... + log n); above, Stirling's series with four correction terms (truncation error
 * < 1e-20 at n >= 256; Abramowitz & Stegun 6.1.41). log C(n, k) is computed in a cancellation-free
 * form, so its relative error stays about 1e-14 even when log n! is huge. Non-integer Gamma
 * arguments use the Lanczos approximation (relative error about 1e-15).
 */

const LN_SQRT_2PI = 0.9189385332046728; // ln(sqrt(2 pi))
/** Below this, sums of logs (at most this many terms) are used instead of Stirling's series. */
const SUM_LIMIT = 256;

/** log k! for k < SUM_LIMIT, summed in order log 2 + log 3 + ... (a running sum, built once). */
const LN_FACT_TABLE = new Float64Array(SUM_LIMIT);
for (let k = 2; k < SUM_LIMIT; k++) LN_FACT_TABLE[k] = LN_FACT_TABLE[k - 1] + Math.log(k);

/** Stirling-series correction log n! - [n log n - n + log sqrt(2 pi n)] for n >= SUM_LIMIT (error < 1e-20). */
function stirlingCorrection(n: number): number {
  const r = 1 / n;
  const r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 / 1680)));
}

/** log n! for an integer n >= 0 (unchecked): a table below 256, Stirling's series above. */
export function logFactorial(n: number): number {
  if (n < SUM_LIMIT) return LN_FACT_TABLE[n];
  return n * Math.log(n) - n + LN_SQRT_2PI + 0.5 * Math.log(n) + stirlingCorrection(n);
}

/**
 * log C(n, k) for integers n, k >= 0 (unchecked; -Infinity when k > n, since C = 0).
 * With j = min(k, n-k): for j < 256 the sum of ln((n-i)/(j-i)) over i < j; otherwise Stirling's
 * series in a cancellation-free form, k log(n/k) + m log1p(k/m) + log sqrt(n/(2 pi k m)) + corrections
 * with m = n - k.
 */
export function logChoose(n: number, k: number): number {
  if (k > n) return -Infinity;
  const m = n - k;
  const j = Math.min(k, m);
  if (j < SUM_LIMIT) {
    let s = 0;
    for (let i = 0; i < j; i++) s += Math.log((n - i) / (j - i));
    return s;
  }
  return (
    k * Math.log(n / k) +
    m * Math.log1p(k / m) +
    0.5 * Math.log(n / (k * m)) -
    LN_SQRT_2PI +
    stirlingCorrection(n) -
    stirlingCorrection(k) -
    stirlingCorrection(m)
  );
}

/** log of the falling factorial n!/(n-k)! for integers n, k >= 0 (unchecked; -Infinity when k > n). */
export function logFallingFactorial(n: number, k: number): number {
  if (k > n) return -Infinity;
  if (k < SUM_LIMIT) {
    let s = 0;
    for (let i = 0; i < k; i++) s += Math.log(n - i);
    return s;
  }
  return logChoose(n, k) + logFactorial(k);
}

// Lanczos approximation, g = 7, 9 coefficients (Godfrey's set, as tabulated e.g. in Numerical
// Recipes 3rd ed. §6.1 and widely reproduced): relative error about 1e-15 for Re(x) > 0.5.
const LANCZOS_G = 7;
const LANCZOS_C = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * log Γ(x) for a finite x > 0 (unchecked). Integer x uses {@link logFactorial}(x - 1); other x the
 * Lanczos approximation, with the reflection Γ(x)Γ(1-x) = π / sin(πx) below 0.5.
 */
export function logGamma(x: number): number {
  if (Number.isInteger(x)) return logFactorial(x - 1);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS_C[0];
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < 9; i++) a += LANCZOS_C[i] / (z + i);
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
