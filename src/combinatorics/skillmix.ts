/**
 * The Skill-Mix counting bound.
 *
 * Source: Dingli Yu, Simran Kaur, Arushi Gupta, Jonah Brown-Cohen, Anirudh Goyal, Sanjeev Arora,
 * "Skill-Mix: a Flexible and Expandable Family of Evaluations for AI models", arXiv 2310.17567
 * (2023; ICLR 2024). The evaluation picks a random topic and a random subset of k skills and asks a
 * model for a short text on the topic that exhibits all k skills. To argue that good answers at
 * k = 5 go beyond "stochastic parrot" behaviour, the paper bounds how likely it is that the
 * training corpus contained a given (k skills, topic) combination. Their unit is the sentence: if a
 * random sentence of the corpus shows a given skill with probability at most p_s and a given topic
 * with probability at most p_t, and the corpus has at most L sentences, then (treating occurrences as
 * independent and by a union bound over the L sentences)
 *
 *     P(the combination appeared in training) <= p_s^k · p_t · L.
 *
 * The right side is the expected number of training sentences that show the combination; it is a
 * useful bound on a probability only when it is below 1. With the paper's reported inputs
 * (p_s <= 0.0144, p_t <= 0.0022, L <= 5·10^10, see {@link SKILL_MIX_REPORTED}) it is about 0.07 at
 * k = 5 and about 0.001 at k = 6 (computed by {@link skillMixBound}, not typed in). Against GPT-4's
 * success rates (alpha_5 ≈ 0.12, alpha_6 ≈ 0.08) Yu et al. conclude that if alpha_k > (3/2) p_s^k p_t L
 * then "more than one-third of the successful generations contain combinations not seen"
 * ({@link skillMixUnseenShare} computes the share).
 */
import { checkNonNegative, checkNumberList, checkOptions, checkPositive, checkProbability } from "../validate";
import { checkCount } from "./validate";

/** Inputs of the Skill-Mix counting bound. */
export interface SkillMixInputs {
  /** p_s: upper bound on the probability that a random training sentence shows a given skill. */
  pS: number;
  /** p_t: upper bound on the probability that a random training sentence is on a given topic. */
  pT: number;
  /** L: upper bound on the number of sentences in the training corpus (Yu et al. count sentences). */
  L: number;
}

/**
 * The inputs Yu et al. 2023 report for the bound in their probability calculation on going beyond
 * "stochastic parrot" behaviour: REPORTED VALUES, not measured here. p_s and p_t are upper bounds on
 * how often a skill or a topic shows up in a sentence of a training corpus, L an upper bound on
 * the number of sentences. `reportedBound` holds the paper's rounded results ("about 0.07" at
 * k = 5, "about 0.001" at k = 6) for comparison; the lesson recomputes them with skillMixBound.
 * `successRate` holds the success rates alpha_k they report for GPT-4 (about 0.12 at k = 5 and 0.08
 * at k = 6).
 */
export const SKILL_MIX_REPORTED = Object.freeze({
  pS: 0.0144,
  pT: 0.0022,
  L: 5e10,
  /** The paper's rounded results, for comparison only (never used in a computation). */
  reportedBound: Object.freeze({ 5: 0.07, 6: 0.001 } as Readonly<Record<number, number>>),
  /** GPT-4's reported success rates alpha_k, for comparison only. */
  successRate: Object.freeze({ 5: 0.12, 6: 0.08 } as Readonly<Record<number, number>>),
  source:
    'Yu, Kaur, Gupta, Brown-Cohen, Goyal, Arora (2023), "Skill-Mix: a Flexible and Expandable Family of Evaluations for AI models", arXiv 2310.17567: reported upper bounds on skill frequency p_s, topic frequency p_t (per sentence) and corpus size L (in sentences)',
} as const);

function checkInputs(fn: string, inputs: SkillMixInputs): SkillMixInputs {
  checkOptions(fn, inputs, "{ pS, pT, L }");
  return {
    pS: checkProbability(fn, "pS", inputs.pS),
    pT: checkProbability(fn, "pT", inputs.pT),
    L: checkNonNegative(fn, "L", inputs.L),
  };
}

/** Options of {@link skillMixBound}: k and the inputs (default: the paper's reported values). */
export interface SkillMixBoundOptions extends Partial<SkillMixInputs> {
  /** k, the number of skills combined. */
  k: number;
}

/**
 * p_s^k · p_t · L: the Skill-Mix bound on the probability that a random (k skills, topic)
 * combination appeared in the training corpus (Yu et al. 2023, arXiv 2310.17567). Values >= 1 say
 * nothing. Missing inputs default to {@link SKILL_MIX_REPORTED}.
 * @example
 * skillMixBound({ k: 4 })
 * // => 4.7298…
 * @see {@link skillMixCurve}, {@link skillMixSmallestK}, {@link skillMixUnseenShare}
 */
export function skillMixBound(options: SkillMixBoundOptions): number {
  const fn = "skillMixBound";
  checkOptions(fn, options, "{ k, pS?, pT?, L? }");
  const k = checkCount(fn, "k", options.k);
  const { pS, pT, L } = checkInputs(fn, {
    pS: options.pS ?? SKILL_MIX_REPORTED.pS,
    pT: options.pT ?? SKILL_MIX_REPORTED.pT,
    L: options.L ?? SKILL_MIX_REPORTED.L,
  });
  if (L === 0 || pT === 0) return 0;
  if (pS === 0) return k === 0 ? pT * L : 0;
  const direct = pS ** k * pT * L;
  if (direct > 1e-300 && Number.isFinite(direct)) return direct;
  return Math.exp(k * Math.log(pS) + Math.log(pT) + Math.log(L)); // far tails: avoid underflow of pS^k
}

