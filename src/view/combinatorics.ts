/**
 * Figure builders for lesson 07 (counting skill combinations): the number of k'-tuples against
 * corpus sizes, the fraction of tuples a corpus can show, simulation against the occupancy formula,
 * and the Skill-Mix counting bound (Yu et al. 2023, arXiv 2310.17567). Pure functions from
 * parameters or results of `src/combinatorics` to plotly {@link Figure}s.
 */
import {
  expectedSeenTupleFraction,
  log10TupleCount,
  maxSeenTupleFraction,
  SKILL_MIX_REPORTED,
  skillMixBound,
  type CoveragePoint,
  type SkillMixInputs,
  type TupleKind,
} from "../combinatorics";
import { lineFigure, type Figure, type Series } from "./figure";

const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f"];

function nonEmptyNumbers(fn: string, name: string, v: unknown): number[] {
  if (!v || typeof (v as ArrayLike<number>).length !== "number" || (v as ArrayLike<number>).length === 0) {
    throw new TypeError(`${fn}: ${name} must be a non-empty array of numbers, got ${String(v)}`);
  }
  return Array.from(v as ArrayLike<number>);
}

/** A named corpus size drawn as a horizontal line, e.g. { name: "10^10 text pieces", size: 1e10 }. */
export interface CorpusLine {
  name: string;
  size: number;
}

/** Options of {@link tupleCountsFigure}. */
export interface TupleCountsFigureOptions {
  /** Numbers of skills N on the x axis (log scale), e.g. [100, 300, 1000, ..., 1e5]. */
  skills: ArrayLike<number>;
  /** Tuple sizes k', one line each. */
  kPrimes: ArrayLike<number>;
  /** Corpus sizes to compare with (horizontal dashed lines). */
  corpora: readonly CorpusLine[];
  /** How tuples are counted (default "unorderedDistinct", the paper's k'-tuples). */
  kind?: TupleKind;
  id?: string;
  title?: string;
  caption?: string;
}

/** F-07-counts: number of k'-tuples of N skills (log-log) against training-corpus sizes. */
export function tupleCountsFigure(options: TupleCountsFigureOptions): Figure {
  const fn = "tupleCountsFigure";
  if (!options || typeof options !== "object") throw new TypeError(`${fn}: expected an options object`);
  const skills = nonEmptyNumbers(fn, "skills", options.skills);
  const kPrimes = nonEmptyNumbers(fn, "kPrimes", options.kPrimes);
  const kind = options.kind ?? "unorderedDistinct";
  const series: Series[] = kPrimes.map((kPrime, i) => ({
    name: `k' = ${kPrime}`,
    x: skills,
    y: skills.map((N) => 10 ** log10TupleCount(kind, N, kPrime)),
    color: PALETTE[i % PALETTE.length],
  }));
  const xs = [Math.min(...skills), Math.max(...skills)];
  const corpusStyles: Array<Pick<Series, "dash" | "color">> = [
    { dash: "dash", color: "#444444" },
    { dash: "dot", color: "#000000" },
    { dash: "dashdot", color: "#888888" },
  ];
  (options.corpora ?? []).forEach((c, i) => {
    if (!c || typeof c.name !== "string" || !(c.size > 0)) {
      throw new TypeError(`${fn}: corpora entries must be { name, size > 0 }, got ${JSON.stringify(c)}`);
    }
    series.push({ name: c.name, x: xs, y: [c.size, c.size], ...corpusStyles[i % corpusStyles.length] });
  });
  const kindText = kind === "unorderedDistinct" ? "sets of k' distinct skills, C(N, k')" : kind;
  return lineFigure({
    id: options.id ?? "F-07-counts",
    title: options.title ?? "How many k'-tuples of skills exist, against corpus sizes",
    caption:
      options.caption ??
      `Number of k'-tuples (${kindText}) for N = ${skills[0]}..${skills[skills.length - 1]} skills and k' = ${kPrimes.join(", ")}; dashed: ${options.corpora.map((c) => c.name).join("; ")}.`,
    x: { title: "number of skills N", log: true },
    y: { title: "count (tuples, or corpus units as labelled)", log: true },
    series,
  });
}

