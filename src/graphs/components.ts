/**
 * Connected components by union–find (union by size, path halving): labels, sizes, the largest
 * component and the isolated vertices. O((n + m) α(n)) time, typed arrays throughout.
 */
import { checkCsrGraph, EdgeList, Graph } from "./graph";
import { UnionFind } from "./unionFind";
import { checkInteger } from "../validate";

/** The connected components of a graph. */
export interface Components {
  /** Number of components (an isolated vertex is a component of size 1). */
  readonly count: number;
  /** Component id of each vertex, ids 0..count-1 numbered by their smallest vertex. */
  readonly label: Uint32Array;
  /** Size of each component, indexed by id. */
  readonly sizes: Uint32Array;
  /** Size of the largest component (0 for the empty graph). */
  readonly largest: number;
  /** Number of components of size 1: vertices with no edge to another vertex. */
  readonly isolated: number;
}

function summarize(uf: UnionFind, n: number): Components {
  const rootId = new Int32Array(n).fill(-1);
  const label = new Uint32Array(n);
  let count = 0;
  for (let v = 0; v < n; v++) {
    const r = uf.find(v);
    if (rootId[r] < 0) rootId[r] = count++;
    label[v] = rootId[r];
  }
  const sizes = new Uint32Array(count);
  for (let v = 0; v < n; v++) sizes[label[v]]++;
  let largest = 0;
  let isolated = 0;
  for (let c = 0; c < count; c++) {
    if (sizes[c] > largest) largest = sizes[c];
    if (sizes[c] === 1) isolated++;
  }
  return { count, label, sizes, largest, isolated };
}

/**
 * Connected components of a CSR graph (each undirected edge is read once, from its larger end).
 * @example
 * connectedComponents(gnp({ n: 10, p: 0.3, rng: 1 }))
 * // => { count: 1, label: Uint32Array(10) [0, 0, 0, …], sizes: Uint32Array [10], largest: 10, isolated: 0 }
 * @see {@link gnp}, {@link gnm}, {@link giantFraction}
 */
export function connectedComponents(graph: Graph): Components {
  const { n, offsets, neighbors } = checkCsrGraph("connectedComponents", graph);
  const uf = new UnionFind(n);
  for (let v = 0; v < n; v++) {
    for (let j = offsets[v], end = offsets[v + 1]; j < end; j++) {
      const u = neighbors[j];
      if (u < v) uf.union(u, v);
    }
  }
  return summarize(uf, n);
}

/** Connected components of the graph on 0..n-1 with edges (src[i], dst[i]), i < m. */
export function componentsFromEdges(edges: EdgeList): Components {
  const fn = "componentsFromEdges";
  if (edges === null || typeof edges !== "object") throw new TypeError(`${fn}: expected { n, m, src, dst }, got ${String(edges)}`);
  const n = checkInteger(fn, "n", edges.n, 0);
  const m = checkInteger(fn, "m", edges.m, 0);
  const { src, dst } = edges;
  if (src.length < m || dst.length < m) throw new RangeError(`${fn}: src and dst need at least m = ${m} entries`);
  const uf = new UnionFind(n);
  for (let i = 0; i < m; i++) {
    const a = src[i];
    const b = dst[i];
    if (a >= n || b >= n) throw new RangeError(`${fn}: edge ${i} = (${a}, ${b}) has an endpoint outside [0, ${n})`);
    uf.union(a, b);
  }
  return summarize(uf, n);
}
