/**
 * Theorem 8 of Arora & Goyal 2023 (arXiv 2307.15936 v2) when skills are not equally frequent.
 *
 * What the paper says (v2): the analysis extends to skills drawn from a measure μ1 and text pieces
 * weighted by a measure μ2, where "a fraction of skills" means their μ1-measure, and Sec. 7 draws the
 * consequence that "k′-tuples that include more frequent skills will tend to emerge faster". The
 * exact general-measure statement is not quoted here.
 *
 * Our reconstruction (the union bound × Chernoff argument of the uniform case, redone with measures):
 * each of the k slots of a text piece holds a skill drawn independently from μ1, so a slot lands in a
 * skill set Z with probability μ1(Z). Fix Z with μ1(Z) >= alpha and Y with μ2(Y) <= theta. If every skill
 * of Z failed at rate >= beta·theta, the failed share of Z's edges would be beta·theta times Z's
 * expected share, i.e. Y would send a fraction beta·μ1(Z) of its edges into Z instead of μ1(Z); Chernoff
 * bounds that by exp(−k·theta·N_t·KL(beta·μ1(Z) || μ1(Z))) for uniform pieces, and KL(beta·a || a)
 * grows with a, so alpha may replace μ1(Z). The union over Z and Y is unchanged in the limit
 * N_t >> N_s, so the condition is Theorem 8's condition with alpha read as a MEASURE:
 *
 *   H(theta) < k·theta·KL(beta·alpha || alpha)  ⇒  w.h.p., for every Y of measure theta, the skills that
 *   fail at rate >= beta·theta have μ1-measure < alpha.
 *
 * Three consequences computed below:
 * - by number: any ceil(alpha·N_s) skills have measure >= the measure alpha_mu of the ceil(alpha·N_s)
 *   RAREST skills, so "at most alpha of the skills by number" holds at beta_min(alpha_mu), not at
 *   beta_min(alpha) (under Zipf skills alpha_mu << alpha and the bound by number is much weaker);
 * - per skill: a skill of measure p cannot belong to a failing set of measure < p, so it is guaranteed
 *   competence 1 − beta_min(p)·theta (frequent skills first);
 * - per k′-tuple: a k′-piece fails when one of its pieces fails, so a tuple of skills of measures
 *   p_1 … p_k′ is guaranteed 1 − theta·Σ beta_min(p_i).
 * With uniform μ1 (p = 1/N_s) by measure and by number coincide and everything is the uniform theory.
 */
import { computeOptimal, type ScalingParams } from "../scaling/law";
import { thetaFromReducibleLoss } from "./cloze";
import { firstLogComputeReaching } from "./emergence";
import { betaMin, type BetaMinResult } from "./theorem8";
import { checkInteger, checkNumberList, checkOpen, checkOptions, checkPositive, describeValue } from "../validate";

/** μ1 as given (internal): a non-empty array of finite weights >= 0 summing to 1, copied. */
export function checkMeasure(fn: string, p: unknown): Float64Array {
  if (!(p instanceof Float64Array) && !Array.isArray(p)) {
    throw new TypeError(`${fn}: skillMeasure must be an array of skill probabilities (e.g. zipfMeasure(...) or graph.skillMeasure), got ${describeValue(p)}`);
  }
  const a = Float64Array.from(p as ArrayLike<number>);
  if (a.length === 0) throw new RangeError(`${fn}: skillMeasure must be non-empty`);
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]) || a[i] < 0) throw new RangeError(`${fn}: skillMeasure[${i}] must be a finite number >= 0, got ${a[i]}`);
    total += a[i];
  }
  if (Math.abs(total - 1) > 1e-9) throw new RangeError(`${fn}: skillMeasure must sum to 1 (a normalised measure), got a sum of ${total}`);
  return a;
}

/** The measure of the rarest skills: what "alpha of the skills by number" is worth in μ1-measure. */
export interface RarestSkills {
  /** ceil(alpha·N_s) (at least 1). */
  count: number;
  /** Their total μ1-measure alpha_mu (the smallest measure any `count` skills can have). */
  measure: number;
}

