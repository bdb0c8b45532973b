/**
 * Figure builders for lesson 07 (counting skill combinations): the number of k'-tuples against
 * corpus sizes, the fraction of tuples a corpus can show, simulation against the occupancy formula,
 * and the Skill-Mix counting bound (Yu et al. 2023, arXiv 2310.17567). Pure functions from the
 * points and rows computed in `src/combinatorics` (tupleCountCurve, tupleCoverageCurve,
 * coverageExperiment, skillMixCurve) to plotly {@link Figure}s.
 */
import { tupleCoverageCurve, type TupleCountPoint, type TupleCoveragePoint } from "../combinatorics/curves";
import { valueGrid } from "../math/grid";
import { checkCover } from "../combinatorics/occupancy";
import type { CoverageRow } from "../combinatorics/experiments";
import { SKILL_MIX_REPORTED, type SkillMixPoint } from "../combinatorics/skillmix";
import { checkNonEmptyList } from "../validate";
import { FIGURE_HEIGHT, FIGURE_WIDTH, lineFigure, plotlyFigure, type Figure, type Series, type Trace } from "./figure";
import { dataRanges, placeLegend } from "./layout";
import { checkFields, checkLabels, checkOptionalBoolean, checkRecords, field } from "./validate";
import { describeValue, failArg } from "../validate";

const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f"];

/** Distinct values in first-seen order. */
function distinctValues(xs: number[]): number[] {
  return [...new Set(xs)];
}

/**
 * A named corpus size drawn as a horizontal line, in TEXT PIECES (the unit the tuples are compared
 * with), e.g. { name: "5·10^10 text pieces", size: 5e10 }. A corpus known by its tokens can be drawn
 * with its token count as an upper bound on its text pieces (every piece has at least one token);
 * say so in the name.
 */
export interface CorpusLine {
  name: string;
  size: number;
}

/** Options of {@link tupleCountsFigure}. */
export interface TupleCountsFigureOptions {
  /** Output of tupleCountCurve: one line per k', N on the x axis (log scale). */
  points: readonly TupleCountPoint[];
  /** Corpus sizes to compare with (horizontal dashed lines). */
  corpora: readonly CorpusLine[];
  id?: string;
  title?: string;
  caption?: string;
}

/**
 * Number of k'-tuples of N skills (log-log) against training-corpus sizes.
 * @example
 * tupleCountsFigure({ points: tupleCountCurve({ skills: [100, 1000], kPrimes: [2, 3] }), corpora: [{ name: "Skill-Mix L", size: 5e10 }], id: "counts" })
 * // => a Figure with 3 traces
 * @see {@link tupleCountCurve}, {@link show}
 */
export function tupleCountsFigure(options: TupleCountsFigureOptions): Figure {
  const fn = "tupleCountsFigure";
  if (!options || typeof options !== "object") throw new TypeError(`${fn}: expected an options object`);
  checkLabels(fn, options);
  checkRecords(fn, "points", options.points, {
    kind: (f, n, v) => {
      if (!["orderedWithRepetition", "orderedDistinct", "unorderedDistinct", "unorderedWithRepetition"].includes(v as string)) failArg(f, n, v, "a TupleKind (the output of tupleCountCurve)");
    },
    skills: field.positive,
    kPrime: field.integer(0),
    log10Count: (f, n, v) => {
      if (typeof v !== "number" || !(v >= -300 && v <= 300)) failArg(f, n, v, "a number in [-300, 300] (10^log10Count must be a double)");
    },
  });
  if (!Array.isArray(options.corpora)) failArg(fn, "corpora", options.corpora, "an array of { name, size } (may be empty)");
  if (options.corpora.length > 0) checkRecords(fn, "corpora", options.corpora, { name: field.string, size: field.positive });
  const points = Array.from(checkNonEmptyList(fn, "points", options.points));
  const kPrimes = distinctValues(points.map((p) => p.kPrime));
  const skills = distinctValues(points.map((p) => p.skills));
  const kind = points[0].kind;
  const series: Series[] = kPrimes.map((kPrime, i) => {
    const line = points.filter((p) => p.kPrime === kPrime);
    return {
      name: `k' = ${kPrime}`,
      x: line.map((p) => p.skills),
      y: line.map((p) => 10 ** p.log10Count),
      color: PALETTE[i % PALETTE.length],
    };
  });
  const xs = [Math.min(...skills), Math.max(...skills)];
  const corpusStyles: Array<Pick<Series, "dash" | "color">> = [
    { dash: "dash", color: "#444444" },
    { dash: "dot", color: "#000000" },
    { dash: "dashdot", color: "#888888" },
  ];
  (options.corpora ?? []).forEach((c, i) => {
    if (!c || typeof c.name !== "string" || !(c.size > 0)) {
      throw new TypeError(`${fn}: corpora entries must be { name, size > 0 }, got ${describeValue(c)}`);
    }
    series.push({ name: c.name, x: xs, y: [c.size, c.size], ...corpusStyles[i % corpusStyles.length] });
  });
  const kindText = kind === "unorderedDistinct" ? "sets of k' distinct skills, C(N, k')" : kind;
  // Each line is labelled at its end instead of in a legend (seven long entries would not fit).
  const annotations = series.map((sr, i) => {
    const isCorpus = i >= kPrimes.length;
    const last = isCorpus ? 0 : sr.x.length - 1;
    return {
      x: Math.log10(sr.x[last]),
      y: Math.log10(sr.y[last]),
      text: sr.name.replace(/\^(-?\d+)/g, "<sup>$1</sup>"),
      showarrow: false,
      xanchor: "left",
      yanchor: isCorpus ? "bottom" : "middle",
      xshift: 4,
      font: { size: 11, color: sr.color },
      ...(isCorpus ? { bgcolor: "rgba(255,255,255,0.85)" } : {}),
    };
  });
  return lineFigure({
    id: options.id,
    title: options.title ?? "How many k'-tuples of skills exist, against corpus sizes",
    caption:
      options.caption ??
      `Number of k'-tuples (${kindText}) for N = ${skills[0]}..${skills[skills.length - 1]} skills and k' = ${kPrimes.join(", ")} (solid lines, labelled at their right end); dashed and dotted: ${options.corpora.map((c) => c.name).join("; ")}.`,
    x: { title: "number of skills N", log: true },
    y: { title: "number of k'-tuples (lines) or of text pieces (corpora)", log: true },
    series,
    layout: { showlegend: false, annotations, margin: { t: 60, r: 60, b: 60, l: 70 } },
  });
}

