/**
 * Per-skill failure rates and competence for a failure set Y (Arora & Goyal 2023 v2, Definition 7):
 * the failure rate of skill s is the fraction of the edges of s that go
 * into Y, and its competence is 1 minus that rate.
 */
import type { SkillGraph } from "../graphs/skillGraph";
import { checkClosed, checkInteger, checkNonEmptyList, checkOptions, describeValue, failArg } from "../validate";
import { checkGraph } from "./validate";
import { failureMaskFor } from "./failures";
import { selectKthLargest } from "../math/select";

/** Failure rates and competence of every skill for one failure set. */
export interface SkillCompetence {
  /** failureRate[s] = (edges of s into Y) / deg(s); 0 for an isolated skill (deg 0). */
  failureRate: Float64Array;
  /** competence[s] = 1 - failureRate[s]. */
  competence: Float64Array;
  /** failedEdges[s] = number of edges of s into Y (an edge counted once per occurrence). */
  failedEdges: Uint32Array;
  /** degree[s] = number of edges of s. */
  degree: Uint32Array;
  /** Number of skills with degree 0: their rate is undefined and reported as 0 (they cannot fail). */
  isolatedSkills: number;
  /** theta = |Y| / N_t, the measured failure fraction of text pieces. */
  theta: number;
}

/**
 * Count, for every skill, its edges into the failure mask: one pass over the failed text pieces and
 * their k skills (O(|Y|·k)). `mask` must be a 0/1 Uint8Array of length N_t (not checked: internal).
 */
export function countFailedEdges(graph: SkillGraph, mask: Uint8Array, out = new Uint32Array(graph.skills)): Uint32Array {
  out.fill(0);
  const k = graph.k;
  const ts = graph.textSkills;
  for (let t = 0; t < graph.texts; t++) {
    if (mask[t] === 0) continue;
    const b = t * k;
    for (let j = 0; j < k; j++) out[ts[b + j]]++;
  }
  return out;
}

/**
 * Each skill's failure rate (fraction of its edges into Y) and competence (1 - rate) for one failure
 * set Y, given as a 0/1 mask of length N_t or a list of failed text indices.
 * Arora & Goyal 2023 v2, Definition 7: competence on a skill is "the model's success rate when
 * presented with all cloze questions from text-piece selected randomly among all text-pieces adjacent
 * to the particular skill node"; with uniform text pieces, 1 - (fraction of its pieces in Y).
 * Skills of degree 0 have no text pieces; their rate is reported as 0 and they are counted in
 * `isolatedSkills` (none occur when N_t·k >> N_s·log N_s).
 * @example
 * skillCompetence(skillGraph({ skills: 100, texts: 1000, k: 2, rng: 1 }), randomFailureSet({ texts: 1000, theta: 0.1, rng: 2 }))
 * // => { failureRate: Float64Array(100) [0.111111…, 0.05, 0.1, …], competence: Float64Array(100) [0.888889…, 0.95, 0.9, …], failedEdges: Uint32Array(100) [2, 1, 2, …], degree: Uint32Array(100) [18, 20, 20, …], isolatedSkills: 0, theta: 0.1 }
 * @see {@link skillGraph}, {@link randomFailureSet}, {@link adversarialFailureSet}, {@link fractionOfSkillsFailing}, {@link skillFailureRates}
 */
export function skillCompetence(graph: SkillGraph, failed: Uint8Array | ArrayLike<number>): SkillCompetence {
  const fn = "skillCompetence";
  const g = checkGraph(fn, graph);
  const mask = failed instanceof Uint8Array && failed.length === g.texts && isZeroOne(failed) ? failed : failureMaskFor(fn, failed, g.texts);
  const failedEdges = countFailedEdges(g, mask);
  const n = g.skills;
  const failureRate = new Float64Array(n);
  const competence = new Float64Array(n);
  const degree = new Uint32Array(n);
  let isolated = 0;
  let y = 0;
  for (let t = 0; t < g.texts; t++) y += mask[t];
  for (let s = 0; s < n; s++) {
    const d = g.skillOffsets[s + 1] - g.skillOffsets[s];
    degree[s] = d;
    if (d === 0) {
      isolated++;
      competence[s] = 1;
      continue;
    }
    const r = failedEdges[s] / d;
    failureRate[s] = r;
    competence[s] = 1 - r;
  }
  return { failureRate, competence, failedEdges, degree, isolatedSkills: isolated, theta: y / g.texts };
}

function isZeroOne(mask: Uint8Array): boolean {
  for (let i = 0; i < mask.length; i++) if (mask[i] > 1) return false;
  return true;
}

/** A non-empty list of failure rates, each a number in [0, 1] (NaN rejected); returned as given. */
function checkRates(fn: string, name: string, rates: unknown): ArrayLike<number> {
  const list = checkNonEmptyList(fn, name, rates as ArrayLike<number>);
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (typeof r !== "number" || !(r >= 0 && r <= 1)) failArg(fn, `${name}[${i}]`, r, "a failure rate in [0, 1]");
  }
  return list;
}

/** Relative slack in threshold comparisons so that e.g. 3/10 >= 3·0.1 is not lost to rounding. */
const REL_EPS = 1e-12;

/** Options of {@link fractionOfSkillsFailing}. */
export interface FractionFailingOptions {
  /** Failure rate of every skill (e.g. skillCompetence(...).failureRate). */
  failureRate: ArrayLike<number>;
  /** Fraction of failed text pieces, in [0, 1]. */
  theta: number;
  /** Multiplier of theta in the threshold beta·theta (>= 0). */
  beta: number;
}

