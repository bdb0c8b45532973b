/**
 * Figure builders for the random-graph lesson (03): the coin-flip picture of G(n, p), the
 * isolated-vertex threshold against exp(-e^{-c}), the giant component against the Lambert-W curve,
 * and the critical window at c = 1. Pure functions from results of `src/graphs` to {@link Figure}s.
 */
import type { CoinFlipGraph } from "../graphs/coinFlips";
import type { GiantComponentResult, IsolatedThresholdResult } from "../graphs/experiments";
import { giantFractionCurve, noIsolatedLimitCurve } from "../graphs/curves";
import { checkNonEmptyList, checkProbability, failArg, checkFinite } from "../validate";
import { checkCoins } from "../graphs/coinFlips";
import { checkCsrGraph } from "../graphs/graph";
import { checkLabels, checkRecords, field } from "./validate";

/** The fields of an isolatedThresholdExperiment result the figure reads. */
const ISOLATED_FIELDS = {
  n: field.integer(2),
  trials: field.integer(1),
  cs: field.list(field.finite),
  pNoIsolated: field.list(field.fraction, "cs"),
  stdErr: field.list(field.nonNegative, "cs"),
};

/** The fields of a giantComponentExperiment result the figures read. */
const GIANT_FIELDS = {
  n: field.integer(2),
  trials: field.integer(1),
  cs: field.list(field.nonNegative),
  meanLargestFraction: field.list(field.fraction, "cs"),
};
import { lineFigure, plotlyFigure, type Figure, type FigureOptions, type Series, type Trace } from "./figure";

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"];

/** Marker styles for series that may coincide: each later one open or at most 0.6 times the size of the one before. */
const NESTED_MARKERS: { symbol: string; markerSize: number }[] = [
  { symbol: "circle-open", markerSize: 13 },
  { symbol: "square-open", markerSize: 10 },
  { symbol: "diamond-open", markerSize: 8 },
  { symbol: "circle", markerSize: 4 },
];

/** "10^5" style label for a size. */
function sizeLabel(n: number): string {
  const e = Math.log10(n);
  return Number.isInteger(e) ? `10^${e}` : String(n);
}

const nonEmpty = (fn: string, name: string, v: ArrayLike<unknown>): void => void checkNonEmptyList(fn, name, v);

/** Options of {@link criticalGiantFigure}. */
export interface CriticalGiantFigureOptions extends FigureOptions {
  /** The mean degree at which to read each result (default 1, the critical point). */
  c?: number;
}

/**
 * The coin-flip picture of G(n, p): left, one coin per pair (v, w), heads (an edge) where the coin
 * fell below p; right, the graph those heads draw, vertices on a circle. Hover a cell for its coin.
 * @example
 * coinFlipFigure(coinFlipGraph({ n: 10, p: 0.3, rng: 1 }))
 * // => a Figure with 3 traces
 * @see {@link coinFlipGraph}, {@link show}
 */
