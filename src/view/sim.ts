/**
 * Figure builders for the simulation area (Arora & Goyal 2023, Theorem 8 checked by Monte Carlo):
 * per-skill competence histograms, concentration of failure rates, the simulated worst case drawn
 * over the bound, and the finite-size view. Pure functions from results of `src/sim` to {@link Figure}s.
 */
import type { ConcentrationRow, EmergenceBoundRow, FiniteSizeRow } from "../sim/experiments";
import type { EmergenceBoundPoint } from "../sim/curves";
import { histogramBins, histogramCounts } from "../math/histogram";
import { normalDensity } from "../random/normal";
import { checkNonEmptyList } from "../validate";
import { lineFigure, plotlyFigure, type Figure, type FigureOptions, type Series, type Trace } from "./figure";
import { checkFields, checkLabels, checkOptionalBoolean, checkRecords, field } from "./validate";
import { failArg } from "../validate";

const CONCENTRATION_FIELDS = { meanDegree: field.positive, std: field.positive, predictedStd: field.positive, binomialStd: field.positive };
const FINITE_SIZE_FIELDS = {
  ratio: field.positive,
  theoremBeta: field.nullable(field.finite),
  finiteSizeBeta: field.nullable(field.finite),
  finiteSizeTerm: field.nullable(field.finite),
  skillSetTermApprox: field.finite,
  limitBeta: field.finite,
  adversarialBeta: field.finite,
  randomBeta: field.finite,
};

const COLORS = { theorem: "#d62728", finite: "#ff7f0e", limit: "#7f7f7f", random: "#1f77b4", greedy: "#9467bd", balanced: "#2ca02c" };

const nonEmpty = (fn: string, name: string, v: ArrayLike<unknown>): void => void checkNonEmptyList(fn, name, v);

/** Options of {@link competenceHistogramFigure}. */
export interface CompetenceHistogramOptions {
  /** One or more sets of per-skill competences (e.g. random and adversarial failure sets). */
  series: { name: string; values: ArrayLike<number>; color?: string }[];
  /** Number of equal bins over [lo, hi] (default 40). */
  bins?: number;
  /** Bin range (default: the range of all values). */
  range?: [number, number];
  /** Optional normal curve (mean, std) scaled to the first series' counts, e.g. the binomial prediction. */
  prediction?: { name: string; mean: number; std: number };
  /** Vertical reference lines, e.g. { name: "1 − β_min θ", x: 0.55 }. */
  markers?: { name: string; x: number; color?: string }[];
  title?: string;
  id?: string;
  caption?: string;
}

/**
 * Histogram of per-skill competence (skills per bin against competence), binned here so that the
 * figure carries counts, not 10^4 raw values.
 * @example
 * competenceHistogramFigure({ series: [{ name: "random", values: skillCompetence(skillGraph({ skills: 100, texts: 1000, k: 2, rng: 1 }), randomFailureSet({ texts: 1000, theta: 0.1, rng: 2 })).competence }] })
 * // => a Figure with 1 trace
 * @see {@link skillCompetence}, {@link failureRateSpread}, {@link show}
 */