/** Options of {@link skillMixCurve}: the values of k and the inputs (default: the paper's reported values). */
export interface SkillMixCurveOptions extends Partial<SkillMixInputs> {
  /** Values of k, e.g. [1, 2, ..., 8]. */
  ks: ArrayLike<number>;
}

/** One k of {@link skillMixCurve}. */
export interface SkillMixPoint extends SkillMixInputs {
  k: number;
  /** p_s^k · p_t · L. */
  bound: number;
  /** True when the inputs are the paper's reported values ({@link SKILL_MIX_REPORTED}). */
  reportedInputs: boolean;
}

/**
 * The bound p_s^k · p_t · L for each k in `ks` (same inputs), one point per k.
 * @example
 * skillMixCurve({ ks: [2, 3, 4] })
 * // => [{ k: 2, pS: 0.0144, pT: 0.0022, L: 50000000000, bound: 22809.6…, reportedInputs: true }, { k: 3, pS: 0.0144, pT: 0.0022, L: 50000000000, bound: 328.458…, reportedInputs: true }, { k: 4, pS: 0.0144, pT: 0.0022, L: 50000000000, bound: 4.7298…, reportedInputs: true }]
 * @see {@link skillMixBound}, {@link skillMixFigure}
 */
export function skillMixCurve(options: SkillMixCurveOptions): SkillMixPoint[] {
  const fn = "skillMixCurve";
  checkOptions(fn, options, "{ ks, pS?, pT?, L? }");
  const ks = checkNumberList(fn, "ks", options.ks, checkCount);
  const { pS, pT, L } = checkInputs(fn, {
    pS: options.pS ?? SKILL_MIX_REPORTED.pS,
    pT: options.pT ?? SKILL_MIX_REPORTED.pT,
    L: options.L ?? SKILL_MIX_REPORTED.L,
  });
  const reportedInputs = pS === SKILL_MIX_REPORTED.pS && pT === SKILL_MIX_REPORTED.pT && L === SKILL_MIX_REPORTED.L;
  return ks.map((k) => ({ k, pS, pT, L, bound: skillMixBound({ k, pS, pT, L }), reportedInputs }));
}

/** Options of {@link skillMixSmallestK}: the threshold and the inputs (default: the paper's reported values). */
export interface SkillMixSmallestKOptions extends Partial<SkillMixInputs> {
  /** The bound must fall below this (> 0). */
  threshold: number;
}

/**
 * The smallest k for which p_s^k · p_t · L < threshold, i.e. ceil-like solution of
 * k > (ln threshold - ln p_t - ln L) / ln p_s (k = 0 if the bound is already below at k = 0).
 * Throws if no k works (p_s = 1 with the bound at or above the threshold).
 * @example
 * skillMixSmallestK({ threshold: 1 })
 * // => 5
 * @see {@link skillMixBound}, {@link skillMixUnseenShare}
 */
export function skillMixSmallestK(options: SkillMixSmallestKOptions): number {
  const fn = "skillMixSmallestK";
  checkOptions(fn, options, "{ threshold, pS?, pT?, L? }");
  const th = checkPositive(fn, "threshold", options.threshold);
  const inputs = checkInputs(fn, {
    pS: options.pS ?? SKILL_MIX_REPORTED.pS,
    pT: options.pT ?? SKILL_MIX_REPORTED.pT,
    L: options.L ?? SKILL_MIX_REPORTED.L,
  });
  if (skillMixBound({ ...inputs, k: 0 }) < th) return 0;
  if (inputs.pS === 1) throw new RangeError(`${fn}: with pS = 1 the bound never falls below threshold = ${th}`);
  if (inputs.pS === 0) return 1;
  let k = Math.max(0, Math.floor((Math.log(th) - Math.log(inputs.pT) - Math.log(inputs.L)) / Math.log(inputs.pS)) - 1);
  while (skillMixBound({ ...inputs, k }) >= th) k++;
  return k;
}

/** Options of {@link skillMixUnseenShare}. */
export interface SkillMixUnseenShareOptions extends Partial<SkillMixInputs> {
  /** k, the number of skills combined. */
  k: number;
  /** alpha_k: the fraction of generations that succeed (e.g. GPT-4's 0.12 at k = 5), in (0, 1]. */
  successRate: number;
}

/**
 * A lower bound on the share of successful generations whose (k skills, topic) combination did not
 * appear in training: 1 - p_s^k p_t L / alpha_k, clipped at 0. Why: a generation whose combination
 * appeared counts at most P(appeared) <= p_s^k p_t L of all generations, so of the alpha_k that succeed
 * at least alpha_k - p_s^k p_t L are unseen combinations. Yu et al. 2023 (arXiv 2310.17567) state it as:
 * if alpha_k > (3/2) p_s^k p_t L then "more than one-third of the successful generations contain
 * combinations not seen" (the share is then above 1 - 2/3).
 * @example
 * skillMixUnseenShare({ k: 5, successRate: SKILL_MIX_REPORTED.successRate[5] })
 * // => 0.432424…
 * @see {@link skillMixBound}, {@link minUnseenCompetentFraction}
 */
export function skillMixUnseenShare(options: SkillMixUnseenShareOptions): number {
  const fn = "skillMixUnseenShare";
  checkOptions(fn, options, "{ k, successRate, pS?, pT?, L? }");
  const successRate = checkProbability(fn, "successRate", options.successRate);
  if (successRate === 0) throw new RangeError(`${fn}: successRate must be in (0, 1], got 0`);
  const bound = skillMixBound({ k: options.k, pS: options.pS, pT: options.pT, L: options.L });
  return Math.max(0, 1 - bound / successRate);
}
