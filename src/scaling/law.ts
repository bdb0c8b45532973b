/**
 * The Chinchilla scaling law L(N, D) = E + A / N^alpha + B / D^beta (Hoffmann et al. 2022,
 * "Training Compute-Optimal Large Language Models", arXiv 2203.15556, eq. 2) and its
 * compute-optimal frontier under C = 6 N D (their eq. 4 and Appendix D.2). Loss in nats per token.
 */
import { checkFiniteResult, checkOptions, checkPositive, describeParams, failArg } from "../validate";
import { checkScalingParams } from "./validate";

/** Parameters of L(N, D) = E + A / N^alpha + B / D^beta. E is in nats per token. */
export interface ScalingParams {
  /** Irreducible loss: the entropy of natural text under the data distribution (nats/token). */
  E: number;
  /** Coefficient of the model-size term A / N^alpha (nats/token times parameters^alpha). */
  A: number;
  /** Coefficient of the data term B / D^beta (nats/token times tokens^beta). */
  B: number;
  /** Exponent of the number of parameters N. */
  alpha: number;
  /** Exponent of the number of training tokens D. */
  beta: number;
}

/**
 * Hoffmann et al. 2022, eq. 10 (Approach 3, parametric fit of the loss):
 * E = 1.69, A = 406.4, B = 410.7, alpha = 0.34, beta = 0.28, as printed in the body of the paper.
 * (The TeX source carries more digits: alpha = 0.3392, beta = 0.2849; Besiroglu et al. 2024 note
 * that the rounding shifts the predictions.)
 */
export const HOFFMANN_2022: Readonly<ScalingParams> = Object.freeze({ E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 });

/**
 * Besiroglu, Erdil, Barnett & You 2024, "Chinchilla Scaling: A replication attempt"
 * (Epoch AI, arXiv 2404.10102): the estimates printed in their paper, from a Huber-loss
 * maximum-likelihood fit to the 240 runs they extracted from Hoffmann's Figure 4 (245 runs, the 5
 * highest-loss runs dropped). Values (standard errors): E = 1.8172 (0.03), A = 482.01 (124.58),
 * B = 2085.43 (1293.23), alpha = 0.3478 (0.02), beta = 0.3658 (0.02).
 * Hoffmann's own procedure (grid of starts, L-BFGS) on the same runs gives slightly different A and B:
 * see {@link BESIROGLU_2024_REPLICATION}.
 */
export const BESIROGLU_2024: Readonly<ScalingParams> = Object.freeze({ E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 });

/** Standard errors Besiroglu et al. 2024 print (in parentheses) next to {@link BESIROGLU_2024}. */
export const BESIROGLU_2024_STD_ERR: Readonly<ScalingParams> = Object.freeze({ E: 0.03, A: 124.58, B: 1293.23, alpha: 0.02, beta: 0.02 });

/** Options of {@link chinchillaLoss} and {@link reducibleLoss}: a model size, a data size and the law. */
export interface ChinchillaLossOptions {
  /** Number of model parameters (> 0). */
  N: number;
  /** Number of training tokens (> 0). */
  D: number;
  /** The law's parameters {E, A, B, alpha, beta}. */
  params: ScalingParams;
}

/**
 * Besiroglu et al. 2024's replication of Hoffmann et al.'s own fitting procedure (Huber loss with
 * threshold 1e-3 on log residuals, summed over runs, L-BFGS from Hoffmann's grid of starts) on the same
 * 240 runs, from the notebook that accompanies their paper: E = 1.8172, A = 477.84, B = 2143.86,
 * alpha = 0.3473, beta = 0.3672. This is the procedure `fitScalingLaw` implements, so these are the
 * numbers a fit to the same runs should reproduce. The printed estimates ({@link BESIROGLU_2024}) come
 * from their maximum-likelihood fit instead.
 */
export const BESIROGLU_2024_REPLICATION: Readonly<ScalingParams> = Object.freeze({ E: 1.8172, A: 477.84, B: 2143.86, alpha: 0.3473, beta: 0.3672 });