export function coinFlipFigure(coins: CoinFlipGraph, options: FigureOptions = {}): Figure {
  const fn = "coinFlipFigure";
  checkCoins(fn, coins);
  checkProbability(fn, "coins.p", coins.p);
  checkCsrGraph(fn, coins.graph, "coins.graph");
  if (coins.graph.n !== coins.n) failArg(fn, "coins.graph.n", coins.graph.n, `coins.n = ${coins.n}`);
  checkLabels(fn, options);
  const { n, p } = coins;
  if (n > 60) throw new RangeError(`${fn}: n must be <= 60 for a readable picture, got ${n}`);
  const z: (number | null)[][] = Array.from({ length: n }, () => new Array<number | null>(n).fill(null));
  const text: string[][] = Array.from({ length: n }, () => new Array<string>(n).fill(""));
  for (let i = 0; i < coins.coin.length; i++) {
    const v = coins.pairV[i];
    const w = coins.pairW[i];
    const heads = coins.coin[i] < p;
    z[v][w] = heads ? 1 : 0;
    text[v][w] = `pair (${v}, ${w}): coin ${coins.coin[i].toFixed(3)} ${heads ? "< p: edge" : ">= p: no edge"}`;
  }
  const heat: Trace = {
    type: "heatmap",
    z,
    text,
    hoverinfo: "text",
    x: Array.from({ length: n }, (_, i) => i),
    y: Array.from({ length: n }, (_, i) => i),
    colorscale: [[0, "#e8e8e8"], [0.5, "#e8e8e8"], [0.5, "#1f77b4"], [1, "#1f77b4"]],
    zmin: 0,
    zmax: 1,
    showscale: false,
    xgap: 1,
    ygap: 1,
    xaxis: "x",
    yaxis: "y",
    name: "coins",
  };
  const angle = (v: number) => Math.PI / 2 - (2 * Math.PI * v) / n;
  const px = Array.from({ length: n }, (_, v) => Math.cos(angle(v)));
  const py = Array.from({ length: n }, (_, v) => Math.sin(angle(v)));
  const ex: (number | null)[] = [];
  const ey: (number | null)[] = [];
  const g = coins.graph;
  for (let v = 0; v < n; v++) {
    for (let j = g.offsets[v]; j < g.offsets[v + 1]; j++) {
      const u = g.neighbors[j];
      if (u < v) ex.push(px[v], px[u], null), ey.push(py[v], py[u], null);
    }
  }
  const edges: Trace = { type: "scatter", mode: "lines", x: ex, y: ey, line: { color: "#1f77b4", width: 1.5 }, hoverinfo: "skip", xaxis: "x2", yaxis: "y2", name: "edges", showlegend: false };
  const degree = Array.from({ length: n }, (_, v) => g.offsets[v + 1] - g.offsets[v]);
  const nodes: Trace = {
    type: "scatter",
    mode: "markers+text",
    x: px,
    y: py,
    text: Array.from({ length: n }, (_, v) => String(v)),
    textposition: "middle center",
    textfont: { color: "white", size: 10 },
    marker: { size: 20, color: degree.map((d) => (d === 0 ? "#d62728" : "#333333")) },
    hovertext: degree.map((d, v) => `vertex ${v}: degree ${d}${d === 0 ? " (isolated)" : ""}`),
    hoverinfo: "text",
    xaxis: "x2",
    yaxis: "y2",
    name: "vertices",
    showlegend: false,
  };
  return plotlyFigure({
    title: options.title ?? `G(n = ${n}, p = ${p}): one coin per pair, heads = edge (${g.m} of ${coins.coin.length} pairs)`,
    data: [heat, edges, nodes],
    layout: {
      width: 900,
      height: 460,
      xaxis: { domain: [0, 0.45], title: { text: "vertex w" }, dtick: 1, constrain: "domain" },
      yaxis: { title: { text: "vertex v (pairs v > w)" }, dtick: 1, autorange: "reversed", scaleanchor: "x" },
      xaxis2: { domain: [0.55, 1], visible: false, range: [-1.25, 1.25] },
      yaxis2: { anchor: "x2", visible: false, range: [-1.25, 1.25], scaleanchor: "x2" },
    },
    id: options.id,
    caption: options.caption ?? `n = ${n}, p = ${p}: blue cells are heads (coin < p), each a drawn edge; red vertices are isolated.`,
  });
}

/**
 * P(no isolated vertex) against c at p = (ln n + c)/n, one marker series per n (error bars: 2
 * standard errors), with the limit exp(-e^{-c}) (Erdős & Rényi 1959) as a line.
 * @example
 * isolatedThresholdFigure([isolatedThresholdExperiment({ n: 200, cs: [0, 1], trials: 20, rng: 1 })])
 * // => a Figure with 2 traces
 * @see {@link isolatedThresholdExperiment}, {@link show}
 */
export function isolatedThresholdFigure(results: IsolatedThresholdResult[], options: FigureOptions = {}): Figure {
  const fn = "isolatedThresholdFigure";
  checkRecords(fn, "results", results, ISOLATED_FIELDS);
  checkLabels(fn, options);
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of results) for (const c of r.cs) (lo = Math.min(lo, c)), (hi = Math.max(hi, c));
  const limit = noIsolatedLimitCurve({ from: lo, to: hi, points: 200 });
  const series: Series[] = results.map((r, i) => ({
    name: `n = ${sizeLabel(r.n)} (${r.trials} graphs)`,
    x: r.cs,
    y: r.pNoIsolated,
    errorY: r.stdErr.map((s) => 2 * s),
    mode: "lines+markers",
    width: 1,
    markerSize: 4,
    color: PALETTE[i % PALETTE.length],
  }));
  series.push({ name: "limit exp(−e^(−c))", x: limit.map((q) => q.c), y: limit.map((q) => q.probability), mode: "lines", dash: "dash", color: "black" });
  return lineFigure({
    title: options.title ?? "Isolated vertices vanish at p = (ln n + c)/n",
    x: { title: "c = n·p − ln n (offset from the threshold, dimensionless)" },
    y: { title: "P(no isolated vertex)", range: [-0.02, 1.02] },
    series,
    id: options.id,
    caption:
      options.caption ??
      `Simulated fraction of G(n, (ln n + c)/n) with no isolated vertex, n = ${results.map((r) => sizeLabel(r.n)).join(", ")}; bars are 2 standard errors; dashed: the Gumbel limit exp(−e^(−c)).`,
  });
}

/**
 * The largest component's share of the vertices against the mean degree c = np, one series per n,
 * with the n -> ∞ giant fraction G(c) = 1 + W0(−c e^(−c))/c (0 for c <= 1) as a line.
 * @example
 * giantComponentFigure([giantComponentExperiment({ n: 200, cs: [0.5, 2], trials: 10, rng: 1 })])
 * // => a Figure with 2 traces
 * @see {@link giantComponentExperiment}, {@link criticalGiantFigure}, {@link show}
 */
