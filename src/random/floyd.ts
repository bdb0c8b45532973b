/**
 * Floyd's sampling of a uniform k-subset of {0, ..., n-1} (Bentley & Floyd 1987, "Programming
 * pearls: a sample of brilliance", CACM 30(9)): for j = n-k ... n-1 draw t uniform in [0, j] and
 * take t, or j if t is already taken. Exactly k draws, every k-subset equally likely. The one
 * implementation behind `sampleKSubset`, random failure sets and the adversary's tie breaking.
 * Unchecked: 0 <= k <= n <= 2^32.
 */
import type { Rng } from "./rng";

/**
 * The k chosen indices in draw order (not sorted). With `mask` (length n, all 0 on entry) the
 * chosen indices are also marked 1 there and membership is looked up in it; without, a Set is used
 * (for n too large for a mask). A uniform integer in [0, j] is floor(u (j + 1)) with u = rng.next(),
 * as in `rng.int`.
 */
export function floydSample(n: number, k: number, rng: Rng, mask?: Uint8Array): Uint32Array {
  const out = new Uint32Array(k);
  const next = rng.next.bind(rng);
  const chosen = mask ? null : new Set<number>();
  for (let j = n - k, i = 0; j < n; j++, i++) {
    const t = Math.floor(next() * (j + 1));
    let pick: number;
    if (mask) {
      pick = mask[t] ? j : t;
      mask[pick] = 1;
    } else {
      pick = chosen!.has(t) ? j : t;
      chosen!.add(pick);
    }
    out[i] = pick;
  }
  return out;
}

/** Floyd's sample as a 0/1 mask of length n (exactly k ones). */
export function floydMask(n: number, k: number, rng: Rng): Uint8Array {
  const mask = new Uint8Array(n);
  floydSample(n, k, rng, mask);
  return mask;
}
