/**
 * Emergence versus scale: drive the theory of Arora & Goyal 2023 (arXiv 2307.15936 v2) with a
 * Chinchilla scaling law (Hoffmann et al. 2022): compute C -> compute-optimal (N, D) -> reducible
 * loss delta -> theta (failed text pieces) -> guaranteed competence on k'-tuples of skills
 * (Theorem 8 / 14). And Takeaway 1 (v2, Sec. 7, item 1, p. 11: "reducing theta by a factor 2 (... roughly one
 * order of scaling up ...) has the effect of raising competence on 2k'-tuples to at least the same level as
 * what it was on k'-tuples before scaling"): the scale factor that halves theta.
 */
import { checkFrontierParams, computeOptimalFor, type ScalingParams } from "../scaling/law";
import { checkScalingParams } from "../scaling/validate";
import { performanceCurve } from "./performanceCurve";
import { checkFiniteResult, checkFraction, checkInteger, checkNumberList, checkOpen, checkOptions, checkPositive, describeParams, describeValue } from "../validate";
import { scanThenBisect } from "../math/bisect";
import { thetaBound } from "./cloze";

/** The guarantee for one tuple size at one scale. */
export interface TupleGuarantee {
  /** Tuple size k'. */
  kPrime: number;
  /** theta' = kPrime theta, the failed fraction of k'-pieces (union bound). */
  thetaPrime: number;
  /** Whether there is a guarantee (false when theta' >= 1). */
  feasible: boolean;
  /** The alpha' <= alpha whose guarantee is reported (see performanceCurve's envelope); null when infeasible. */
  alphaUsed: number | null;
  /** Smallest beta satisfying the condition at alphaUsed (null when infeasible). */
  betaMin: number | null;
  /** Best competence 1 - betaMin theta' guaranteed to at least 1 - alpha of the k'-tuples (null when infeasible). */
  competence: number | null;
  /** True when the guarantee is empty (competence <= 0, or infeasible). */
  vacuous: boolean;
  /** Why infeasible (absent when feasible). */
  reason?: string;
}

/** One compute budget of {@link emergenceVsScale}. */
export interface EmergenceAtScale {
  /** Training compute C (FLOPs). */
  compute: number;
  /** Compute-optimal parameters. */
  N: number;
  /** Compute-optimal training tokens. */
  D: number;
  /** L(N, D) (nats/token). */
  loss: number;
  /** Reducible loss delta = L - E (nats/token). */
  reducibleLoss: number;
  /** theta = min(1, thetaFactor delta). */
  theta: number;
  /** One guarantee per requested kPrime, in order. */
  tuples: TupleGuarantee[];
}

/** Options of {@link emergenceVsScale}. */
export interface EmergenceVsScaleOptions {
  /** Scaling-law parameters {E, A, B, alpha, beta} (e.g. HOFFMANN_2022 or a fit). */
  params: ScalingParams;
  /** Compute budgets C in FLOPs (each > 0). */
  computes: ArrayLike<number>;
  /** Skills per text piece (positive integer). */
  k: number;
  /** Fraction of k'-tuples allowed below the guaranteed competence, in (0, 1). */
  alpha: number;
  /** Tuple sizes. Default [1, 2, 4, 8]. */
  kPrimes?: ArrayLike<number>;
  /** theta = thetaFactor delta (see thetaFromReducibleLoss). Default 2. */
  thetaFactor?: number;
}

/**
 * For each compute budget C: the compute-optimal (N, D) of the scaling law (C = 6 N D), its reducible
 * loss delta, theta = min(1, thetaFactor delta), and for each k' the best competence that at least
 * 1 - alpha of the k'-tuples of skills are guaranteed (Theorem 8 for k' = 1, Theorem 14 with
 * theta' = k' theta for k' > 1; the monotone envelope of performanceCurve). The link theta <= 2 delta is
 * this pack's derivation (Markov's inequality) from the paper's failure threshold, a cloze loss of "at
 * least 1/2" (v2, p. 8); see thetaFromReducibleLoss. Infeasible and vacuous guarantees are flagged, never NaN.
 * @example
 * emergenceVsScale({ params: HOFFMANN_2022, computes: [1e21, 1e23], k: 8, alpha: 0.05, kPrimes: [1, 2], thetaFactor: 2 })
 * // => [{ compute: 1e+21, N: 1824220000…, D: 91363400000…, loss: 2.32888…, reducibleLoss: 0.638883…, theta: 1, … }, { compute: 1e+23, N: 14598300000…, D: 1141680000000…, loss: 2.00501…, reducibleLoss: 0.31501…, theta: 0.63002…, … }]
 * @see {@link emergenceCompute}, {@link thetaScaleFactor}, {@link emergenceVsScaleFigure}
 */
