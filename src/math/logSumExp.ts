/**
 * log(e^x + e^y) and log Σ e^{x_i} without overflow or underflow: shift by the largest term, so
 * every exponential is at most 1 (the standard "log-sum-exp trick"). -Infinity terms (zero
 * probabilities) are allowed; the result is -Infinity when every term is. Unchecked.
 */

/** log(e^x + e^y). */
export function logAddExp(x: number, y: number): number {
  const m = Math.max(x, y);
  if (m === -Infinity) return -Infinity;
  return m + Math.log(Math.exp(x - m) + Math.exp(y - m));
}

/** log Σ_i e^{xs[i]} (-Infinity for an empty list). */
export function logSumExp(xs: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < xs.length; i++) if (xs[i] > m) m = xs[i];
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += Math.exp(xs[i] - m);
  return m + Math.log(s);
}
