/**
 * Figure builders for the theory area (Arora & Goyal 2023, arXiv 2307.15936 v2): performance curves
 * (Theorem 8 / 14), k'-tuple curves (Corollary 13), emergence versus scale, and theta versus delta
 * (lesson 02). Pure functions from results of `src/theory` to plotly {@link Figure}s.
 */
import { valueGrid } from "../math/grid";
import type { ClozeFailureRow } from "../sim/experiments";
import { clozeTheoryCurve, type ClozeTheoryPoint } from "../theory/cloze";
import type { EmergenceAtScale } from "../theory/emergence";
import type { PerformancePoint } from "../theory/performanceCurve";
import { FIGURE_HEIGHT, FIGURE_WIDTH, lineFigure, plotlyFigure, type Figure, type Series, type Trace } from "./figure";
import { dataRanges, placeLegend } from "./layout";
import { checkFields, checkLabels, checkOptionalBoolean, checkRecords, checkSeriesList, field } from "./validate";
import { failArg } from "../validate";

const MODES = ["lines", "markers", "lines+markers"];
const oneOf = (values: readonly string[]): ((fn: string, name: string, v: unknown) => void) => (fn, name, v) => {
  if (!values.includes(v as string)) failArg(fn, name, v, values.map((x) => JSON.stringify(x)).join(", "));
};

/** True for a non-empty array (no type narrowing, so readonly element types survive). */
function nonEmpty(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0;
}

/** One performance curve to draw. */
export interface PerformanceCurveSeries {
  /** Legend entry naming the parameters, e.g. "k = 8, theta = 0.1". */
  name: string;
  /** Output of performanceCurve. */
  points: readonly PerformancePoint[];
  /** Draw Theorem 8's root at each alpha (`point.raw`, with its gaps) instead of the monotone envelope. Default false. */
  raw?: boolean;
  dash?: Series["dash"];
  color?: string;
  mode?: Series["mode"];
  /** Draw as a wide pale band, for a curve that another one lies on (see Series.halo). */
  halo?: boolean;
  /** Marker symbol (with a mode that has markers), e.g. "circle-open". */
  symbol?: string;
  markerSize?: number;
}

/** Options of {@link performanceCurveFigure}. */
export interface PerformanceCurveFigureOptions {
  curves: readonly PerformanceCurveSeries[];
  /** Extra series drawn on the same axes (x = alpha, y = competence), e.g. simulated competences. */
  overlays?: readonly Series[];
  title?: string;
  id?: string;
  caption?: string;
  /** Draw vacuous (negative) guarantees too; default false (they are gaps, the y axis is [0, 1]). */
  showVacuous?: boolean;
  /** Log-scale alpha axis (default true). */
  logAlpha?: boolean;
}

function competenceOrGap(p: PerformancePoint, showVacuous: boolean, raw: boolean): number {
  const c = raw ? p.raw.competence : p.competence;
  if (c === null) return NaN;
  if (!showVacuous && c < 0) return NaN;
  return c;
}

/**
 * Performance curves: for each alpha (x), the best competence that at least 1 - alpha of the skills
 * (or k'-tuples) are guaranteed (y), Arora & Goyal 2023 Theorem 8 / 14: the monotone envelope of
 * performanceCurve, or with `raw: true` on a series Theorem 8's root at each alpha. Infeasible points and
 * (unless `showVacuous`) vacuous ones are gaps. `overlays` adds e.g. a simulation on the same axes.
 * @example
 * performanceCurveFigure({ id: "curve", title: "t", curves: [{ name: "θ = 0.1", points: performanceCurve({ theta: 0.1, k: 2, alphas: [0.1, 0.3] }) }] })
 * // => a Figure with 1 trace
 * @see {@link performanceCurve}, {@link show}
 */