/**
 * Reducible loss A / N^alpha + B / D^beta (nats/token): what a model of N parameters trained on D
 * tokens loses above the entropy E of text (Hoffmann et al. 2022, eq. 2).
 * @example
 * reducibleLoss({ N: 70e9, D: 1.4e12, params: HOFFMANN_2022 })
 * // => 0.246645…
 * @see {@link chinchillaLoss}, {@link reducibleLossRatio}, {@link thetaFromReducibleLoss}
 */
export function reducibleLoss(options: ChinchillaLossOptions): number {
  checkOptions("reducibleLoss", options, "{ N, D, params }");
  const N = checkPositive("reducibleLoss", "N", options.N);
  const D = checkPositive("reducibleLoss", "D", options.D);
  const p = checkScalingParams("reducibleLoss", options.params);
  return checkFiniteResult("reducibleLoss", "the reducible loss", p.A * Math.pow(N, -p.alpha) + p.B * Math.pow(D, -p.beta), `N = ${N}, D = ${D}, params = ${describeParams(p)}`);
}

/**
 * Chinchilla loss L(N, D) = E + A / N^alpha + B / D^beta in nats/token (Hoffmann et al. 2022, eq. 2).
 * @example
 * chinchillaLoss({ N: 70e9, D: 1.4e12, params: HOFFMANN_2022 })
 * // => 1.93665…
 * @see {@link reducibleLoss}, {@link computeOptimal}, {@link fitScalingLaw}
 */
export function chinchillaLoss(options: ChinchillaLossOptions): number {
  checkOptions("chinchillaLoss", options, "{ N, D, params }");
  const N = checkPositive("chinchillaLoss", "N", options.N);
  const D = checkPositive("chinchillaLoss", "D", options.D);
  const p = checkScalingParams("chinchillaLoss", options.params);
  return checkFiniteResult("chinchillaLoss", "the loss", p.E + p.A * Math.pow(N, -p.alpha) + p.B * Math.pow(D, -p.beta), `N = ${N}, D = ${D}, params = ${describeParams(p)}`);
}

/**
 * The training tokens D that a budget of C FLOPs buys a model of N parameters: D = C / (6 N), from
 * the usual estimate C ≈ 6 N D of training compute (Hoffmann et al. 2022, Section 3.3; Kaplan et al.
 * 2020, Section 2.1).
 */
export function tokensForCompute(C: number, N: number): number {
  checkPositive("tokensForCompute", "C", C);
  checkPositive("tokensForCompute", "N", N);
  const D = C / (6 * N);
  if (!(D > 0) || !Number.isFinite(D)) checkFiniteResult("tokensForCompute", "D = C/(6N)", D > 0 ? D : NaN, `C = ${C}, N = ${N}`);
  return D;
}

/** Options of {@link isoLossLevels}. */
export interface IsoLossLevelsOptions {
  /** Spacing of the levels in nats/token (default 0.2). */
  step?: number;
  /** Number of levels (default 7). */
  count?: number;
}

/**
 * Loss levels (nats/token) worth drawing as iso-loss contours of a law: from E + 0.1 rounded up to a
 * multiple of 0.1, `count` levels `step` apart (by default 7 levels over 1.2 nats above the entropy E).
 */
export function isoLossLevels(params: ScalingParams, options: IsoLossLevelsOptions = {}): number[] {
  const p = checkScalingParams("isoLossLevels", params);
  const step = checkPositive("isoLossLevels", "step", options.step ?? 0.2);
  const count = options.count ?? 7;
  const start = Math.ceil((p.E + 0.1) * 10) / 10;
  return Array.from({ length: count }, (_, j) => start + j * step);
}

/** Result of {@link computeOptimal}. */
export interface ComputeOptimum {
  /** Compute-optimal number of parameters. */
  N: number;
  /** Compute-optimal number of training tokens, D = C / (6 N). */
  D: number;
  /** L(N, D) at the optimum (nats/token). */
  loss: number;
  /** Reducible part of the loss at the optimum (nats/token). */
  reducibleLoss: number;
  /** Tokens per parameter D / N at the optimum. */
  tokensPerParameter: number;
}