export function competenceHistogramFigure(options: CompetenceHistogramOptions): Figure {
  const fn = "competenceHistogramFigure";
  checkLabels(fn, options);
  if (!options || !Array.isArray(options.series) || options.series.length === 0) {
    throw new TypeError(`${fn}: series must be a non-empty array of { name, values }`);
  }
  checkRecords(fn, "series", options.series, { name: field.string, color: field.optional(field.string) });
  if (options.range !== undefined) {
    const r = options.range as unknown;
    if (!Array.isArray(r) || r.length !== 2 || !Number.isFinite(r[0]) || !Number.isFinite(r[1]) || !(r[1] > r[0])) failArg(fn, "range", r, "[lo, hi], two finite numbers with lo < hi");
  }
  if (options.prediction !== undefined) checkFields(fn, "prediction", options.prediction, { name: field.string, mean: field.finite, std: field.positive });
  if (options.markers !== undefined && !(Array.isArray(options.markers) && options.markers.length === 0)) {
    checkRecords(fn, "markers", options.markers, { name: field.string, x: field.finite, color: field.optional(field.string) });
  }
  const bins = options.bins ?? 40;
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000) throw new RangeError(`${fn}: bins must be an integer in [1, 1000], got ${bins}`);
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of options.series) {
    nonEmpty(fn, `series "${s?.name}".values`, s?.values);
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i];
      if (!Number.isFinite(v)) throw new RangeError(`${fn}: series "${s.name}" values[${i}] = ${v}; expected a finite number`);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (options.range) [lo, hi] = options.range;
  if (!(hi > lo)) hi = lo + 1e-9;
  const grid = histogramBins(lo, hi, bins);
  const { width, centers } = grid;
  const data: Trace[] = options.series.map((s) => {
    const counts = histogramCounts(s.values, grid);
    return { type: "bar", name: s.name, x: centers, y: counts, width: width * 0.95, opacity: 0.6, ...(s.color ? { marker: { color: s.color } } : {}) };
  });
  if (options.prediction) {
    const { mean, std, name } = options.prediction;
    if (!(std > 0) || !Number.isFinite(mean)) throw new RangeError(`${fn}: prediction needs a finite mean and std > 0, got mean ${mean}, std ${std}`);
    const n = options.series[0].values.length;
    const xs = Array.from({ length: 201 }, (_, i) => lo + ((hi - lo) * i) / 200);
    const ys = xs.map((x) => n * width * normalDensity({ x, mean, std }));   // expected count per bin
    data.push({ type: "scatter", mode: "lines", name, x: xs, y: ys, line: { color: "black", dash: "dash" } });
  }
  const shapes = (options.markers ?? []).map((m) => ({ type: "line", x0: m.x, x1: m.x, yref: "paper", y0: 0, y1: 1, line: { color: m.color ?? COLORS.theorem, dash: "dot" } }));
  const annotations = (options.markers ?? []).map((m) => ({ x: m.x, yref: "paper", y: 1, text: m.name, showarrow: false, yanchor: "bottom" }));
  return plotlyFigure({
    title: options.title ?? "Per-skill competence for one failure set",
    data,
    layout: {
      barmode: "overlay",
      xaxis: { title: { text: "competence of a skill (fraction of its text pieces answered)" } },
      yaxis: { title: { text: "number of skills per bin" } },
      shapes,
      annotations,
    },
    id: options.id,
    caption: options.caption,
  });
}

/**
 * Concentration: the standard deviation of per-skill failure rates (measured, filled markers) against
 * the hypergeometric prediction for each simulated graph's degrees (open markers: it depends on the
 * degrees, so it is a value per graph, not a curve) and the binomial rule sqrt(theta(1-theta)/degree)
 * (a straight line of slope -1/2 on these log-log axes), versus mean degree.
 * @example
 * concentrationFigure(concentrationExperiment({ skills: 100, textsList: [500, 2000], k: 2, theta: 0.1, rng: 1 }))
 * // => a Figure with 3 traces
 * @see {@link concentrationExperiment}, {@link show}
 */
export function concentrationFigure(rows: readonly ConcentrationRow[], options: FigureOptions = {}): Figure {
  checkRecords("concentrationFigure", "rows", rows, CONCENTRATION_FIELDS);
  checkLabels("concentrationFigure", options);
  const x = rows.map((r) => r.meanDegree);
  return lineFigure({
    title: options.title ?? "Failure rates concentrate as text pieces per skill grow",
    x: { title: "mean degree of a skill (text pieces per skill, k·N_t/N_s)", log: true },
    y: { title: "std of per-skill failure rate (fraction)", log: true },
    series: [
      { name: "√(θ(1−θ)/mean degree)", x, y: rows.map((r) => r.binomialStd), dash: "dash", color: COLORS.limit },
      { name: "hypergeometric prediction for each graph's degrees", x, y: rows.map((r) => r.predictedStd), mode: "markers", symbol: "circle-open", markerSize: 13, color: "black" },
      { name: "simulation (random failure set)", x, y: rows.map((r) => r.std), mode: "markers", color: COLORS.random, markerSize: 7 },
    ],
    id: options.id,
    caption: options.caption,
  });
}

/** Options of {@link emergenceBoundFigure}. */
export interface EmergenceBoundFigureOptions {
  /** theta used in the rows (to turn beta into competence 1 - beta·theta). */
  theta: number;
  /**
   * The theory lines on a dense grid of alpha (emergenceBoundCurve). Without it, Theorem 8 and the
   * fixed-Z limit are drawn as open markers at the rows' alphas only.
   */
  theory?: readonly EmergenceBoundPoint[];
  /** Also draw the finite-size bound at the rows' alphas (default true). */
  showFiniteSize?: boolean;
  title?: string;
  id?: string;
  caption?: string;
}