/** Options of {@link tupleCoverageFigure}. */
export interface TupleCoverageFigureOptions {
  /** N, the number of skills. */
  skills: number;
  /** k, skills per text piece. */
  k: number;
  /** Tuple sizes k', one pair of lines each. */
  kPrimes: ArrayLike<number>;
  /** Corpus sizes T on the x axis (log scale, positive integers). */
  texts: ArrayLike<number>;
  /** Draw model of the random corpus (default true: distinct skills per text). */
  distinct?: boolean;
  /** Mark one corpus size (e.g. the lesson's T) with a vertical dotted line. */
  markTexts?: number;
  id?: string;
  title?: string;
  caption?: string;
}

/**
 * F-07-coverage: fraction of all k'-tuples a corpus of T text pieces can show. Solid: a random
 * corpus, 1 - (1 - q)^T; dashed: any corpus at all, min(1, T C(k, k') / C(N, k')).
 */
export function tupleCoverageFigure(options: TupleCoverageFigureOptions): Figure {
  const fn = "tupleCoverageFigure";
  if (!options || typeof options !== "object") throw new TypeError(`${fn}: expected an options object`);
  const kPrimes = nonEmptyNumbers(fn, "kPrimes", options.kPrimes);
  const texts = nonEmptyNumbers(fn, "texts", options.texts);
  const distinct = options.distinct ?? true;
  const { skills, k } = options;
  const series: Series[] = [];
  kPrimes.forEach((kPrime, i) => {
    const color = PALETTE[i % PALETTE.length];
    series.push({
      name: `k' = ${kPrime}: random corpus`,
      x: texts,
      y: texts.map((T) => expectedSeenTupleFraction({ skills, k, kPrime, texts: T, distinct })),
      color,
    });
    series.push({
      name: `k' = ${kPrime}: best possible corpus`,
      x: texts,
      y: texts.map((T) => maxSeenTupleFraction({ skills, k, kPrime, texts: T })),
      color,
      dash: "dash",
    });
  });
  if (options.markTexts !== undefined) {
    const T = options.markTexts;
    if (!(T > 0) || !Number.isFinite(T)) throw new RangeError(`${fn}: markTexts must be a finite number > 0, got ${String(T)}`);
    let lo = 1;
    for (const s of series) for (let i = 0; i < s.y.length; i++) if (s.y[i] > 0) lo = Math.min(lo, s.y[i]);
    series.push({ name: `T = ${T.toExponential(1)}`, x: [T, T], y: [lo, 1], dash: "dot", color: "#000000" });
  }
  return lineFigure({
    id: options.id ?? "F-07-coverage",
    title: options.title ?? "What fraction of k'-tuples could a corpus ever have shown?",
    caption:
      options.caption ??
      `N = ${skills} skills, k = ${k} skills per text piece (${distinct ? "distinct" : "i.i.d."}), k' = ${kPrimes.join(", ")}; T = ${texts[0].toExponential(0)}..${texts[texts.length - 1].toExponential(0)} text pieces${options.markTexts !== undefined ? ` (dotted: T = ${options.markTexts.toExponential(1)})` : ""}. Solid: expected fraction for a random corpus, 1 - (1 - q)^T with q = C(k, k')/C(N, k'); dashed: upper bound for any corpus, T·C(k, k')/C(N, k').`,
    x: { title: "text pieces in the corpus T", log: true },
    y: { title: "fraction of all k'-tuples shown", log: true },
    series,
  });
}

