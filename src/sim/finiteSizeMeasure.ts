/**
 * The finite-size union bound of Theorem 8 when skills and text pieces carry measures (this pack's
 * derivation, extending ./finiteSize; see src/theory/generalMeasure for the argument and what the
 * paper states). P(some failure set Y of μ2-measure <= theta leaves more than alpha of the skills,
 * counted by number or by μ1-measure, at failure rate >= beta·theta) is at most
 *
 *   #Z · #Y · exp(−nY · KL(beta·a || a))                       ("mean": Z's edges at their mean)
 *
 * or the "bounded" form of ./unionBound, with:
 * - by number: Z = any ceil(alpha·N_s) skills, #Z = C(N_s, ceil(alpha·N_s)), and a = the measure of the
 *   ceil(alpha·N_s) rarest skills (every such Z has at least that measure; the tail grows with a);
 * - by measure: Z = a minimal set with μ1(Z) >= alpha (dropping any skill takes it below alpha); such
 *   sets have between m_lo (heaviest first) and m_hi (lightest first) skills, #Z <= Σ_m C(N_s, m), a = alpha;
 * - uniform μ2: Y = round(theta·N_t) pieces, #Y = C(N_t, |Y|), nY = k·|Y|, nAll = k·N_t (as ./finiteSize);
 * - weighted μ2 with largest weight w_max: failure rates only grow with Y, so only MAXIMAL Y count (no
 *   further piece fits): they have between y_lo and y_hi pieces, #Y <= Σ_m C(N_t, m); each slot's edge
 *   carries weight w_t/k <= w_max/k, and the weighted Chernoff bound (each term's log-moment generating
 *   function is convex in its weight, so weights in [0, w_max/k] summing to theta do no better than
 *   theta·k/w_max equal ones) gives nY = k·theta/w_max and nAll = k/w_max.
 * With uniform μ1 and μ2 this is ./finiteSize's bound.
 */
import { bisectFirst } from "../math/bisect";
import { resolveMeasure, type MeasureSpec } from "../graphs/measures";
import { logChoose } from "../math/gamma";
import { logSumExp } from "../math/logSumExp";
import { checkClosed, checkInteger, checkOptions } from "../validate";
import { checkCountBy, type CountBy } from "./measures";
import { checkDegrees, unionBoundLog, type DegreeForm, type UnionBoundTerms } from "./unionBound";
import { fractionCount } from "./validate";

/** Parameters of {@link finiteSizeBoundOfMeasure}. */
export interface FiniteSizeOfMeasureParameters {
  /** N_s. */
  skills: number;
  /** N_t. */
  texts: number;
  /** μ1 (weights or a family; default uniform). */
  skillMeasure?: MeasureSpec;
  /** μ2 (weights or a family; default uniform). */
  textMeasure?: MeasureSpec;
  k: number;
  theta: number;
  alpha: number;
  beta: number;
  /** Count alpha by "number" or by "measure" (default "measure"). */
  by?: CountBy;
  /** "mean" (default; the paper's form) or "bounded" (see ./unionBound). */
  degrees?: DegreeForm;
}

/** Terms of the general-measure finite-size bound (natural logs). */
export interface FiniteSizeOfMeasureBound extends UnionBoundTerms {
  /** ln of the number of skill sets Z counted (a sum over their sizes by measure). */
  logCountSkillSets: number;
  /** ln of the number of failure sets Y counted (a sum over the sizes of maximal Y with a weighted μ2). */
  logCountFailureSets: number;
  /** The slot probability a used in the tail (alpha by measure; the rarest skills' measure by number). */
  alphaTail: number;
  /** Effective number of text pieces in the tail: N_t for uniform μ2, 1/w_max otherwise. */
  effectiveTexts: number;
  /** Range of the sizes of Z counted. */
  skillSetSizes: [number, number];
  /** Range of the sizes of Y counted. */
  failureSetSizes: [number, number];
  holds: boolean;
}

/** log Σ_{j = lo}^{hi} C(n, j). */
function logChooseRange(n: number, lo: number, hi: number): number {
  const terms = new Float64Array(Math.max(0, hi - lo + 1));
  for (let j = lo; j <= hi; j++) terms[j - lo] = logChoose(n, j);
  return logSumExp(terms);
}