/** Options of {@link tupleCoverageFigure}. */
export interface TupleCoverageFigureOptions {
  /** Output of tupleCoverageCurve: one pair of lines per k', T on the x axis (log scale). */
  points: readonly TupleCoveragePoint[];
  /** Mark one corpus size (e.g. the lesson's T) with a vertical dotted line. */
  markTexts?: number;
  id?: string;
  title?: string;
  caption?: string;
}

/**
 * Fraction of all k'-tuples a corpus of T text pieces can show. Solid: a random corpus,
 * 1 - (1 - q)^T; dashed: any corpus at all, min(1, T C(k, k') / C(N, k')).
 * @example
 * tupleCoverageFigure({ points: tupleCoverageCurve({ skills: 1000, k: 8, kPrimes: [2, 3], texts: [1e3, 1e4], distinct: true }), id: "coverage" })
 * // => a Figure with 4 traces
 * @see {@link tupleCoverageCurve}, {@link show}
 */
export function tupleCoverageFigure(options: TupleCoverageFigureOptions): Figure {
  const fn = "tupleCoverageFigure";
  if (!options || typeof options !== "object") throw new TypeError(`${fn}: expected an options object`);
  checkLabels(fn, options);
  checkRecords(fn, "points", options.points, {
    skills: field.positive,
    k: field.integer(0),
    kPrime: field.integer(1),
    texts: field.positive,
    distinct: field.boolean,
    expectedFraction: field.fraction,
    maxFraction: field.fraction,
  });
  const points = Array.from(checkNonEmptyList(fn, "points", options.points));
  const kPrimes = distinctValues(points.map((p) => p.kPrime));
  const texts = distinctValues(points.map((p) => p.texts));
  const { skills, k, distinct } = points[0];
  const series: Series[] = [];
  kPrimes.forEach((kPrime, i) => {
    const color = PALETTE[i % PALETTE.length];
    const line = points.filter((p) => p.kPrime === kPrime);
    // The two coincide while qT << 1: the random corpus as a wide pale band, the best one thin on it.
    series.push({ name: `k' = ${kPrime}: random corpus (wide)`, x: line.map((p) => p.texts), y: line.map((p) => p.expectedFraction), color, halo: true });
    series.push({ name: `k' = ${kPrime}: best possible corpus`, x: line.map((p) => p.texts), y: line.map((p) => p.maxFraction), color, dash: "dash", width: 1.5 });
  });
  if (options.markTexts !== undefined) {
    const T = options.markTexts;
    if (!(T > 0) || !Number.isFinite(T)) throw new RangeError(`${fn}: markTexts must be a finite number > 0, got ${String(T)}`);
    let lo = 1;
    for (const s of series) for (let i = 0; i < s.y.length; i++) if (s.y[i] > 0) lo = Math.min(lo, s.y[i]);
    series.push({ name: `T = ${T.toExponential(1)}`, x: [T, T], y: [lo, 1], dash: "dot", color: "#000000" });
  }
  return lineFigure({
    id: options.id,
    title: options.title ?? "What fraction of k'-tuples could a corpus ever have shown?",
    caption:
      options.caption ??
      `N = ${skills} skills, k = ${k} skills per text piece (${distinct ? "distinct" : "i.i.d."}), k' = ${kPrimes.join(", ")}; T = ${texts[0].toExponential(0)}..${texts[texts.length - 1].toExponential(0)} text pieces${options.markTexts !== undefined ? ` (dotted: T = ${options.markTexts.toExponential(1)})` : ""}. Wide pale lines: expected fraction for a random corpus, 1 - (1 - q)^T with q = C(k, k')/C(N, k'); thin dashed: upper bound for any corpus, T·C(k, k')/C(N, k'); the two coincide while qT is small.`,
    x: { title: "text pieces in the corpus T", log: true },
    y: { title: "fraction of all k'-tuples shown", log: true },
    series,
  });
}

