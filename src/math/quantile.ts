/**
 * Quantiles of a sorted sample.
 */

/**
 * The q-quantile (q in [0, 1]) of an ascending sample by linear interpolation between order
 * statistics at position q (n - 1) (numpy's default "linear" method; Hyndman & Fan 1996, type 7).
 * Unchecked: `sorted` must be non-empty and ascending.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
