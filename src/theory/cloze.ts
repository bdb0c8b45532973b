/**
 * From loss to failures: how the excess cross-entropy (reducible loss) delta of a language model
 * bounds the fraction theta of text pieces whose cloze questions it fails
 * (Arora & Goyal 2023, arXiv 2307.15936 v2: excess entropy, the failure threshold of p. 8, the Cloze
 * Sufficiency Assumption; the Markov and Pinsker-type bounds here are this pack's derivations).
 */
import { checkNonNegative, checkOptions, checkPositive } from "../validate";

/** Options of {@link thetaFromReducibleLoss}. */
export interface ThetaFromLossOptions {
  /** theta <= factor * delta. Default 2 (failure = cloze loss >= 1/2, Markov). */
  factor?: number;
}

/**
 * The link from reducible loss to failed text pieces: theta = min(1, factor * delta), an upper bound.
 *
 * Derivation (factor 2; this pack's derivation from the paper's failure threshold): Arora & Goyal 2023
 * (v2, p. 8) count a text piece as a mistake when its cloze loss is "at least 1/2". The average of that
 * loss over pieces is delta, so by Markov's inequality the failed fraction is
 * theta <= Pr[loss >= 1/2] <= delta / (1/2) = 2 delta. (For a binary cloze question with a certain
 * answer, answering wrongly means putting probability <= 1/2 on the right answer, a loss >= ln 2 > 1/2,
 * so wrong answers are counted too.) The result is an upper bound, not an identity: the paper itself
 * rejects the naive per-skill accounting identity of its eq. (7) (p. 8, printed with "(Incorrect!)").
 *
 * Cloze Sufficiency (the paper's Assumption 2): the model's average loss on cloze questions tracks its
 * excess cross-entropy on next-word prediction (the reducible loss delta of a scaling law) "within a
 * small multiplicative factor like 1.1". With that slack c the bound becomes theta <= 2 c delta: pass
 * `factor: 2.2` for c = 1.1.
 * Capped at 1 (a fraction).
 */
export function thetaFromReducibleLoss(delta: number, options: ThetaFromLossOptions = {}): number {
  const fn = "thetaFromReducibleLoss";
  checkNonNegative(fn, "delta", delta);
  checkOptions(fn, options, "{ factor? }");
  const factor = checkPositive(fn, "factor", options.factor ?? 2);
  return Math.min(1, factor * delta);
}

/** Options of {@link thetaPinskerBound}. */
export interface PinskerBoundOptions {
  /**
   * Margin m of the true distribution on each binary cloze question: the right answer has true
   * probability >= 1/2 + m, m in (0, 1/2]. Default 1/2 (certain answers).
   */
  margin?: number;
}

/**
 * A Pinsker-type bound on the fraction of failed binary cloze questions: theta <= min(1, delta / (2 m^2)).
 *
 * Derivation: on a question whose right answer has true probability p >= 1/2 + m, the model fails
 * (prefers the wrong answer) only if its probability q of the right answer is <= 1/2, so |p - q| >= m.
 * Pinsker's inequality for two coins, KL(p || q) >= 2 (p - q)^2, makes that question's excess loss >= 2 m^2. Markov's inequality over questions
 * with mean excess loss delta then gives theta <= delta / (2 m^2). At m = 1/2 (certain answers) this is
 * theta <= 2 delta; as the truth gets less certain (m -> 0) the bound, and the failures a
 * given loss can buy, grow like 1/m^2.
 */
export function thetaPinskerBound(delta: number, options: PinskerBoundOptions = {}): number {
  const fn = "thetaPinskerBound";
  checkNonNegative(fn, "delta", delta);
  checkOptions(fn, options, "{ margin? }");
  const m = options.margin ?? 0.5;
  if (typeof m !== "number" || !Number.isFinite(m) || m <= 0 || m > 0.5) {
    throw new RangeError(`${fn}: margin must be a finite number in (0, 0.5], got ${String(m)}`);
  }
  return Math.min(1, delta / (2 * m * m));
}

/** The analytic failed fraction for certain answers (margin 1/2) and exponential loss: P(Exp(delta) > ln 2) = exp(-ln 2 / delta). */
export function clozeThetaExponentialCertain(delta: number): number {
  checkNonNegative("clozeThetaExponentialCertain", "delta", delta);
  return delta === 0 ? 0 : Math.exp(-Math.LN2 / delta);
}
