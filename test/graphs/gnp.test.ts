import { test } from "node:test";
import * as assert from "node:assert/strict";
import { createRng, Rng } from "../../src/random/rng";
import { EdgeList, Graph, graphDegrees, graphFromEdges } from "../../src/graphs/graph";
import { gnm, gnmEdgeList } from "../../src/graphs/gnm";
import { gnp, gnpEdgeList } from "../../src/graphs/gnp";
import { ALPHA, binomialPmf, chiSquareTest, Z5 } from "../random/stats-helpers";

/** Brute-force invariants of a simple undirected CSR graph. */
function checkSimple(g: Graph): void {
  assert.equal(g.offsets.length, g.n + 1);
  assert.equal(g.offsets[g.n], 2 * g.m);
  const seen = new Set<number>();
  for (let v = 0; v < g.n; v++) {
    for (let j = g.offsets[v]; j < g.offsets[v + 1]; j++) {
      const u = g.neighbors[j];
      assert.ok(u < g.n);
      assert.notEqual(u, v, "self-loop");
      if (j > g.offsets[v]) assert.ok(g.neighbors[j - 1] < u, "neighbours ascending, no repeats");
      // symmetric: v appears in u's list
      const list = Array.from(g.neighbors.subarray(g.offsets[u], g.offsets[u + 1]));
      assert.ok(list.includes(v), `edge ${v}-${u} not symmetric`);
      seen.add(Math.min(u, v) * g.n + Math.max(u, v));
    }
  }
  assert.equal(seen.size, g.m);
}

test("gnp / gnm: exact seeded SNAPSHOTS (paired with the statistical tests below)", () => {
  // Recorded from this implementation on 2026-11-29, seed "snapshot".
  const e = gnpEdgeList({ n: 8, p: 0.4, rng: createRng("snapshot") });
  assert.deepEqual(Array.from(e.src.subarray(0, e.m)), [1, 3, 4, 4, 6, 6, 6, 6]);
  assert.deepEqual(Array.from(e.dst.subarray(0, e.m)), [0, 0, 0, 1, 0, 2, 4, 5]);
  const f = gnmEdgeList({ n: 8, m: 6, rng: createRng("snapshot") });
  assert.deepEqual(Array.from(f.src), [5, 6, 7, 7, 7, 7]);
  assert.deepEqual(Array.from(f.dst), [0, 3, 2, 4, 5, 6]);
});

test("gnp / gnm: simple graphs in CSR (no loops, no multi-edges, symmetric, sorted); edge cases", () => {
  const rng = createRng("structure");
  for (const [n, p] of [[1, 0.5], [2, 1], [30, 0], [30, 1], [50, 0.1], [200, 0.02], [300, 0.9]] as Array<[number, number]>) {
    const g = gnp({ n, p, rng });
    checkSimple(g);
    if (p === 0) assert.equal(g.m, 0);
    if (p === 1) assert.equal(g.m, (n * (n - 1)) / 2);
  }
  for (const [n, m] of [[1, 0], [10, 45], [10, 0], [40, 100], [40, 700], [500, 2000]] as Array<[number, number]>) {
    const g = gnm({ n, m, rng });
    checkSimple(g);
    assert.equal(g.m, m);
  }
  // Same seed -> same graph.
  assert.deepEqual(gnp({ n: 100, p: 0.05, rng: createRng(3) }).neighbors, gnp({ n: 100, p: 0.05, rng: 3 }).neighbors);
  // graphFromEdges on a hand-made path 0-1-2 plus isolated 3
  const path = graphFromEdges({ n: 4, m: 2, src: Uint32Array.of(1, 2), dst: Uint32Array.of(0, 1) });
  assert.deepEqual(Array.from(path.offsets), [0, 1, 3, 4, 4]);
  assert.deepEqual(Array.from(path.neighbors), [1, 0, 2, 1]);
  assert.deepEqual(Array.from(graphDegrees(path)), [1, 2, 1, 0]);
});

