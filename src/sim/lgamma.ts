/**
 * log Gamma and log binomial coefficients, for the finite-size union bound of Theorem 8
 * (internal to sim/; the package-level combinatorics has its own counting functions).
 */

// Lanczos approximation, g = 7, 9 coefficients (Godfrey's set, as tabulated e.g. in Numerical
// Recipes 3rd ed. §6.1 and widely reproduced): relative error about 1e-15 for Re(x) > 0.5.
const G = 7;
const C = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(x) for x > 0 (Lanczos approximation; reflection Γ(x)Γ(1-x) = π / sin(πx) below 0.5).
 * Throws for x <= 0 or a non-finite x.
 */
export function lnGamma(x: number): number {
  if (typeof x !== "number" || !Number.isFinite(x) || x <= 0) {
    throw new RangeError(`lnGamma: x must be a finite number > 0, got ${String(x)}`);
  }
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = C[0];
  const t = z + G + 0.5;
  for (let i = 1; i < 9; i++) a += C[i] / (z + i);
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln C(n, m) = lnΓ(n+1) - lnΓ(m+1) - lnΓ(n-m+1) for integers 0 <= m <= n. */
export function lnBinomial(n: number, m: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`lnBinomial: n must be a non-negative integer, got ${String(n)}`);
  if (!Number.isInteger(m) || m < 0 || m > n) throw new RangeError(`lnBinomial: m must be an integer in [0, ${n}], got ${String(m)}`);
  if (m === 0 || m === n) return 0;
  return lnGamma(n + 1) - lnGamma(m + 1) - lnGamma(n - m + 1);
}
