/**
 * Lesson experiments of the simulation area: seeded Monte Carlo sweeps that return one plain row
 * (numbers only) per swept value, so a notebook only draws them. The simulated worst cases against
 * the bound of Theorem 8 (Arora & Goyal 2023) across alpha and across the ratio N_t/N_s, the
 * concentration of per-skill failure rates, Theorem 14 for k'-tuples, failures on cloze
 * questions at a given excess loss (Sections 2-4), and, for skills of unequal frequency, the
 * simulated worst case against the bounds with alpha counted by number and by measure and
 * k'-tuples of frequent versus rare skills (general-measure reading of Theorem 8; see
 * src/theory/generalMeasure).
 */
import { skillGraph } from "../graphs/skillGraph";
import type { SkillGraph } from "../graphs/skillGraph";
import { type RngOrSeed, toRng } from "../random/rng";
import { betaMin } from "../theory/theorem8";
import { binaryEntropy, klBernoulliInverse } from "../math/entropy";
import { thetaBound } from "../theory/cloze";
import { adversarialFailureSet, adversaryLimitBeta } from "./adversary";
import { checkBoolean, checkClosed, checkInteger, checkNonNegative, checkNumberList, checkOpen, checkOptions, checkPositive, failArg, describeValue, checkFraction } from "../validate";
import { checkGraph } from "./validate";
import { failureRateSpread, skillCompetence, worstFractionFailureRate } from "./competence";
import { randomFailureSet } from "./failures";
import { tupleCompetence } from "./tuples";
import { finiteSizeBetaMin, finiteSizeBound } from "./finiteSize";
import { checkSkillGraphBudget } from "../graphs/skillGraph";
import { checkTupleCompetenceBudget } from "./tuples";
import { checkSteps } from "../budget";

/** Work of the balanced adversary on a graph (its default 1 + 6 rounds, about 3 steps per edge each). */
function adversarySteps(texts: number, k: number, skills: number): number {
  return 7 * (3 * texts * k + 4 * skills);
}
import { selectKthLargest } from "../math/select";
import { betaMinOfMeasure, tupleGuaranteeOfMeasure } from "../theory/generalMeasure";
import { finiteSizeBetaMinOfMeasure } from "./finiteSizeMeasure";
import { adversarialFailureSetOfMeasure } from "./measureAdversary";
import { graphMeasures, randomFailureSetOfMeasure, skillFailureRates, worstFailureRate } from "./measures";

/** One alpha of {@link emergenceBoundExperiment}: betas (failure rate / theta) reached by the worst alpha fraction of skills. */
export interface EmergenceBoundRow {
  alpha: number;
  /** beta_min of Theorem 8 (asymptotic bound); null when infeasible. */
  theoremBeta: number | null;
  /** The finite-size union bound's beta at this N_s, N_t and failure probability epsilon; null when infeasible. */
  finiteSizeBeta: number | null;
  /** Asymptotic worst case of a fixed Z (adversaryLimitBeta). */
  limitBeta: number;
  /** Random Y: (ceil(alpha N_s)-th largest failure rate) / theta. */
  randomBeta: number;
  /** Greedy adversary (one round). */
  greedyBeta: number;
  /** Balanced adversary (greedy round, then re-picked Z and water-filled Y; the strongest here). */
  adversarialBeta: number;
  /** Competence levels 1 - beta·theta for the same quantities (theorem: null when infeasible). */
  theoremCompetence: number | null;
  randomCompetence: number;
  adversarialCompetence: number;
}

/** Options of {@link emergenceBoundExperiment}. */
export interface EmergenceBoundExperimentOptions {
  graph: SkillGraph;
  theta: number;
  alphas: ArrayLike<number>;
  rng: RngOrSeed;
  /** Include the greedy and balanced adversaries (default true; they cost O(rounds·N_t·k) per alpha). */
  adversarial?: boolean;
  /** Failure probability of the finite-size bound (default 0.01; see finiteSizeBetaMin). */
  epsilon?: number;
  /** Form of the finite-size bound: "mean" (default, the paper's) or "bounded" (see finiteSizeBound). */
  degrees?: "mean" | "bounded";
}

/**
 * For each alpha: the failure rate (as beta = rate/theta) that the worst alpha fraction of skills
 * reach under a random failure set, under the greedy and the balanced adversary, next to beta_min of
 * Theorem 8, its finite-size version, and the fixed-Z asymptotic limit. The theorem promises
 * (with high probability) that no failure set pushes more than an alpha fraction of skills to
 * beta_min·theta, so every simulated beta should sit below theoremBeta.
 * @example
 * emergenceBoundExperiment({ graph: skillGraph({ skills: 100, texts: 1000, k: 2, rng: 1 }), theta: 0.1, alphas: [0.1, 0.3], rng: 2 })
 * // => [{ alpha: 0.1, theoremBeta: 8.68743…, finiteSizeBeta: 9.06146…, limitBeta: 5.5, randomBeta: 1.90476…, greedyBeta: 6.15385…, … }, { alpha: 0.3, theoremBeta: null, finiteSizeBeta: null, limitBeta: 3.16667…, randomBeta: 1.36364…, greedyBeta: 1.25, … }]
 * @see {@link emergenceBoundCurve}, {@link emergenceBoundFigure}, {@link measureBoundExperiment}
 */