export function performanceCurveFigure(options: PerformanceCurveFigureOptions): Figure {
  const fn = "performanceCurveFigure";
  checkLabels(fn, options);
  if (!options || !nonEmpty(options.curves)) {
    throw new TypeError(`${fn}: curves must be a non-empty array of { name, points }`);
  }
  const showVacuous = checkOptionalBoolean(fn, "showVacuous", options.showVacuous) ?? false;
  const logAlpha = checkOptionalBoolean(fn, "logAlpha", options.logAlpha) ?? true;
  checkRecords(fn, "curves", options.curves, {
    name: field.string,
    raw: field.optional(field.boolean),
    points: (f, n, v, curve) =>
      void checkRecords(f, n, v, {
        alpha: logAlpha ? field.positive : field.finite,
        competence: field.nullable(field.finite),
        // Theorem 8's root at this alpha, read when the curve is drawn raw.
        ...(curve.raw === true ? { raw: (f2: string, n2: string, r: unknown) => checkFields(f2, n2, r, { competence: field.nullable(field.finite) }) } : {}),
      }),
    dash: field.optional(oneOf(DASHES)),
    mode: field.optional(oneOf(MODES)),
    color: field.optional(field.string),
    halo: field.optional(field.boolean),
    symbol: field.optional(field.string),
    markerSize: field.optional(field.positive),
  });
  checkSeriesList(fn, "overlays", options.overlays, { xLog: logAlpha, yLog: false });
  const series: Series[] = options.curves.map((c, i) => {
    if (!c || !nonEmpty(c.points)) {
      throw new TypeError(`${fn}: curves[${i}].points must be a non-empty array from performanceCurve`);
    }
    return {
      name: c.name,
      x: c.points.map((p) => p.alpha),
      y: c.points.map((p) => competenceOrGap(p, showVacuous, c.raw ?? false)),
      mode: c.mode ?? "lines",
      dash: c.dash,
      color: c.color,
      halo: c.halo,
      symbol: c.symbol,
      markerSize: c.markerSize,
      allowGaps: true,
    };
  });
  for (const o of options.overlays ?? []) series.push({ ...o });
  // The alpha axis starts a little (3 % of the axis) before the first drawn point, so that a curve's
  // left end (the smallest alpha with a non-vacuous guarantee) is seen as an end, not cut by the axis.
  let lo = Infinity, hi = -Infinity;
  for (const sr of series) {
    for (let i = 0; i < sr.x.length; i++) {
      if (!Number.isFinite(sr.y[i])) continue;
      lo = Math.min(lo, sr.x[i]);
      hi = Math.max(hi, sr.x[i]);
    }
  }
  let range: [number, number] | undefined;
  if (hi > lo && (!logAlpha || lo > 0)) {
    range = logAlpha ? [lo / (hi / lo) ** 0.03, hi * (hi / lo) ** 0.01] : [lo - 0.03 * (hi - lo), hi + 0.01 * (hi - lo)];
  }
  return lineFigure({
    title: options.title ?? "Guaranteed competence (Theorem 8 performance curve)",
    x: { title: "α: fraction of skills allowed below the guarantee", log: logAlpha, range },
    y: { title: "competence 1 − β_min·θ′ reached by ≥ 1 − α of skills", range: showVacuous ? undefined : [0, 1] },
    series,
    id: options.id,
    caption: options.caption,
  });
}

/** Options of {@link emergenceVsScaleFigure}. */
export interface EmergenceVsScaleFigureOptions {
  /** One or more scaling laws (e.g. "lesson 01 fit", "Hoffmann 2022"), each the output of emergenceVsScale. */
  runs: readonly { name: string; rows: readonly EmergenceAtScale[]; dash?: Series["dash"] }[];
  /** Also draw theta (failed fraction of text pieces) per law, in a panel of its own above. Default true. */
  showTheta?: boolean;
  title?: string;
  id?: string;
  caption?: string;
}

const TUPLE_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
const DASHES: NonNullable<Series["dash"]>[] = ["solid", "dash", "dashdot", "dot"];