test("gnp / gnm: bad arguments throw errors naming the argument and value", () => {
  const rng = createRng(1);
  assert.throws(() => gnp({ n: 10, p: 1.5, rng }), /gnp: p must be a probability in \[0, 1\], got 1.5/);
  assert.throws(() => gnp({ n: 10, p: NaN, rng }), /gnp: p .* got NaN/);
  assert.throws(() => gnp({ n: 0, p: 0.5, rng }), /gnp: n must be an integer .* got 0/);
  assert.throws(() => gnp({ n: 10.5, p: 0.5, rng }), /gnp: n .* got 10.5/);
  assert.throws(() => gnp({ n: 10, p: 0.5 } as never), /rng is required/);
  assert.throws(() => gnp(undefined as never), /gnp: options must be an object \{ n, p, rng \}/);
  assert.throws(() => gnm({ n: 5, m: 11, rng }), /gnm: m must be an integer in \[0, 10\], got 11/);
  assert.throws(() => gnp({ n: 1e9, p: 0.5, rng }), /gnp: expected edge count .* exceeds/);
});

/**
 * Pair-frequency test. Over R independent graphs, the number of graphs containing a given pair is
 * Binomial(R, q) with q the pair's probability (p for G(n,p), m / C(n,2) for G(n,m); independent
 * runs). We flag a pair when its frequency is more than 5 standard deviations sqrt(q(1-q)/R) from q.
 * Normal tail P(|Z| > 5) = 5.7e-7, so over the C(n,2) <= 28 pairs a correct generator is flagged
 * with probability < 28 * 5.7e-7 = 1.6e-5 (Bonferroni).
 */
function flaggedPairs(generate: (rng: Rng) => EdgeList, n: number, q: number, R: number, seed: string): Array<[number, number, number]> {
  const rng = createRng(seed);
  const counts = new Float64Array(n * n);
  for (let r = 0; r < R; r++) {
    const e = generate(rng);
    for (let i = 0; i < e.m; i++) {
      const a = Math.min(e.src[i], e.dst[i]);
      const b = Math.max(e.src[i], e.dst[i]);
      assert.ok(a !== b, "self-loop");
      counts[a * n + b]++;
    }
  }
  const tol = Z5 * Math.sqrt((q * (1 - q)) / R);
  const out: Array<[number, number, number]> = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (Math.abs(counts[a * n + b] / R - q) > tol) out.push([a, b, counts[a * n + b] / R]);
  return out;
}

/**
 * A deliberately biased skipper, for the power check: it walks the upper triangle INCLUDING the
 * diagonal, row by row (cells (v, w), w >= v), and when a skip lands on a self-loop (v, v) it
 * "steps over" it to (v, v+1). So (v, v+1) is hit with probability about 2p - p^2 instead of p.
 */
function naiveSkipper(n: number, p: number, rng: Rng): EdgeList {
  const src: number[] = [];
  const dst: number[] = [];
  const lq = Math.log1p(-p);
  let v = 0;
  let w = -1;
  for (;;) {
    w += 1 + Math.floor(Math.log(1 - rng.double()) / lq);
    while (w >= n && v < n) {
      w -= n - (v + 1);
      v++;
    }
    if (v >= n - 1) break;
    if (w === v) w = v + 1;
    src.push(v);
    dst.push(w);
  }
  return { n, m: src.length, src: Uint32Array.from(src), dst: Uint32Array.from(dst) };
}

test("gnp: every pair has frequency p within 5 sigma over many runs; the test catches a naive skipper", () => {
  for (const [n, p, R] of [[8, 0.3, 20_000], [6, 0.05, 40_000]] as Array<[number, number, number]>) {
    const good = flaggedPairs((rng) => gnpEdgeList({ n, p, rng }), n, p, R, `pairs-${n}`);
    assert.deepEqual(good, [], `gnp(${n}, ${p}) pairs off by > 5 sigma: ${JSON.stringify(good)}`);
    const bad = flaggedPairs((rng) => naiveSkipper(n, p, rng), n, p, R, `pairs-${n}`);
    // The biased generator must be caught, and on the pairs (v, v+1).
    assert.ok(bad.length > 0, "the naive skipper should be flagged");
    for (let v = 0; v + 1 < n - 1; v++) {
      assert.ok(bad.some(([a, b]) => a === v && b === v + 1), `naive skipper: pair (${v}, ${v + 1}) should be flagged; flagged ${JSON.stringify(bad)}`);
    }
  }
});

