/**
 * The condition of Arora & Goyal 2023 ("A Theory for Emergence of Complex Skills in Language
 * Models", arXiv 2307.15936 v2), Theorem 8 (and Theorem 14, which applies it to k'-tuples), and the
 * smallest beta that satisfies it.
 *
 * Setting: a random bipartite skill graph in which every text piece needs k random skills; the model
 * fails a fraction theta of the text pieces (any set Y, even an adversarial one). If
 *
 *   H(theta) + k theta ( H(beta alpha) - beta alpha log(1/alpha) - (1 - beta alpha) log(1/(1 - alpha)) ) < 0,
 *
 * then (with high probability over the graph, as N_t >> N_s) at most an alpha fraction of the skills
 * have failure rate >= beta theta; equivalently, at least 1 - alpha of the skills have competence
 * >= 1 - beta theta. Since the bracket is -KL(beta alpha || alpha), the condition reads
 * H(theta) < k theta KL(beta alpha || alpha).
 */
import { binaryEntropy, klBernoulli } from "./entropy";
import { checkClosed, checkFraction, checkInteger, checkOpen, checkOptions, checkPositive } from "../validate";

/** Parameters of the Theorem 8 condition. */
export interface Theorem8Parameters {
  /** Fraction of text pieces the model fails, in [0, 1]. */
  theta: number;
  /** Skills per text piece (a positive integer). */
  k: number;
  /** Fraction of skills allowed to stay below the competence level, in (0, 1). */
  alpha: number;
  /** Multiplier of theta in the failure-rate threshold beta theta; beta > 0 and beta alpha <= 1. */
  beta: number;
}

function checkTheorem8(fn: string, options: Theorem8Parameters): Theorem8Parameters {
  checkOptions(fn, options, "{ theta, k, alpha, beta }");
  const theta = checkClosed(fn, "theta", options.theta, 0, 1);
  const k = checkInteger(fn, "k", options.k, 1);
  const alpha = checkOpen(fn, "alpha", options.alpha, 0, 1);
  const beta = checkPositive(fn, "beta", options.beta);
  if (beta * alpha > 1) {
    throw new RangeError(`${fn}: beta * alpha must be <= 1 (a failure rate cannot pass 1), got beta=${beta}, alpha=${alpha} (product ${beta * alpha})`);
  }
  return { theta, k, alpha, beta };
}

/**
 * The left side of the condition of Arora & Goyal 2023, Theorem 8, exactly in the paper's form:
 *   H(theta) + k theta ( H(beta alpha) - beta alpha log(1/alpha) - (1 - beta alpha) log(1/(1 - alpha)) )
 * in nats. The theorem's guarantee holds when this is < 0.
 * @example
 * theorem8Condition({ theta: 0.1, k: 8, alpha: 0.05, beta: 7 })
 * // => -0.0224373…
 * @see {@link theorem8ConditionKl}, {@link betaMin}, {@link performanceCurve}
 */
export function theorem8Condition(options: Theorem8Parameters): number {
  const { theta, k, alpha, beta } = checkTheorem8("theorem8Condition", options);
  const ba = Math.min(1, beta * alpha);
  // log(1/alpha) as -log(alpha): 1/alpha overflows for the smallest alphas.
  const bracket = binaryEntropy(ba) + ba * Math.log(alpha) + (1 - ba) * Math.log1p(-alpha);
  return binaryEntropy(theta) + k * theta * bracket;
}

/**
 * The same left side in its KL form, H(theta) - k theta KL(beta alpha || alpha) (nats)
 * (Arora & Goyal 2023, Theorem 8: the bracket of the paper's form is -KL(beta alpha || alpha)).
 * @example
 * theorem8ConditionKl({ theta: 0.1, k: 8, alpha: 0.05, beta: 7 })
 * // => -0.0224373…
 * @see {@link theorem8Condition}, {@link klBernoulli}
 */
export function theorem8ConditionKl(options: Theorem8Parameters): number {
  const { theta, k, alpha, beta } = checkTheorem8("theorem8ConditionKl", options);
  return binaryEntropy(theta) - k * theta * klBernoulli(Math.min(1, beta * alpha), alpha);
}

/** A beta that satisfies the condition: the smallest one, and the competence it guarantees. */
export interface BetaMinFeasible {
  feasible: true;
  /** The root of H(theta) = k theta KL(beta alpha || alpha) in (1, 1/alpha), to machine precision. */
  beta: number;
  /** 1 - beta theta: the competence that at least 1 - alpha of the skills reach (may be < 0: vacuous). */
  competence: number;
}