export function emergenceBoundExperiment(options: EmergenceBoundExperimentOptions): EmergenceBoundRow[] {
  const fn = "emergenceBoundExperiment";
  checkOptions(fn, options, "{ graph, theta, alphas, rng }");
  const g = checkGraph(fn, options.graph);
  const theta = checkClosed(fn, "theta", options.theta, 0, 1);
  if (theta === 0 || theta === 1) throw new RangeError(`${fn}: theta must be in (0, 1), got ${theta}`);
  const alphas = checkNumberList(fn, "alphas", options.alphas, checkFraction);
  const rng = toRng(options.rng, `${fn}: rng`);
  const adversarial = checkBoolean(fn, "adversarial", options.adversarial ?? true);
  checkSteps(
    fn,
    g.texts * g.k + alphas.length * (g.skills + (adversarial ? 2 * adversarySteps(g.texts, g.k, g.skills) : 0)),
    `${alphas.length} alphas on a skill graph of ${g.texts} text pieces with k = ${g.k}${adversarial ? " (two adversaries each)" : ""}`,
    "use fewer alphas or a smaller graph",
  );
  const randomY = randomFailureSet({ texts: g.texts, theta, rng: rng.fork("random") });
  const rates = skillCompetence(g, randomY).failureRate;
  return alphas.map((alpha, i) => {
    const th = betaMin({ theta, k: g.k, alpha });
    const fs = finiteSizeBetaMin({ skills: g.skills, texts: g.texts, k: g.k, theta, alpha, epsilon: options.epsilon, degrees: options.degrees });
    const randomBeta = worstFractionFailureRate(rates, alpha) / theta;
    let greedyBeta = randomBeta;
    let adversarialBeta = randomBeta;
    if (adversarial) {
      greedyBeta = adversarialFailureSet({ graph: g, theta, alpha, rng: rng.fork(`greedy${i}`), strategy: "greedy" }).betaAchieved;
      adversarialBeta = Math.max(
        greedyBeta,
        adversarialFailureSet({ graph: g, theta, alpha, rng: rng.fork(`balanced${i}`), strategy: "balanced" }).betaAchieved,
      );
    }
    return {
      alpha,
      theoremBeta: th.feasible ? th.beta : null,
      finiteSizeBeta: fs.feasible ? fs.beta : null,
      limitBeta: adversaryLimitBeta({ theta, k: g.k, alpha }).beta,
      randomBeta,
      greedyBeta,
      adversarialBeta,
      theoremCompetence: th.feasible ? 1 - th.beta * theta : null,
      randomCompetence: 1 - randomBeta * theta,
      adversarialCompetence: 1 - adversarialBeta * theta,
    };
  });
}

/** One ratio of {@link finiteSizeExperiment}. */
export interface FiniteSizeRow {
  /** N_t / N_s. */
  ratio: number;
  texts: number;
  /** beta_min of Theorem 8 (does not depend on the ratio); null when infeasible. */
  theoremBeta: number | null;
  /** Smallest beta for which the exact finite-N union bound is at most epsilon; null when infeasible. */
  finiteSizeBeta: number | null;
  /** At beta = theoremBeta: (log C(N_s, alpha N_s) + log C(N_t, theta N_t))/N_t - H(theta). */
  finiteSizeTerm: number | null;
  /** (N_s/N_t) H(alpha), the leading part of that term. */
  skillSetTermApprox: number;
  /** The theorem's left side at theoremBeta (0 up to root precision) plus the finite-size term: > 0 means the finite-N bound fails there. */
  perTextAtTheoremBeta: number | null;
  randomBeta: number;
  adversarialBeta: number;
  limitBeta: number;
}

/** Options of {@link finiteSizeExperiment}. */
export interface FiniteSizeExperimentOptions {
  /** N_s, fixed. */
  skills: number;
  /** Ratios N_t/N_s to try (texts = round(ratio·skills)). */
  ratios: ArrayLike<number>;
  k: number;
  theta: number;
  alpha: number;
  rng: RngOrSeed;
  /** Failure probability of the finite-size bound (default 0.01; see finiteSizeBetaMin). */
  epsilon?: number;
  /** Form of the finite-size bound: "mean" (default, the paper's) or "bounded" (see finiteSizeBound). */
  degrees?: "mean" | "bounded";
}

/**
 * Across N_t/N_s: build a skill graph for each ratio, measure the worst-alpha failure rate under a
 * random and an adversarial (balanced) failure set, and compute beta from the exact finite-N union
 * bound next to the asymptotic beta_min of Theorem 8 (Arora & Goyal 2023). Shows that the theorem is
 * a statement about N_t >> N_s: at small ratios the finite-size term (about (N_s/N_t)·H(alpha)) makes
 * the union bound weaker than the asymptotic formula.
 * @example
 * finiteSizeExperiment({ skills: 100, ratios: [5, 20], k: 2, theta: 0.1, alpha: 0.1, rng: 1 })
 * // => [{ ratio: 5, texts: 500, theoremBeta: 8.68743…, finiteSizeBeta: 9.40861…, finiteSizeTerm: 0.0553167…, skillSetTermApprox: 0.0650166…, … }, { ratio: 20, texts: 2000, theoremBeta: 8.68743…, finiteSizeBeta: 8.87654…, finiteSizeTerm: 0.0134832…, skillSetTermApprox: 0.0162541…, … }]
 * @see {@link finiteSizeBound}, {@link finiteSizeFigure}
 */
