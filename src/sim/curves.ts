/**
 * The bounds that lessons 05 and 08 draw over their simulations, on a dense grid of alpha (pure
 * theory, no simulation): Theorem 8's beta_min(alpha) (Arora & Goyal 2023), the fixed-Z limit of the
 * adversary, and, for skills of unequal frequency, beta_min of the rarest skills' measure.
 */
import { betaMin } from "../theory/theorem8";
import { checkBytes, checkSteps } from "../budget";
import { betaMinOfMeasure, checkMeasure } from "../theory/generalMeasure";
import { checkFraction, checkInteger, checkNumberList, checkOpen, checkOptions } from "../validate";
import { adversaryLimitBeta, adversaryLimitSteps } from "./adversary";

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
  return boundRows("emergenceBoundCurve", options, "{ theta, k, alphas }");
}

/** The rows of emergenceBoundCurve, with errors naming the public function `fn`. */
function boundRows(fn: string, options: EmergenceBoundCurveOptions, shape: string): EmergenceBoundPoint[] {
  checkOptions(fn, options, shape);
  const theta = checkOpen(fn, "theta", options.theta, 0, 1);
  const k = checkInteger(fn, "k", options.k, 1);
  const alphas = checkNumberList(fn, "alphas", options.alphas, checkFraction);
  checkBytes(fn, 64 * alphas.length, `${alphas.length} rows`, "use fewer alphas");
  // The adversary's limit walks O(sqrt(k·alpha·(1 − alpha))) terms of a binomial per alpha.
  let steps = 0;
  for (const alpha of alphas) steps += adversaryLimitSteps(k, alpha);
  checkSteps(fn, steps, `the adversary's limit at ${alphas.length} alphas with k = ${k}`, "use a smaller k or fewer alphas");
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
  const rows = boundRows(fn, options, "{ theta, k, alphas, skillMeasure }");
  const skillMeasure = checkMeasure(fn, options.skillMeasure);
  // Each alpha sorts a copy of μ1 (rarestSkillsMeasure).
  checkSteps(fn, rows.length * skillMeasure.length * Math.max(1, Math.log2(skillMeasure.length)), `${rows.length} alphas over ${skillMeasure.length} skills`, "use fewer alphas or skills");
  checkBytes(fn, 8 * skillMeasure.length, `a copy of ${skillMeasure.length} skill weights`, "use fewer skills");
  return rows.map((r) => {
    const byNumber = betaMinOfMeasure({ theta: options.theta as number, k: options.k as number, alpha: r.alpha, by: "number", skillMeasure });
    return { ...r, rarestMeasure: byNumber.alphaMeasure, numberBeta: byNumber.feasible ? byNumber.beta : null };
  });
}
