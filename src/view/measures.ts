/**
 * Figure builders for skills of unequal frequency (general-measure reading of Theorem 8 of Arora &
 * Goyal 2023): the skill measure by rank, the simulated worst case over the bounds with alpha counted
 * by number and by measure, per-skill guarantees, and k′-tuples of frequent versus rare skills against
 * compute. Pure functions from results of the core to {@link Figure}s.
 */
import type { FrequencyEmergencePoint } from "../theory/generalMeasure";
import type { MeasureBoundRow, TupleFrequencyRow } from "../sim/experiments";
import type { MeasureBoundPoint } from "../sim/curves";
import { skillsByRank } from "../graphs/measures";
import { lineFigure, type Figure, type FigureOptions, type Series } from "./figure";

const COLORS = { theorem: "#d62728", uniform: "#8c564b", finite: "#ff7f0e", limit: "#7f7f7f", adversary: "#2ca02c", random: "#1f77b4" };
const CLASS_COLORS = ["#d62728", "#ff7f0e", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b"];

function nonEmpty(fn: string, name: string, v: unknown): void {
  if (!v || typeof (v as ArrayLike<unknown>).length !== "number" || (v as ArrayLike<unknown>).length === 0) {
    throw new TypeError(`${fn}: ${name} must be a non-empty array, got ${String(v)}`);
  }
}

/** Options of {@link skillMeasureFigure}. */
export interface SkillMeasureFigureOptions extends FigureOptions {
  /** μ1, one probability per skill. */
  skillMeasure: ArrayLike<number>;
  /** Optional: each skill's degree in a graph drawn from μ1. */
  degrees?: ArrayLike<number>;
  /** The graph's number of edges k·N_t (needed with `degrees`). */
  edges?: number;
}

/**
 * The skill measure by rank (log-log): μ1 of each skill, most frequent first, and, when a graph's
 * degrees are given, each skill's share of the graph's edges (degree / (k·N_t)), which scatters
 * around μ1 (i.i.d. draws) or saturates for the heaviest skills (distinct draws).
 */
export function skillMeasureFigure(options: SkillMeasureFigureOptions): Figure {
  const fn = "skillMeasureFigure";
  nonEmpty(fn, "skillMeasure", options?.skillMeasure);
  const n = options.skillMeasure.length;
  if (options.degrees) {
    if (options.degrees.length !== n) throw new RangeError(`${fn}: degrees must have one entry per skill (${n}), got ${options.degrees.length}`);
    if (typeof options.edges !== "number" || !(options.edges > 0)) throw new RangeError(`${fn}: edges (k·N_t) must be a number > 0 when degrees are given, got ${String(options.edges)}`);
  }
  const ranked = skillsByRank({ skillMeasure: options.skillMeasure, degrees: options.degrees, edges: options.edges });
  const rank = ranked.map((r) => r.rank);
  const series: Series[] = [];
  // The shares scatter around μ1: markers first, the line drawn on top of them.
  if (options.degrees) {
    series.push({ name: "share of the graph's edges (degree ÷ k·N_t)", x: rank, y: ranked.map((r) => (r.edgeShare === null ? NaN : r.edgeShare)), mode: "markers", markerSize: 5, opacity: 0.6, color: COLORS.random, allowGaps: true });
  }
  series.push({ name: "μ1 (skill measure)", x: rank, y: ranked.map((r) => r.measure), color: COLORS.theorem, width: 2.5 });
  return lineFigure({
    title: options.title ?? "Skills of unequal frequency: measure by rank",
    x: { title: "rank of the skill (1 = most frequent)", log: true },
    y: { title: "probability (share of skill slots)", log: true },
    series,
    id: options.id,
    caption: options.caption,
  });
}

/** Options of {@link measureBoundFigure}. */
export interface MeasureBoundFigureOptions extends FigureOptions {
  /** Which reading to draw: alpha counted by "number" of skills or by "measure". */
  by: "number" | "measure";
  /** theta used in the rows (for the line beta = 1/theta). */
  theta: number;
  /**
   * The bounds on a dense grid of alpha (measureBoundCurve), drawn as lines. Without it they are drawn
   * as open markers at the rows' alphas only.
   */
  theory?: readonly MeasureBoundPoint[];
}

/**
 * The simulated worst case over the bounds, for alpha counted by number or by measure: beta (worst-alpha
 * failure rate ÷ theta) against alpha (log x). By number: the uniform theorem's beta_min(alpha) (not a
 * bound when skills are unequal), the bound beta_min(measure of the rarest alpha·N_s skills), its
 * finite-size version, the adversary by number and a random failure set. By measure: beta_min(alpha),
 * its finite-size version, the fixed-Z limit, the adversary by measure and a random failure set.
 * A dotted line marks beta = 1/theta (failure rate 1).
 */
export function measureBoundFigure(rows: readonly MeasureBoundRow[], options: MeasureBoundFigureOptions): Figure {
  const fn = "measureBoundFigure";
  nonEmpty(fn, "rows", rows);
  const by = options?.by;
  if (by !== "number" && by !== "measure") throw new RangeError(`${fn}: options.by must be "number" or "measure", got ${String(by)}`);
  const theta = options.theta;
  if (!(typeof theta === "number" && theta > 0 && theta < 1)) throw new RangeError(`${fn}: options.theta must be in (0, 1), got ${String(theta)}`);
  const x = rows.map((r) => r.alpha);
  const gap = (v: number | null) => (v === null ? NaN : v);
  const theory = options.theory;
  if (theory) nonEmpty(fn, "options.theory", theory);
  // Theory: lines on the dense grid when given, else open markers at the simulated alphas.
  const bound = (name: string, color: string, dash: Series["dash"], pick: (r: MeasureBoundPoint | MeasureBoundRow) => number | null): Series =>
    theory
      ? { name, x: theory.map((r) => r.alpha), y: theory.map((r) => gap(pick(r))), color, dash, width: 2.5, allowGaps: true }
      : { name, x, y: rows.map((r) => gap(pick(r))), color, mode: "markers", symbol: "line-ew-open", markerSize: 14, allowGaps: true };
  const series: Series[] =
    by === "number"
      ? [
          bound("bound by number: β_min(μ1 of the rarest αN_s)", COLORS.theorem, "solid", (r) => r.numberBeta),
          bound("uniform Theorem 8 β_min(α)", COLORS.uniform, "dash", (r) => r.theoremBeta),
          { name: "finite-size bound (this N_s, N_t, ε)", x, y: rows.map((r) => gap(r.numberFiniteSizeBeta)), mode: "markers", symbol: "diamond-open", markerSize: 11, color: COLORS.finite, allowGaps: true },
          { name: "random failure set (simulated)", x, y: rows.map((r) => r.numberRandomBeta), mode: "markers", markerSize: 8, color: COLORS.random },
          { name: "balanced adversary (simulated)", x, y: rows.map((r) => r.numberAdversaryBeta), mode: "markers", symbol: "diamond", markerSize: 8, color: COLORS.adversary },
        ]
      : [
          bound("bound by measure: β_min(α)", COLORS.theorem, "solid", (r) => r.theoremBeta),
          bound("adversary limit (fixed Z, N_t/N_s → ∞)", COLORS.limit, "dash", (r) => ("measureLimitBeta" in r ? r.measureLimitBeta : r.limitBeta)),
          { name: "finite-size bound (this N_s, N_t, ε)", x, y: rows.map((r) => gap(r.measureFiniteSizeBeta)), mode: "markers", symbol: "diamond-open", markerSize: 11, color: COLORS.finite, allowGaps: true },
          { name: "random failure set (simulated)", x, y: rows.map((r) => r.measureRandomBeta), mode: "markers", markerSize: 8, color: COLORS.random },
          { name: "balanced adversary (simulated)", x, y: rows.map((r) => r.measureAdversaryBeta), mode: "markers", symbol: "diamond", markerSize: 8, color: COLORS.adversary },
        ];
  const xs = theory ? theory.map((r) => r.alpha) : x;
  series.push({ name: "β = 1/θ (failure rate 1)", x: [Math.min(...xs), Math.max(...xs)], y: [1 / theta, 1 / theta], color: "#000000", dash: "dot" });
  return lineFigure({
    title: options.title ?? (by === "number" ? "α counted by number of skills" : "α counted by measure of skills"),
    x: { title: by === "number" ? "α: fraction of skills by number" : "α: μ1-measure of skills", log: true },
    y: { title: "β: worst-α failure rate ÷ θ", log: true },
    series,
    id: options.id,
    caption: options.caption,
  });
}

/** Options of {@link skillGuaranteeFigure}. */
export interface SkillGuaranteeFigureOptions extends FigureOptions {
  /** μ1, one probability per skill (sets the ranks). */
  skillMeasure: ArrayLike<number>;
  /** Per theta, each skill's guaranteed competence (from skillGuarantees). */
  guarantees: readonly { theta: number; competence: ArrayLike<number> }[];
  /** Optional simulated per-skill competences, drawn as markers. */
  simulated?: readonly { name: string; competence: ArrayLike<number> }[];
}

/**
 * Per-skill guarantees by rank: for each theta, the competence 1 − beta_min(p_s)·theta each skill is
 * guaranteed on its own (gaps: no or a vacuous guarantee), and optional simulated per-skill
 * competences (markers) on the same ranks.
 */
export function skillGuaranteeFigure(options: SkillGuaranteeFigureOptions): Figure {
  const fn = "skillGuaranteeFigure";
  nonEmpty(fn, "skillMeasure", options?.skillMeasure);
  nonEmpty(fn, "guarantees", options.guarantees);
  const p = options.skillMeasure;
  const ranked = skillsByRank({ skillMeasure: p });
  const order = ranked.map((r) => r.skill);
  const rank = ranked.map((r) => r.rank);
  const series: Series[] = options.guarantees.map((g, i) => {
    if (g.competence.length !== p.length) throw new RangeError(`${fn}: guarantees[${i}].competence must have one entry per skill (${p.length})`);
    // One value per skill: a line through markers, up to the rarest skill with a guarantee.
    const y = order.map((s) => (g.competence[s] >= 0 ? g.competence[s] : NaN));
    let last = y.length;
    while (last > 1 && !Number.isFinite(y[last - 1])) last--;
    return {
      name: `guaranteed, θ = ${g.theta}`,
      x: rank.slice(0, last),
      y: y.slice(0, last),
      mode: "lines+markers",
      markerSize: 4,
      color: CLASS_COLORS[i % CLASS_COLORS.length],
      allowGaps: true,
    };
  });
  (options.simulated ?? []).forEach((sim, i) => {
    if (sim.competence.length !== p.length) throw new RangeError(`${fn}: simulated[${i}].competence must have one entry per skill (${p.length})`);
    // Filled, then open and larger: where two simulations give a skill the same competence both stay visible.
    series.push({ name: sim.name, x: rank, y: order.map((s) => sim.competence[s]), mode: "markers", color: ["#7f7f7f", "#9467bd", "#17becf"][i % 3], symbol: i === 0 ? "circle" : "circle-open", markerSize: i === 0 ? 4 : 8 });
  });
  return lineFigure({
    title: options.title ?? "Which skills are guaranteed: competence by rank",
    x: { title: "rank of the skill (1 = most frequent)", log: true },
    y: { title: "competence of the skill", range: [0, 1] },
    series,
    id: options.id,
    caption: options.caption,
  });
}

/** Options of {@link frequencyEmergenceFigure}. */
export interface FrequencyEmergenceFigureOptions extends FigureOptions {
  /** The guaranteed competences along the compute axis (from frequencyEmergenceCurve). */
  theory: readonly FrequencyEmergencePoint[];
  /** Optional simulation: its rows (from tupleFrequencyExperiment) and one compute budget per theta of the rows. */
  simulation?: { computes: ArrayLike<number>; rows: readonly TupleFrequencyRow[] };
}

/**
 * k′-tuples of frequent versus rare skills against training compute: the guaranteed competence of
 * each tuple (lines, from frequencyEmergenceCurve; gaps: none or vacuous) and, when given, simulated
 * competences of each class under the adversary aimed at it (markers) and under a random failure set
 * (dotted), at the budgets where the simulation ran (rows of tupleFrequencyExperiment, one theta per budget).
 * Classes are matched by name, in order.
 */
export function frequencyEmergenceFigure(options: FrequencyEmergenceFigureOptions): Figure {
  const fn = "frequencyEmergenceFigure";
  nonEmpty(fn, "theory", options?.theory);
  const x = options.theory.map((r) => r.compute);
  const names = options.theory[0].tuples.map((t) => t.name);
  const series: Series[] = names.map((name, j) => ({
    name: `guaranteed: ${name}`,
    x,
    y: options.theory.map((r) => {
      const t = r.tuples[j];
      return t.competence === null || t.competence < 0 ? NaN : t.competence;
    }),
    color: CLASS_COLORS[j % CLASS_COLORS.length],
    allowGaps: true,
  }));
  if (options.simulation) {
    const { computes, rows } = options.simulation;
    const thetas = [...new Set(rows.map((r) => r.theta))];
    if (thetas.length !== computes.length) {
      throw new RangeError(`${fn}: simulation.computes (${computes.length}) must give one budget per theta of the rows (${thetas.length})`);
    }
    const classes = [...new Set(rows.map((r) => r.className))];
    // A random failure set aims at no class, so its three series nearly coincide: nested open symbols.
    const randomSymbols = [
      { symbol: "circle-open", markerSize: 14 },
      { symbol: "square-open", markerSize: 8 },
      { symbol: "diamond", markerSize: 4 },
    ];
    classes.forEach((cls, j) => {
      const mine = rows.filter((r) => r.className === cls);
      const cx = mine.map((r) => computes[thetas.indexOf(r.theta)]);
      const color = CLASS_COLORS[j % CLASS_COLORS.length];
      series.push({ name: `random Y: ${cls}, simulated`, x: cx, y: mine.map((r) => r.randomCompetence), mode: "markers", color, ...randomSymbols[j % randomSymbols.length] });
    });
    classes.forEach((cls, j) => {
      const mine = rows.filter((r) => r.className === cls);
      const cx = mine.map((r) => computes[thetas.indexOf(r.theta)]);
      series.push({ name: `adversary: ${cls}, simulated`, x: cx, y: mine.map((r) => r.adversarialCompetence), mode: "markers", symbol: "triangle-up", markerSize: 9, color: CLASS_COLORS[j % CLASS_COLORS.length] });
    });
  }
  return lineFigure({
    title: options.title ?? "Tuples of frequent skills emerge first",
    x: { title: "training compute C (FLOPs)", log: true },
    y: { title: "competence on k′-tuples (all but the worst α)", range: [0, 1] },
    series,
    id: options.id,
    caption: options.caption,
  });
}
