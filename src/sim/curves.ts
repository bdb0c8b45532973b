/**
 * The bounds that lessons 05 and 08 draw over their simulations, on a dense grid of alpha (pure
 * theory, no simulation): Theorem 8's beta_min(alpha) (Arora & Goyal 2023), the fixed-Z limit of the
 * adversary, and, for skills of unequal frequency, beta_min of the rarest skills' measure.
 */
import { betaMin } from "../theory/theorem8";
import { betaMinOfMeasure } from "../theory/generalMeasure";
import { checkInteger, checkNumberList, checkOpen, checkOptions } from "../validate";
import { adversaryLimitBeta } from "./adversary";

/** One alpha of {@link emergenceBoundCurve}. */
export interface EmergenceBoundPoint {
  alpha: number;
  /** beta_min of Theorem 8; null when no beta works at this alpha. */
  theoremBeta: number | null;
  /** The fixed-Z limit of the adversary (adversaryLimitBeta). */
  limitBeta: number;
}

/** Options of {@link emergenceBoundCurve}. */
export interface EmergenceBoundCurveOptions {
  theta: number;
  k: number;
  /** The alphas, in (0, 1), e.g. alphaGrid({ from: 0.01, to: 0.5, count: 200 }). */
  alphas: ArrayLike<number>;
}

/**
 * Theorem 8's beta_min and the adversary's fixed-Z limit at each alpha: the theory lines of lesson 05's simulation figure.
 * @example
 * emergenceBoundCurve({ theta: 0.1, k: 8, alphas: [0.05, 0.2] })
 * // => [{ alpha: 0.05, theoremBeta: 6.75595…, limitBeta: 4.08551… }, { alpha: 0.2, theoremBeta: 3.06716…, limitBeta: 2.30004 }]
 * @see {@link emergenceBoundExperiment}, {@link betaMin}, {@link measureBoundCurve}
 */
export function emergenceBoundCurve(options: EmergenceBoundCurveOptions): EmergenceBoundPoint[] {
  const fn = "emergenceBoundCurve";
  checkOptions(fn, options, "{ theta, k, alphas }");
  const theta = checkOpen(fn, "theta", options.theta, 0, 1);
  const k = checkInteger(fn, "k", options.k, 1);
  const alphas = checkNumberList(fn, "alphas", options.alphas, (f, n, v) => checkOpen(f, n, v, 0, 1));
  return alphas.map((alpha) => {
    const th = betaMin({ theta, k, alpha });
    return { alpha, theoremBeta: th.feasible ? th.beta : null, limitBeta: adversaryLimitBeta({ theta, k, alpha }).beta };
  });
}

/** One alpha of {@link measureBoundCurve}. */
export interface MeasureBoundPoint extends EmergenceBoundPoint {
  /** μ1-measure of the ceil(alpha·N_s) rarest skills. */
  rarestMeasure: number;
  /** beta_min(rarestMeasure): the bound with alpha counted by number (null: infeasible). */
  numberBeta: number | null;
}

/** Options of {@link measureBoundCurve}. */
export interface MeasureBoundCurveOptions extends EmergenceBoundCurveOptions {
  /** μ1, one probability per skill. */
  skillMeasure: ArrayLike<number>;
}

/**
 * The theory lines of lesson 08's "by number" and "by measure" figures at each alpha: Theorem 8's beta_min(alpha) (the
 * bound by measure; by number only the uniform reading), beta_min of the rarest alpha·N_s skills'
 * measure (the bound by number), and the fixed-Z limit of the adversary by measure.
 * @example
 * measureBoundCurve({ theta: 0.1, k: 8, skillMeasure: zipfMeasure({ n: 1000, exponent: 1 }), alphas: [0.05, 0.2] })
 * // => [{ alpha: 0.05, theoremBeta: 6.75595…, limitBeta: 4.08551…, rarestMeasure: 0.00684887…, numberBeta: 25.2214… }, { alpha: 0.2, theoremBeta: 3.06716…, limitBeta: 2.30004, rarestMeasure: 0.0297935…, numberBeta: 9.31531… }]
 * @see {@link emergenceBoundCurve}, {@link measureBoundExperiment}, {@link betaMinOfMeasure}
 */
export function measureBoundCurve(options: MeasureBoundCurveOptions): MeasureBoundPoint[] {
  const fn = "measureBoundCurve";
  checkOptions(fn, options, "{ theta, k, alphas, skillMeasure }");
  const rows = emergenceBoundCurve({ theta: options.theta, k: options.k, alphas: options.alphas });
  return rows.map((r) => {
    const byNumber = betaMinOfMeasure({ theta: options.theta, k: options.k, alpha: r.alpha, by: "number", skillMeasure: options.skillMeasure });
    return { ...r, rarestMeasure: byNumber.alphaMeasure, numberBeta: byNumber.feasible ? byNumber.beta : null };
  });
}