/**
 * Emergence versus scale: for each compute budget (x, FLOPs, log), the competence guaranteed to
 * 1 - alpha of the k'-tuples (lower panel), one line per (scaling law, k') that has a guarantee
 * somewhere in the range (colour = k', dash = law; gaps: none or vacuous), and theta per law in a
 * panel of its own above. The budgets start just before the first one where theta < 1 for some law
 * (below it theta = 1 and nothing is guaranteed). Tuple sizes without a guarantee in the range are
 * named in a note under the legend instead of in the legend.
 * @example
 * emergenceVsScaleFigure({ runs: [{ name: "Hoffmann", rows: emergenceVsScale({ params: HOFFMANN_2022, computes: [1e21, 1e23], k: 8, alpha: 0.05, kPrimes: [1, 2], thetaFactor: 2 }) }] })
 * // => a Figure with 1 trace
 * @see {@link emergenceVsScale}, {@link show}
 */
export function emergenceVsScaleFigure(options: EmergenceVsScaleFigureOptions): Figure {
  const fn = "emergenceVsScaleFigure";
  checkLabels(fn, options);
  if (!options || !nonEmpty(options.runs)) {
    throw new TypeError(`${fn}: runs must be a non-empty array of { name, rows }`);
  }
  checkOptionalBoolean(fn, "showTheta", options.showTheta);
  checkRecords(fn, "runs", options.runs, {
    name: field.string,
    dash: field.optional(oneOf(DASHES)),
    rows: (f, n, rows) =>
      void checkRecords<EmergenceAtScale>(f, n, rows, {
        compute: field.positive,
        theta: field.fraction,
        tuples: (f2, n2, tuples) => void checkRecords(f2, n2, tuples, { kPrime: field.integer(1), competence: field.nullable(field.finite) }),
      }).forEach((row, i, all) => {
        if (row.tuples.length !== all[0].tuples.length) failArg(f, `${n}[${i}].tuples.length`, row.tuples.length, `the same number of tuple sizes in every row (${all[0].tuples.length})`);
      }),
  });
  options.runs.forEach((run, r) => {
    if (!run || !nonEmpty(run.rows)) throw new TypeError(`${fn}: runs[${r}].rows must be a non-empty array from emergenceVsScale`);
  });
  // First budget where anything happens: theta < 1 for some law; keep one budget before it.
  let first = Infinity;
  for (const run of options.runs) {
    const i = run.rows.findIndex((row) => row.theta < 1);
    if (i >= 0) first = Math.min(first, i);
  }
  const start = Number.isFinite(first) ? Math.max(0, first - 1) : 0;
  const data: Trace[] = [];
  const missing = new Map<string, number[]>();
  options.runs.forEach((run, r) => {
    const rows = run.rows.slice(start);
    const x = rows.map((row) => row.compute);
    const dash = run.dash ?? DASHES[r % DASHES.length];
    rows[0].tuples.forEach((t0, j) => {
      const y = rows.map((row) => {
        const t = row.tuples[j];
        return t.competence === null || !(t.competence > 0) ? null : t.competence;
      });
      if (!y.some((v) => v !== null)) {
        missing.set(run.name, [...(missing.get(run.name) ?? []), t0.kPrime]);
        return;
      }
      data.push({ type: "scatter", mode: "lines", name: `k′ = ${t0.kPrime}, ${run.name}`, x, y, line: { color: TUPLE_COLORS[j % TUPLE_COLORS.length], dash } });
    });
  });
  const showTheta = options.showTheta ?? true;
  if (showTheta) {
    options.runs.forEach((run, r) => {
      const rows = run.rows.slice(start);
      const grey = ["#333333", "#999999", "#666666", "#bbbbbb"][r % 4];
      data.push({ type: "scatter", mode: "lines", name: `θ, ${run.name}`, x: rows.map((row) => row.compute), y: rows.map((row) => row.theta), line: { color: grey, dash: run.dash ?? DASHES[r % DASHES.length] }, yaxis: "y2" });
    });
  }
  if (data.length === 0) throw new RangeError(`${fn}: no law gives a guarantee for any k′ at these budgets, and showTheta is false: nothing to draw`);
  const split = showTheta ? 0.7 : 1;
  let layout: Record<string, unknown> = {
    title: { text: options.title ?? "Emergence versus scale: guaranteed competence on k′-tuples" },
    width: FIGURE_WIDTH,
    height: FIGURE_HEIGHT + 60,
    margin: { t: 60, r: 20, b: 60, l: 70 },
    xaxis: { title: { text: "training compute C (FLOPs)" }, type: "log", automargin: true },
    yaxis: { title: { text: "guaranteed competence (≥ 1 − α of k′-tuples)" }, domain: [0, split], range: [0, 1], automargin: true },
    annotations: missing.size
      ? [{
          xref: "paper", yref: "paper", x: 0.01, y: split - 0.01, xanchor: "left", yanchor: "top", showarrow: false, align: "left", font: { size: 11, color: "#555" },
          text: `no guarantee up to ${formatBudget(Math.max(...options.runs.map((r) => r.rows[r.rows.length - 1].compute)))} FLOPs: ` +
            [...missing].map(([law, ks]) => `k′ = ${ks.join(", ")} (${law})`).join("; "),
        }]
      : [],
  };
  if (showTheta) layout.yaxis2 = { title: { text: "θ" }, domain: [split + 0.08, 1], anchor: "x", automargin: true, nticks: 4 };
  layout = dataRanges(data, layout, { x: 0, y: 0.06 });
  layout = placeLegend(data, layout, ["x", "y"]);
  return plotlyFigure({ title: options.title ?? "Emergence versus scale: guaranteed competence on k′-tuples", data, layout, id: options.id, caption: options.caption });
}