/** Options of {@link coverageExperimentFigure}. */
export interface CoverageExperimentFigureOptions {
  /** Output of coverageExperiment. */
  points: readonly CoverageRow[];
  /** The formula on a dense grid of T (tupleCoverageCurve for this k'); default: 200 log-spaced T across the points. */
  theory?: readonly TupleCoveragePoint[];
  /** Parameters for the legend and caption. */
  skills: number;
  k: number;
  kPrime: number;
  distinct: boolean;
  replicates: number;
  seed: string | number;
  id?: string;
  title?: string;
  caption?: string;
}

/**
 * Simulated fraction of k'-tuples shown against the formula 1 - (1 - q)^T: above, the formula as a
 * line and the simulated means as markers; below, on its own scale, simulated minus formula with
 * ±2 standard errors, where the error bars are visible (on the fraction's scale they are smaller than
 * the markers).
 * @example
 * coverageExperimentFigure({ points: coverageExperiment({ skills: 100, k: 4, kPrime: 2, texts: [100, 1000], distinct: true, replicates: 3, rng: 1 }), skills: 100, k: 4, kPrime: 2, distinct: true, replicates: 3, seed: 1 })
 * // => a Figure with 4 traces
 * @see {@link coverageExperiment}, {@link expectedSeenTupleFraction}, {@link show}
 */
export function coverageExperimentFigure(options: CoverageExperimentFigureOptions): Figure {
  const fn = "coverageExperimentFigure";
  if (!options || !Array.isArray(options.points) || options.points.length === 0) {
    throw new TypeError(`${fn}: points must be a non-empty array from coverageExperiment`);
  }
  checkLabels(fn, options);
  checkRecords(fn, "points", options.points, { texts: field.positive, expectedFraction: field.fraction, simulatedFraction: field.fraction, expectedStdErr: field.fraction });
  checkFields(fn, "", options, {
    skills: field.integer(1),
    k: field.integer(1),
    kPrime: field.integer(1),
    distinct: field.boolean,
    replicates: field.integer(2),
    seed: (f, n, v) => {
      if (!(typeof v === "string" || (typeof v === "number" && Number.isFinite(v)))) failArg(f, n, v, "the seed (a finite number or a string)");
    },
  });
  if (options.theory !== undefined) checkRecords(fn, "theory", options.theory, { texts: field.positive, expectedFraction: field.fraction });
  // The formula's parameters are checked here whether or not the theory line is given, so that an
  // impossible k or kPrime is reported under this figure's name.
  checkCover(fn, { skills: options.skills, k: options.k, kPrime: options.kPrime, distinct: options.distinct });
  const p = options.points;
  const T = p.map((x) => x.texts);
  let theory = options.theory;
  if (!theory) {
    const lo = Math.min(...T), hi = Math.max(...T);
    const grid = hi > lo ? [...new Set(Array.from(valueGrid({ from: lo, to: hi, count: 200, log: true }), (t) => Math.round(t)))] : [lo];
    theory = tupleCoverageCurve({ skills: options.skills, k: options.k, kPrimes: [options.kPrime], texts: grid, distinct: options.distinct });
  }
  const data: Trace[] = [
    { type: "scatter", mode: "lines", name: "theory 1 − (1 − q)^T", x: theory.map((q) => q.texts), y: theory.map((q) => q.expectedFraction), line: { color: "#1f77b4" } },
    { type: "scatter", mode: "markers", name: `simulation (mean of ${options.replicates})`, x: T, y: p.map((x) => x.simulatedFraction), marker: { color: "#d62728", size: 8 } },
    { type: "scatter", mode: "lines", name: "difference 0 (the formula)", showlegend: false, x: [Math.min(...T), Math.max(...T)], y: [0, 0], line: { color: "#1f77b4", width: 1 }, yaxis: "y2" },
    {
      type: "scatter",
      mode: "markers",
      name: "simulated − theory, ±2 standard errors",
      x: T,
      y: p.map((x) => x.simulatedFraction - x.expectedFraction),
      error_y: { type: "data", array: p.map((x) => 2 * x.expectedStdErr), visible: true, thickness: 1.5, width: 5 },
      marker: { color: "#d62728", size: 7 },
      yaxis: "y2",
    },
  ];
  let layout: Record<string, unknown> = {
    width: FIGURE_WIDTH,
    height: FIGURE_HEIGHT + 60,
    margin: { t: 60, r: 20, b: 60, l: 80 },
    xaxis: { title: { text: "text pieces in the corpus T" }, type: "log", anchor: "y2", automargin: true },
    yaxis: { title: { text: "fraction of k'-tuples shown" }, domain: [0.4, 1], automargin: true },
    yaxis2: { title: { text: "simulated − theory" }, domain: [0, 0.3], anchor: "x", zeroline: false, automargin: true },
  };
  layout = dataRanges(data, layout, { x: 0.03, y: 0.06 });
  layout = placeLegend(data, layout, ["x", "y"]);
  return plotlyFigure({
    id: options.id,
    title: options.title ?? "Random skill graphs against the occupancy formula",
    caption:
      options.caption ??
      `N = ${options.skills} skills, k = ${options.k} (${options.distinct ? "distinct" : "i.i.d."}), k' = ${options.kPrime}; ${options.replicates} random skill graphs per corpus size, seed ${JSON.stringify(options.seed)}. Above: the formula (line) and the simulated means (markers); below: their difference with error bars of 2 standard errors of the simulated mean (from the formula's variance).`,
    data,
    layout,
  });
}

