/**
 * Selection: the m-th largest value of an array in expected linear time (Hoare's quickselect,
 * "Algorithm 65: find", CACM 4(7), 1961), with a median-of-three pivot.
 */

/**
 * The m-th largest value (m = 1 is the maximum) of `a`, by in-place quickselect (O(n) expected;
 * `a` is permuted). Unchecked: 1 <= m <= a.length.
 */
export function selectKthLargest(a: Float64Array, m: number): number {
  // m-th largest == (n - m)-th smallest (0-based)
  const target = a.length - m;
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    // median of three pivot, deterministic (no randomness needed for correctness)
    const mid = (lo + hi) >>> 1;
    const x = a[lo], y = a[mid], z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target];
  }
  return a[target];
}