/** No beta <= 1/alpha satisfies the condition. */
export interface BetaMinInfeasible {
  feasible: false;
  /** Why, with the numbers. */
  reason: string;
}

/** Result of {@link betaMin}: typed, never NaN. */
export type BetaMinResult = BetaMinFeasible | BetaMinInfeasible;

/** Parameters of {@link betaMin}. */
export interface BetaMinOptions {
  /** Fraction of failed text pieces, in (0, 1). */
  theta: number;
  /** Skills per text piece (positive integer). */
  k: number;
  /** Fraction of skills allowed below the competence level, in (0, 1). */
  alpha: number;
}

/**
 * The smallest beta for which the condition of Arora & Goyal 2023, Theorem 8 holds, and the
 * competence 1 - beta theta it guarantees to at least 1 - alpha of the skills.
 *
 * Why a bracket exists and the root is unique: write f(beta) = H(theta) - k theta KL(beta alpha || alpha).
 * For x = beta alpha in (alpha, 1), d/dx KL(x || alpha) = log( x (1 - alpha) / (alpha (1 - x)) ) > 0,
 * so KL(beta alpha || alpha) is strictly increasing in beta on (1, 1/alpha] and f strictly
 * decreasing. f(1) = H(theta) > 0 for theta in (0, 1). At beta = 1/alpha, KL(1 || alpha) = log(1/alpha),
 * so f(1/alpha) = H(theta) - k theta log(1/alpha). If that is < 0 there is exactly one root in
 * (1, 1/alpha) and every beta above it satisfies the condition; otherwise no beta <= 1/alpha does
 * (beta alpha > 1 would be a failure rate above 1), and the result is `{ feasible: false }`.
 *
 * Small theta: since H(theta)/theta grows like log(1/theta), the condition fails even at beta = 1/alpha
 * once log(1/theta) + 1 exceeds about k log(1/alpha) (theta < 1.8e-4 for k = 8, alpha = 0.3). That is a
 * limit of the sufficient condition, not of competence: a failure set of fraction theta sits inside
 * one of any larger fraction theta'', and failure rates only grow with the set, so the guarantee proved
 * for theta'' also holds at theta.
 *
 * Root finding: bisection on [1, 1/alpha] until the bracket cannot shrink in floating point
 * (machine precision, far below 1e-10; about 60 steps), so that equal inputs give bit-equal outputs.
 * @example
 * betaMin({ theta: 0.1, k: 8, alpha: 0.05 })
 * // => { feasible: true, beta: 6.75595…, competence: 0.324405… }
 * @see {@link theorem8Condition}, {@link performanceCurve}, {@link betaMinOfMeasure}, {@link finiteSizeBound}
 */
export function betaMin(options: BetaMinOptions): BetaMinResult {
  const fn = "betaMin";
  checkOptions(fn, options, "{ theta, k, alpha }");
  const theta = checkOpen(fn, "theta", options.theta, 0, 1);
  const k = checkInteger(fn, "k", options.k, 1);
  const alpha = checkFraction(fn, "alpha", options.alpha);
  const h = binaryEntropy(theta);
  const kt = k * theta;
  const f = (beta: number): number => h - kt * klBernoulli(Math.min(1, beta * alpha), alpha);
  let lo = 1;
  let hi = 1 / alpha;
  const fHi = f(hi);
  if (!(fHi < 0)) {
    return {
      feasible: false,
      reason:
        `betaMin: no beta <= 1/alpha = ${hi} satisfies Theorem 8's condition for theta=${theta}, k=${k}, alpha=${alpha}: ` +
        `H(theta) = ${h} nats is not below k*theta*log(1/alpha) = ${kt * Math.log(1 / alpha)} nats ` +
        `(the condition can hold only for alpha < exp(-H(theta)/(k*theta)) = ${Math.exp(-h / kt)}; a larger alpha moves further away ` +
        `and only inherits the guarantee of the largest alpha' below that bound, which performanceCurve reports; ` +
        `raise k to widen the range, or lower theta, which improves the guarantee though it also narrows the range)`,
    };
  }
  // Invariant: f(lo) > 0 >= ... > f(hi) with f(hi) < 0.
  for (let i = 0; i < 2000; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (f(mid) < 0) hi = mid;
    else lo = mid;
  }
  // hi is the smallest float found where the strict condition holds.
  return { feasible: true, beta: hi, competence: 1 - hi * theta };
}