test("gnm: every pair has frequency m / C(n,2) within 5 sigma; every graph with m edges is equally likely", () => {
  const n = 8;
  const m = 10;
  const flagged = flaggedPairs((rng) => gnmEdgeList({ n, m, rng }), n, m / 28, 20_000, "gnm-pairs");
  assert.deepEqual(flagged, []);
  // n = 4 has 6 pairs; each graph is a 6-bit mask. m = 2 and 3 use the direct branch, m = 4 the complement.
  const rng = createRng("gnm-uniform");
  for (const mm of [2, 3, 4]) {
    const counts = new Float64Array(64);
    const T = 30_000;
    for (let t = 0; t < T; t++) {
      const e = gnmEdgeList({ n: 4, m: mm, rng });
      let mask = 0;
      for (let i = 0; i < e.m; i++) mask |= 1 << ((e.src[i] * (e.src[i] - 1)) / 2 + e.dst[i]);
      counts[mask]++;
    }
    const masks = Array.from({ length: 64 }, (_, x) => x).filter((x) => x.toString(2).split("1").length - 1 === mm);
    const obs = masks.map((x) => counts[x]);
    assert.equal(obs.reduce((a, b) => a + b, 0), T, "only graphs with exactly m edges");
    const chi = chiSquareTest(obs, new Float64Array(masks.length).fill(1 / masks.length));
    assert.ok(chi.pValue > ALPHA, `gnm(4, ${mm}): chi-square ${chi.statistic} on ${chi.df} df, p = ${chi.pValue}`);
  }
});

test("gnp: edge-count mean and variance match Binomial(C(n,2), p) within 5 standard errors", () => {
  const rng = createRng("edge-count");
  for (const [n, p] of [[30, 0.2], [200, 0.01], [2000, 2e-4]] as Array<[number, number]>) {
    const N = (n * (n - 1)) / 2;
    const R = 4000;
    const xs = new Float64Array(R);
    for (let r = 0; r < R; r++) xs[r] = gnpEdgeList({ n, p, rng }).m;
    const mean = xs.reduce((a, b) => a + b, 0) / R;
    const v = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (R - 1);
    const s2 = N * p * (1 - p);
    const mu4 = s2 * (1 + 3 * (N - 2) * p * (1 - p)); // binomial central fourth moment
    // SE(mean) = sqrt(s2 / R); SE(sample variance) ≈ sqrt((mu4 - s2^2) / R).
    assert.ok(Math.abs(mean - N * p) < Z5 * Math.sqrt(s2 / R), `n=${n}: mean ${mean} vs ${N * p}`);
    assert.ok(Math.abs(v - s2) < Z5 * Math.sqrt((mu4 - s2 * s2) / R), `n=${n}: variance ${v} vs ${s2}`);
  }
});

test("gnp: degrees of the first, a middle and the last vertex follow Binomial(n-1, p) (chi-square)", () => {
  // One vertex per graph, so the R observations are independent; covers both ends of the skip walk.
  const rng = createRng("degrees");
  const n = 60;
  const p = 0.08;
  const R = 20_000;
  const pmf = binomialPmf(n - 1, p);
  for (const v of [0, 30, n - 1]) {
    const h = new Float64Array(n);
    for (let r = 0; r < R; r++) {
      const g = gnp({ n, p, rng });
      h[g.offsets[v + 1] - g.offsets[v]]++;
    }
    const chi = chiSquareTest(h, pmf);
    assert.ok(chi.pValue > ALPHA, `degree of vertex ${v}: chi-square ${chi.statistic} on ${chi.df} df, p = ${chi.pValue}`);
  }
});
