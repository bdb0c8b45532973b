/**
 * Erdős–Rényi random graphs G(n, p) by geometric skipping (Batagelj & Brandes 2005, "Efficient
 * generation of large random networks", Phys. Rev. E 71, 036113, Algorithm 1), O(n + m) time.
 */
import { RngOrSeed, toRng } from "../random/rng";
import { EdgeList, Graph, graphFromEdges, MAX_CSR_ENTRIES } from "./graph";
import { checkInteger, checkOptions, checkProbability } from "../validate";
import { forEachGnpEdge } from "./gnpSkip";
import { checkBytes, checkSteps } from "../budget";

/** Options of {@link gnp} and {@link gnpEdgeList}. */
export interface GnpOptions {
  /** Number of vertices (positive integer). */
  n: number;
  /** Edge probability in [0, 1]. */
  p: number;
  /** The random stream (or a seed). Required. */
  rng: RngOrSeed;
}

/**
 * The edges of G(n, p): each of the n(n-1)/2 pairs {v, w} is an edge independently with
 * probability p. Emitted as (src = v, dst = w) with w < v, by increasing v then increasing w.
 *
 * Batagelj & Brandes walk the lower triangle pair by pair in the order (1,0), (2,0), (2,1), (3,0), …
 * and jump from one edge to the next over a Geometric(p) number of non-edges,
 * skip = floor(log(1 - r) / log(1 - p)). Overflowing a row carries the remainder into the next rows
 * (`w -= v; v++`), so no pair is skipped or visited twice and there are no self-loops; a loop that
 * instead "steps over" the diagonal would make the pairs (v, v+1) more likely than p.
 */
export function gnpEdgeList(options: GnpOptions): EdgeList {
  const fn = "gnp";
  checkOptions(fn, options, "{ n, p, rng }");
  const n = checkInteger(fn, "n", options.n, 1, MAX_CSR_ENTRIES - 1);
  const p = checkProbability(fn, "p", options.p);
  const rng = toRng(options.rng, `${fn}: rng`);
  const pairs = (n * (n - 1)) / 2;
  const mean = pairs * p;
  const maxM = Math.floor(MAX_CSR_ENTRIES / 2);
  if (mean > maxM) {
    throw new RangeError(`${fn}: expected edge count n(n-1)/2 * p = ${mean} exceeds the CSR limit ${maxM}; use a smaller n or p`);
  }
  checkGnpBudget(fn, n, p);
  if (p === 0 || n < 2) return { n, m: 0, src: new Uint32Array(0), dst: new Uint32Array(0) };
  let cap = Math.min(pairs, Math.ceil(mean + 6 * Math.sqrt(mean * (1 - p)) + 16));
  let src = new Uint32Array(cap);
  let dst = new Uint32Array(cap);
  let m = 0;
  if (p === 1) {
    for (let v = 1; v < n; v++) for (let w = 0; w < v; w++) { src[m] = v; dst[m] = w; m++; }
    return { n, m, src, dst };
  }
  forEachGnpEdge(n, p, rng, (v, w) => {
    if (m === cap) {
      if (m >= maxM) throw new RangeError(`${fn}: edge count exceeded the CSR limit ${maxM}`);
      cap = Math.min(pairs, maxM, 2 * cap);
      const s2 = new Uint32Array(cap);
      s2.set(src);
      src = s2;
      const d2 = new Uint32Array(cap);
      d2.set(dst);
      dst = d2;
    }
    src[m] = v;
    dst[m] = w;
    m++;
  });
  return { n, m, src, dst };
}

/**
 * Check the memory and work budget of one G(n, p) sample before drawing it: about 16 bytes per edge
 * (the edge list and the CSR) plus 8 per vertex, and n + m steps, at the expected edge count plus six
 * standard deviations. Also used by the coupled experiments (with their own function name).
 */
export function checkGnpBudget(fn: string, n: number, p: number, trials = 1): void {
  const pairs = (n * (n - 1)) / 2;
  const mean = pairs * p;
  const edges = Math.min(pairs, mean + 6 * Math.sqrt(mean) + 16);
  const what = `the edge list and CSR of about ${edges.toExponential(1)} edges (n = ${n}, p = ${p})`;
  checkBytes(fn, 16 * edges + 8 * n, what, "use a smaller n or p");
  checkSteps(fn, trials * (n + edges), trials > 1 ? `${trials} samples of ${what}` : what, "use a smaller n or p");
}

/**
 * G(n, p) (Erdős & Rényi 1959; Gilbert 1959) in CSR, neighbours ascending: no self-loops, no
 * multi-edges, O(n + m) time (geometric skipping, Batagelj & Brandes 2005). Consumes `rng`.
 * @example
 * gnp({ n: 10, p: 0.3, rng: 1 })
 * // => { n: 10, m: 17, offsets: Uint32Array(11) [0, 3, 7, …], neighbors: Uint32Array(34) [3, 6, 7, …] }
 * @see {@link gnm}, {@link connectedComponents}, {@link coinFlipGraph}
 */
export function gnp(options: GnpOptions): Graph {
  return graphFromEdges(gnpEdgeList(options));
}
