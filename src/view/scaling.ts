/**
 * Figure builders for lesson 01 (scaling laws): fitted law against the runs, iso-loss contours of
 * L(N, D) = E + A/N^alpha + B/D^beta with the runs and the compute-optimal frontier (Hoffmann et al.
 * 2022, eq. 2 and 4), the frontier N_opt(C), D_opt(C), tokens per parameter, and bootstrap
 * histograms. Pure functions from `src/scaling` results to plotly {@link Figure}s.
 */
import { histogramBins, histogramCounts } from "../math/histogram";
import { computeOptimalCurve, isoLossCurve } from "../scaling/curves";
import { chinchillaLoss, checkFrontierParams, computeOptimalFor, isoLossLevels, tokensForCompute, type ScalingParams } from "../scaling/law";
import { checkScalingParams } from "../scaling/validate";
import { checkFiniteResult, checkInteger, checkNumberList, checkPositive, describeParams, describeValue, failArg } from "../validate";
import { checkBytes } from "../budget";
import { checkLabels, checkOptionalBoolean, checkRecords, field } from "./validate";
import type { ScalingRun } from "../scaling/objective";
import { lineFigure, plotlyFigure, type Figure, type Series, type Trace } from "./figure";

/** A named law to draw, e.g. { name: "Hoffmann et al. 2022 (eq. 10)", params: HOFFMANN_2022 }. */
export interface NamedScalingLaw {
  name: string;
  params: ScalingParams;
  color?: string;
  dash?: Series["dash"];
  /**
   * Draw this law's curves as wide pale bands, so that a law whose curves lie on them stays visible
   * (e.g. a fit that reproduces a published law).
   */
  halo?: boolean;
}

const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

function checkLaws(fn: string, laws: unknown, frontier = false): asserts laws is NamedScalingLaw[] {
  if (!Array.isArray(laws) || laws.length === 0) throw new TypeError(`${fn}: laws must be a non-empty array of { name, params }`);
  laws.forEach((l, i) => {
    if (!l || typeof l.name !== "string" || !l.params) throw new TypeError(`${fn}: laws[${i}] must be { name: string, params: ScalingParams }`);
    if (frontier) checkFrontierParams(`${fn}: laws[${i}]`, l.params);
    else checkScalingParams(`${fn}: laws[${i}]`, l.params);
    if (l.color !== undefined && typeof l.color !== "string") failArg(fn, `laws[${i}].color`, l.color, "a CSS color string");
    if (l.dash !== undefined && !["solid", "dash", "dot", "dashdot"].includes(l.dash)) failArg(fn, `laws[${i}].dash`, l.dash, '"solid", "dash", "dot" or "dashdot"');
    if (l.halo !== undefined && typeof l.halo !== "boolean") failArg(fn, `laws[${i}].halo`, l.halo, "a boolean");
  });
}

function checkRuns(fn: string, runs: unknown): asserts runs is ScalingRun[] {
  checkRecords(fn, "runs", runs, { N: field.positive, D: field.positive, loss: field.positive });
}

/** A range [low, high] with 1e-100 <= low < high <= 1e100 (products of two ends stay finite). */
function checkRange(fn: string, name: string, r: unknown): [number, number] {
  if (!Array.isArray(r) || r.length !== 2 || typeof r[0] !== "number" || typeof r[1] !== "number" || !(r[0] >= 1e-100) || !(r[1] > r[0]) || !(r[1] <= 1e100)) {
    throw new RangeError(`${fn}: ${name} must be [low, high] with 1e-100 <= low < high <= 1e100, got ${describeValue(r)}`);
  }
  return [r[0], r[1]];
}

/** Points per curve: an integer in [2, 100000] (a figure in a notebook stores every point). */
function checkPoints(fn: string, name: string, v: unknown, curves: number): number {
  const n = checkInteger(fn, name, v, 2, 100000);
  checkBytes(fn, 64 * n * curves, `${curves} curves of ${n} points`, `use fewer ${name}`);
  return n;
}

/** Options of {@link lossParityFigure}. */
export interface LossParityFigureOptions {
  runs: ScalingRun[];
  laws: NamedScalingLaw[];
  title?: string;
  id?: string;
  caption?: string;
}

/**
 * Predicted against observed loss for each run, one marker series per law, with the diagonal
 * y = x: a law that fits lies on the diagonal. A law with `halo: true` gets large pale markers, so a
 * law drawn after it that predicts the same losses shows as small markers inside them.
 * @example
 * lossParityFigure({ runs: syntheticChinchillaRuns({ params: HOFFMANN_2022, rng: 1 }), laws: [{ name: "Hoffmann", params: HOFFMANN_2022 }] })
 * // => a Figure with 2 traces
 * @see {@link fitScalingLaw}, {@link chinchillaLoss}, {@link show}
 */