/**
 * The simulation drawn over the bound: for each alpha (log x), the competence that at least 1 - alpha of
 * the skills reach (y). Theory as lines (from `theory`, a dense alpha grid): Theorem 8's guarantee
 * 1 - beta_min·theta and the fixed-Z adversary limit; the finite-size union bound for the simulated
 * N_s, N_t as open diamonds at the simulated alphas (it lies just under the theorem's line when
 * N_t >> N_s); the random, greedy and balanced failure sets as markers. Every simulated point should lie
 * ABOVE the theorem's line.
 * @example
 * emergenceBoundFigure(emergenceBoundExperiment({ graph: skillGraph({ skills: 100, texts: 1000, k: 2, rng: 1 }), theta: 0.1, alphas: [0.1, 0.3], rng: 2 }), { theta: 0.1, theory: emergenceBoundCurve({ theta: 0.1, k: 2, alphas: [0.1, 0.3] }) })
 * // => a Figure with 6 traces
 * @see {@link emergenceBoundExperiment}, {@link emergenceBoundCurve}, {@link show}
 */
export function emergenceBoundFigure(rows: readonly EmergenceBoundRow[], options: EmergenceBoundFigureOptions): Figure {
  const fn = "emergenceBoundFigure";
  checkRecords(fn, "rows", rows, {
    alpha: field.positive,
    theoremBeta: field.nullable(field.finite),
    finiteSizeBeta: field.nullable(field.finite),
    limitBeta: field.finite,
    adversarialBeta: field.finite,
    greedyBeta: field.finite,
    randomBeta: field.finite,
  });
  if (options === undefined) throw new TypeError(`${fn}: options must be an object { theta, showFiniteSize?, title?, id?, caption? }, got undefined`);
  checkLabels(fn, options);
  checkOptionalBoolean(fn, "showFiniteSize", options.showFiniteSize);
  const theta = options?.theta;
  if (!(typeof theta === "number" && theta > 0 && theta < 1)) throw new RangeError(`${fn}: options.theta must be in (0, 1), got ${String(theta)}`);
  const x = rows.map((r) => r.alpha);
  const comp = (b: number | null) => (b === null || 1 - b * theta < 0 ? NaN : 1 - b * theta);
  const series: Series[] = [];
  if (options.theory) {
    nonEmpty(fn, "options.theory", options.theory);
    const tx = options.theory.map((r) => r.alpha);
    series.push(
      { name: "Theorem 8 guarantee 1 − β_min θ", x: tx, y: options.theory.map((r) => comp(r.theoremBeta)), color: COLORS.theorem, width: 2.5, allowGaps: true },
      { name: "adversary limit (fixed Z, N_t/N_s → ∞)", x: tx, y: options.theory.map((r) => comp(r.limitBeta)), color: COLORS.limit, dash: "dash", allowGaps: true },
    );
  } else {
    series.push(
      { name: "Theorem 8 guarantee 1 − β_min θ", x, y: rows.map((r) => comp(r.theoremBeta)), mode: "markers", symbol: "line-ew-open", markerSize: 14, color: COLORS.theorem, allowGaps: true },
      { name: "adversary limit (fixed Z, N_t/N_s → ∞)", x, y: rows.map((r) => comp(r.limitBeta)), mode: "markers", symbol: "line-ew-open", markerSize: 14, color: COLORS.limit, allowGaps: true },
    );
  }
  if (options.showFiniteSize ?? true) {
    series.push({ name: "finite-size union bound (this N_s, N_t)", x, y: rows.map((r) => comp(r.finiteSizeBeta)), mode: "markers", symbol: "diamond-open", markerSize: 11, color: COLORS.finite, allowGaps: true });
  }
  series.push(
    { name: "random failure set (simulated)", x, y: rows.map((r) => comp(r.randomBeta)), mode: "markers", color: COLORS.random, markerSize: 8, allowGaps: true },
    { name: "greedy adversary (simulated)", x, y: rows.map((r) => comp(r.greedyBeta)), mode: "markers", symbol: "square", color: COLORS.greedy, markerSize: 7, allowGaps: true },
    { name: "balanced adversary (simulated)", x, y: rows.map((r) => comp(r.adversarialBeta)), mode: "markers", symbol: "diamond", color: COLORS.balanced, markerSize: 8, allowGaps: true },
  );
  return lineFigure({
    title: options.title ?? "Simulated worst case over the Theorem 8 bound",
    x: { title: "α: fraction of skills allowed below the level", log: true },
    y: { title: "competence reached by ≥ 1 − α of skills", range: [0, 1] },
    series,
    id: options.id,
    caption: options.caption,
  });
}