export function emergenceVsScale(options: EmergenceVsScaleOptions): EmergenceAtScale[] {
  const fn = "emergenceVsScale";
  checkOptions(fn, options, "{ params, computes, k, alpha, kPrimes?, thetaFactor? }");
  const computes = checkNumberList(fn, "computes", options.computes, checkPositive);
  const k = checkInteger(fn, "k", options.k, 1);
  const alpha = checkFraction(fn, "alpha", options.alpha);
  const kPrimes = checkNumberList(fn, "kPrimes", options.kPrimes ?? [1, 2, 4, 8], (f, n, v) => checkInteger(f, n, v, 1));
  const thetaFactor = checkPositive(fn, "thetaFactor", options.thetaFactor ?? 2);
  const params = checkFrontierParams(fn, options.params);
  return computes.map((compute): EmergenceAtScale => {
    const opt = computeOptimalFor(fn, compute, params);
    const theta = thetaBound(opt.reducibleLoss, thetaFactor);
    const tuples = kPrimes.map((kPrime): TupleGuarantee => {
      const thetaPrime = kPrime * theta;
      if (!(theta > 0 && thetaPrime < 1)) {
        return {
          kPrime,
          thetaPrime,
          feasible: false,
          alphaUsed: null,
          betaMin: null,
          competence: null,
          vacuous: true,
          reason: `${fn}: theta' = kPrime*theta = ${kPrime}*${theta} = ${thetaPrime} is not in (0, 1): no guarantee`,
        };
      }
      const [pt] = performanceCurve({ theta, k, kPrime, alphas: [alpha] });
      const g: TupleGuarantee = { kPrime, thetaPrime, feasible: pt.feasible, alphaUsed: pt.alphaUsed, betaMin: pt.betaMin, competence: pt.competence, vacuous: pt.vacuous };
      if (pt.reason !== undefined) g.reason = pt.reason;
      return g;
    });
    return { compute, N: opt.N, D: opt.D, loss: opt.loss, reducibleLoss: opt.reducibleLoss, theta, tuples };
  });
}

/** Options of {@link thetaScaleFactor}. */
export interface ThetaScaleFactorOptions {
  /** Scaling-law parameters. */
  params: ScalingParams;
  /** Current number of parameters (> 0). */
  N: number;
  /** Current number of training tokens (> 0). */
  D: number;
  /** Target ratio theta_new / theta_old = delta_new / delta_old, in (0, 1). Default 0.5 (halving). */
  ratio?: number;
}

/** Result of {@link thetaScaleFactor}. */
export interface ThetaScaleFactor {
  /** s: multiply both N and D by s. */
  factor: number;
  /** s^2: the compute multiplier (C = 6 N D). */
  computeFactor: number;
}

function reducible(params: ScalingParams, N: number, D: number): number {
  return params.A * Math.pow(N, -params.alpha) + params.B * Math.pow(D, -params.beta);
}

/**
 * Takeaway 1 of Arora & Goyal 2023 (Sec. 7), computed: the factor s by which N and D must both be multiplied so
 * that the reducible loss (hence the bound theta <= factor delta) falls to `ratio` times
 * its value, i.e. A (sN)^-a + B (sD)^-b = ratio (A N^-a + B D^-b). The left side decreases strictly in
 * s, so bisection on log s after doubling a bracket finds the unique root (to relative 1e-12). For
 * ratio = 1/2 s lies between 2^(1/a) and 2^(1/b) (7.7 and 11.9 for Hoffmann's a = 0.34, b = 0.28):
 * the paper's "roughly one order of scaling up" (Sec. 7, p. 11).
 * @example
 * thetaScaleFactor({ params: HOFFMANN_2022, N: 70e9, D: 1.4e12 })
 * // => { factor: 10.1269…, computeFactor: 102.553… }
 * @see {@link thetaComputeFactor}, {@link reducibleLossRatio}
 */
