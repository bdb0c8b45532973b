/**
 * A uniformly random permutation of 0 … n−1 by the Fisher–Yates shuffle (Knuth, TAOCP vol. 2,
 * Algorithm 3.4.2 P): for i = n−1 down to 1 swap a[i] with a[j], j uniform in [0, i]. Every one of
 * the n! orders is equally likely. Used for random visiting orders and random tie breaking.
 * Unchecked: n a non-negative integer <= 2^32.
 */
import type { Rng } from "./rng";

/** A uniformly random permutation of 0 … n−1 (j uniform in [0, i] is `rng.int(i + 1)`). */
export function randomPermutation(n: number, rng: Rng): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = a[i];
    a[i] = a[j];
    a[j] = tmp;
  }
  return a;
}
