/**
 * An undirected simple graph on vertices 0..n-1 in CSR (compressed sparse row) typed arrays, and
 * the counting-sort construction from an edge list. O(n + m) time and memory.
 */
import { checkInteger, failArg } from "../validate";

/** Largest number of entries a Uint32Array-indexed CSR can hold here. */
export const MAX_CSR_ENTRIES = 2 ** 32 - 1;

/** Undirected graph in CSR: the neighbours of v are neighbors[offsets[v] .. offsets[v+1]). */
export interface Graph {
  /** Number of vertices. */
  readonly n: number;
  /** Number of (undirected) edges; each appears twice in `neighbors`. */
  readonly m: number;
  /** Length n + 1; offsets[n] = 2m. */
  readonly offsets: Uint32Array;
  /** Length 2m. */
  readonly neighbors: Uint32Array;
}

/** An edge list: edge i joins src[i] and dst[i] (only the first m entries are edges). */
export interface EdgeList {
  readonly n: number;
  readonly m: number;
  readonly src: Uint32Array;
  readonly dst: Uint32Array;
}

/**
 * CSR from an edge list by counting sort (two passes). Each vertex's neighbours appear in edge-list
 * order; for the generators here (edges emitted by increasing larger endpoint, then increasing smaller
 * endpoint) that is ascending order. Does not remove self-loops or repeated edges; they are the
 * caller's business.
 */
export function graphFromEdges(edges: EdgeList): Graph {
  const fn = "graphFromEdges";
  if (edges === null || typeof edges !== "object") throw new TypeError(`${fn}: expected { n, m, src, dst }, got ${String(edges)}`);
  const n = checkInteger(fn, "n", edges.n, 0, MAX_CSR_ENTRIES - 1);
  const m = checkInteger(fn, "m", edges.m, 0, Math.floor(MAX_CSR_ENTRIES / 2));
  const { src, dst } = edges;
  if (!(src instanceof Uint32Array) || !(dst instanceof Uint32Array) || src.length < m || dst.length < m) {
    throw new TypeError(`${fn}: src and dst must be Uint32Arrays with at least m = ${m} entries`);
  }
  const offsets = new Uint32Array(n + 1);
  for (let i = 0; i < m; i++) {
    const a = src[i];
    const b = dst[i];
    if (a >= n || b >= n) throw new RangeError(`${fn}: edge ${i} = (${a}, ${b}) has an endpoint outside [0, ${n})`);
    offsets[a + 1]++;
    offsets[b + 1]++;
  }
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const cursor = offsets.slice(0, n);
  const neighbors = new Uint32Array(2 * m);
  for (let i = 0; i < m; i++) {
    const a = src[i];
    const b = dst[i];
    neighbors[cursor[a]++] = b;
    neighbors[cursor[b]++] = a;
  }
  return { n, m, offsets, neighbors };
}

/**
 * Throw unless `g` is a CSR graph: n, m integers, offsets a Uint32Array of length n + 1 from 0 to 2m,
 * neighbors a Uint32Array of length 2m. O(1) checks; `name` is the argument's name in the message.
 */
export function checkCsrGraph(fn: string, g: unknown, name = "graph"): Graph {
  const graph = g as Graph;
  if (graph === null || typeof graph !== "object") failArg(fn, name, g, "a Graph { n, m, offsets, neighbors } (from gnp, gnm or coinFlipGraph)");
  const n = checkInteger(fn, `${name}.n`, graph.n, 0, MAX_CSR_ENTRIES - 1);
  const m = checkInteger(fn, `${name}.m`, graph.m, 0, Math.floor(MAX_CSR_ENTRIES / 2));
  const { offsets, neighbors } = graph;
  if (!(offsets instanceof Uint32Array) || offsets.length !== n + 1 || offsets[0] !== 0 || offsets[n] !== 2 * m) {
    failArg(fn, `${name}.offsets`, offsets, `a Uint32Array of length n + 1 = ${n + 1} from 0 to 2m = ${2 * m}`);
  }
  if (!(neighbors instanceof Uint32Array) || neighbors.length !== 2 * m) {
    failArg(fn, `${name}.neighbors`, neighbors, `a Uint32Array of length 2m = ${2 * m}`);
  }
  return graph;
}

/** Degree of every vertex. */
export function graphDegrees(graph: Graph): Uint32Array {
  checkCsrGraph("graphDegrees", graph);
  const d = new Uint32Array(graph.n);
  for (let v = 0; v < graph.n; v++) d[v] = graph.offsets[v + 1] - graph.offsets[v];
  return d;
}
