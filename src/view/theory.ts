/**
 * Figure builders for the theory area (Arora & Goyal 2023, arXiv 2307.15936 v2): performance curves
 * (Theorem 8 / 14), k'-tuple curves (Corollary 13), emergence versus scale, and theta versus delta
 * (lesson 02). Pure functions from results of `src/theory` to plotly {@link Figure}s.
 */
import type { ClozeFailureRow } from "../sim/experiments";
import { thetaFromReducibleLoss } from "../theory/cloze";
import type { EmergenceAtScale } from "../theory/emergence";
import type { PerformancePoint } from "../theory/performanceCurve";
import { lineFigure, type Figure, type Series } from "./figure";
import { checkLabels, checkOptionalBoolean, checkRecords, checkSeriesList, field } from "./validate";
import { failArg } from "../validate";

const DASHES = ["solid", "dash", "dot", "dashdot"];
const MODES = ["lines", "markers", "lines+markers"];
const oneOf = (values: string[]): ((fn: string, name: string, v: unknown) => void) => (fn, name, v) => {
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
    points: (f, n, v) => void checkRecords(f, n, v, { alpha: logAlpha ? field.positive : field.finite, competence: field.nullable(field.finite) }),
    dash: field.optional(oneOf(DASHES)),
    mode: field.optional(oneOf(MODES)),
    color: field.optional(field.string),
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
      allowGaps: true,
    };
  });
  for (const o of options.overlays ?? []) series.push({ ...o });
  return lineFigure({
    title: options.title ?? "Guaranteed competence (Theorem 8 performance curve)",
    x: { title: "α: fraction of skills allowed below the guarantee", log: options.logAlpha ?? true },
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
  /** Also draw theta (failed fraction of text pieces) per run as a dotted line. Default true. */
  showTheta?: boolean;
  title?: string;
  id?: string;
  caption?: string;
}

const TUPLE_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

/**
 * Emergence versus scale: for each compute budget (x, FLOPs, log), the competence guaranteed to
 * 1 - alpha of the k'-tuples (y), one line per (scaling law, k'); infeasible or vacuous guarantees are
 * gaps. Colour = k', dash = scaling law; theta per law as a dotted grey line (darker for the first law).
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
  const dashes: Series["dash"][] = ["solid", "dash", "dashdot", "dot"];
  const series: Series[] = [];
  options.runs.forEach((run, r) => {
    if (!nonEmpty(run.rows)) throw new TypeError(`${fn}: runs[${r}].rows must be a non-empty array from emergenceVsScale`);
    const x = run.rows.map((row) => row.compute);
    const kPrimes = run.rows[0].tuples.map((t) => t.kPrime);
    kPrimes.forEach((kPrime, j) => {
      series.push({
        name: `${run.name}: k′ = ${kPrime}`,
        x,
        y: run.rows.map((row) => {
          const t = row.tuples[j];
          return t.competence === null || t.competence < 0 ? NaN : t.competence;
        }),
        dash: run.dash ?? dashes[r % dashes.length],
        color: TUPLE_COLORS[j % TUPLE_COLORS.length],
        allowGaps: true,
      });
    });
    if (options.showTheta ?? true) {
      const grey = ["#444444", "#999999", "#666666", "#bbbbbb"][r % 4];
      series.push({ name: `${run.name}: θ (failed pieces)`, x, y: run.rows.map((row) => row.theta), dash: "dot", color: grey });
    }
  });
  return lineFigure({
    title: options.title ?? "Emergence versus scale: guaranteed competence on k′-tuples",
    x: { title: "training compute C (FLOPs)", log: true },
    y: { title: "guaranteed competence (≥ 1 − α of k′-tuples), or θ", range: [0, 1] },
    series,
    id: options.id,
    caption: options.caption,
  });
}

/** Options of {@link thetaVsDeltaFigure}. */
export interface ThetaVsDeltaFigureOptions {
  /** Simulated scenarios, each the output of clozeFailureExperiment with a legend name. */
  scenarios: readonly { name: string; points: readonly ClozeFailureRow[]; color?: string }[];
  /** Draw Markov's 2 delta line (default true). */
  showMarkov?: boolean;
  /** Extra bound or reference lines on the same axes (x = delta, y = fraction failed). */
  overlays?: readonly Series[];
  /** Logarithmic delta axis (default false). */
  logDelta?: boolean;
  title?: string;
  id?: string;
  caption?: string;
}

/**
 * Theta versus delta (lesson 02): the simulated fraction of failed cloze questions against the mean
 * excess loss per question, with the Markov line 2 delta (from the failure threshold 1/2) and any overlays
 * (e.g. the Pinsker-type bound delta / (2 m^2)).
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
    points: (f, n, v) => void checkRecords(f, n, v, { meanLoss: logDelta ? field.positive : field.nonNegative, theta: field.fraction }),
  });
  checkSeriesList(fn, "overlays", options.overlays, { xLog: logDelta, yLog: false });
  const series: Series[] = options.scenarios.map((s) => ({
    name: s.name,
    x: s.points.map((p) => p.meanLoss),
    y: s.points.map((p) => p.theta),
    mode: "lines+markers",
    color: s.color,
  }));
  if (options.showMarkov ?? true) {
    const all = options.scenarios.flatMap((s) => s.points.map((p) => p.meanLoss));
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    const xs = Array.from({ length: 50 }, (_, i) =>
      options.logDelta && lo > 0 ? lo * Math.pow(hi / lo, i / 49) : lo + ((hi - lo) * i) / 49,
    );
    series.push({ name: "Markov bound 2δ (failure threshold 1/2)", x: xs, y: xs.map((d) => thetaFromReducibleLoss(d)), dash: "dash", color: "#000000" });
  }
  for (const o of options.overlays ?? []) series.push({ ...o });
  return lineFigure({
    title: options.title ?? "Failed cloze questions θ versus excess loss δ",
    x: { title: "δ: mean excess loss per cloze question (nats)", log: options.logDelta ?? false },
    y: { title: "θ: fraction of cloze questions failed", range: [0, 1] },
    series,
    id: options.id,
    caption: options.caption,
  });
}