function formatBudget(c: number): string {
  const e = Math.floor(Math.log10(c) + 1e-9);
  const m = c / 10 ** e;
  return Math.abs(m - 1) < 1e-6 ? `10<sup>${e}</sup>` : `${Number(m.toPrecision(2))}·10<sup>${e}</sup>`;
}

/** Options of {@link thetaVsDeltaFigure}. */
export interface ThetaVsDeltaFigureOptions {
  /** Simulated scenarios, each the output of clozeFailureExperiment with a legend name. */
  scenarios: readonly { name: string; points: readonly ClozeFailureRow[]; color?: string; symbol?: string }[];
  /**
   * The theory lines on a dense grid of delta (clozeTheoryCurve). Default: clozeTheoryCurve on 200
   * deltas across the scenarios' range, with `margin`.
   */
  theory?: readonly ClozeTheoryPoint[];
  /** Margin m of the Pinsker-type bound (for its default theory line and its legend entry); default 0.5. */
  margin?: number;
  /** Which theory lines to draw (default all three). */
  lines?: readonly ("markov" | "pinsker" | "exponential")[];
  /** Draw Markov's 2 delta line (default true); same as leaving "markov" out of `lines`. */
  showMarkov?: boolean;
  /** Extra bound or reference lines on the same axes (x = delta, y = fraction). */
  overlays?: readonly Series[];
  /** Logarithmic delta axis (default false: on linear axes the bound 2 delta is a straight line). */
  logDelta?: boolean;
  title?: string;
  id?: string;
  caption?: string;
}

const THEORY_LINES = ["markov", "pinsker", "exponential"];
const SCENARIO_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "cross"];

/**
 * Wrong answers versus delta (lesson 02): the simulated fraction of cloze questions answered wrongly
 * (markers) against the mean excess loss per question, under the theory lines drawn on top of them:
 * Markov's bound 2 delta on the failures of the paper's threshold (loss >= 1/2, which for certain
 * answers include every wrong answer), the Pinsker-type bound delta / (2 m^2) on wrong answers at
 * margin m, and the exact exp(-ln 2 / delta) for certain answers with exponential loss.
 * @example
 * thetaVsDeltaFigure({ scenarios: [{ name: "exponential loss", points: clozeFailureExperiment({ deltas: [0.02, 0.1], questions: 1000, margin: 0.1, lossShape: "exponential", concentration: 0.5, rng: 1 }) }] })
 * // => a Figure with 4 traces
 * @see {@link clozeFailureExperiment}, {@link thetaFromReducibleLoss}, {@link show}
 */