/**
 * The fraction of skills whose failure rate is at least `beta·theta`: the quantity Theorem 8 of
 * Arora & Goyal (2023) bounds by alpha. The comparison allows a relative slack of 1e-12 so that a
 * rate equal to the threshold in exact arithmetic counts as reaching it.
 * Denominator: all N_s skills (isolated skills have rate 0).
 * @example
 * fractionOfSkillsFailing({ failureRate: [0, 0.5, 0.9, 1], theta: 0.2, beta: 2 })
 * // => 0.75
 * @see {@link worstFractionFailureRate}, {@link skillCompetence}, {@link shareOfSkillsFailing}
 */
export function fractionOfSkillsFailing(options: FractionFailingOptions): number {
  const fn = "fractionOfSkillsFailing";
  checkOptions(fn, options, "{ failureRate, theta, beta }");
  const theta = checkClosed(fn, "theta", options.theta, 0, 1);
  const beta = checkClosed(fn, "beta", options.beta, 0, Number.MAX_VALUE);
  const rates = checkRates(fn, "failureRate", options.failureRate);
  const thr = beta * theta * (1 - REL_EPS);
  let c = 0;
  for (let i = 0; i < rates.length; i++) if (rates[i] >= thr) c++;
  return c / rates.length;
}

/**
 * The failure rate reached by the worst `alpha` fraction of skills: the ceil(alpha·N_s)-th largest
 * rate. Theorem 8 says that with beta = beta_min this is below beta_min·theta, so
 * (this value)/theta is the simulated counterpart of beta_min, and 1 - (this value) is the competence
 * that at least a (1 - alpha) fraction of skills reach.
 * @example
 * worstFractionFailureRate([0, 0.5, 0.9, 1], 0.5)
 * // => 0.9
 * @see {@link fractionOfSkillsFailing}, {@link worstFailureRate}
 */
export function worstFractionFailureRate(failureRate: ArrayLike<number>, alpha: number): number {
  const fn = "worstFractionFailureRate";
  checkRates(fn, "failureRate", failureRate);
  checkClosed(fn, "alpha", alpha, 0, 1);
  if (alpha === 0) throw new RangeError(`${fn}: alpha must be in (0, 1], got 0`);
  const n = failureRate.length;
  const m = Math.max(1, Math.ceil(alpha * n - 1e-9));
  const copy = Float64Array.from(failureRate);
  return selectKthLargest(copy, m);
}

/** Spread of the failure rates across skills, and what a uniformly random Y predicts. */
export interface FailureRateSpread {
  /** Mean failure rate over skills with at least one edge. */
  mean: number;
  /** Standard deviation of the failure rate over those skills (population form, divide by n). */
  std: number;
  /**
   * The standard deviation a uniformly random Y of exactly theta·N_t pieces predicts: given its
   * degree d, a skill's failed-edge count is hypergeometric (d of N_t pieces, theta·N_t failed), so
   * Var(rate | d) = theta(1-theta)/d · (N_t - d)/(N_t - 1) and E(rate | d) = theta; across skills the
   * variance is the mean of that over the skills' degrees.
   */
  predictedStd: number;
  /** sqrt(theta(1-theta)/mean degree): the binomial rule of thumb with every degree at the mean. */
  binomialStd: number;
  /** Mean degree of the skills with at least one edge. */
  meanDegree: number;
}

/**
 * Mean and spread of the per-skill failure rates for one failure set, against the binomial /
 * hypergeometric prediction for a random Y (concentration: the spread shrinks like 1/sqrt(degree),
 * i.e. like sqrt(N_s / (k N_t))). Skills of degree 0 are left out.
 * @example
 * failureRateSpread(skillCompetence(skillGraph({ skills: 100, texts: 1000, k: 2, rng: 1 }), randomFailureSet({ texts: 1000, theta: 0.1, rng: 2 })), 1000)
 * // => { mean: 0.102363…, std: 0.0719204…, predictedStd: 0.0686447…, binomialStd: 0.067082…, meanDegree: 20 }
 * @see {@link skillCompetence}, {@link concentrationExperiment}
 */
export function failureRateSpread(result: SkillCompetence, texts: number): FailureRateSpread {
  const fn = "failureRateSpread";
  if (!result || !(result.failureRate instanceof Float64Array) || !(result.degree instanceof Uint32Array) || result.failureRate.length !== result.degree.length) {
    throw new TypeError(`${fn}: result must be the output of skillCompetence (failureRate and degree of equal length), got ${describeValue(result)}`);
  }
  const nt = checkInteger(fn, "texts", texts, 1, 2 ** 32 - 1);
  const theta = checkClosed(fn, "result.theta", result.theta, 0, 1);
  checkRates(fn, "result.failureRate", result.failureRate);
  const { failureRate, degree } = result;
  let n = 0, sum = 0, sumsq = 0, predVar = 0, degSum = 0;
  for (let s = 0; s < degree.length; s++) {
    const d = degree[s];
    if (d === 0) continue;
    n++;
    sum += failureRate[s];
    sumsq += failureRate[s] * failureRate[s];
    degSum += d;
    predVar += nt > 1 ? ((theta * (1 - theta)) / d) * (Math.max(0, nt - d) / (nt - 1)) : 0;
  }
  if (n === 0) throw new RangeError(`${fn}: every skill has degree 0; nothing to measure`);
  const mean = sum / n;
  const meanDegree = degSum / n;
  return {
    mean,
    std: Math.sqrt(Math.max(0, sumsq / n - mean * mean)),
    predictedStd: Math.sqrt(predVar / n),
    binomialStd: Math.sqrt((theta * (1 - theta)) / meanDegree),
    meanDegree,
  };
}