/** Options of {@link rarestSkillsMeasure}. */
export interface RarestSkillsMeasureOptions {
  /** μ1, normalised (sums to 1). */
  skillMeasure: ArrayLike<number>;
  /** Fraction of the skills by number, in (0, 1). */
  alpha: number;
}

/**
 * The ceil(alpha·N_s) rarest skills of a normalised skill measure and their total measure.
 * @example
 * rarestSkillsMeasure({ skillMeasure: zipfMeasure({ n: 4, exponent: 1 }), alpha: 0.5 })
 * // => { count: 2, measure: 0.28 }
 * @see {@link betaMinOfMeasure}, {@link zipfMeasure}
 */
export function rarestSkillsMeasure(options: RarestSkillsMeasureOptions): RarestSkills {
  const fn = "rarestSkillsMeasure";
  checkOptions(fn, options, "{ skillMeasure, alpha }");
  const p = checkMeasure(fn, options.skillMeasure);
  const alpha = checkOpen(fn, "alpha", options.alpha, 0, 1);
  return rarestOf(p, alpha);
}

/** The rarest skills of a checked measure p at a checked alpha in (0, 1) (internal). */
function rarestOf(p: Float64Array, alpha: number): RarestSkills {
  const count = Math.min(p.length, Math.max(1, Math.ceil(alpha * p.length - 1e-9)));
  const sorted = Float64Array.from(p).sort();
  let measure = 0;
  for (let i = 0; i < count; i++) measure += sorted[i];
  return { count, measure };
}

/** Options of {@link betaMinOfMeasure}. */
export interface BetaMinOfMeasureOptions {
  theta: number;
  k: number;
  /** Fraction of skills allowed to fail, counted `by`. */
  alpha: number;
  /** "measure" (default): alpha is a μ1-measure. "number": alpha is a fraction of N_s. */
  by?: "number" | "measure";
  /** μ1, normalised (needed for by: "number"; ignored by measure). */
  skillMeasure?: ArrayLike<number>;
}

/**
 * beta_min of Theorem 8 in the general-measure reading (our reconstruction, see the file comment):
 * by measure it is betaMin at alpha; by number it is betaMin at alpha_mu, the measure of the
 * ceil(alpha·N_s) rarest skills. The result carries `alphaMeasure`, the alpha actually used.
 * @example
 * betaMinOfMeasure({ theta: 0.1, k: 8, alpha: 0.05, by: "number", skillMeasure: zipfMeasure({ n: 1000, exponent: 1 }) })
 * // => { feasible: true, beta: 25.2214…, competence: -1.52214…, alphaMeasure: 0.00684887… }
 * @see {@link betaMin}, {@link rarestSkillsMeasure}, {@link finiteSizeBetaMinOfMeasure}
 */
export function betaMinOfMeasure(options: BetaMinOfMeasureOptions): BetaMinResult & { alphaMeasure: number } {
  const fn = "betaMinOfMeasure";
  checkOptions(fn, options, "{ theta, k, alpha, by?, skillMeasure? }");
  const by = options.by ?? "measure";
  if (by !== "number" && by !== "measure") throw new RangeError(`${fn}: by must be "number" or "measure", got ${describeValue(by)}`);
  const theta = checkOpen(fn, "theta", options.theta, 0, 1);
  const k = checkInteger(fn, "k", options.k, 1);
  const alpha = checkOpen(fn, "alpha", options.alpha, 0, 1);
  let alphaMeasure = alpha;
  if (by === "number") {
    if (options.skillMeasure === undefined) throw new TypeError(`${fn}: by "number" needs skillMeasure (the normalised μ1)`);
    alphaMeasure = rarestOf(checkMeasure(fn, options.skillMeasure), alpha).measure;
    if (!(alphaMeasure > 0 && alphaMeasure < 1)) {
      return { feasible: false, reason: `${fn}: the rarest ceil(alpha·N_s) skills have measure ${alphaMeasure}, not in (0, 1): no bound by number`, alphaMeasure };
    }
  }
  return { ...betaMin({ theta, k, alpha: alphaMeasure }), alphaMeasure };
}