export function giantComponentFigure(results: GiantComponentResult[], options: FigureOptions = {}): Figure {
  const fn = "giantComponentFigure";
  checkRecords(fn, "results", results, GIANT_FIELDS);
  checkLabels(fn, options);
  let hi = 0;
  for (const r of results) for (const c of r.cs) hi = Math.max(hi, c);
  const giant = giantFractionCurve({ from: 0, to: hi, points: 301 });
  // Simulations as markers, larger and open for small n, so that where the sizes agree (large c)
  // every one of them stays visible.
  const series: Series[] = results.map((r, i) => ({
    name: `n = ${sizeLabel(r.n)} (${r.trials} graphs)`,
    x: r.cs,
    y: r.meanLargestFraction,
    mode: "markers",
    ...NESTED_MARKERS[Math.min(i, NESTED_MARKERS.length - 1) + Math.max(0, NESTED_MARKERS.length - results.length)],
    color: PALETTE[i % PALETTE.length],
  }));
  series.push({ name: "G(c) = 1 + W₀(−c e^(−c))/c", x: giant.map((q) => q.c), y: giant.map((q) => q.fraction), mode: "lines", dash: "dash", color: "black" });
  return lineFigure({
    title: options.title ?? "The giant component appears at mean degree c = 1",
    x: { title: "mean degree c = n·p (dimensionless)" },
    y: { title: "largest component / n (fraction of vertices)", range: [0, 1] },
    series,
    id: options.id,
    layout: { shapes: [{ type: "line", x0: 1, x1: 1, yref: "paper", y0: 0, y1: 1, line: { color: "#999", dash: "dot" } }] },
    caption:
      options.caption ??
      `Mean over graphs of (largest component)/n in G(n, c/n), n = ${results.map((r) => sizeLabel(r.n)).join(", ")} (markers, larger and open for smaller n); dashed: the n → ∞ limit, the Lambert-W solution of G = 1 − e^(−cG), which the markers approach as n grows and lie on for the largest n away from c = 1; dotted line at c = 1.`,
  });
}

/**
 * The critical window: the largest component's share at mean degree c (default 1) against n on
 * log–log axes, with a reference line of slope −1/3 (at c = 1 the largest component has about
 * n^(2/3) vertices; Erdős & Rényi 1960, Bollobás 1984, Łuczak 1990).
 * @example
 * criticalGiantFigure([giantComponentExperiment({ n: 200, cs: [0.5, 1, 2], trials: 10, rng: 1 })])
 * // => a Figure with 2 traces
 * @see {@link giantComponentFigure}, {@link show}
 */
export function criticalGiantFigure(results: GiantComponentResult[], options: CriticalGiantFigureOptions = {}): Figure {
  const fn = "criticalGiantFigure";
  checkRecords(fn, "results", results, GIANT_FIELDS);
  checkLabels(fn, options);
  const c = checkFinite(fn, "options.c", options.c ?? 1);
  const pts = results
    .map((r) => {
      let best = 0;
      r.cs.forEach((x, i) => {
        if (Math.abs(x - c) < Math.abs(r.cs[best] - c)) best = i;
      });
      if (Math.abs(r.cs[best] - c) > 1e-9) throw new RangeError(`${fn}: result for n = ${r.n} has no c = ${c} among its cs`);
      if (!(r.meanLargestFraction[best] > 0)) failArg(fn, `results (n = ${r.n}).meanLargestFraction at c = ${c}`, r.meanLargestFraction[best], "> 0 (the axes are logarithmic)");
      return { n: r.n, y: r.meanLargestFraction[best] };
    })
    .sort((a, b) => a.n - b.n);
  const last = pts[pts.length - 1];
  const ref = pts.map((q) => last.y * (q.n / last.n) ** (-1 / 3));
  return lineFigure({
    title: options.title ?? `At c = ${c} the largest component is a vanishing share, about n^(−1/3)`,
    x: { title: "number of vertices n", log: true },
    y: { title: "largest component / n (fraction of vertices)", log: true },
    series: [
      { name: `simulated, c = ${c}`, x: pts.map((q) => q.n), y: pts.map((q) => q.y), mode: "markers", markerSize: 9, color: PALETTE[0] },
      { name: "slope −1/3 (through the largest n)", x: pts.map((q) => q.n), y: ref, mode: "lines", dash: "dash", color: "black" },
    ],
    id: options.id,
    caption: options.caption ?? `Mean (largest component)/n of G(n, ${c}/n) for n = ${pts.map((q) => sizeLabel(q.n)).join(", ")}; dashed: n^(−1/3) scaling.`,
  });
}