export function thetaVsDeltaFigure(options: ThetaVsDeltaFigureOptions): Figure {
  const fn = "thetaVsDeltaFigure";
  checkLabels(fn, options);
  if (!options || !nonEmpty(options.scenarios)) {
    throw new TypeError(`${fn}: scenarios must be a non-empty array of { name, points }`);
  }
  checkOptionalBoolean(fn, "showMarkov", options.showMarkov);
  const logDelta = checkOptionalBoolean(fn, "logDelta", options.logDelta) ?? false;
  checkRecords(fn, "scenarios", options.scenarios, {
    name: field.string,
    color: field.optional(field.string),
    symbol: field.optional(field.string),
    points: (f, n, v) => void checkRecords(f, n, v, { meanLoss: logDelta ? field.positive : field.nonNegative, theta: field.fraction }),
  });
  if (options.theory !== undefined) {
    checkRecords(fn, "theory", options.theory, { delta: field.nonNegative, markovBound: field.fraction, pinskerBound: field.fraction, exponentialCertain: field.fraction });
  }
  if (options.margin !== undefined && (typeof options.margin !== "number" || !(options.margin > 0 && options.margin <= 0.5))) {
    failArg(fn, "margin", options.margin, "a number in (0, 0.5]");
  }
  if (options.lines !== undefined) {
    if (!Array.isArray(options.lines)) failArg(fn, "lines", options.lines, 'an array of "markov", "pinsker", "exponential"');
    options.lines.forEach((v, i) => oneOf(THEORY_LINES)(fn, `lines[${i}]`, v));
  }
  checkSeriesList(fn, "overlays", options.overlays, { xLog: logDelta, yLog: false });
  const series: Series[] = options.scenarios.map((s, i) => ({
    name: s.name,
    x: s.points.map((p) => p.meanLoss),
    y: s.points.map((p) => p.theta),
    mode: "markers",
    color: s.color,
    symbol: s.symbol ?? SCENARIO_SYMBOLS[i % SCENARIO_SYMBOLS.length],
    markerSize: 7,
  }));
  const margin = options.margin ?? 0.5;
  let theory = options.theory;
  if (!theory) {
    const all = options.scenarios.flatMap((s) => s.points.map((p) => p.meanLoss));
    const lo = Math.min(...all), hi = Math.max(...all);
    theory = clozeTheoryCurve({ deltas: valueGrid({ from: options.logDelta ? lo : 0, to: hi, count: 200, log: options.logDelta && lo > 0 }), margin });
  }
  const lines = new Set(options.lines ?? ["markov", "pinsker", "exponential"]);
  if (options.showMarkov === false) lines.delete("markov");
  const d = theory.map((p) => p.delta).filter((v) => !options.logDelta || v > 0);
  const pick = (f: (p: ClozeTheoryPoint) => number) => theory!.filter((p) => !options.logDelta || p.delta > 0).map(f);
  if (lines.has("markov")) series.push({ name: "Markov bound 2δ on failures (loss ≥ 1/2)", x: d, y: pick((p) => p.markovBound), dash: "dash", color: "#000000" });
  if (lines.has("pinsker")) series.push({ name: `Pinsker-type bound δ/(2m²), m = ${margin}`, x: d, y: pick((p) => p.pinskerBound), dash: "dot", color: "#9467bd" });
  if (lines.has("exponential")) {
    const ys = pick((p) => p.exponentialCertain);
    series.push({ name: "exact for exponential loss: e^(−ln 2/δ)", x: d, y: options.logDelta ? ys.map((v) => (v > 0 ? v : NaN)) : ys, color: "#17becf", allowGaps: true });
  }
  for (const o of options.overlays ?? []) series.push({ ...o });
  return lineFigure({
    title: options.title ?? "Wrong answers versus excess loss δ",
    x: { title: "δ: mean excess loss per cloze question (nats)", log: options.logDelta ?? false },
    y: { title: "fraction of cloze questions answered wrongly" },
    series,
    id: options.id,
    caption: options.caption,
  });
}
