/**
 * Failure rates, failure sets and "the worst α fraction of skills" when skills and text pieces carry
 * measures (the general setting of Arora & Goyal 2023, arXiv 2307.15936 v2: skills drawn from μ1,
 * text pieces weighted by μ2, and "a fraction" meaning a measure; see src/graphs/measures).
 *
 * - The failure rate of skill s under a failure set Y is the μ2-weight of its text pieces that lie in
 *   Y divided by the μ2-weight of all its pieces (Definition 7, competence = success rate on a text
 *   piece "selected randomly among all text-pieces adjacent to the particular skill node", the piece
 *   selected by μ2). A piece that holds s twice counts twice (i.i.d. draws).
 * - "The worst α fraction" is counted by NUMBER (α·N_s skills, as Theorem 8 reads for uniform skills)
 *   or by MEASURE (skills of total μ1-measure α, as the general setting reads).
 * With uniform measures every function here gives exactly the result of its uniform counterpart.
 */
import type { SkillGraph } from "../graphs/skillGraph";
import { resolveMeasure, type MeasureSpec } from "../graphs/measures";
import { randomPermutation } from "../random/permutation";
import { type RngOrSeed, toRng } from "../random/rng";
import { checkClosed, checkInteger, checkOptions, describeValue } from "../validate";
import { checkGraph } from "./validate";
import { countFailedEdges, fractionOfSkillsFailing, worstFractionFailureRate } from "./competence";
import { randomFailureSet, toFailureMask } from "./failures";

/** How "a fraction α of skills" is counted. */
export type CountBy = "number" | "measure";

/** Check `by` ("number" or "measure"; default `dflt`). */
export function checkCountBy(fn: string, by: unknown, dflt: CountBy): CountBy {
  const v = by ?? dflt;
  if (v !== "number" && v !== "measure") throw new RangeError(`${fn}: by must be "number" or "measure", got ${describeValue(v)}`);
  return v;
}

/** Check that a graph's measures (if any) have the right lengths; returns them (undefined = uniform). */
export function graphMeasures(fn: string, g: SkillGraph): { skillMeasure?: Float64Array; textMeasure?: Float64Array } {
  const { skillMeasure, textMeasure } = g;
  if (skillMeasure !== undefined && (!(skillMeasure instanceof Float64Array) || skillMeasure.length !== g.skills)) {
    throw new RangeError(`${fn}: graph.skillMeasure must be a Float64Array of length skills = ${g.skills}, got ${describeValue(skillMeasure)}`);
  }
  if (textMeasure !== undefined && (!(textMeasure instanceof Float64Array) || textMeasure.length !== g.texts)) {
    throw new RangeError(`${fn}: graph.textMeasure must be a Float64Array of length texts = ${g.texts}, got ${describeValue(textMeasure)}`);
  }
  return { skillMeasure, textMeasure };
}

/** Per-skill failure rates with text pieces weighted by μ2. */
export interface SkillFailureRates {
  /** failedMass[s] / mass[s]; 0 for a skill without text pieces. */
  failureRate: Float64Array;
  /** μ2-weight of the edges of s into Y (with a uniform μ2: the number of such edges). */
  failedMass: Float64Array;
  /** μ2-weight of all edges of s (with a uniform μ2: the degree of s). */
  mass: Float64Array;
  /** μ2(Y): the measure of the failure set (uniform μ2: |Y| / N_t). */
  theta: number;
  /** Skills without text pieces (rate reported as 0). */
  isolatedSkills: number;
}

function maskOf(fn: string, failed: Uint8Array | ArrayLike<number>, texts: number): Uint8Array {
  try {
    return toFailureMask(failed, texts);
  } catch (e) {
    throw new RangeError(`${fn}: failed: ${(e as Error).message}`);
  }
}

/**
 * Each skill's failure rate under a failure set Y (mask of length N_t or list of text indices), the
 * pieces weighted by the graph's text measure μ2 (uniform when absent, and then the rates are the
 * same numbers as skillCompetence's: count / degree).
 * @see {@link skillCompetence}
 */
