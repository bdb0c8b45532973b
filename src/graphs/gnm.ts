/**
 * Erdős–Rényi random graphs G(n, m): a uniformly random set of exactly m of the n(n-1)/2 pairs
 * (Erdős & Rényi 1959, "On random graphs I").
 */
import { Rng, RngOrSeed, toRng } from "../random/rng";
import { EdgeList, Graph, graphFromEdges, MAX_CSR_ENTRIES } from "./graph";
import { checkInteger, checkOptions } from "../validate";
import { checkBytes, checkSteps } from "../budget";

/** Options of {@link gnm}. */
export interface GnmOptions {
  /** Number of vertices (positive integer). */
  n: number;
  /** Number of edges, at most n(n-1)/2. */
  m: number;
  /** The random stream (or a seed). Required. */
  rng: RngOrSeed;
}

/**
 * A uniform size-`size` subset of [0, total), sorted ascending, in O(size log size) time.
 * Method: draw i.i.d. uniform indices, sort and remove repeats; draw more until there are at least
 * `size` distinct ones; then drop a uniform random subset of the surplus. Every step treats the
 * labels symmetrically, so given its size the distinct set is a uniform subset of that size, and
 * dropping a uniform random part of it leaves a uniform `size`-subset.
 */
function sortedUniformSubset(total: number, size: number, rng: Rng): Float64Array {
  let have = new Float64Array(0);
  while (have.length < size) {
    const deficit = size - have.length;
    // Expected draws to get `deficit` new distinct values is about deficit * total / (total - have).
    const draws = Math.ceil((deficit * total) / (total - have.length)) + 16;
    const buf = new Float64Array(have.length + draws);
    buf.set(have);
    for (let i = have.length; i < buf.length; i++) buf[i] = Math.floor(rng.double() * total);
    buf.sort();
    let d = 0;
    for (let i = 0; i < buf.length; i++) if (i === 0 || buf[i] !== buf[i - 1]) buf[d++] = buf[i];
    have = buf.slice(0, d);
  }
  const surplus = have.length - size;
  if (surplus === 0) return have;
  // Mark `surplus` uniformly chosen positions (partial Fisher–Yates over positions) and compact.
  const pos = new Uint32Array(have.length);
  for (let i = 0; i < pos.length; i++) pos[i] = i;
  const drop = new Uint8Array(have.length);
  for (let i = 0; i < surplus; i++) {
    const j = i + Math.floor(rng.double() * (pos.length - i));
    const t = pos[j];
    pos[j] = pos[i];
    pos[i] = t;
    drop[t] = 1;
  }
  const out = new Float64Array(size);
  let o = 0;
  for (let i = 0; i < have.length; i++) if (!drop[i]) out[o++] = have[i];
  return out;
}

/** Pair index e = v(v-1)/2 + w (w < v) back to (v, w). */
function decodePair(e: number): [number, number] {
  let v = Math.floor((1 + Math.sqrt(1 + 8 * e)) / 2);
  while ((v * (v - 1)) / 2 > e) v--;
  while (((v + 1) * v) / 2 <= e) v++;
  return [v, e - (v * (v - 1)) / 2];
}

/**
 * The edges of G(n, m), emitted as (v, w), w < v, by increasing v then w. Pairs are indexed
 * e = v(v-1)/2 + w; a uniform m-subset of indices is drawn (or, when m > n(n-1)/4, a uniform subset
 * of the non-edges, whose complement is then uniform too).
 */
export function gnmEdgeList(options: GnmOptions): EdgeList {
  const fn = "gnm";
  checkOptions(fn, options, "{ n, m, rng }");
  const { n, m } = options;
  checkInteger(fn, "n", n, 1, MAX_CSR_ENTRIES - 1);
  const pairs = (n * (n - 1)) / 2;
  if (pairs > 2 ** 53) throw new RangeError(`${fn}: n(n-1)/2 must be <= 2^53, got n = ${n}`);
  checkInteger(fn, "m", m, 0, Math.min(pairs, Math.floor(MAX_CSR_ENTRIES / 2)));
  const rng = toRng(options.rng, `${fn}: rng`);
  // Budget: src/dst and CSR (16 bytes per edge), the sampled indices and their scratch (about 24 bytes
  // per sampled index), 8 bytes per vertex; steps: the sort of the sample, plus one pass over all
  // pairs when the complement is sampled.
  const sampled = Math.min(m, pairs - m);
  const what = `G(n, m) with n = ${n}, m = ${m}`;
  checkBytes(fn, 16 * m + 24 * sampled + 8 * n, what, "use a smaller n or m");
  checkSteps(fn, n + m + sampled * Math.log2(sampled + 2) + (m > pairs / 2 ? pairs : 0), what, "use a smaller n or m");
  const src = new Uint32Array(m);
  const dst = new Uint32Array(m);
  const complement = m > pairs / 2;
  const chosen = sortedUniformSubset(pairs, complement ? pairs - m : m, rng);
  if (!complement) {
    for (let i = 0; i < m; i++) {
      const [v, w] = decodePair(chosen[i]);
      src[i] = v;
      dst[i] = w;
    }
  } else {
    let i = 0;
    let c = 0;
    let e = 0;
    for (let v = 1; v < n; v++) {
      for (let w = 0; w < v; w++, e++) {
        if (c < chosen.length && chosen[c] === e) { c++; continue; }
        src[i] = v;
        dst[i] = w;
        i++;
      }
    }
  }
  return { n, m, src, dst };
}

/**
 * G(n, m) in CSR, neighbours ascending: exactly m edges, uniform over all such simple graphs.
 * @see {@link gnp}, {@link connectedComponents}
 */
export function gnm(options: GnmOptions): Graph {
  return graphFromEdges(gnmEdgeList(options));
}