/** Options of {@link coverageExperimentFigure}. */
export interface CoverageExperimentFigureOptions {
  /** Output of coverageExperiment. */
  points: readonly CoveragePoint[];
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

/** F-07-coverage-sim: simulated fraction of k'-tuples shown (±2 standard errors) against the formula. */
export function coverageExperimentFigure(options: CoverageExperimentFigureOptions): Figure {
  const fn = "coverageExperimentFigure";
  if (!options || !Array.isArray(options.points) || options.points.length === 0) {
    throw new TypeError(`${fn}: points must be a non-empty array from coverageExperiment`);
  }
  const p = options.points;
  const T = p.map((x) => x.texts);
  return lineFigure({
    id: options.id ?? "F-07-coverage-sim",
    title: options.title ?? "Random skill graphs against the occupancy formula",
    caption:
      options.caption ??
      `N = ${options.skills} skills, k = ${options.k} (${options.distinct ? "distinct" : "i.i.d."}), k' = ${options.kPrime}; ${options.replicates} random skill graphs per corpus size, seed ${JSON.stringify(options.seed)}; error bars: 2 standard errors of the simulated mean (from the formula's variance).`,
    x: { title: "text pieces in the corpus T", log: true },
    y: { title: "fraction of k'-tuples shown", range: [0, 1.02] },
    series: [
      { name: "theory 1 - (1 - q)^T", x: T, y: p.map((x) => x.expectedFraction), color: "#1f77b4" },
      {
        name: `simulation (mean of ${options.replicates})`,
        x: T,
        y: p.map((x) => x.simulatedFraction),
        mode: "markers",
        color: "#d62728",
        errorY: p.map((x) => 2 * x.expectedStandardError),
      },
    ],
  });
}

/** Options of {@link skillMixFigure}. */
export interface SkillMixFigureOptions extends Partial<SkillMixInputs> {
  /** Values of k on the x axis, e.g. [1, 2, ..., 8]. */
  ks: ArrayLike<number>;
  /** Show the paper's rounded values at k = 5, 6 as markers (default true with the reported inputs). */
  showReported?: boolean;
  id?: string;
  title?: string;
  caption?: string;
}

/** F-07-skillmix: the Skill-Mix bound p_s^k · p_t · L as k grows (log y), with the line 1 above which it says nothing. */
export function skillMixFigure(options: SkillMixFigureOptions): Figure {
  const fn = "skillMixFigure";
  if (!options || typeof options !== "object") throw new TypeError(`${fn}: expected an options object`);
  const ks = nonEmptyNumbers(fn, "ks", options.ks);
  const pS = options.pS ?? SKILL_MIX_REPORTED.pS;
  const pT = options.pT ?? SKILL_MIX_REPORTED.pT;
  const L = options.L ?? SKILL_MIX_REPORTED.L;
  const bound = ks.map((k) => skillMixBound({ k, pS, pT, L }));
  const series: Series[] = [
    { name: "p_s^k · p_t · L", x: ks, y: bound, mode: "lines+markers", color: "#1f77b4" },
    { name: "1 (bound says nothing above)", x: [Math.min(...ks), Math.max(...ks)], y: [1, 1], dash: "dash", color: "#555555" },
  ];
  const reported = SKILL_MIX_REPORTED.reportedBound;
  const sameInputs = pS === SKILL_MIX_REPORTED.pS && pT === SKILL_MIX_REPORTED.pT && L === SKILL_MIX_REPORTED.L;
  if ((options.showReported ?? sameInputs) && sameInputs) {
    const rk = Object.keys(reported).map(Number);
    series.push({ name: "paper's rounded values", x: rk, y: rk.map((k) => reported[k]), mode: "markers", color: "#d62728" });
  }
  const figure = lineFigure({
    id: options.id ?? "F-07-skillmix",
    title: options.title ?? "Skill-Mix: chance that a (k skills, topic) combination was in training",
    caption:
      options.caption ??
      `Bound p_s^k · p_t · L of Yu et al. 2023 (arXiv 2310.17567) for k = ${ks[0]}..${ks[ks.length - 1]}, with p_s = ${pS}, p_t = ${pT} (per sentence), L = ${L.toExponential(1)} sentences${sameInputs ? " (the paper's reported values)" : ""}.`,
    x: { title: "k, skills combined" },
    y: { title: "bound on P(combination in training)", log: true },
    series,
  });
  const paper = figure.data.find((t) => t.name === "paper's rounded values");
  if (paper) paper.marker = { color: "#d62728", size: 12, symbol: "circle-open", line: { width: 2 } };
  return figure;
}
