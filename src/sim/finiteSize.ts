/**
 * The finite-size form of the union bound behind Theorem 8 of Arora & Goyal (2023).
 *
 * The proof: fix a set Z of alpha·N_s skills and a failure set Y of theta·N_t text pieces. Y has
 * k·theta·N_t edges; each lands in Z with probability alpha (the k skills of a piece are uniform),
 * so the number of Y–Z edges is (close to) Binomial(k·theta·N_t, alpha). If every skill of Z had
 * failure rate >= beta·theta, Z (with about alpha·k·N_t edges) would receive at least
 * beta·alpha·k·theta·N_t of them, a fraction beta·alpha >= alpha; the Chernoff bound gives
 * probability <= exp(-k·theta·N_t·KL(beta·alpha || alpha)). A union bound over all Y and Z:
 *
 *   P(some Y, Z is bad) <= C(N_s, alpha N_s) · C(N_t, theta N_t) · exp(-k theta N_t KL(beta alpha || alpha)).
 *
 * The theorem keeps only the terms that grow with N_t: log C(N_t, theta N_t) ~ N_t H(theta), and drops
 * log C(N_s, alpha N_s) ~ N_s H(alpha) because N_t >> N_s. Dividing the exact log of the right side by
 * N_t gives the theorem's left side H(theta) - k theta KL(beta alpha || alpha) plus the FINITE-SIZE TERM
 * (log C(N_s, alpha N_s) + log C(N_t, theta N_t)) / N_t - H(theta), which is about (N_s/N_t) H(alpha)
 * minus a (log N_t)/N_t correction. The guarantee is non-trivial at finite size when the right side is
 * below 1 (log < 0).
 *
 * As in our reconstruction of the argument, the tail uses the mean degree alpha·k·N_t of Z (degrees
 * concentrate when N_t >> N_s);
 * counts are |Z| = ceil(alpha N_s) and |Y| = round(theta N_t). That is `degrees: "mean"` (the default).
 * On small graphs it is not a bound: with few pieces per skill, the lowest-degree skills have far fewer
 * edges than the mean, and an adversary can fail all of them (at N_s = 100, N_t = 200, k = 3,
 * theta = alpha = 0.1 it reaches beta = 1/alpha = 10 on 4 of 8 graphs tried, above this form's beta of
 * 8.9 even at epsilon = 1e-4). `degrees: "bounded"`
 * adds the probability that some Z has a low degree and is a bound for independent slots (this
 * pack's derivation; see ./unionBound).
 *
 * A confidence level: the bound is a probability over the random graph. The guarantee "at most alpha
 * of the skills fail at rate >= beta·theta, for every Y" holds except with probability <= epsilon
 * when the bound is <= epsilon; at epsilon = 1 the bound says nothing (any event has probability <= 1).
 */
import { bisectFirst } from "../math/bisect";
import { binaryEntropy, klBernoulli } from "../theory/entropy";
import { checkClosed, checkInteger, checkOptions } from "../validate";
import { logChoose } from "../math/gamma";
import { fractionCount } from "./validate";
import { checkDegrees, unionBoundLog, type DegreeForm } from "./unionBound";

/** Parameters of the finite-size union bound. */
export interface FiniteSizeParameters {
  /** N_s, number of skills. */
  skills: number;
  /** N_t, number of text pieces. */
  texts: number;
  /** Skills per text piece. */
  k: number;
  /** Fraction of failed text pieces. */
  theta: number;
  /** Fraction of skills allowed below the competence level, in (0, 1). */
  alpha: number;
  /** Multiplier of theta in the failure-rate threshold (beta >= 1, beta·alpha <= 1). */
  beta: number;
  /**
   * "mean" (default): the tail takes Z's degree at its mean (the paper's form; not a bound on small
   * graphs). "bounded": also bounds the chance that some Z has a low degree (see ./unionBound).
   */
  degrees?: DegreeForm;
}