/** Per-skill guarantees of {@link skillGuarantees}. */
export interface SkillGuarantees {
  /** beta_min(p_s) of each skill (Infinity when no beta <= 1/p_s works, or p_s = 0). */
  beta: Float64Array;
  /** 1 − beta_min(p_s)·theta (−Infinity when there is no guarantee; negative = vacuous). */
  competence: Float64Array;
}

/** Options of {@link skillGuarantees}. */
export interface SkillGuaranteesOptions {
  theta: number;
  k: number;
  /** μ1, normalised (sums to 1). */
  skillMeasure: ArrayLike<number>;
}

/**
 * The competence each skill is guaranteed on its own, 1 − beta_min(p_s)·theta (our reconstruction:
 * a skill of measure p cannot be in a failing set of measure below p, so the general-measure
 * Theorem 8 at alpha just below p covers it). Frequent skills get the better guarantee.
 * @example
 * skillGuarantees({ theta: 0.1, k: 8, skillMeasure: zipfMeasure({ n: 4, exponent: 1 }) })
 * // => { beta: Float64Array [1.87998…, 2.77773…, 3.46465…, 4.06269…], competence: Float64Array [0.812002…, 0.722227…, 0.653535…, 0.593731…] }
 * @see {@link betaMinOfMeasure}, {@link skillGuaranteeFigure}
 */
export function skillGuarantees(options: SkillGuaranteesOptions): SkillGuarantees {
  const fn = "skillGuarantees";
  checkOptions(fn, options, "{ theta, k, skillMeasure }");
  const p = checkMeasure(fn, options.skillMeasure);
  const theta = checkOpen(fn, "theta", options.theta, 0, 1);
  const k = checkInteger(fn, "k", options.k, 1);
  const beta = new Float64Array(p.length);
  const competence = new Float64Array(p.length);
  const cache = new Map<number, number>();
  for (let s = 0; s < p.length; s++) {
    const ps = p[s];
    let b = cache.get(ps);
    if (b === undefined) {
      const r = ps > 0 && ps < 1 ? betaMin({ theta, k, alpha: ps }) : null;
      b = r && r.feasible ? r.beta : Infinity;
      cache.set(ps, b);
    }
    beta[s] = b;
    competence[s] = b === Infinity ? -Infinity : 1 - b * theta;
  }
  return { beta, competence };
}

/** Options of {@link tupleGuaranteeOfMeasure}. */
export interface TupleGuaranteeOfMeasureOptions {
  theta: number;
  k: number;
  /** The μ1-measures p_1 … p_k′ of the tuple's skills, each in (0, 1). */
  measures: ArrayLike<number>;
}

/** The guarantee of {@link tupleGuaranteeOfMeasure} for one k′-tuple of skills. */
export interface TupleGuaranteeOfMeasure {
  /** 1 − theta·Σ beta_min(p_i); null when some skill of the tuple has no beta_min. */
  competence: number | null;
  /** true when there is no guarantee or it is below 0. */
  vacuous: boolean;
}

/**
 * The guarantee for one k′-tuple of skills of measures p_1 … p_k′, 1 − theta·Σ beta_min(p_i) (our
 * reconstruction; see the file comment), or null when one of its skills has none.
 */
export function tupleGuaranteeOfMeasure(options: TupleGuaranteeOfMeasureOptions): TupleGuaranteeOfMeasure {
  const fn = "tupleGuaranteeOfMeasure";
  checkOptions(fn, options, "{ theta, k, measures }");
  const theta = checkOpen(fn, "theta", options.theta, 0, 1);
  const k = checkInteger(fn, "k", options.k, 1);
  const ms = checkNumberList(fn, "measures", options.measures, (f, n, v) => checkOpen(f, n, v, 0, 1));
  let sum = 0;
  for (const p of ms) {
    const r = betaMin({ theta, k, alpha: p });
    if (!r.feasible) return { competence: null, vacuous: true };
    sum += r.beta;
  }
  const competence = 1 - theta * sum;
  return { competence, vacuous: competence < 0 };
}