export function finiteSizeExperiment(options: FiniteSizeExperimentOptions): FiniteSizeRow[] {
  const fn = "finiteSizeExperiment";
  checkOptions(fn, options, "{ skills, ratios, k, theta, alpha, rng }");
  const skills = checkInteger(fn, "skills", options.skills, 1);
  const k = checkInteger(fn, "k", options.k, 1, skills);
  const theta = checkClosed(fn, "theta", options.theta, 0, 1);
  const alpha = checkClosed(fn, "alpha", options.alpha, 0, 1);
  if (alpha > 0 && alpha < 1) checkFraction(fn, "alpha", alpha);
  if (theta === 0 || theta === 1 || alpha === 0 || alpha === 1) {
    throw new RangeError(`${fn}: theta and alpha must be in (0, 1), got theta = ${theta}, alpha = ${alpha}`);
  }
  const ratios = checkNumberList(fn, "ratios", options.ratios, checkPositive);
  let maxTexts = 0;
  ratios.forEach((r, i) => {
    const texts = Math.round(r * skills);
    if (!(texts >= 1 && texts * k <= 2 ** 32 - 1)) {
      failArg(fn, `ratios[${i}]`, r, `a positive number with 1 <= round(ratio·skills) and round(ratio·skills)·k <= 2^32 - 1 (skills = ${skills}, k = ${k})`);
    }
    maxTexts = Math.max(maxTexts, texts);
  });
  // Per ratio: one skill graph, then the random failure set and the adversary's rounds on it.
  checkSkillGraphBudget(fn, skills, maxTexts, k, true, ratios.length * 23);
  const rng = toRng(options.rng, `${fn}: rng`);
  const th = betaMin({ theta, k, alpha });
  const limitBeta = adversaryLimitBeta({ theta, k, alpha }).beta;
  return ratios.map((ratio, i) => {
    const texts = Math.round(ratio * skills);
    const graph = skillGraph({ skills, texts, k, rng: rng.fork(`graph${i}`) });
    const y = randomFailureSet({ texts, theta, rng: rng.fork(`random${i}`) });
    const randomBeta = worstFractionFailureRate(skillCompetence(graph, y).failureRate, alpha) / theta;
    const adversarialBeta = adversarialFailureSet({ graph, theta, alpha, rng: rng.fork(`adv${i}`) }).betaAchieved;
    const fs = finiteSizeBetaMin({ skills, texts, k, theta, alpha, epsilon: options.epsilon, degrees: options.degrees });
    const atTheorem = th.feasible ? finiteSizeBound({ skills, texts, k, theta, alpha, beta: th.beta }) : null;
    return {
      ratio,
      texts,
      theoremBeta: th.feasible ? th.beta : null,
      finiteSizeBeta: fs.feasible ? fs.beta : null,
      finiteSizeTerm: atTheorem ? atTheorem.finiteSizeTerm : null,
      skillSetTermApprox: (skills / texts) * binaryEntropy(alpha),
      perTextAtTheoremBeta: atTheorem ? atTheorem.perText : null,
      randomBeta,
      adversarialBeta,
      limitBeta,
    };
  });
}

/** One size of {@link concentrationExperiment}. */
export interface ConcentrationRow {
  texts: number;
  meanDegree: number;
  /** Measured std of the failure rates across skills (random Y). */
  std: number;
  /** Hypergeometric prediction (see failureRateSpread). */
  predictedStd: number;
  /** sqrt(theta(1-theta)/mean degree). */
  binomialStd: number;
  /** Fraction of skills whose failure rate is >= 2·theta. */
  fractionAtTwiceTheta: number;
}

/** Options of {@link concentrationExperiment}. */
export interface ConcentrationExperimentOptions {
  /** N_s, fixed. */
  skills: number;
  /** The numbers of text pieces N_t to try, one skill graph each. */
  textsList: ArrayLike<number>;
  k: number;
  theta: number;
  rng: RngOrSeed;
}

/**
 * Concentration of per-skill failure rates (Arora & Goyal 2023, Section 5: with many text pieces per
 * skill, a random failure set gives every skill a failure rate close to theta): for each N_t, build a
 * skill graph, draw a random Y of theta·N_t pieces and compare the spread of the rates with the
 * binomial prediction sqrt(theta(1-theta)/degree).
 * @example
 * concentrationExperiment({ skills: 100, textsList: [500, 2000], k: 2, theta: 0.1, rng: 1 })
 * // => [{ texts: 500, meanDegree: 10, std: 0.0975141…, predictedStd: 0.09817…, binomialStd: 0.0948683…, fractionAtTwiceTheta: 0.18 }, { texts: 2000, meanDegree: 40, std: 0.0501514…, predictedStd: 0.0476548…, binomialStd: 0.0474342…, fractionAtTwiceTheta: 0.04 }]
 * @see {@link failureRateSpread}, {@link concentrationFigure}
 */