/** The terms of the finite-size union bound (all natural logs). */
export interface FiniteSizeBound {
  /** ln C(N_s, ceil(alpha N_s)): the number of skill sets Z. */
  logCountSkillSets: number;
  /** ln C(N_t, round(theta N_t)): the number of failure sets Y. */
  logCountFailureSets: number;
  /** -k·|Y|·KL(beta alpha || alpha): the Chernoff tail for one (Y, Z) ("bounded": the pair part at the optimal split). */
  logTail: number;
  /** "bounded" only: ln of P(some Z has at most (1 − eta) of its mean degree); null for "mean". */
  logDegreeDeviation: number | null;
  /** "bounded" only: the optimal split eta; null for "mean". */
  eta: number | null;
  /** Sum of the three ("bounded": ln(degree term + pair term)): ln of the union bound on P(some Y has > alpha N_s skills at rate >= beta theta). */
  logProbabilityBound: number;
  /** logProbabilityBound / N_t. */
  perText: number;
  /** The theorem's left side H(theta) - k theta KL(beta alpha || alpha) (the N_t -> infinity limit of perText). */
  asymptotic: number;
  /** perText - asymptotic = (logCountSkillSets + logCountFailureSets)/N_t - H(theta) + (tail rounding). */
  finiteSizeTerm: number;
  /** (N_s / N_t)·H(alpha): the leading part of the finite-size term. */
  skillSetTermApprox: number;
  /** true when logProbabilityBound < 0 (the guarantee is non-trivial at this size). */
  holds: boolean;
}

function checkSizeParameters(fn: string, o: Omit<FiniteSizeParameters, "beta">): void {
  checkOptions(fn, o, "{ skills, texts, k, theta, alpha, beta }");
  checkDegrees(fn, o.degrees);
  checkInteger(fn, "skills", o.skills, 1);
  checkInteger(fn, "texts", o.texts, 1);
  checkInteger(fn, "k", o.k, 1);
  checkClosed(fn, "theta", o.theta, 0, 1);
  checkClosed(fn, "alpha", o.alpha, 0, 1);
  if (o.alpha === 0 || o.alpha === 1 || !Number.isFinite(1 / o.alpha)) throw new RangeError(`${fn}: alpha must be in the open interval (0, 1) with 1/alpha finite, got ${o.alpha}`);
}

/**
 * The exact finite-N union bound of the proof of Theorem 8 (Arora & Goyal 2023), term by term;
 * see the file comment. beta < 1 gives no tail (logTail = 0): the Chernoff bound only applies above
 * the mean.
 * @example
 * finiteSizeBound({ skills: 1000, texts: 10000, k: 8, theta: 0.1, alpha: 0.05, beta: 7 })
 * // => { logCountSkillSets: 195.664…, logCountFailureSets: 3246.51…, logTail: -3475.2…, logDegreeDeviation: null, eta: null, logProbabilityBound: -33.0286…, … }
 * @see {@link betaMin}, {@link finiteSizeExperiment}, {@link finiteSizeBoundOfMeasure}
 */