export function thetaScaleFactor(options: ThetaScaleFactorOptions): ThetaScaleFactor {
  const fn = "thetaScaleFactor";
  checkOptions(fn, options, "{ params, N, D, ratio? }");
  const N = checkPositive(fn, "N", options.N);
  const D = checkPositive(fn, "D", options.D);
  const ratio = checkOpen(fn, "ratio", options.ratio ?? 0.5, 0, 1);
  const p = checkScalingParams(fn, options.params);
  for (const key of ["A", "B"] as const) checkPositive(fn, `params.${key}`, p[key]);
  const target = ratio * reducible(p, N, D);
  const g = (logS: number): number => reducible(p, N * Math.exp(logS), D * Math.exp(logS)) - target;
  let lo = 0;
  let hi = 1;
  while (g(hi) > 0) {
    lo = hi;
    hi *= 2;
    if (hi > 1e4) throw new RangeError(`${fn}: no finite scale reaches ratio ${ratio} (exponents too small?)`);
  }
  for (let i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, hi); i++) {
    const mid = 0.5 * (lo + hi);
    if (g(mid) > 0) lo = mid;
    else hi = mid;
  }
  const factor = Math.exp(0.5 * (lo + hi));
  const inputs = `N = ${N}, D = ${D}, ratio = ${ratio}, params = ${describeParams(p)}`;
  return { factor: checkFiniteResult(fn, "the scale factor", factor, inputs), computeFactor: checkFiniteResult(fn, "the compute factor", factor * factor, inputs) };
}

/** Options of {@link thetaComputeFactor}. */
export interface ThetaComputeFactorOptions {
  /** Scaling-law parameters. */
  params: ScalingParams;
  /** Current compute budget (FLOPs, > 0); the model is compute-optimal. */
  compute: number;
  /** Target ratio of reducible losses (= of thetas), in (0, 1). Default 0.5. */
  ratio?: number;
}

/**
 * Takeaway 1 along the compute-optimal frontier: the compute multiplier that takes the compute-optimal
 * reducible loss (and theta) to `ratio` times its value, found by bisection on log C with
 * {@link computeOptimal}. (On the frontier the reducible loss falls as C^(-a b / (a + b)), so the answer
 * is ratio^(-(a + b) / (a b)), about 90x compute for Hoffmann's exponents.)
 * @example
 * thetaComputeFactor({ params: HOFFMANN_2022, compute: 6 * 70e9 * 1.4e12 })
 * // => 91.3039…
 * @see {@link thetaScaleFactor}, {@link frontierLossExponent}
 */
export function thetaComputeFactor(options: ThetaComputeFactorOptions): number {
  const fn = "thetaComputeFactor";
  checkOptions(fn, options, "{ params, compute, ratio? }");
  const C = checkPositive(fn, "compute", options.compute);
  const ratio = checkOpen(fn, "ratio", options.ratio ?? 0.5, 0, 1);
  const params = checkFrontierParams(fn, options.params);
  const base = computeOptimalFor(fn, C, params).reducibleLoss;
  // Stop doubling where C e^logF leaves the double range.
  const logRoom = Math.log(Number.MAX_VALUE) - Math.log(C);
  const g = (logF: number): number => computeOptimalFor(fn, C * Math.exp(logF), params).reducibleLoss - ratio * base;
  let lo = 0;
  let hi = Math.min(1, logRoom);
  while (g(hi) > 0) {
    lo = hi;
    if (hi >= logRoom) throw new RangeError(`${fn}: no finite compute reaches ratio ${ratio} from compute = ${C} with params = ${describeParams(params)}`);
    hi = Math.min(2 * hi, logRoom);
  }
  for (let i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, hi); i++) {
    const mid = 0.5 * (lo + hi);
    if (g(mid) > 0) lo = mid;
    else hi = mid;
  }
  return checkFiniteResult(fn, "the compute factor", Math.exp(0.5 * (lo + hi)), `compute = ${C}, ratio = ${ratio}, params = ${describeParams(params)}`);
}

/** Options of {@link emergenceCompute}. */
export interface EmergenceComputeOptions {
  /** Scaling-law parameters. */
  params: ScalingParams;
  /** Skills per text piece (positive integer). */
  k: number;
  /** Fraction of k'-tuples allowed below the guarantee, in (0, 1). */
  alpha: number;
  /** Tuple size (positive integer). Default 1. */
  kPrime?: number;
  /** The guaranteed competence that counts as "emerged", in [0, 1). Default 0 (first non-vacuous guarantee). */
  competence?: number;
  /** theta = thetaFactor delta. Default 2. */
  thetaFactor?: number;
  /** Search range of compute budgets in FLOPs. Default [1e6, 1e60]. */
  range?: [number, number];
}

/** Result of {@link emergenceCompute}. */
export type EmergenceComputeResult =
  | { reached: true; compute: number; N: number; D: number; reducibleLoss: number; theta: number; competence: number }
  | { reached: false; reason: string };

/**
 * ln of the smallest compute budget C in [cLo, cHi] at which `reaches(C)` holds: scan log C upward
 * (20 points per decade) for the first budget that reaches, then bisect between it and the previous
 * grid point (to 1e-10 in ln C); NaN when no grid budget reaches. (A scan, not a bisection over the
 * whole range: the guarantees are known to rise with C over realistic budgets, not proved to do so
 * over [1e6, 1e60].) Shared by emergenceCompute and frequencyEmergenceCompute.
 */