export function concentrationExperiment(options: ConcentrationExperimentOptions): ConcentrationRow[] {
  const fn = "concentrationExperiment";
  checkOptions(fn, options, "{ skills, textsList, k, theta, rng }");
  const skills = checkInteger(fn, "skills", options.skills, 1);
  const k = checkInteger(fn, "k", options.k, 1, skills);
  const theta = checkClosed(fn, "theta", options.theta, 0, 1);
  const textsList = checkNumberList(fn, "textsList", options.textsList, (f, n, v) => checkInteger(f, n, v, 1, Math.floor((2 ** 32 - 1) / k), `an integer in [1, (2^32 - 1)/k] (k = ${k})`));
  checkSkillGraphBudget(fn, skills, textsList.reduce((a, b) => Math.max(a, b), 1), k, true, textsList.length * 3);
  const rng = toRng(options.rng, `${fn}: rng`);
  return textsList.map((texts, i) => {
    const graph = skillGraph({ skills, texts, k, rng: rng.fork(`graph${i}`) });
    const y = randomFailureSet({ texts, theta, rng: rng.fork(`y${i}`) });
    const sc = skillCompetence(graph, y);
    const spread = failureRateSpread(sc, texts);
    let atTwice = 0;
    for (let s = 0; s < skills; s++) if (sc.degree[s] > 0 && sc.failureRate[s] >= 2 * sc.theta * (1 - 1e-12)) atTwice++;
    return {
      texts,
      meanDegree: spread.meanDegree,
      std: spread.std,
      predictedStd: spread.predictedStd,
      binomialStd: spread.binomialStd,
      fractionAtTwiceTheta: atTwice / skills,
    };
  });
}

/** One k' of {@link tupleBoundExperiment}. */
export interface TupleBoundRow {
  kPrime: number;
  /** 1 - (1 - theta)^k': the failed fraction of random k'-pieces. */
  thetaPrime: number;
  /** k'·theta: the union bound on it that Theorem 14 uses. */
  unionTheta: number;
  /** Theorem 14's guarantee 1 - beta_min(alpha)·k'·theta for all but alpha of the k'-tuples (null: infeasible). */
  theoremCompetence: number | null;
  /** Competence reached by all but the worst alpha fraction of sampled tuples, random failure set. */
  randomCompetence: number;
  /** The same under the balanced adversary's failure set (aimed at alpha of the skills). */
  adversarialCompetence: number;
}

/** Options of {@link tupleBoundExperiment}. */
export interface TupleBoundExperimentOptions {
  graph: SkillGraph;
  theta: number;
  /** Tuple sizes k' to check (integers in [1, N_s]). */
  kPrimes: ArrayLike<number>;
  alpha: number;
  /** Number of k'-tuples sampled per k'. */
  tuples: number;
  rng: RngOrSeed;
}

/**
 * Theorem 14 (Arora & Goyal 2023) checked by simulation: for each k', sample k'-tuples of skills,
 * compute each tuple's competence on its k'-pieces (exactly, 1 - prod(1 - r(s_i))) under a random and
 * an adversarial failure set, and compare the competence of all but the worst alpha fraction of tuples
 * with the theorem's guarantee 1 - beta_min(alpha)·k'·theta.
 */
export function tupleBoundExperiment(options: TupleBoundExperimentOptions): TupleBoundRow[] {
  const fn = "tupleBoundExperiment";
  checkOptions(fn, options, "{ graph, theta, kPrimes, alpha, tuples, rng }");
  const g = checkGraph(fn, options.graph);
  const theta = checkClosed(fn, "theta", options.theta, 0, 1);
  const alpha = checkClosed(fn, "alpha", options.alpha, 0, 1);
  if (alpha > 0 && alpha < 1) checkFraction(fn, "alpha", alpha);
  if (theta === 0 || theta === 1 || alpha === 0 || alpha === 1) {
    throw new RangeError(`${fn}: theta and alpha must be in (0, 1), got theta = ${theta}, alpha = ${alpha}`);
  }
  const tuples = checkInteger(fn, "tuples", options.tuples, 1);
  let nonIsolated = 0;
  for (let s = 0; s < g.skills; s++) if (g.skillOffsets[s + 1] > g.skillOffsets[s]) nonIsolated++;
  const kPrimes = checkNumberList(fn, "kPrimes", options.kPrimes, (f, n, v) =>
    checkInteger(f, n, v, 1, nonIsolated, `an integer in [1, ${nonIsolated}] (the skills with at least one text piece)`),
  );
  let maxKPrime = 1;
  for (const kp of kPrimes) maxKPrime = Math.max(maxKPrime, kp);
  checkTupleCompetenceBudget(fn, g, maxKPrime, tuples, 0, 2 * kPrimes.length);
  checkSteps(fn, adversarySteps(g.texts, g.k, g.skills), `the adversary on a skill graph of ${g.texts} text pieces with k = ${g.k}`, "use a smaller graph");
  const rng = toRng(options.rng, `${fn}: rng`);
  const randomY = randomFailureSet({ texts: g.texts, theta, rng: rng.fork("random") });
  const advY = adversarialFailureSet({ graph: g, theta, alpha, rng: rng.fork("adversary") }).failed;
  return kPrimes.map((kPrime, i) => {
    const unionTheta = kPrime * theta;
    const th = unionTheta < 1 ? betaMin({ theta: unionTheta, k: g.k, alpha }) : null;
    const worst = (y: Uint8Array, label: string): number =>
      worstFractionFailureRate(tupleCompetence({ graph: g, failed: y, kPrime, tuples, rng: rng.fork(`${label}${i}`) }).failureRate, alpha);
    return {
      kPrime,
      thetaPrime: 1 - Math.pow(1 - theta, kPrime),
      unionTheta,
      theoremCompetence: th && th.feasible ? 1 - th.beta * unionTheta : null,
      randomCompetence: 1 - worst(randomY, "random"),
      adversarialCompetence: 1 - worst(advY, "adversary"),
    };
  });
}