export function finiteSizeBound(options: FiniteSizeParameters): FiniteSizeBound {
  const fn = "finiteSizeBound";
  checkSizeParameters(fn, options);
  const { skills, texts, k, theta, alpha } = options;
  const beta = checkClosed(fn, "beta", options.beta, 0, 1 / alpha);
  const zSize = Math.min(skills, Math.max(1, Math.ceil(alpha * skills - 1e-9)));
  const ySize = fractionCount(texts, theta);
  const logCountSkillSets = logChoose(skills, zSize);
  const logCountFailureSets = logChoose(texts, ySize);
  const kl = beta > 1 ? klBernoulli(Math.min(1, beta * alpha), alpha) : 0;
  let logTail = -k * ySize * kl;
  let logProbabilityBound = logCountSkillSets + logCountFailureSets + logTail;
  let logDegreeDeviation: number | null = null;
  let eta: number | null = null;
  if (checkDegrees(fn, options.degrees) === "bounded") {
    // Slot probability of Z is |Z|/N_s; the threshold beta·theta·(edges of Z) is beta·(theta N_t/|Y|) of Y's edges' share.
    const r = unionBoundLog({
      logCountSkillSets,
      logCountFailureSets,
      nY: k * ySize,
      nAll: k * texts,
      a: zSize / skills,
      beta,
      ratio: ySize > 0 ? (theta * texts) / ySize : 1,
      degrees: "bounded",
    });
    logTail = r.logTail;
    logDegreeDeviation = r.logDegreeDeviation;
    eta = r.eta;
    logProbabilityBound = r.logProbabilityBound;
  }
  const perText = logProbabilityBound / texts;
  const asymptotic = binaryEntropy(theta) - k * theta * kl;
  return {
    logCountSkillSets,
    logCountFailureSets,
    logTail,
    logDegreeDeviation,
    eta,
    logProbabilityBound,
    perText,
    asymptotic,
    finiteSizeTerm: perText - asymptotic,
    skillSetTermApprox: (skills / texts) * binaryEntropy(alpha),
    holds: logProbabilityBound < 0,
  };
}

/** Result of {@link finiteSizeBetaMin}. */
export type FiniteSizeBetaMin =
  | { feasible: true; beta: number; competence: number; bound: FiniteSizeBound }
  | { feasible: false; reason: string };

/** Options of {@link finiteSizeBetaMin}: the parameters of the bound without beta, and a failure probability. */
export interface FiniteSizeBetaMinOptions extends Omit<FiniteSizeParameters, "beta"> {
  /**
   * The probability (over the graph) the union bound may leave, in (0, 1]. Default 0.01. At 1 the
   * bound says nothing (every event has probability at most 1).
   */
  epsilon?: number;
}

/**
 * The smallest beta in [1, 1/alpha] for which the finite-size union bound is at most `epsilon`
 * (default 0.01), by bisection to 1e-10. The finite-N counterpart of beta_min of Theorem 8:
 * competence = 1 - beta·theta is the level that at least 1 - alpha of the skills reach, for every
 * failure set, except with probability <= epsilon over the graph. epsilon = 1 only asks the bound to
 * say anything at all: it is no guarantee (every event has probability at most 1).
 */
export function finiteSizeBetaMin(options: FiniteSizeBetaMinOptions): FiniteSizeBetaMin {
  const fn = "finiteSizeBetaMin";
  checkSizeParameters(fn, options);
  if ("delta" in (options as object)) {
    throw new RangeError(`${fn}: the failure probability is called epsilon (default 0.01), got an option delta = ${String((options as { delta?: unknown }).delta)}`);
  }
  const epsilon = options.epsilon === undefined ? 0.01 : checkClosed(fn, "epsilon", options.epsilon, Number.MIN_VALUE, 1);
  const logEpsilon = Math.log(epsilon);
  const { skills, texts, k, theta, alpha } = options;
  const degrees = checkDegrees(fn, options.degrees);
  const at = (beta: number) => finiteSizeBound({ skills, texts, k, theta, alpha, beta, degrees });
  const hiBeta = 1 / alpha;
  if (at(hiBeta).logProbabilityBound > logEpsilon) {
    return {
      feasible: false,
      reason: `finiteSizeBetaMin: even beta = 1/alpha = ${hiBeta} leaves the union bound above epsilon = ${epsilon} at N_s = ${skills}, N_t = ${texts}, k = ${k}, theta = ${theta} (degrees: ${degrees})`,
    };
  }
  const within = (beta: number): boolean => at(beta).logProbabilityBound <= logEpsilon;
  const hi = within(1) ? 1 : bisectFirst(within, 1, hiBeta, { tolerance: 1e-10 });
  return { feasible: true, beta: hi, competence: 1 - hi * theta, bound: at(hi) };
}
