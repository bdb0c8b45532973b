/**
 * Geometric skipping over the pairs of G(n, p) (Batagelj & Brandes 2005, "Efficient generation of
 * large random networks", Phys. Rev. E 71, 036113, Algorithm 1), shared by gnp and the coupled
 * experiments (internal: not re-exported from the package).
 */
import type { Rng } from "../random/rng";

/** A uniform in [0, 1) with enough bits for a geometric skip of parameter p. */
function uniformFor(p: number, rng: Rng): () => number {
  // With 32-bit uniforms the probability of each skip value is off by at most 2^-32 absolute,
  // i.e. relative 2^-32 / p per value; below p = 2^-12 use 53-bit uniforms (relative <= 2^-41).
  return p >= 2 ** -12 ? rng.next.bind(rng) : rng.double.bind(rng);
}

/**
 * Calls visit(v, w) for every edge (v > w) of one G(n, p) sample, 0 < p < 1 (nothing for p <= 0),
 * by increasing v then increasing w. Pairs are walked in the order (1,0), (2,0), (2,1), (3,0), ...;
 * after each geometric skip the position wraps row by row (`w -= v; v++`), so no pair is skipped or
 * visited twice and there are no self-loops.
 */
export function forEachGnpEdge(n: number, p: number, rng: Rng, visit: (v: number, w: number) => void): void {
  if (!(p > 0)) return;
  const uniform = uniformFor(p, rng);
  const invLogQ = 1 / Math.log1p(-p);
  let v = 1;
  let w = -1;
  while (v < n) {
    w += 1 + Math.floor(Math.log(1 - uniform()) * invLogQ);
    while (w >= v && v < n) {
      w -= v;
      v++;
    }
    if (v < n) visit(v, w);
  }
}