/** The beta-free part of the bound: the counts and sizes it reports, and the tail's inputs (see unionBoundLog). */
interface Prepared extends Pick<FiniteSizeOfMeasureBound, "logCountSkillSets" | "logCountFailureSets" | "effectiveTexts" | "skillSetSizes" | "failureSetSizes"> {
  a: number;
  nY: number;
  nAll: number;
  ratio: number;
  degrees: DegreeForm;
}

function prepare(fn: string, o: Omit<FiniteSizeOfMeasureParameters, "beta">): Prepared {
  checkOptions(fn, o, "{ skills, texts, k, theta, alpha, beta, skillMeasure?, textMeasure?, by?, degrees? }");
  const skills = checkInteger(fn, "skills", o.skills, 1);
  const texts = checkInteger(fn, "texts", o.texts, 1);
  const k = checkInteger(fn, "k", o.k, 1);
  const theta = checkClosed(fn, "theta", o.theta, 0, 1);
  const alpha = checkClosed(fn, "alpha", o.alpha, 0, 1);
  if (alpha === 0 || alpha === 1) throw new RangeError(`${fn}: alpha must be in the open interval (0, 1), got ${alpha}`);
  const by = checkCountBy(fn, o.by, "measure");
  const degrees = checkDegrees(fn, o.degrees);
  const p = resolveMeasure(fn, "skillMeasure", o.skillMeasure, skills);
  const w = resolveMeasure(fn, "textMeasure", o.textMeasure, texts);

  // Skill sets Z.
  let logCountSkillSets: number;
  let a: number;
  let skillSetSizes: [number, number];
  const slack = 1 - 1e-12;
  if (!p || by === "number") {
    const z = Math.min(skills, Math.max(1, Math.ceil(alpha * skills - 1e-9)));
    logCountSkillSets = logChoose(skills, z);
    skillSetSizes = [z, z];
    if (!p) {
      // Uniform μ1: by number = by measure; "mean" keeps finiteSizeBound's alpha, "bounded" its |Z|/N_s.
      a = degrees === "mean" ? alpha : z / skills;
    } else {
      const sorted = Float64Array.from(p).sort();
      a = 0;
      for (let i = 0; i < z; i++) a += sorted[i];
    }
  } else {
    const sorted = Float64Array.from(p).sort(); // ascending
    let heavy = 0;
    let mLo = skills;
    for (let m = 1; m <= skills; m++) {
      heavy += sorted[skills - m];
      if (heavy >= alpha * slack) {
        mLo = m;
        break;
      }
    }
    let light = 0;
    let j = 0;
    while (j < skills && light + sorted[j] < alpha * slack) light += sorted[j++];
    const mHi = Math.min(skills, j + 1);
    logCountSkillSets = logChooseRange(skills, mLo, Math.max(mLo, mHi));
    skillSetSizes = [mLo, Math.max(mLo, mHi)];
    a = alpha;
  }

  // Failure sets Y.
  let logCountFailureSets: number;
  let nY: number;
  let nAll: number;
  let ratio = 1;
  let effectiveTexts: number;
  let failureSetSizes: [number, number];
  if (!w) {
    const m = fractionCount(texts, theta);
    logCountFailureSets = logChoose(texts, m);
    nY = k * m;
    nAll = k * texts;
    if (degrees === "bounded" && m > 0) ratio = (theta * texts) / m;
    effectiveTexts = texts;
    failureSetSizes = [m, m];
  } else {
    const sorted = Float64Array.from(w).sort();
    const wMax = sorted[texts - 1];
    let heavy = 0;
    let yLo = 0;
    while (yLo < texts && heavy <= theta - wMax) heavy += sorted[texts - 1 - yLo++];
    let light = 0;
    let yHi = 0;
    while (yHi < texts && light + sorted[yHi] <= theta * (1 + 1e-12)) light += sorted[yHi++];
    logCountFailureSets = logChooseRange(texts, Math.min(yLo, yHi), yHi);
    nY = (k * theta) / wMax;
    nAll = k / wMax;
    effectiveTexts = 1 / wMax;
    failureSetSizes = [Math.min(yLo, yHi), yHi];
  }
  return { logCountSkillSets, logCountFailureSets, a, nY, nAll, ratio, effectiveTexts, skillSetSizes, failureSetSizes, degrees };
}