export function lossParityFigure(options: LossParityFigureOptions): Figure {
  const fn = "lossParityFigure";
  checkLabels(fn, options);
  checkRuns(fn, options?.runs);
  checkLaws(fn, options.laws);
  options.laws.forEach((l, i) => {
    for (const r of options.runs) checkFiniteResult(fn, `the loss of laws[${i}]`, l.params.E + l.params.A * Math.pow(r.N, -l.params.alpha) + l.params.B * Math.pow(r.D, -l.params.beta), `N = ${r.N}, D = ${r.D}, params = ${describeParams(l.params)}`);
  });
  const obs = options.runs.map((r) => r.loss);
  const lo = Math.min(...obs), hi = Math.max(...obs);
  // A law with halo: true is drawn as large pale markers, so that a law whose predictions lie on
  // them (drawn after it with the default small markers) stays visible inside each one.
  const series: Series[] = options.laws.map((l, i) => ({
    name: l.name,
    x: obs,
    y: options.runs.map((r) => chinchillaLoss({ N: r.N, D: r.D, params: l.params })),
    mode: "markers",
    color: l.color ?? PALETTE[i % PALETTE.length],
    ...(l.halo ? { markerSize: 13, opacity: 0.35 } : { markerSize: 5 }),
  }));
  series.push({ name: "predicted = observed", x: [lo, hi], y: [lo, hi], mode: "lines", dash: "dash", color: "#444" });
  return lineFigure({
    title: options.title ?? "Fitted law against the training runs",
    x: { title: "observed final loss (nats/token)" },
    y: { title: "predicted loss L(N, D) (nats/token)" },
    series,
    id: options.id,
    caption: options.caption,
  });
}

/** Options of {@link isoLossContourFigure}. */
export interface IsoLossContourFigureOptions {
  params: ScalingParams;
  /** Range of model sizes N (parameters), default [3e7, 1e12]; widened to hold every run (with 0.1 decade to spare). */
  N?: [number, number];
  /** Range of training tokens D, default [1e8, 1e14]; widened to hold every run (with 0.1 decade to spare). */
  D?: [number, number];
  /** Runs to draw as markers. */
  runs?: ScalingRun[];
  /** Label of the runs in the legend (say "synthetic" when they are). */
  runsName?: string;
  /** Compute budgets whose iso-FLOP lines D = C/(6N) are drawn (default 1e19, 1e21, 1e23). */
  isoFlops?: number[];
  /** Draw the compute-optimal frontier (default true). */
  frontier?: boolean;
  /** Points per contour curve (default 100). */
  resolution?: number;
  /** Contour levels in nats/token (default: isoLossLevels(params), 7 levels 0.2 apart from E + 0.1 rounded up to 0.1). */
  levels?: number[];
  title?: string;
  id?: string;
  caption?: string;
}

/**
 * Iso-loss contours of L(N, D) in the (log10 N, log10 D) plane, drawn in closed form with
 * {@link isoLossTokens}, with the runs, iso-FLOP lines C = 6 N D, and the compute-optimal frontier
 * (where each iso-FLOP line touches a contour). Each contour is labelled with its loss at its right end.
 * @example
 * isoLossContourFigure({ params: HOFFMANN_2022 })
 * // => a Figure with 11 traces
 * @see {@link chinchillaLoss}, {@link isoLossCurve}, {@link computeOptimal}, {@link show}
 */