/** How the excess loss is spread over cloze questions in {@link clozeFailureExperiment}. */
export type ClozeLossShape = "even" | "exponential" | "concentrated";

/** Options of {@link clozeFailureExperiment}. */
export interface ClozeFailureExperimentOptions {
  /** Mean excess loss per question (nats) to simulate, one point each; each >= 0. */
  deltas: ArrayLike<number>;
  /** Number of binary cloze questions per point (integer >= 1). Default 10000. */
  questions?: number;
  /**
   * Margin of the truth: the right answer has true probability 1/2 + m with m uniform in
   * [margin[0], margin[1]] (or fixed when a number), within [0, 1/2]. Default 0.5 (certain answers).
   */
  margin?: number | readonly [number, number];
  /**
   * How the loss is spread: "even" (every question has excess loss delta), "exponential" (i.i.d.
   * exponential with mean delta; default), "concentrated" (a random fraction `concentration` of
   * questions carries delta / concentration each, the rest 0).
   */
  lossShape?: ClozeLossShape;
  /** Fraction of loaded questions for lossShape "concentrated", in (0, 1]. Default 0.1. */
  concentration?: number;
  /** Random stream or seed (required). Point i uses the substream fork(`delta-${i}`). */
  rng: RngOrSeed;
}

/** One excess loss of {@link clozeFailureExperiment}. */
export interface ClozeFailureRow {
  /** The requested mean excess loss per question (nats). */
  delta: number;
  /** The realised mean excess loss over the simulated questions (nats). */
  meanLoss: number;
  /** Fraction of questions the model fails: it prefers the wrong answer (q < 1/2). */
  theta: number;
  /** Fraction of questions whose excess loss is >= 1/2 nat (the paper's "failed" count). */
  thetaLossAtLeastHalf: number;
  /** Markov's bound 2 meanLoss on thetaLossAtLeastHalf (and on theta for certain answers), capped at 1. */
  markovBound: number;
  /** Pinsker-type bound meanLoss / (2 m_min^2) on theta (capped at 1), m_min the smallest margin. */
  pinskerBound: number;
  /** Mean total variation |p - q| between truth and model over questions. */
  meanTotalVariation: number;
  /** Pinsker + Jensen bound sqrt(meanLoss / 2) on meanTotalVariation. */
  totalVariationBound: number;
}

/**
 * A small simulation of a predictor at KL distance delta from the truth on binary cloze questions
 * (Arora & Goyal 2023, Sections 2-4). For each question i: the truth puts probability p_i = 1/2 + m_i on the right answer;
 * the question's excess loss delta_i is drawn with mean delta (see `lossShape`); the model puts
 * q_i <= p_i on the right answer with KL(p_i || q_i) = delta_i exactly (it leans towards the wrong
 * answer, the direction that buys the most failures per nat). The model fails question i when
 * q_i < 1/2, i.e. when delta_i > KL(p_i || 1/2) = ln 2 - H(p_i).
 *
 * It reports the failed fraction theta next to Markov's 2 delta and the Pinsker-type bound
 * (see {@link thetaFromReducibleLoss}, {@link thetaPinskerBound}).
 * @example
 * clozeFailureExperiment({ deltas: [0.02, 0.1], questions: 1000, margin: 0.1, lossShape: "exponential", concentration: 0.5, rng: 1 })
 * // => [{ delta: 0.02, meanLoss: 0.0190536…, theta: 0.354, thetaLossAtLeastHalf: 0, markovBound: 0.0381071…, pinskerBound: 0.952678…, … }, { delta: 0.1, meanLoss: 0.100931…, theta: 0.813, thetaLossAtLeastHalf: 0.007, markovBound: 0.201862…, pinskerBound: 1, … }]
 * @see {@link thetaFromReducibleLoss}, {@link thetaVsDeltaFigure}
 */