function evaluate(pr: Prepared, beta: number): FiniteSizeOfMeasureBound {
  const r = unionBoundLog({ ...pr, beta });
  return {
    logCountSkillSets: pr.logCountSkillSets,
    logCountFailureSets: pr.logCountFailureSets,
    ...r,
    alphaTail: pr.a,
    effectiveTexts: pr.effectiveTexts,
    skillSetSizes: pr.skillSetSizes,
    failureSetSizes: pr.failureSetSizes,
    holds: r.logProbabilityBound < 0,
  };
}

/**
 * The general-measure finite-size union bound of Theorem 8, term by term (this pack's derivation;
 * see the file comment). With uniform measures it equals finiteSizeBound.
 * @see {@link finiteSizeBound}
 */
export function finiteSizeBoundOfMeasure(options: FiniteSizeOfMeasureParameters): FiniteSizeOfMeasureBound {
  const fn = "finiteSizeBoundOfMeasure";
  const pr = prepare(fn, options);
  const beta = checkClosed(fn, "beta", options.beta, 0, Number.MAX_VALUE);
  return evaluate(pr, beta);
}

/** Result of {@link finiteSizeBetaMinOfMeasure}. */
export type FiniteSizeBetaMinOfMeasure =
  | { feasible: true; beta: number; competence: number; bound: FiniteSizeOfMeasureBound }
  | { feasible: false; reason: string; alphaTail: number };

/** Options of {@link finiteSizeBetaMinOfMeasure}: the parameters of the bound without beta, and a failure probability. */
export interface FiniteSizeBetaMinOfMeasureOptions extends Omit<FiniteSizeOfMeasureParameters, "beta"> {
  /** The probability (over the graph) the bound may leave, in (0, 1]. Default 0.01. */
  epsilon?: number;
}

/**
 * The smallest beta in [1, 1/a] (a = the tail's slot probability) whose general-measure finite-size
 * bound is at most `epsilon` (default 0.01), by bisection to 1e-10. Infeasible results say why.
 * @example
 * finiteSizeBetaMinOfMeasure({ skills: 1000, texts: 10000, skillMeasure: zipfMeasure({ n: 1000, exponent: 1 }), k: 8, theta: 0.1, alpha: 0.05, by: "number", epsilon: 0.05 })
 * // => { feasible: true, beta: 26.254…, competence: -1.6254…, bound: { logCountSkillSets: 195.664…, logCountFailureSets: 3246.51…, logTail: -3445.17…, logDegreeDeviation: null, eta: null, logProbabilityBound: -2.99573…, … } }
 * @see {@link finiteSizeBound}, {@link betaMinOfMeasure}
 */
export function finiteSizeBetaMinOfMeasure(options: FiniteSizeBetaMinOfMeasureOptions): FiniteSizeBetaMinOfMeasure {
  const fn = "finiteSizeBetaMinOfMeasure";
  const pr = prepare(fn, options);
  const epsilon = options.epsilon === undefined ? 0.01 : checkClosed(fn, "epsilon", options.epsilon, Number.MIN_VALUE, 1);
  const logEps = Math.log(epsilon);
  const hiBeta = 1 / pr.a;
  if (evaluate(pr, hiBeta).logProbabilityBound > logEps) {
    return {
      feasible: false,
      alphaTail: pr.a,
      reason: `${fn}: even beta = 1/a = ${hiBeta} (a = ${pr.a}) leaves the bound above epsilon = ${epsilon} (by ${options.by ?? "measure"}, degrees ${pr.degrees})`,
    };
  }
  const within = (beta: number): boolean => evaluate(pr, beta).logProbabilityBound <= logEps;
  const hi = within(1) ? 1 : bisectFirst(within, 1, hiBeta, { tolerance: 1e-10, relative: true });
  return { feasible: true, beta: hi, competence: 1 - hi * options.theta, bound: evaluate(pr, hi) };
}