export function isoLossContourFigure(options: IsoLossContourFigureOptions): Figure {
  const fn = "isoLossContourFigure";
  checkLabels(fn, options);
  if (!options || !options.params) throw new TypeError(`${fn}: options.params is required`);
  const frontierOn = checkOptionalBoolean(fn, "frontier", options.frontier) ?? true;
  if (frontierOn) checkFrontierParams(fn, options.params);
  else checkScalingParams(fn, options.params);
  let [n0, n1] = checkRange(fn, "N", options.N ?? [3e7, 1e12]);
  let [d0, d1] = checkRange(fn, "D", options.D ?? [1e8, 1e14]);
  const res = options.resolution ?? 100;
  if (!Number.isInteger(res) || res < 10 || res > 400) throw new RangeError(`${fn}: resolution must be an integer in 10..400, got ${res}`);
  const levels = options.levels ?? isoLossLevels(options.params);
  if (!Array.isArray(levels) || levels.length === 0) throw new RangeError(`${fn}: levels must be a non-empty array of losses, got ${describeValue(levels)}`);
  checkNumberList(fn, "levels", levels, checkPositive);
  if (levels.length > 1000) failArg(fn, "levels", levels, "at most 1000 losses");
  if (options.isoFlops !== undefined) checkNumberList(fn, "isoFlops", options.isoFlops, checkPositive);
  if ((options.isoFlops?.length ?? 0) > 1000) failArg(fn, "isoFlops", options.isoFlops, "at most 1000 budgets");
  if (options.runs !== undefined) {
    checkRuns(fn, options.runs);
    // The box holds every run, 0.1 decade inside its edges: no marker is cut at the edge.
    const pad = 10 ** 0.1;
    for (const r of options.runs) {
      n0 = Math.min(n0, r.N / pad);
      n1 = Math.max(n1, r.N * pad);
      d0 = Math.min(d0, r.D / pad);
      d1 = Math.max(d1, r.D * pad);
    }
    checkRange(fn, "N widened to the runs", [n0, n1]);
    checkRange(fn, "D widened to the runs", [d0, d1]);
  }
  if (options.runsName !== undefined && typeof options.runsName !== "string") failArg(fn, "runsName", options.runsName, "a string");
  const data: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  // Each contour in closed form (isoLossCurve), rounded to 1e-4 decades: exact curves that keep the
  // saved notebook small.
  const round = (v: number): number => Math.round(v * 1e4) / 1e4;
  for (const L of levels) {
    const pts = isoLossCurve({ params: options.params, loss: L, N: [n0, n1], D: [d0, d1], points: res });
    if (pts.length < 2) continue;
    const xs = pts.map((q) => round(Math.log10(q.N)));
    const ys = pts.map((q) => round(Math.log10(q.D)));
    data.push({
      type: "scatter",
      mode: "lines",
      name: "iso-loss contours L(N, D) (nats/token)",
      legendgroup: "iso-loss",
      showlegend: data.length === 0,
      x: xs,
      y: ys,
      line: { color: "#3b6ea8", width: 1.2 },
      hovertemplate: `L = ${L.toFixed(2)}<extra></extra>`,
    });
    annotations.push({ x: xs[xs.length - 1], y: ys[ys.length - 1], text: L.toFixed(1), showarrow: false, xanchor: "left", font: { size: 10, color: "#3b6ea8" } });
  }
  // Iso-FLOP lines C = 6 N D are straight on these axes: their two ends inside the box.
  for (const C of options.isoFlops ?? [1e19, 1e21, 1e23]) {
    const nLo = Math.max(n0, C / (6 * d1)), nHi = Math.min(n1, C / (6 * d0));
    if (!(nHi > nLo)) continue;
    data.push({
      type: "scatter",
      mode: "lines",
      name: `C = ${C.toExponential(0)} FLOPs`,
      x: [nLo, nHi].map(Math.log10),
      y: [nLo, nHi].map((N) => Math.log10(tokensForCompute(C, N))),
      line: { color: "#888", dash: "dot", width: 1 },
      showlegend: false,
      hoverinfo: "name",
    });
  }
  if (options.frontier ?? true) {
    // The frontier is monotone in C: finite at both ends of the box's budgets, finite between them.
    for (const C of [6 * n0 * d0, 6 * n1 * d1]) computeOptimalFor(fn, C, options.params);
    // N_opt and D_opt are both powers of C (eq. 4), so the frontier is straight on these axes: 60 points suffice.
    const opt = computeOptimalCurve({ params: options.params, from: 6 * n0 * d0, to: 6 * n1 * d1, points: 60 }).filter((o) => o.N >= n0 && o.N <= n1 && o.D >= d0 && o.D <= d1);
    data.push({
      type: "scatter",
      mode: "lines",
      name: "compute-optimal frontier",
      x: opt.map((o) => Math.log10(o.N)),
      y: opt.map((o) => Math.log10(o.D)),
      line: { color: "#d62728", width: 3 },
    });
  }
  if (options.runs) {
    // Markers rounded to 1e-3 decades (a tenth of a pixel or less at a notebook's width).
    const roundRun = (v: number): number => Math.round(v * 1e3) / 1e3;
    data.push({
      type: "scatter",
      mode: "markers",
      name: options.runsName ?? "training runs",
      x: options.runs.map((r) => roundRun(Math.log10(r.N))),
      y: options.runs.map((r) => roundRun(Math.log10(r.D))),
      // Opaque markers: overlapping runs add no shades of grey, so the static image stays small.
      marker: { size: 4, color: "#444" },
      text: options.runs.map((r) => `loss ${r.loss.toFixed(3)}`),
    });
  }
  return plotlyFigure({
    title: options.title ?? "Iso-loss contours of L(N, D)",
    data,
    layout: {
      xaxis: { title: { text: "log10 N (parameters)" }, range: [Math.log10(n0), Math.log10(n1)] },
      yaxis: { title: { text: "log10 D (training tokens)" }, range: [Math.log10(d0), Math.log10(d1)] },
      legend: { orientation: "h", y: -0.2 },
      annotations,
    },
    id: options.id,
    caption: options.caption,
  });
}