/** One named k′-tuple of skill measures, for {@link frequencyEmergenceCurve}. */
export interface MeasureTuple {
  /** Legend name, e.g. "2 frequent skills". */
  name: string;
  /** The μ1-measures of its skills. */
  measures: ArrayLike<number>;
}

/** One compute budget of {@link frequencyEmergenceCurve}. */
export interface FrequencyEmergencePoint {
  compute: number;
  N: number;
  D: number;
  reducibleLoss: number;
  theta: number;
  /** Per tuple, in order: guaranteed competence (null: none), and whether it is vacuous (< 0 or none). */
  tuples: { name: string; competence: number | null; vacuous: boolean }[];
}

/** Options of {@link frequencyEmergenceCurve}. */
export interface FrequencyEmergenceCurveOptions {
  /** The scaling law whose compute-optimal frontier sets N, D and the reducible loss. */
  params: ScalingParams;
  /** Compute budgets C in FLOPs. */
  computes: ArrayLike<number>;
  /** Skills per text piece. */
  k: number;
  /** The tuples to follow. */
  tuples: readonly MeasureTuple[];
  /** theta = thetaFactor delta (see thetaFromReducibleLoss). Default 2. */
  thetaFactor?: number;
}

/**
 * Emergence versus scale for tuples of skills of given measures: compute C -> compute-optimal (N, D)
 * of a scaling law -> reducible loss delta -> theta = min(1, thetaFactor·delta) (as emergenceVsScale)
 * -> the per-tuple guarantee 1 − theta·Σ beta_min(p_i) (our reconstruction; see the file comment).
 * @example
 * frequencyEmergenceCurve({ params: HOFFMANN_2022, computes: [1e21, 1e23], k: 8, thetaFactor: 2, tuples: [{ name: "rare pair", measures: [1e-4, 1e-4] }] })
 * // => [{ compute: 1e+21, N: 1824220000…, D: 91363400000…, reducibleLoss: 0.638883…, theta: 1, tuples: 1 items: [{…}, …] }, { compute: 1e+23, N: 14598300000…, D: 1141680000000…, reducibleLoss: 0.31501…, theta: 0.63002…, tuples: 1 items: [{…}, …] }]
 * @see {@link frequencyEmergenceCompute}, {@link emergenceVsScale}, {@link frequencyEmergenceFigure}
 */
export function frequencyEmergenceCurve(options: FrequencyEmergenceCurveOptions): FrequencyEmergencePoint[] {
  const fn = "frequencyEmergenceCurve";
  checkOptions(fn, options, "{ params, computes, k, tuples, thetaFactor? }");
  const computes = checkNumberList(fn, "computes", options.computes, checkPositive);
  const k = checkInteger(fn, "k", options.k, 1);
  const thetaFactor = checkPositive(fn, "thetaFactor", options.thetaFactor ?? 2);
  const tuples = checkTuples(fn, options.tuples);
  return computes.map((compute) => {
    const opt = computeOptimal(compute, options.params);
    const theta = thetaFromReducibleLoss(opt.reducibleLoss, { factor: thetaFactor });
    return {
      compute,
      N: opt.N,
      D: opt.D,
      reducibleLoss: opt.reducibleLoss,
      theta,
      tuples: tuples.map((t) => ({ name: t.name, ...(theta > 0 && theta < 1 ? tupleGuaranteeOfMeasure({ theta, k, measures: t.measures }) : { competence: null, vacuous: true }) })),
    };
  });
}

