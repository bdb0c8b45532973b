/**
 * Equal-width histograms: bin edges over [lo, hi] and the count of values in each bin.
 */

/** The bins of an equal-width histogram over [lo, hi]. */
export interface HistogramBins {
  lo: number;
  hi: number;
  /** (hi - lo) / count. */
  width: number;
  /** Bin centres lo + (b + 1/2) width, b = 0 .. count - 1. */
  centers: number[];
}

/** `count` equal bins over [lo, hi] (unchecked: count >= 1, hi > lo). */
export function histogramBins(lo: number, hi: number, count: number): HistogramBins {
  const width = (hi - lo) / count;
  return { lo, hi, width, centers: Array.from({ length: count }, (_, b) => lo + (b + 0.5) * width) };
}

/**
 * How many of `values` fall in each bin: value v goes to bin floor((v - lo) / width), clamped to the
 * first and last bin (so values on or beyond the edges are counted at the ends).
 */
export function histogramCounts(values: ArrayLike<number>, bins: HistogramBins): number[] {
  const n = bins.centers.length;
  const counts = new Array<number>(n).fill(0);
  for (let i = 0; i < values.length; i++) {
    const b = Math.min(n - 1, Math.max(0, Math.floor((values[i] - bins.lo) / bins.width)));
    counts[b]++;
  }
  return counts;
}
