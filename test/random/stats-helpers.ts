/**
 * Statistics for the tests, written independently of the library code under test:
 * log-gamma (Lanczos), the chi-square survival function (regularized upper incomplete gamma,
 * series / continued fraction as in Press et al., Numerical Recipes 3rd ed. §6.2), exact binomial
 * probabilities, and a pooled chi-square goodness-of-fit test.
 */

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = 0.99999999999980993;
  const t = x + 7.5;
  for (let i = 0; i < 8; i++) a += LANCZOS[i] / (x + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized upper incomplete gamma Q(a, x). */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lead = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return 1 - sum * Math.exp(lead);
  }
  // Lentz's continued fraction
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(lead) * h;
}

/** P(X² >= x) for a chi-square variable with df degrees of freedom. */
export function chiSquareSurvival(x: number, df: number): number {
  return gammaQ(df / 2, x / 2);
}

/** Exact Binomial(n, p) probabilities 0..n by log-gamma. */
export function binomialPmf(n: number, p: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) {
    out[k] = Math.exp(logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p));
  }
  return out;
}

export interface ChiSquareResult {
  statistic: number;
  df: number;
  pValue: number;
  bins: number;
}

/**
 * Pearson's chi-square goodness of fit of `observed` counts to `probs` (same index; probs may sum to
 * less than 1 when the tail is lumped into the last bin by the caller). Adjacent bins are pooled
 * left to right until each has expected count >= minExpected (the usual validity rule).
 */
export function chiSquareTest(observed: ArrayLike<number>, probs: ArrayLike<number>, minExpected = 5): ChiSquareResult {
  let total = 0;
  for (let i = 0; i < observed.length; i++) total += observed[i];
  const pooledO: number[] = [];
  const pooledE: number[] = [];
  let o = 0;
  let e = 0;
  for (let i = 0; i < probs.length; i++) {
    o += observed[i] ?? 0;
    e += probs[i] * total;
    if (e >= minExpected) {
      pooledO.push(o);
      pooledE.push(e);
      o = 0;
      e = 0;
    }
  }
  if (e > 0 || o > 0) {
    if (pooledO.length === 0) {
      pooledO.push(o);
      pooledE.push(e);
    } else {
      pooledO[pooledO.length - 1] += o;
      pooledE[pooledE.length - 1] += e;
    }
  }
  let stat = 0;
  for (let i = 0; i < pooledO.length; i++) stat += (pooledO[i] - pooledE[i]) ** 2 / pooledE[i];
  const df = pooledO.length - 1;
  return { statistic: stat, df, pValue: chiSquareSurvival(stat, df), bins: pooledO.length };
}

/**
 * Significance level for "this should not happen by chance": a test fails only when p < ALPHA.
 * With ALPHA = 1e-6 and a few dozen such checks in the suite, a false alarm has probability < 1e-4.
 */
export const ALPHA = 1e-6;

/** Two-sided 5-sigma: P(|Z| > 5) = 5.7e-7 for a normal statistic. */
export const Z5 = 5;