function checkTuples(fn: string, tuples: unknown): MeasureTuple[] {
  if (!Array.isArray(tuples) || tuples.length === 0) throw new TypeError(`${fn}: tuples must be a non-empty array of { name, measures }, got ${describeValue(tuples)}`);
  return tuples.map((t, i) => {
    if (!t || typeof t.name !== "string") throw new TypeError(`${fn}: tuples[${i}] must be { name, measures }, got ${describeValue(t)}`);
    checkNumberList(fn, `tuples[${i}].measures`, t.measures, (f, n, v) => checkOpen(f, n, v, 0, 1));
    return t as MeasureTuple;
  });
}

/** Options of {@link frequencyEmergenceCompute}. */
export interface FrequencyEmergenceComputeOptions {
  /** The scaling law whose compute-optimal frontier sets the reducible loss. */
  params: ScalingParams;
  /** Skills per text piece. */
  k: number;
  /** The μ1-measures of the tuple's skills, each in (0, 1). */
  measures: ArrayLike<number>;
  /** The competence the guarantee must reach, in [0, 1). Default 0. */
  competence?: number;
  /** theta = thetaFactor delta. Default 2. */
  thetaFactor?: number;
  /** Search range of compute budgets in FLOPs. Default [1e6, 1e60]. */
  range?: [number, number];
}

/** Result of {@link frequencyEmergenceCompute}. */
export type FrequencyEmergenceComputeResult =
  | { reached: true; compute: number; theta: number }
  | { reached: false; reason: string };

/**
 * The compute budget at which a tuple of skills of the given measures "emerges": the smallest C
 * (compute-optimal, as emergenceCompute) whose guarantee 1 − theta·Σ beta_min(p_i) reaches
 * `competence` (default 0). A scan of log C (20 points per decade) and bisection, as emergenceCompute.
 * @example
 * frequencyEmergenceCompute({ params: HOFFMANN_2022, k: 8, thetaFactor: 2, measures: [1e-4, 1e-4] })
 * // => { reached: true, compute: 5.849532750005422e+44, theta: 0.00028645… }
 * @see {@link frequencyEmergenceCurve}, {@link emergenceCompute}
 */
export function frequencyEmergenceCompute(options: FrequencyEmergenceComputeOptions): FrequencyEmergenceComputeResult {
  const fn = "frequencyEmergenceCompute";
  checkOptions(fn, options, "{ params, k, measures, competence?, thetaFactor?, range? }");
  const k = checkInteger(fn, "k", options.k, 1);
  const measures = checkNumberList(fn, "measures", options.measures, (f, n, v) => checkOpen(f, n, v, 0, 1));
  const target = options.competence ?? 0;
  if (typeof target !== "number" || !(target >= 0 && target < 1)) throw new RangeError(`${fn}: competence must be a number in [0, 1), got ${describeValue(target)}`);
  const thetaFactor = checkPositive(fn, "thetaFactor", options.thetaFactor ?? 2);
  const [cLo, cHi] = options.range ?? [1e6, 1e60];
  checkPositive(fn, "range[0]", cLo);
  checkPositive(fn, "range[1]", cHi);
  if (!(cHi > cLo)) throw new RangeError(`${fn}: range must be [lo, hi] with lo < hi, got [${cLo}, ${cHi}]`);
  const at = (C: number): number => {
    const theta = thetaFromReducibleLoss(computeOptimal(C, options.params).reducibleLoss, { factor: thetaFactor });
    if (!(theta > 0 && theta < 1)) return -Infinity;
    const g = tupleGuaranteeOfMeasure({ theta, k, measures });
    return g.competence === null ? -Infinity : g.competence;
  };
  const hi = firstLogComputeReaching((C) => at(C) >= target, cLo, cHi);
  if (Number.isNaN(hi)) return { reached: false, reason: `${fn}: no budget in [${cLo}, ${cHi}] FLOPs guarantees competence ${target} to this tuple` };
  const compute = Math.exp(hi);
  return { reached: true, compute, theta: thetaFromReducibleLoss(computeOptimal(compute, options.params).reducibleLoss, { factor: thetaFactor }) };
}