export function skillFailureRates(graph: SkillGraph, failed: Uint8Array | ArrayLike<number>): SkillFailureRates {
  const fn = "skillFailureRates";
  const g = checkGraph(fn, graph);
  const { textMeasure } = graphMeasures(fn, g);
  const mask = maskOf(fn, failed, g.texts);
  const n = g.skills;
  const failedMass = new Float64Array(n);
  const mass = new Float64Array(n);
  let theta = 0;
  if (!textMeasure) {
    const counts = countFailedEdges(g, mask);
    let y = 0;
    for (let t = 0; t < g.texts; t++) y += mask[t];
    for (let s = 0; s < n; s++) {
      failedMass[s] = counts[s];
      mass[s] = g.skillOffsets[s + 1] - g.skillOffsets[s];
    }
    theta = y / g.texts;
  } else {
    const k = g.k;
    const ts = g.textSkills;
    for (let t = 0, b = 0; t < g.texts; t++, b += k) {
      const w = textMeasure[t];
      const f = mask[t];
      if (f) theta += w;
      for (let j = 0; j < k; j++) {
        const s = ts[b + j];
        mass[s] += w;
        if (f) failedMass[s] += w;
      }
    }
  }
  const failureRate = new Float64Array(n);
  let isolated = 0;
  for (let s = 0; s < n; s++) {
    if (mass[s] > 0) failureRate[s] = failedMass[s] / mass[s];
    else isolated++;
  }
  return { failureRate, failedMass, mass, theta, isolatedSkills: isolated };
}

/** Options of {@link worstFailureRate}. */
export interface WorstFailureRateOptions {
  /** Each skill's failure rate (e.g. skillFailureRates(...).failureRate). */
  failureRate: ArrayLike<number>;
  /** The size of the worst fraction, in (0, 1]. */
  alpha: number;
  /** Count alpha by "number" (default) or by "measure". */
  by?: CountBy;
  /** μ1, normalised, one entry per skill (needed by measure; absent = uniform). */
  skillMeasure?: Float64Array;
}

/**
 * The failure rate reached by the worst α fraction of skills, counted by number or by measure:
 * sort skills by rate (highest first) and walk down until the counted size reaches α (by number:
 * ceil(α·N_s) skills, exactly worstFractionFailureRate; by measure: skills of total μ1-measure >= α).
 * The rate of the skill where the walk stops is returned. With a uniform (absent) skill measure,
 * "by measure" is "by number".
 * @see {@link worstFractionFailureRate}
 */
export function worstFailureRate(options: WorstFailureRateOptions): number {
  const fn = "worstFailureRate";
  checkOptions(fn, options, "{ failureRate, alpha, by?, skillMeasure? }");
  const alpha = checkClosed(fn, "alpha", options.alpha, 0, 1);
  if (alpha === 0) throw new RangeError(`${fn}: alpha must be in (0, 1], got 0`);
  const by = checkCountBy(fn, options.by, "number");
  const rates = options.failureRate;
  if (!rates || typeof rates.length !== "number" || rates.length === 0) {
    throw new RangeError(`${fn}: failureRate must be a non-empty array of rates, got ${describeValue(rates)}`);
  }
  const p = options.skillMeasure;
  if (by === "number" || p === undefined) return worstFractionFailureRate(rates, alpha);
  if (!(p instanceof Float64Array) || p.length !== rates.length) {
    throw new RangeError(`${fn}: skillMeasure must be a Float64Array with one entry per skill (${rates.length}), got ${describeValue(p)}`);
  }
  return worstRateByMeasure(rates, p, alpha);
}

/** Internal: walk skills by decreasing rate until their measure reaches alpha (slack 1e-12). */
export function worstRateByMeasure(rates: ArrayLike<number>, p: ArrayLike<number>, alpha: number, subset?: ArrayLike<number>): number {
  const idx = subset ? Array.from(subset) : Array.from({ length: rates.length }, (_, i) => i);
  idx.sort((a, b) => rates[b] - rates[a]);
  let total = 0;
  for (const i of idx) total += p[i];
  const target = alpha * total * (1 - 1e-12);
  let acc = 0;
  for (const i of idx) {
    acc += p[i];
    if (acc >= target) return rates[i];
  }
  return rates[idx[idx.length - 1]];
}

