/**
 * Threshold search for a monotone predicate: the smallest x at which `reaches(x)` turns true, by
 * bisection (the intermediate value argument on a non-decreasing 0/1 function), optionally after an
 * upward grid scan that brackets the first crossing.
 */

/** Options of {@link bisectFirst}. */
export interface BisectFirstOptions {
  /** Stop when hi − lo <= tolerance (times max(1, hi) when `relative`). */
  tolerance: number;
  /** Scale the tolerance by max(1, hi) (default false: absolute). */
  relative?: boolean;
  /** At most this many halvings (default unbounded). */
  maxIterations?: number;
}

/**
 * Bisection on [lo, hi] for a predicate that is false below a threshold and true from it on, with
 * `reaches(hi)` true: returns the final hi, within the tolerance above the threshold. Unchecked:
 * lo <= hi. Does not evaluate `reaches(lo)` (callers that want lo itself test it first).
 */
export function bisectFirst(reaches: (x: number) => boolean, lo: number, hi: number, options: BisectFirstOptions): number {
  const { tolerance, relative = false, maxIterations = Infinity } = options;
  for (let i = 0; i < maxIterations && hi - lo > (relative ? tolerance * Math.max(1, hi) : tolerance); i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break; // the bracket cannot shrink further in floating point
    if (reaches(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The first x in [lo, hi] at which `reaches` turns true: scan `steps` + 1 equally spaced points
 * upward, then bisect between the first point that reaches and the one before it (to 1e-10, at most
 * 200 halvings). NaN when no grid point reaches. A scan rather than a bisection over the whole range:
 * the predicate need only be monotone near its first crossing. Unchecked: lo < hi, steps >= 1.
 */
export function scanThenBisect(reaches: (x: number) => boolean, lo: number, hi: number, steps: number): number {
  for (let i = 0; i <= steps; i++) {
    const x = lo + ((hi - lo) * i) / steps;
    if (reaches(x)) {
      const before = i === 0 ? x : lo + ((hi - lo) * (i - 1)) / steps;
      return bisectFirst(reaches, before, x, { tolerance: 1e-10, maxIterations: 200 });
    }
  }
  return NaN;
}
