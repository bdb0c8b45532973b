/**
 * From loss to failures: how the excess cross-entropy (reducible loss) delta of a language model
 * bounds the fraction theta of text pieces whose cloze questions it fails
 * (Arora & Goyal 2023, arXiv 2307.15936 v2: excess entropy, the failure threshold of p. 8, the Cloze
 * Sufficiency Assumption; the Markov and Pinsker-type bounds here are this pack's derivations).
 */
import { toRng, type RngOrSeed } from "../random/rng";
import { checkClosed, checkInteger, checkNonNegative, checkNumberList, checkOptions, checkPositive } from "../validate";

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

/** How the excess loss is spread over cloze questions in {@link clozeFailureSimulation}. */
export type ClozeLossShape = "even" | "exponential" | "concentrated";

/** Options of {@link clozeFailureSimulation}. */
export interface ClozeSimulationOptions {
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

/** One point of {@link clozeFailureSimulation}. */
export interface ClozeSimulationPoint {
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

/** KL between coins without argument checks (internal hot loop); p in (0, 1], q in (0, p]. */
function kl(p: number, q: number): number {
  let d = p * Math.log(p / q);
  if (p < 1) d += (1 - p) * (Math.log1p(-p) - Math.log1p(-q));
  return d > 0 ? d : 0;
}

/**
 * The q in (0, p] with KL(p || q) = d. In u = log q, h(u) = KL(p || e^u) - d is decreasing and convex
 * on u < log p, so Newton's method started left of the root (u0 = log p - (d + 1)/p, where
 * KL >= p log(p/q) - 1/e > d) climbs monotonically to it, quadratically near the end.
 */
function qAtDivergence(p: number, d: number): number {
  if (d <= 0) return p;
  if (p === 1) return Math.exp(-d); // KL(1 || q) = -log q
  let u = Math.log(p) - (d + 1) / p;
  for (let i = 0; i < 100; i++) {
    const q = Math.exp(u);
    const h = kl(p, q) - d;
    const next = u - (h * (1 - q)) / (q - p); // Newton step: h'(u) = (q - p) / (1 - q) < 0
    if (!(next > u) || next - u < 1e-14) break;
    u = next;
  }
  return Math.exp(u);
}

/**
 * A small simulation of a predictor at KL distance delta from the truth on binary cloze questions
 * (lesson 02). For each question i: the truth puts probability p_i = 1/2 + m_i on the right answer;
 * the question's excess loss delta_i is drawn with mean delta (see `lossShape`); the model puts
 * q_i <= p_i on the right answer with KL(p_i || q_i) = delta_i exactly (it leans towards the wrong
 * answer, the direction that buys the most failures per nat). The model fails question i when
 * q_i < 1/2, i.e. when delta_i > KL(p_i || 1/2) = ln 2 - H(p_i).
 *
 * It reports the failed fraction theta next to Markov's 2 delta and the Pinsker-type bound
 * (see {@link thetaFromReducibleLoss}, {@link thetaPinskerBound}).
 */
export function clozeFailureSimulation(options: ClozeSimulationOptions): ClozeSimulationPoint[] {
  const fn = "clozeFailureSimulation";
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
    throw new RangeError(`${fn}: lossShape must be "even", "exponential" or "concentrated", got ${JSON.stringify(shape)}`);
  }
  const phi = checkClosed(fn, "concentration", options.concentration ?? 0.1, Number.MIN_VALUE, 1);
  const rng = toRng(options.rng, `${fn}: rng`);

  return deltas.map((delta, index): ClozeSimulationPoint => {
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
      const flip = m === 0 ? 0 : Math.LN2 - binaryEntropyUnchecked(p);
      if (d > flip) failed++;
      sumTv += p - qAtDivergence(p, d);
    }
    const meanLoss = sumLoss / questions;
    const mMin = mLo;
    return {
      delta,
      meanLoss,
      theta: failed / questions,
      thetaLossAtLeastHalf: halfLoss / questions,
      markovBound: Math.min(1, 2 * meanLoss),
      pinskerBound: mMin > 0 ? Math.min(1, meanLoss / (2 * mMin * mMin)) : 1,
      meanTotalVariation: sumTv / questions,
      totalVariationBound: Math.sqrt(meanLoss / 2),
    };
  });
}

function binaryEntropyUnchecked(p: number): number {
  if (p <= 0 || p >= 1) return 0;
  return -(p * Math.log(p) + (1 - p) * Math.log1p(-p));
}

/** The analytic failed fraction for certain answers (margin 1/2) and exponential loss: P(Exp(delta) > ln 2) = exp(-ln 2 / delta). */
export function clozeThetaExponentialCertain(delta: number): number {
  checkNonNegative("clozeThetaExponentialCertain", "delta", delta);
  return delta === 0 ? 0 : Math.exp(-Math.LN2 / delta);
}