/** Options of {@link shareOfSkillsFailing}. */
export interface ShareOfSkillsFailingOptions {
  /** Each skill's failure rate. */
  failureRate: ArrayLike<number>;
  theta: number;
  /** Multiplier of theta in the threshold beta·theta. */
  beta: number;
  /** Count the share by "number" (default) or by "measure". */
  by?: CountBy;
  /** μ1, normalised, one entry per skill (needed by measure; absent = uniform). */
  skillMeasure?: Float64Array;
}

/**
 * The share of skills whose failure rate is at least beta·theta, by number (a fraction of N_s, as
 * fractionOfSkillsFailing) or by measure (their total μ1-measure): the quantity the general-measure
 * reading of Theorem 8 bounds by alpha.
 * @see {@link fractionOfSkillsFailing}
 */
export function shareOfSkillsFailing(options: ShareOfSkillsFailingOptions): number {
  const fn = "shareOfSkillsFailing";
  checkOptions(fn, options, "{ failureRate, theta, beta, by?, skillMeasure? }");
  const by = checkCountBy(fn, options.by, "number");
  const p = options.skillMeasure;
  if (by === "number" || p === undefined) {
    try {
      return fractionOfSkillsFailing(options);
    } catch (e) {
      const err = e as Error;
      const message = `${fn}: ${err.message.replace(/^fractionOfSkillsFailing: /, "")}`;
      throw err instanceof TypeError ? new TypeError(message) : new RangeError(message);
    }
  }
  const theta = checkClosed(fn, "theta", options.theta, 0, 1);
  const beta = checkClosed(fn, "beta", options.beta, 0, Number.MAX_VALUE);
  const rates = options.failureRate;
  if (!rates || rates.length !== p.length) {
    throw new RangeError(`${fn}: failureRate and skillMeasure must have the same length, got ${rates?.length} and ${p.length}`);
  }
  const thr = beta * theta * (1 - 1e-12);
  let m = 0;
  for (let i = 0; i < rates.length; i++) if (rates[i] >= thr) m += p[i];
  return m;
}

/** Options of {@link randomFailureSetOfMeasure}. */
export interface RandomFailureSetOfMeasureOptions {
  /** N_t, the number of text pieces. */
  texts: number;
  /** μ2(Y): with a uniform μ2 exactly round(theta·N_t) pieces fail (randomFailureSet); otherwise μ2(Y) <= theta. */
  theta: number;
  /** μ2, the text measure (weights, a family, or a graph's textMeasure); default uniform. */
  textMeasure?: MeasureSpec;
  rng: RngOrSeed;
}

/**
 * A random failure set of measure theta. Uniform μ2: exactly randomFailureSet (same seed, same set).
 * Otherwise: visit the pieces in a uniformly random order and take each one that still fits,
 * μ2(Y) + w_t <= theta. The result has μ2(Y) <= theta, and every piece left out weighs more than
 * theta − μ2(Y) (so the shortfall is below the largest weight). When weights are small against
 * theta, each piece fails with probability close to theta.
 * @see {@link randomFailureSet}
 */
export function randomFailureSetOfMeasure(options: RandomFailureSetOfMeasureOptions): Uint8Array {
  const fn = "randomFailureSetOfMeasure";
  checkOptions(fn, options, "{ texts, theta, textMeasure?, rng }");
  const texts = checkInteger(fn, "texts", options.texts, 1, 2 ** 32 - 1);
  const theta = checkClosed(fn, "theta", options.theta, 0, 1);
  const w = resolveMeasure(fn, "textMeasure", options.textMeasure, texts);
  const rng = toRng(options.rng, `${fn}: rng`);
  if (!w) return randomFailureSet({ texts, theta, rng });
  const order = randomPermutation(texts, rng);
  const mask = new Uint8Array(texts);
  const budget = theta * (1 + 1e-12);
  let used = 0;
  for (let i = 0; i < texts; i++) {
    const t = order[i];
    if (used + w[t] <= budget) {
      mask[t] = 1;
      used += w[t];
    }
  }
  return mask;
}

/** μ2(Y) of a failure mask (uniform μ2 when `textMeasure` is undefined). */
export function failureSetMeasure(mask: Uint8Array, textMeasure?: Float64Array): number {
  let m = 0;
  if (!textMeasure) {
    for (let t = 0; t < mask.length; t++) m += mask[t];
    return m / mask.length;
  }
  for (let t = 0; t < mask.length; t++) if (mask[t]) m += textMeasure[t];
  return m;
}