/** Options of {@link computeFrontierFigure} and {@link tokensPerParameterFigure}. */
export interface ComputeFrontierFigureOptions {
  laws: NamedScalingLaw[];
  /** Range of compute budgets C (FLOPs), default [1e18, 1e26]. */
  C?: [number, number];
  /** Points per curve (default 60). */
  points?: number;
  title?: string;
  id?: string;
  caption?: string;
}

function lawStyle(l: NamedScalingLaw, i: number): Pick<Series, "color" | "halo" | "width"> {
  return { color: l.color ?? PALETTE[i % PALETTE.length], halo: l.halo, width: l.halo ? undefined : 2 };
}

/**
 * Compute-optimal N_opt(C) (solid) and D_opt(C) (dashed) for each law, on log-log axes, from
 * computeOptimalCurve. One legend entry per law (it shows and hides both of its lines).
 * @example
 * computeFrontierFigure({ laws: [{ name: "Hoffmann", params: HOFFMANN_2022 }], C: [1e18, 1e26] })
 * // => a Figure with 2 traces
 * @see {@link computeOptimal}, {@link tokensPerParameterFigure}, {@link show}
 */
export function computeFrontierFigure(options: ComputeFrontierFigureOptions): Figure {
  const fn = "computeFrontierFigure";
  checkLabels(fn, options);
  checkLaws(fn, options?.laws, true);
  const [c0, c1] = checkRange(fn, "C", options.C ?? [1e18, 1e26]);
  const points = checkPoints(fn, "points", options.points ?? 100, 2 * options.laws.length + 1);
  const series: Series[] = [];
  options.laws.forEach((l, i) => {
    for (const C of [c0, c1]) computeOptimalFor(fn, C, l.params);
    const opt = computeOptimalCurve({ params: l.params, from: c0, to: c1, points });
    const x = opt.map((o) => o.compute);
    const style = lawStyle(l, i);
    series.push({ name: l.name, x, y: opt.map((o) => o.N), ...style, dash: "solid", legendGroup: `law${i}` });
    series.push({ name: `D_opt, ${l.name}`, x, y: opt.map((o) => o.D), ...style, dash: style.halo ? "solid" : "dash", legendGroup: `law${i}`, showLegend: false });
  });
  return lineFigure({
    title: options.title ?? "Compute-optimal model size and data (C = 6ND)",
    x: { title: "training compute C (FLOPs)", log: true },
    y: { title: "parameters N_opt (lower lines) / tokens D_opt (upper lines)", log: true },
    series,
    id: options.id,
    caption: options.caption,
  });
}

/**
 * Tokens per parameter D_opt / N_opt along the frontier for each law (computeOptimalCurve), with Chinchilla's 20 for reference.
 * @example
 * tokensPerParameterFigure({ laws: [{ name: "Hoffmann", params: HOFFMANN_2022 }], C: [1e18, 1e26] })
 * // => a Figure with 2 traces
 * @see {@link computeOptimal}, {@link computeFrontierFigure}, {@link show}
 */
export function tokensPerParameterFigure(options: ComputeFrontierFigureOptions): Figure {
  const fn = "tokensPerParameterFigure";
  checkLabels(fn, options);
  checkLaws(fn, options?.laws, true);
  const [c0, c1] = checkRange(fn, "C", options.C ?? [1e18, 1e26]);
  const points = checkPoints(fn, "points", options.points ?? 100, options.laws.length + 1);
  const series: Series[] = options.laws.map((l, i) => {
    for (const C of [c0, c1]) computeOptimalFor(fn, C, l.params);
    const opt = computeOptimalCurve({ params: l.params, from: c0, to: c1, points });
    return { name: l.name, x: opt.map((o) => o.compute), y: opt.map((o) => o.tokensPerParameter), ...lawStyle(l, i), dash: l.halo ? undefined : l.dash };
  });
  series.push({ name: "20 tokens/parameter (Chinchilla as trained)", x: [c0, c1], y: [20, 20], dash: "dot", color: "#444" });
  return lineFigure({
    title: options.title ?? "Tokens per parameter on the compute-optimal frontier",
    x: { title: "training compute C (FLOPs)", log: true },
    y: { title: "D_opt / N_opt (tokens per parameter)", log: true },
    series,
    id: options.id,
    caption: options.caption,
  });
}