/**
 * The compute-optimal allocation of a training budget of C FLOPs, C = 6 N D (Hoffmann et al. 2022,
 * eq. 4 and Appendix D.2). Minimising A N^-alpha + B (C/(6N))^-beta over N gives, in closed form,
 *   G = (alpha A / (beta B))^(1/(alpha+beta)),
 *   N_opt = G (C/6)^(beta/(alpha+beta)),   D_opt = G^-1 (C/6)^(alpha/(alpha+beta)).
 * @example
 * computeOptimal(1e21, HOFFMANN_2022)
 * // => { N: 1824220000…, D: 91363400000…, loss: 2.32888…, reducibleLoss: 0.638883…, tokensPerParameter: 50.0836… }
 * @see {@link chinchillaLoss}, {@link frontierLossExponent}, {@link computeOptimalCurve}, {@link fitScalingLaw}
 */
export function computeOptimal(C: number, params: ScalingParams): ComputeOptimum {
  return computeOptimalFor("computeOptimal", C, params);
}

/** {@link computeOptimal} for a public function `fn`: its errors name `fn`. */
export function computeOptimalFor(fn: string, C: number, params: ScalingParams): ComputeOptimum {
  checkPositive(fn, "C", C);
  const p = checkFrontierParams(fn, params);
  const r = optimum(C, p);
  const inputs = `C = ${C}, params = ${describeParams(p)}`;
  for (const key of ["N", "D", "reducibleLoss", "loss", "tokensPerParameter"] as const) {
    if (!(r[key] > 0) || !Number.isFinite(r[key])) checkFiniteResult(fn, `the compute-optimal ${key}`, r[key] > 0 ? r[key] : NaN, inputs);
  }
  return r;
}

/** Scaling parameters with A, B > 0 (a finite compute-optimal frontier needs both terms). */
export function checkFrontierParams(fn: string, params: unknown): ScalingParams {
  const p = checkScalingParams(fn, params);
  if (p.A <= 0) failArg(fn, "params.A", p.A, "> 0 for a finite compute-optimal frontier");
  if (p.B <= 0) failArg(fn, "params.B", p.B, "> 0 for a finite compute-optimal frontier");
  return p;
}

/** The closed-form optimum (arguments checked). */
function optimum(C: number, p: ScalingParams): ComputeOptimum {
  const s = p.alpha + p.beta;
  const logG = (Math.log(p.alpha * p.A) - Math.log(p.beta * p.B)) / s;
  const logC6 = Math.log(C / 6);
  const N = Math.exp(logG + (p.beta / s) * logC6);
  const D = Math.exp(-logG + (p.alpha / s) * logC6);
  const red = p.A * Math.pow(N, -p.alpha) + p.B * Math.pow(D, -p.beta);
  return { N, D, loss: p.E + red, reducibleLoss: red, tokensPerParameter: D / N };
}

/** Options of {@link reducibleLossRatio}. */
export interface ReducibleLossRatioOptions extends ChinchillaLossOptions {
  /** The factor f that multiplies both N and D (> 0). */
  factor: number;
}

/**
 * Factor by which the reducible loss falls when N and D are both multiplied by `factor`:
 * (A (fN)^-alpha + B (fD)^-beta) / (A N^-alpha + B D^-beta). Each term shrinks by f^-alpha and
 * f^-beta respectively (for f = 10 and Hoffmann's exponents: 10^-0.34 = 0.457, 10^-0.28 = 0.525).
 * @example
 * reducibleLossRatio({ N: 70e9, D: 1.4e12, factor: 10, params: HOFFMANN_2022 })
 * // => 0.501885…
 * @see {@link reducibleLoss}, {@link thetaScaleFactor}
 */
