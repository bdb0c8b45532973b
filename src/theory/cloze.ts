/**
 * From loss to failures: how the excess cross-entropy (reducible loss) delta of a language model
 * bounds the fraction theta of text pieces whose cloze questions it fails
 * (Arora & Goyal 2023, arXiv 2307.15936 v2: excess entropy, the failure threshold of p. 8, the Cloze
 * Sufficiency Assumption; the Markov and Pinsker-type bounds here are this pack's derivations).
 */
import { checkBytes } from "../budget";
import { checkNonNegative, checkOptions, checkPositive, describeValue, failArg } from "../validate";

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
 * @example
 * thetaFromReducibleLoss(0.05)
 * // => 0.1
 * @see {@link thetaPinskerBound}, {@link clozeThetaExponentialCertain}, {@link reducibleLoss}
 */
export function thetaFromReducibleLoss(delta: number, options: ThetaFromLossOptions = {}): number {
  const fn = "thetaFromReducibleLoss";
  checkNonNegative(fn, "delta", delta);
  checkOptions(fn, options, "{ factor? }");
  const factor = checkPositive(fn, "factor", options.factor ?? 2);
  return thetaBound(delta, factor);
}

/** θ ≤ min(1, factor·δ) without argument checks (delta >= 0, factor > 0 already checked by the caller). */
export function thetaBound(delta: number, factor: number): number {
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
 * @example
 * thetaPinskerBound(0.01, { margin: 0.1 })
 * // => 0.5…
 * @see {@link thetaFromReducibleLoss}, {@link clozeThetaExponentialCertain}
 */
export function thetaPinskerBound(delta: number, options: PinskerBoundOptions = {}): number {
  const fn = "thetaPinskerBound";
  checkNonNegative(fn, "delta", delta);
  checkOptions(fn, options, "{ margin? }");
  const m = options.margin ?? 0.5;
  if (typeof m !== "number" || !Number.isFinite(m) || m <= 0 || m > 0.5) {
    throw new RangeError(`${fn}: margin must be a finite number in (0, 0.5], got ${String(m)}`);
  }
  // m * m underflows (to 0 or to a denormal) below m = 1e-150: there divide in two steps.
  if (delta === 0) return 0;
  return Math.min(1, m >= 1e-150 ? delta / (2 * m * m) : delta / (2 * m) / m);
}

/**
 * The analytic failed fraction for certain answers (margin 1/2) and exponential loss: P(Exp(delta) > ln 2) = exp(-ln 2 / delta).
 * @example
 * clozeThetaExponentialCertain(0.08)
 * // => 0.000172633…
 * @see {@link thetaFromReducibleLoss}, {@link thetaPinskerBound}, {@link clozeFailureExperiment}
 */
export function clozeThetaExponentialCertain(delta: number): number {
  checkNonNegative("clozeThetaExponentialCertain", "delta", delta);
  return delta === 0 ? 0 : Math.exp(-Math.LN2 / delta);
}

/** One delta of {@link clozeTheoryCurve}: the bounds and the exact value at that mean excess loss. */
export interface ClozeTheoryPoint {
  /** Mean excess loss per cloze question (nats). */
  delta: number;
  /** Markov's bound min(1, 2 delta) on the failed fraction (failure = loss >= 1/2). */
  markovBound: number;
  /** Pinsker-type bound min(1, delta / (2 m^2)) on wrong answers at margin m. */
  pinskerBound: number;
  /** Wrong answers to certain questions when the excess loss is exponential: exp(-ln 2 / delta). */
  exponentialCertain: number;
}

/** Options of {@link clozeTheoryCurve}. */
export interface ClozeTheoryCurveOptions {
  /** The deltas (nats, >= 0), e.g. valueGrid({ from: 0, to: 0.8, count: 200 }). */
  deltas: ArrayLike<number>;
  /** Margin m of the Pinsker-type bound, in (0, 0.5] (default 0.5). */
  margin?: number;
}

/**
 * The theory lines of lesson 02 on a grid of deltas: Markov's bound 2 delta, the Pinsker-type bound
 * delta / (2 m^2), and the exact exp(-ln 2 / delta) for certain answers with exponential loss.
 */
export function clozeTheoryCurve(options: ClozeTheoryCurveOptions): ClozeTheoryPoint[] {
  const fn = "clozeTheoryCurve";
  checkOptions(fn, options, "{ deltas, margin? }");
  const deltas = options.deltas;
  if (!deltas || typeof deltas.length !== "number" || deltas.length === 0) throw new TypeError(`${fn}: deltas must be a non-empty array of numbers >= 0, got ${describeValue(deltas)}`);
  const margin = options.margin ?? 0.5;
  if (typeof margin !== "number" || !(margin > 0 && margin <= 0.5)) failArg(fn, "margin", margin, "a number in (0, 0.5]");
  checkBytes(fn, 100 * deltas.length, `${deltas.length} rows`, "use fewer deltas");
  const out: ClozeTheoryPoint[] = [];
  for (let i = 0; i < deltas.length; i++) {
    const delta = checkNonNegative(fn, `deltas[${i}]`, deltas[i]);
    out.push({
      delta,
      markovBound: thetaFromReducibleLoss(delta),
      pinskerBound: thetaPinskerBound(delta, { margin }),
      exponentialCertain: clozeThetaExponentialCertain(delta),
    });
  }
  return out;
}