/** Options of {@link bootstrapHistogramFigure}. */
export interface BootstrapHistogramFigureOptions {
  /** Parameter name for the axis, e.g. "beta". */
  name: string;
  /** Bootstrap draws of that parameter. */
  draws: ArrayLike<number>;
  /** Vertical reference lines, e.g. [{ name: "our fit", value }, { name: "Hoffmann 2022", value: 0.28 }]. */
  marks?: { name: string; value: number; color?: string }[];
  title?: string;
  id?: string;
  caption?: string;
}

/**
 * Histogram of the bootstrap draws of one parameter (bars, binned here) with vertical reference
 * lines. A mark at the same value as an earlier one (within 0.2 % of the axis) is drawn thin on a
 * wide pale copy of the earlier, and its legend entry says that they coincide.
 * @example
 * bootstrapHistogramFigure({ name: "β", draws: [0.27, 0.28, 0.29, 0.28], marks: [{ name: "Hoffmann et al. 2022", value: HOFFMANN_2022.beta }] })
 * // => a Figure with 2 traces
 * @see {@link fitScalingLaw}, {@link show}
 */
export function bootstrapHistogramFigure(options: BootstrapHistogramFigureOptions): Figure {
  const fn = "bootstrapHistogramFigure";
  checkLabels(fn, options);
  if (!options || typeof options.name !== "string") throw new TypeError(`${fn}: options.name must be a string`);
  const moderate = (f: string, n: string, v: unknown): number => {
    if (typeof v !== "number" || !(Math.abs(v) <= 1e300)) failArg(f, n, v, "a finite number of magnitude <= 1e300");
    return v;
  };
  const draws = Array.from(checkNumberList(fn, "draws", options.draws, moderate));
  if (options.marks !== undefined && !(Array.isArray(options.marks) && options.marks.length === 0)) checkRecords(fn, "marks", options.marks, { name: field.string, value: moderate, color: field.optional(field.string) });
  const marks = options.marks ?? [];
  marks.forEach((m, i) => {
    if (!m || typeof m.name !== "string" || !Number.isFinite(m.value)) throw new RangeError(`${fn}: marks[${i}] must be { name: string, value: finite number }, got ${describeValue(m)}`);
  });
  let lo = Infinity, hi = -Infinity;
  for (const v of draws) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  const grid = histogramBins(lo, hi > lo ? hi : lo + 1e-9, 40);
  const counts = histogramCounts(draws, grid);
  const top = Math.max(...counts);
  const data: Trace[] = [
    { type: "bar", name: `bootstrap draws (${draws.length})`, x: grid.centers, y: counts, width: grid.width * 0.95, marker: { color: "#9ecae1" } },
  ];
  const span = Math.max(hi, ...marks.map((m) => m.value)) - Math.min(lo, ...marks.map((m) => m.value)) || 1;
  marks.forEach((m, i) => {
    const color = m.color ?? PALETTE[i % PALETTE.length];
    const same = marks.slice(0, i).findIndex((e) => Math.abs(e.value - m.value) <= 0.002 * span);
    const haloUnder = marks.slice(i + 1).some((e) => Math.abs(e.value - m.value) <= 0.002 * span);
    const name = `${m.name}: ${m.value.toPrecision(4)}${same >= 0 ? ` (coincides with ${marks[same].name})` : ""}`;
    data.push({
      type: "scatter",
      mode: "lines",
      name,
      x: [m.value, m.value],
      y: [0, top * 1.08],
      line: { color, width: haloUnder ? 8 : 2, dash: haloUnder || i === 0 ? "solid" : "dash" },
      ...(haloUnder ? { opacity: 0.35 } : {}),
    });
  });
  return plotlyFigure({
    title: options.title ?? `Bootstrap distribution of ${options.name}`,
    data,
    layout: {
      xaxis: { title: { text: options.name } },
      yaxis: { title: { text: "number of resamples" } },
      bargap: 0.05,
    },
    id: options.id,
    caption: options.caption,
  });
}