export function reducibleLossRatio(options: ReducibleLossRatioOptions): number {
  const fn = "reducibleLossRatio";
  checkOptions(fn, options, "{ N, D, factor, params }");
  const N = checkPositive(fn, "N", options.N);
  const D = checkPositive(fn, "D", options.D);
  const f = checkPositive(fn, "factor", options.factor);
  const p = checkScalingParams(fn, options.params);
  if (p.A === 0 && p.B === 0) failArg(fn, "params", describeParams(p), "a law with A > 0 or B > 0 (a zero reducible loss has no ratio)");
  // Each term in logs: A (fN)^-alpha / (A N^-alpha) = f^-alpha, so the ratio is a weighted mean of
  // f^-alpha and f^-beta with weights the two terms' shares of the reducible loss at (N, D).
  const lnA = p.A > 0 ? Math.log(p.A) - p.alpha * Math.log(N) : -Infinity;
  const lnB = p.B > 0 ? Math.log(p.B) - p.beta * Math.log(D) : -Infinity;
  const m = Math.max(lnA, lnB);
  const wA = Math.exp(lnA - m);
  const wB = Math.exp(lnB - m);
  const ratio = (wA * Math.pow(f, -p.alpha) + wB * Math.pow(f, -p.beta)) / (wA + wB);
  return checkFiniteResult(fn, "the ratio", ratio, `factor = ${f}, params = ${describeParams(p)}`);
}

/**
 * Exponent gamma of the reducible loss along the compute-optimal frontier: substituting N_opt and
 * D_opt of {@link computeOptimal} makes both terms proportional to C^(-alpha beta / (alpha + beta)),
 * so reducibleLoss(frontier at C) ∝ C^-gamma with gamma = alpha beta / (alpha + beta).
 * @example
 * frontierLossExponent(HOFFMANN_2022)
 * // => 0.153548…
 * @see {@link computeOptimal}, {@link thetaComputeFactor}
 */
export function frontierLossExponent(params: ScalingParams): number {
  const p = checkScalingParams("frontierLossExponent", params);
  return (p.alpha * p.beta) / (p.alpha + p.beta);
}

/** Options of {@link isoLossTokens}. */
export interface IsoLossTokensOptions {
  /** Number of model parameters (> 0). */
  N: number;
  /** The loss to reach (nats/token, > 0). */
  loss: number;
  params: ScalingParams;
}

/** Options of {@link isoLossParameters}. */
export interface IsoLossParametersOptions {
  /** Number of training tokens (> 0). */
  D: number;
  /** The loss to reach (nats/token, > 0). */
  loss: number;
  params: ScalingParams;
}

/**
 * Iso-loss curve: the number of tokens D at which a model of N parameters reaches `loss`, solving
 * E + A/N^alpha + B/D^beta = loss for D:  D = (B / (loss - E - A/N^alpha))^(1/beta).
 * Returns Infinity when no finite D reaches that loss (loss <= E + A/N^alpha: the model is too small).
 */
export function isoLossTokens(options: IsoLossTokensOptions): number {
  checkOptions("isoLossTokens", options, "{ N, loss, params }");
  const N = checkPositive("isoLossTokens", "N", options.N);
  const loss = checkPositive("isoLossTokens", "loss", options.loss);
  const p = checkScalingParams("isoLossTokens", options.params);
  const room = loss - p.E - p.A * Math.pow(N, -p.alpha);
  if (room <= 0) return Infinity;
  return Math.pow(p.B / room, 1 / p.beta); // Infinity also when D is beyond the double range
}

/**
 * The same iso-loss curve solved for N: the model size at which D tokens reach `loss`,
 * N = (A / (loss - E - B/D^beta))^(1/alpha). Infinity when no finite N reaches that loss.
 */
export function isoLossParameters(options: IsoLossParametersOptions): number {
  checkOptions("isoLossParameters", options, "{ D, loss, params }");
  const D = checkPositive("isoLossParameters", "D", options.D);
  const loss = checkPositive("isoLossParameters", "loss", options.loss);
  const p = checkScalingParams("isoLossParameters", options.params);
  const room = loss - p.E - p.B * Math.pow(D, -p.beta);
  if (room <= 0) return Infinity;
  return Math.pow(p.A / room, 1 / p.alpha); // Infinity also when N is beyond the double range
}