/**
 * Finite size: beta (failure rate of the worst alpha fraction, in units of theta) against N_t/N_s
 * (log x): Theorem 8's asymptotic beta_min (flat), the exact finite-N union bound, the fixed-Z limit,
 * and the simulated balanced adversary and random failure set.
 * @example
 * finiteSizeFigure(finiteSizeExperiment({ skills: 100, ratios: [5, 20], k: 2, theta: 0.1, alpha: 0.1, rng: 1 }))
 * // => a Figure with 5 traces
 * @see {@link finiteSizeExperiment}, {@link finiteSizeTermFigure}, {@link show}
 */
export function finiteSizeFigure(rows: readonly FiniteSizeRow[], options: FigureOptions = {}): Figure {
  const fn = "finiteSizeFigure";
  checkRecords(fn, "rows", rows, FINITE_SIZE_FIELDS);
  checkLabels(fn, options);
  const x = rows.map((r) => r.ratio);
  const orGap = (v: number | null) => (v === null ? NaN : v);
  return lineFigure({
    title: options.title ?? "The bound is asymptotic in N_t/N_s: finite-size view",
    x: { title: "N_t / N_s (text pieces per skill ÷ k)", log: true },
    y: { title: "β: worst-α failure rate ÷ θ" },
    series: [
      { name: "Theorem 8 β_min (N_t ≫ N_s)", x, y: rows.map((r) => orGap(r.theoremBeta)), color: COLORS.theorem, allowGaps: true },
      { name: "finite-size union bound β", x, y: rows.map((r) => orGap(r.finiteSizeBeta)), color: COLORS.finite, dash: "dot", mode: "lines+markers", allowGaps: true },
      { name: "adversary limit (fixed Z)", x, y: rows.map((r) => r.limitBeta), color: COLORS.limit, dash: "dash" },
      { name: "balanced adversary (simulated)", x, y: rows.map((r) => r.adversarialBeta), color: COLORS.balanced, mode: "markers", symbol: "diamond", markerSize: 8 },
      { name: "random failure set (simulated)", x, y: rows.map((r) => r.randomBeta), color: COLORS.random, mode: "markers", markerSize: 8 },
    ],
    id: options.id,
    caption: options.caption,
  });
}

/**
 * The finite-size term of the union bound per text piece, (ln C(N_s, αN_s) + ln C(N_t, θN_t))/N_t − H(θ),
 * against N_t/N_s (log-log), next to its leading part (N_s/N_t)·H(α).
 * @example
 * finiteSizeTermFigure(finiteSizeExperiment({ skills: 100, ratios: [5, 20], k: 2, theta: 0.1, alpha: 0.1, rng: 1 }))
 * // => a Figure with 2 traces
 * @see {@link finiteSizeFigure}, {@link finiteSizeBound}, {@link show}
 */
export function finiteSizeTermFigure(rows: readonly FiniteSizeRow[], options: FigureOptions = {}): Figure {
  const fn = "finiteSizeTermFigure";
  checkRecords(fn, "rows", rows, { ...FINITE_SIZE_FIELDS, skillSetTermApprox: field.positive });
  checkLabels(fn, options);
  const x = rows.map((r) => r.ratio);
  return lineFigure({
    title: options.title ?? "Finite-size term of the union bound (per text piece)",
    x: { title: "N_t / N_s", log: true },
    y: { title: "nats per text piece", log: true },
    series: [
      { name: "exact: (ln C(N_s,αN_s) + ln C(N_t,θN_t))/N_t − H(θ)", x, y: rows.map((r) => (r.finiteSizeTerm === null || r.finiteSizeTerm <= 0 ? NaN : r.finiteSizeTerm)), mode: "lines+markers", color: COLORS.finite, allowGaps: true },
      { name: "(N_s/N_t)·H(α)", x, y: rows.map((r) => r.skillSetTermApprox), dash: "dash", color: "black" },
    ],
    id: options.id,
    caption: options.caption,
  });
}