export function clozeFailureExperiment(options: ClozeFailureExperimentOptions): ClozeFailureRow[] {
  const fn = "clozeFailureExperiment";
  checkOptions(fn, options, "{ deltas, questions?, margin?, lossShape?, concentration?, rng }");
  const deltas = checkNumberList(fn, "deltas", options.deltas, checkNonNegative);
  const questions = checkInteger(fn, "questions", options.questions ?? 10000, 1);
  const marginOpt = options.margin ?? 0.5;
  let mLo: number;
  let mHi: number;
  if (typeof marginOpt === "number") {
    mLo = mHi = checkClosed(fn, "margin", marginOpt, 0, 0.5);
  } else if (Array.isArray(marginOpt) && marginOpt.length === 2) {
    mLo = checkClosed(fn, "margin[0]", marginOpt[0], 0, 0.5);
    mHi = checkClosed(fn, "margin[1]", marginOpt[1], 0, 0.5);
    if (mHi < mLo) throw new RangeError(`${fn}: margin must be [lo, hi] with lo <= hi, got [${mLo}, ${mHi}]`);
  } else {
    throw new TypeError(`${fn}: margin must be a number or a pair [lo, hi] in [0, 0.5], got ${String(marginOpt)}`);
  }
  const shape = options.lossShape ?? "exponential";
  if (shape !== "even" && shape !== "exponential" && shape !== "concentrated") {
    throw new RangeError(`${fn}: lossShape must be "even", "exponential" or "concentrated", got ${describeValue(shape)}`);
  }
  const phi = checkClosed(fn, "concentration", options.concentration ?? 0.1, Number.MIN_VALUE, 1);
  // About 100 steps per question (a Newton solve of KL(p || q) = delta).
  checkSteps(fn, 100 * deltas.length * questions, `${deltas.length} deltas x ${questions} questions`, "use fewer questions or deltas");
  const rng = toRng(options.rng, `${fn}: rng`);

  return deltas.map((delta, index): ClozeFailureRow => {
    const r = rng.fork(`delta-${index}`);
    let sumLoss = 0;
    let failed = 0;
    let halfLoss = 0;
    let sumTv = 0;
    for (let i = 0; i < questions; i++) {
      const m = mLo === mHi ? mLo : mLo + (mHi - mLo) * r.double();
      const p = 0.5 + m;
      let d: number;
      if (shape === "even") d = delta;
      else if (shape === "exponential") d = -delta * Math.log(1 - r.double());
      else d = r.double() < phi ? delta / phi : 0;
      sumLoss += d;
      if (d >= 0.5) halfLoss++;
      // Fails iff q < 1/2 iff d > KL(p || 1/2) = ln 2 - H(p)  (p > 1/2); at p = 1/2 any d > 0 tips it.
      const flip = m === 0 ? 0 : Math.LN2 - binaryEntropy(p);
      if (d > flip) failed++;
      sumTv += p - klBernoulliInverse(p, d);
    }
    const meanLoss = sumLoss / questions;
    if (!Number.isFinite(meanLoss)) failArg(fn, `deltas[${index}]`, delta, "a mean excess loss whose simulated losses stay finite (at most about 1e300 / 40)");
    const mMin = mLo;
    return {
      delta,
      meanLoss,
      theta: failed / questions,
      thetaLossAtLeastHalf: halfLoss / questions,
      markovBound: thetaBound(meanLoss, 2),
      pinskerBound: mMin > 0 ? Math.min(1, meanLoss / (2 * mMin * mMin)) : 1,
      meanTotalVariation: sumTv / questions,
      totalVariationBound: Math.sqrt(meanLoss / 2),
    };
  });
}

/** One alpha of {@link measureBoundExperiment}: betas (worst-alpha failure rate / theta). */
export interface MeasureBoundRow {
  alpha: number;
  /** μ1-measure of the ceil(alpha·N_s) rarest skills. */
  rarestMeasure: number;
  /** Theorem 8's beta_min(alpha) (null: infeasible). By measure this is the bound; by number it is the uniform reading, not a bound under μ1. */
  theoremBeta: number | null;
  /** By number: beta_min(rarestMeasure), the bound by number (null: infeasible). */
  numberBeta: number | null;
  /** By number: finite-size beta at this size and epsilon (null: infeasible). */
  numberFiniteSizeBeta: number | null;
  /** By number: balanced adversary (worst ceil(alpha·N_s) skills). */
  numberAdversaryBeta: number;
  /** By number: random failure set. */
  numberRandomBeta: number;
  /** By measure: finite-size beta (null: infeasible). */
  measureFiniteSizeBeta: number | null;
  /** By measure: fixed-Z limit of the adversary (adversaryLimitBeta at alpha as a measure). */
  measureLimitBeta: number;
  /** By measure: balanced adversary (worst skills of total measure alpha). */
  measureAdversaryBeta: number;
  /** By measure: random failure set. */
  measureRandomBeta: number;
}

