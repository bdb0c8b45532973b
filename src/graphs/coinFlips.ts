/**
 * G(n, p) by its definition: one coin per pair of vertices, heads (an edge) with probability p
 * (Erdős & Rényi 1959; Gilbert 1959). O(n^2), for small pictures and as a reference for the fast
 * generator. Each coin is a uniform U in [0, 1) and "heads" means U < p, so the same coins, read at
 * a larger p, give a larger graph that contains the smaller one: the random-graph process.
 */
import { RngOrSeed, toRng } from "../random/rng";
import { Graph, graphFromEdges } from "./graph";
import { checkInteger, checkOptions, checkProbability, failArg } from "../validate";
import { checkBytes } from "../budget";

/** Options of {@link coinFlipGraph}. */
export interface CoinFlipOptions {
  /** Number of vertices, 1..2000 (the coins are stored: n(n-1)/2 of them). */
  n: number;
  /** Edge probability. */
  p: number;
  rng: RngOrSeed;
}

/** The coins of a G(n, p) sample and the graph they make at p. */
export interface CoinFlipGraph {
  n: number;
  p: number;
  /** Pair i joins pairV[i] > pairW[i]; pairs in the order (1,0), (2,0), (2,1), (3,0), … */
  pairV: Uint32Array;
  pairW: Uint32Array;
  /** The coin of pair i: uniform in [0, 1); the pair is an edge iff coin < p. */
  coin: Float64Array;
  /** The graph of the pairs with coin < p. */
  graph: Graph;
}

/**
 * Flip one coin per pair: the literal definition of G(n, p).
 * @example
 * coinFlipGraph({ n: 10, p: 0.3, rng: 1 })
 * // => { n: 10, p: 0.3, pairV: Uint32Array(45) [1, 2, 2, …], pairW: Uint32Array(45) [0, 0, 1, …], coin: Float64Array(45) [0.526047…, 0.47772…, 0.165818…, …], graph: { n: 10, m: 13, offsets: Uint32Array(11) [0, 1, 4, …], neighbors: Uint32Array(26) [3, 2, 5, …] } }
 * @see {@link coinGraphAt}, {@link gnp}
 */
export function coinFlipGraph(options: CoinFlipOptions): CoinFlipGraph {
  const fn = "coinFlipGraph";
  checkOptions(fn, options);
  const n = checkInteger(fn, "n", options.n, 1, 2000);
  const p = checkProbability(fn, "p", options.p);
  const rng = toRng(options.rng, `${fn}: rng`);
  const pairs = (n * (n - 1)) / 2;
  checkBytes(fn, 16 * pairs + 24 * pairs * p + 8 * n, `the coins of ${pairs} pairs (n = ${n})`, "use a smaller n");
  const pairV = new Uint32Array(pairs);
  const pairW = new Uint32Array(pairs);
  const coin = new Float64Array(pairs);
  let i = 0;
  for (let v = 1; v < n; v++) {
    for (let w = 0; w < v; w++, i++) {
      pairV[i] = v;
      pairW[i] = w;
      coin[i] = rng.double();
    }
  }
  const base = { n, p, pairV, pairW, coin };
  return { ...base, graph: coinGraphAt(base, p) };
}

/** The coins of a G(n, p) sample without the graph: what {@link coinGraphAt} reads. */
export type CoinFlips = Pick<CoinFlipGraph, "n" | "pairV" | "pairW" | "coin">;

/**
 * Throw unless `coins` looks like the result of {@link coinFlipGraph}: n an integer in [1, 2000],
 * pairV, pairW (Uint32Array) and coin (Float64Array) of length n(n-1)/2 with pairV[i] > pairW[i].
 */
export function checkCoins(fn: string, coins: unknown): CoinFlips {
  const c = coins as CoinFlips;
  if (c === null || typeof c !== "object") failArg(fn, "coins", coins, "the result of coinFlipGraph { n, pairV, pairW, coin }");
  const n = checkInteger(fn, "coins.n", c.n, 1, 2000);
  const pairs = (n * (n - 1)) / 2;
  for (const [key, type] of [["pairV", Uint32Array], ["pairW", Uint32Array], ["coin", Float64Array]] as const) {
    const v = c[key];
    if (!(v instanceof type) || v.length !== pairs) {
      failArg(fn, `coins.${key}`, v, `a ${type.name} of length n(n-1)/2 = ${pairs} (the result of coinFlipGraph)`);
    }
  }
  for (let i = 0; i < pairs; i++) {
    if (!(c.pairV[i] < n && c.pairW[i] < c.pairV[i])) failArg(fn, `coins.pairV[${i}] / coins.pairW[${i}]`, `${c.pairV[i]} / ${c.pairW[i]}`, `a pair w < v < n = ${n}`);
  }
  return c;
}

/**
 * The graph the same coins make at another edge probability p (edges: coin < p).
 * @example
 * coinGraphAt(coinFlipGraph({ n: 10, p: 0.5, rng: 1 }), 0.2)
 * // => { n: 10, m: 8, offsets: Uint32Array(11) [0, 1, 4, …], neighbors: Uint32Array(16) [3, 2, 5, …] }
 * @see {@link coinFlipGraph}, {@link connectedComponents}
 */
export function coinGraphAt(coins: CoinFlips, p: number): Graph {
  checkCoins("coinGraphAt", coins);
  checkProbability("coinGraphAt", "p", p);
  let m = 0;
  for (let i = 0; i < coins.coin.length; i++) if (coins.coin[i] < p) m++;
  const src = new Uint32Array(m);
  const dst = new Uint32Array(m);
  let j = 0;
  for (let i = 0; i < coins.coin.length; i++) {
    if (coins.coin[i] < p) {
      src[j] = coins.pairV[i];
      dst[j] = coins.pairW[i];
      j++;
    }
  }
  return graphFromEdges({ n: coins.n, m, src, dst });
}