export function firstLogComputeReaching(reaches: (C: number) => boolean, cLo: number, cHi: number): number {
  const lnLo = Math.log(cLo);
  const lnHi = Math.log(cHi);
  const steps = Math.max(1, Math.ceil(((lnHi - lnLo) / Math.LN10) * 20));
  return scanThenBisect((lnC) => reaches(Math.exp(lnC)), lnLo, lnHi, steps);
}

/** Guaranteed competence at compute C (or -Infinity when there is no guarantee); non-decreasing in C. */
function guaranteeAt(C: number, o: { params: ScalingParams; k: number; alpha: number; kPrime: number; thetaFactor: number; fn: string }): number {
  const opt = computeOptimalFor(o.fn, C, o.params);
  const theta = thetaBound(opt.reducibleLoss, o.thetaFactor);
  if (!(theta > 0 && o.kPrime * theta < 1)) return -Infinity;
  const [pt] = performanceCurve({ theta, k: o.k, kPrime: o.kPrime, alphas: [o.alpha] });
  return pt.competence === null ? -Infinity : pt.competence;
}

/**
 * The compute budget at which k'-tuples "emerge": the smallest C (compute-optimal model) whose
 * guaranteed competence for at least 1 - alpha of the k'-tuples reaches `competence`
 * (Arora & Goyal 2023, Theorems 8 / 14, driven by a Chinchilla law). Over realistic budgets the
 * guarantee rises with C (delta falls with C, and 1 - beta_min theta' falls with theta'): a scan of log C
 * finds the first budget that reaches the target and bisection refines it (to relative 1e-10 in log C). By Corollary 13, the threshold for 2k'-tuples is the threshold for
 * k'-tuples times the compute that halves theta (see {@link thetaComputeFactor}), while theta is not capped.
 * @example
 * emergenceCompute({ params: HOFFMANN_2022, k: 8, alpha: 0.05, kPrime: 2, thetaFactor: 2 })
 * // => { reached: true, compute: 6.316331306769741e+28, N: 6079490000000…, D: 1731600000000000…, reducibleLoss: 0.0405203…, theta: 0.0810406…, … }
 * @see {@link emergenceVsScale}, {@link frequencyEmergenceCompute}
 */
export function emergenceCompute(options: EmergenceComputeOptions): EmergenceComputeResult {
  const fn = "emergenceCompute";
  checkOptions(fn, options, "{ params, k, alpha, kPrime?, competence?, thetaFactor?, range? }");
  const k = checkInteger(fn, "k", options.k, 1);
  const alpha = checkFraction(fn, "alpha", options.alpha);
  const kPrime = checkInteger(fn, "kPrime", options.kPrime ?? 1, 1);
  const target = options.competence ?? 0;
  if (typeof target !== "number" || !Number.isFinite(target) || target < 0 || target >= 1) {
    throw new RangeError(`${fn}: competence must be a finite number in [0, 1), got ${String(target)}`);
  }
  const thetaFactor = checkPositive(fn, "thetaFactor", options.thetaFactor ?? 2);
  const range = options.range ?? [1e6, 1e60];
  if (!Array.isArray(range) || range.length !== 2) throw new TypeError(`${fn}: range must be [lo, hi] in FLOPs, got ${describeValue(range)}`);
  const [cLo, cHi] = range;
  checkPositive(fn, "range[0]", cLo);
  checkPositive(fn, "range[1]", cHi);
  if (!(cHi > cLo)) throw new RangeError(`${fn}: range must be [lo, hi] with lo < hi, got [${cLo}, ${cHi}]`);
  const o = { params: checkFrontierParams(fn, options.params), k, alpha, kPrime, thetaFactor, fn };
  const hi = firstLogComputeReaching((C) => guaranteeAt(C, o) >= target, cLo, cHi);
  if (Number.isNaN(hi)) {
    return { reached: false, reason: `${fn}: no budget in [${cLo}, ${cHi}] FLOPs guarantees competence ${target} to 1 - ${alpha} of the ${kPrime}-tuples` };
  }
  const compute = Math.exp(hi);
  const opt = computeOptimalFor(fn, compute, o.params);
  const theta = thetaBound(opt.reducibleLoss, thetaFactor);
  return { reached: true, compute, N: opt.N, D: opt.D, reducibleLoss: opt.reducibleLoss, theta, competence: guaranteeAt(compute, o) };
}