/** Options of {@link measureBoundExperiment}. */
export interface MeasureBoundExperimentOptions {
  /** A skill graph, usually with a skill measure (skillGraph({ ..., skillMeasure })). */
  graph: SkillGraph;
  theta: number;
  alphas: ArrayLike<number>;
  rng: RngOrSeed;
  /** Failure probability of the finite-size bounds (default 0.01). */
  epsilon?: number;
  /** Form of the finite-size bounds (default "mean"; see finiteSizeBound). */
  degrees?: "mean" | "bounded";
}

/**
 * For each alpha, the failure rate (as beta = rate / theta) of the worst alpha fraction of skills
 * counted by number and by measure, under a random failure set and the balanced adversary aimed at
 * that count, next to the bounds: Theorem 8's beta_min(alpha) (the bound by measure), beta_min of the
 * rarest skills' measure (the bound by number), their finite-size versions, and the fixed-Z limit.
 * @example
 * measureBoundExperiment({ graph: skillGraph({ skills: 100, texts: 1000, k: 2, rng: 1, skillMeasure: zipfMeasure({ n: 100, exponent: 1 }) }), theta: 0.1, alphas: [0.1, 0.3], epsilon: 0.05, rng: 2 })
 * // => [{ alpha: 0.1, rarestMeasure: 0.0202042…, theoremBeta: 8.68743…, numberBeta: 29.1062…, numberFiniteSizeBeta: 30.8462…, numberAdversaryBeta: 10, … }, { alpha: 0.3, rarestMeasure: 0.0683468…, theoremBeta: null, numberBeta: 11.5765…, numberFiniteSizeBeta: 12.6003…, numberAdversaryBeta: 6.66667…, … }]
 * @see {@link measureBoundCurve}, {@link emergenceBoundExperiment}, {@link measureBoundFigure}
 */
export function measureBoundExperiment(options: MeasureBoundExperimentOptions): MeasureBoundRow[] {
  const fn = "measureBoundExperiment";
  checkOptions(fn, options, "{ graph, theta, alphas, rng, epsilon?, degrees? }");
  const g = checkGraph(fn, options.graph);
  const { skillMeasure, textMeasure } = graphMeasures(fn, g);
  const theta = checkOpen(fn, "theta", options.theta, 0, 1);
  const alphas = checkNumberList(fn, "alphas", options.alphas, (f, n, v) => checkOpen(f, n, v, 0, 1));
  const rng = toRng(options.rng, `${fn}: rng`);
  const p = skillMeasure ?? new Float64Array(g.skills).fill(1 / g.skills);
  const y = randomFailureSetOfMeasure({ texts: g.texts, theta, textMeasure: textMeasure, rng: rng.fork("random") });
  const rates = skillFailureRates(g, y).failureRate;
  const common = { skills: g.skills, texts: g.texts, skillMeasure, textMeasure, k: g.k, theta, epsilon: options.epsilon, degrees: options.degrees };
  return alphas.map((alpha, i) => {
    const th = betaMin({ theta, k: g.k, alpha });
    const byNumber = betaMinOfMeasure({ theta, k: g.k, alpha, by: "number", skillMeasure: p });
    const fsNumber = finiteSizeBetaMinOfMeasure({ ...common, alpha, by: "number" });
    const fsMeasure = finiteSizeBetaMinOfMeasure({ ...common, alpha, by: "measure" });
    const advN = adversarialFailureSetOfMeasure({ graph: g, theta, alpha, by: "number", rng: rng.fork(`number${i}`) });
    const advM = adversarialFailureSetOfMeasure({ graph: g, theta, alpha, by: "measure", rng: rng.fork(`measure${i}`) });
    return {
      alpha,
      rarestMeasure: byNumber.alphaMeasure,
      theoremBeta: th.feasible ? th.beta : null,
      numberBeta: byNumber.feasible ? byNumber.beta : null,
      numberFiniteSizeBeta: fsNumber.feasible ? fsNumber.beta : null,
      numberAdversaryBeta: advN.betaAchieved,
      numberRandomBeta: worstFailureRate({ failureRate: rates, alpha, by: "number" }) / theta,
      measureFiniteSizeBeta: fsMeasure.feasible ? fsMeasure.beta : null,
      measureLimitBeta: adversaryLimitBeta({ theta, k: g.k, alpha }).beta,
      measureAdversaryBeta: advM.betaAchieved,
      measureRandomBeta: worstFailureRate({ failureRate: rates, alpha, by: "measure", skillMeasure: p }) / theta,
    };
  });
}

/** A frequency class of skills for {@link tupleFrequencyExperiment}. */
export interface SkillClass {
  /** Legend name, e.g. "frequent (ranks 1–10)". */
  name: string;
  /** The skill ids of the class. */
  skills: ArrayLike<number>;
}

/** One (theta, class) of {@link tupleFrequencyExperiment}. */
export interface TupleFrequencyRow {
  theta: number;
  className: string;
  kPrime: number;
  /** Mean μ1-measure of the skills in the sampled tuples. */
  meanMeasure: number;
  /** Guaranteed competence 1 − theta·Σ beta_min(p_i) reached by all but the worst alpha of the sampled tuples (null: none). */
  guarantee: number | null;
  /** Competence reached by all but the worst alpha of the sampled tuples under a random failure set. */
  randomCompetence: number;
  /** The same under the balanced adversary aimed at the class's skills. */
  adversarialCompetence: number;
}