/** Options of {@link skillMixFigure}. */
export interface SkillMixFigureOptions {
  /** Output of skillMixCurve: the bound for each k (same inputs). */
  points: readonly SkillMixPoint[];
  /** Show the paper's rounded values at k = 5, 6 as markers (default true with the reported inputs). */
  showReported?: boolean;
  id?: string;
  title?: string;
  caption?: string;
}

/**
 * The Skill-Mix bound p_s^k · p_t · L as k grows (log y), with the line 1 above which it says nothing.
 * @example
 * skillMixFigure({ points: skillMixCurve({ ks: [2, 3, 4] }), id: "skillmix" })
 * // => a Figure with 3 traces
 * @see {@link skillMixCurve}, {@link show}
 */
export function skillMixFigure(options: SkillMixFigureOptions): Figure {
  const fn = "skillMixFigure";
  if (!options || typeof options !== "object") throw new TypeError(`${fn}: expected an options object`);
  checkLabels(fn, options);
  checkOptionalBoolean(fn, "showReported", options.showReported);
  checkRecords(fn, "points", options.points, { k: field.integer(0), bound: field.positive, pS: field.fraction, pT: field.fraction, L: field.positive, reportedInputs: field.boolean });
  const points = Array.from(checkNonEmptyList(fn, "points", options.points));
  const ks = points.map((p) => p.k);
  const { pS, pT, L, reportedInputs } = points[0];
  const series: Series[] = [
    { name: "p_s^k · p_t · L", x: ks, y: points.map((p) => p.bound), mode: "lines+markers", color: "#1f77b4" },
    { name: "1 (bound says nothing above)", x: [Math.min(...ks), Math.max(...ks)], y: [1, 1], dash: "dash", color: "#555555" },
  ];
  const reported = SKILL_MIX_REPORTED.reportedBound;
  if ((options.showReported ?? reportedInputs) && reportedInputs) {
    const rk = Object.keys(reported).map(Number);
    series.push({ name: "paper's rounded values", x: rk, y: rk.map((k) => reported[k]), mode: "markers", color: "#d62728" });
  }
  const figure = lineFigure({
    id: options.id,
    title: options.title ?? "Skill-Mix: chance that a (k skills, topic) combination was in training",
    caption:
      options.caption ??
      `Bound p_s^k · p_t · L of Yu et al. 2023 (arXiv 2310.17567) for k = ${ks[0]}..${ks[ks.length - 1]}, with p_s = ${pS}, p_t = ${pT} (per sentence), L = ${L.toExponential(1)} sentences${reportedInputs ? " (the paper's reported values)" : ""}.`,
    x: { title: "k, skills combined" },
    y: { title: "bound on P(combination in training)", log: true },
    series,
  });
  const paper = figure.data.find((t) => t.name === "paper's rounded values");
  if (paper) paper.marker = { color: "#d62728", size: 12, symbol: "circle-open", line: { width: 2 } };
  return figure;
}