/** Options of {@link tupleFrequencyExperiment}. */
export interface TupleFrequencyExperimentOptions {
  graph: SkillGraph;
  /** Failure measures theta to try (e.g. from a scaling law at several compute budgets). */
  thetas: ArrayLike<number>;
  /** Tuple size. */
  kPrime: number;
  classes: readonly SkillClass[];
  /** Tuples sampled per class (uniformly within the class; the same tuples at every theta). */
  tuples: number;
  /** Report the competence of all but the worst alpha of the sampled tuples (default 0.1). */
  alpha?: number;
  rng: RngOrSeed;
}

/**
 * k′-tuples of frequent versus rare skills (Sec. 7 of Arora & Goyal 2023: tuples with more frequent
 * skills "emerge faster"): for each theta and each class, sample k′-tuples of the class's skills and
 * measure the competence reached by all but the worst alpha of them under a random failure set and
 * under the balanced adversary aimed at the class, next to the per-tuple guarantee of the
 * general-measure reading (our reconstruction).
 * @example
 * tupleFrequencyExperiment({ graph: skillGraph({ skills: 100, texts: 1000, k: 2, rng: 1 }), thetas: [0.05, 0.2], kPrime: 2, classes: [{ name: "first ten", skills: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }], tuples: 20, rng: 2 })
 * // => [{ theta: 0.05, className: "first ten", kPrime: 2, meanMeasure: 0.01…, guarantee: -4.78011…, randomCompetence: 0.835714…, … }, { theta: 0.2, className: "first ten", kPrime: 2, meanMeasure: 0.01…, guarantee: -15.7184…, randomCompetence: 0.57619…, … }]
 * @see {@link frequencyEmergenceCurve}, {@link frequencyEmergenceFigure}
 */
export function tupleFrequencyExperiment(options: TupleFrequencyExperimentOptions): TupleFrequencyRow[] {
  const fn = "tupleFrequencyExperiment";
  checkOptions(fn, options, "{ graph, thetas, kPrime, classes, tuples, alpha?, rng }");
  const g = checkGraph(fn, options.graph);
  const { skillMeasure, textMeasure } = graphMeasures(fn, g);
  const thetas = checkNumberList(fn, "thetas", options.thetas, (f, n, v) => checkOpen(f, n, v, 0, 1));
  const kPrime = checkInteger(fn, "kPrime", options.kPrime, 1, g.skills);
  const tuples = checkInteger(fn, "tuples", options.tuples, 1);
  const alpha = checkClosed(fn, "alpha", options.alpha ?? 0.1, 0, 1);
  if (!Array.isArray(options.classes) || options.classes.length === 0) throw new TypeError(`${fn}: classes must be a non-empty array of { name, skills }, got ${describeValue(options.classes)}`);
  const rng = toRng(options.rng, `${fn}: rng`);
  const p = skillMeasure ?? new Float64Array(g.skills).fill(1 / g.skills);
  // Competence reached by all but the worst alpha: the ceil(alpha·n)-th smallest competence.
  const quantile = (xs: Float64Array): number => {
    const m = Math.min(xs.length, Math.max(1, Math.ceil(alpha * xs.length - 1e-9)));
    return -selectKthLargest(Float64Array.from(xs, (x) => -x), m);
  };
  const rows: TupleFrequencyRow[] = [];
  thetas.forEach((theta, ti) => {
    const randomY = randomFailureSetOfMeasure({ texts: g.texts, theta, textMeasure, rng: rng.fork(`random${ti}`) });
    options.classes.forEach((cls, ci) => {
      const adv = adversarialFailureSetOfMeasure({ graph: g, theta, alpha: Math.max(alpha, 1e-9), by: "number", targetSkills: cls.skills, rng: rng.fork(`adversary${ti}-${ci}`) });
      const sample = (failed: Uint8Array) => tupleCompetence({ graph: g, failed, kPrime, tuples, pool: cls.skills, rng: rng.fork(`tuples${ci}`) });
      const r = sample(randomY);
      const a = sample(adv.failed);
      let meanMeasure = 0;
      for (let i = 0; i < r.skills.length; i++) meanMeasure += p[r.skills[i]];
      meanMeasure /= r.skills.length;
      const guarantees = new Float64Array(tuples);
      for (let i = 0; i < tuples; i++) {
        const gt = tupleGuaranteeOfMeasure({ theta, k: g.k, measures: Array.from(r.skills.subarray(i * kPrime, (i + 1) * kPrime), (s) => p[s]) });
        if (gt.competence === null) guarantees[i] = -Infinity;
        else guarantees[i] = gt.competence;
      }
      const gq = quantile(guarantees);
      rows.push({
        theta,
        className: cls.name,
        kPrime,
        meanMeasure,
        guarantee: Number.isFinite(gq) ? gq : null,
        randomCompetence: quantile(r.competence),
        adversarialCompetence: quantile(a.competence),
      });
    });
  });
  return rows;
}
