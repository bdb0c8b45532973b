/**
 * Performance curves of Arora & Goyal 2023 (arXiv 2307.15936 v2), Theorem 8 for single skills and
 * Theorem 14 / Corollary 13 for k'-tuples of skills.
 */
import { betaMin } from "./theorem8";
import { checkBoolean, checkFraction, checkInteger, checkNumberList, checkOpen, checkOptions } from "../validate";
import { checkBytes } from "../budget";

/** One point of a performance curve: the guarantee for one alpha. */
export interface PerformancePoint {
  /** Fraction of skills (or k'-tuples) allowed below the guaranteed competence. */
  alpha: number;
  /** Whether some beta <= 1/alpha satisfies the condition. */
  feasible: boolean;
  /** The smallest beta satisfying the condition (null when infeasible). */
  betaMin: number | null;
  /** 1 - betaMin theta' with theta' = kPrime theta (null when infeasible). */
  competence: number | null;
  /** True when the guaranteed competence is below 0 (the bound says nothing). */
  vacuous: boolean;
  /** Why the point is infeasible (absent when feasible). */
  reason?: string;
}

/** Options of {@link performanceCurve}. */
export interface PerformanceCurveOptions {
  /** Fraction of failed text pieces, in (0, 1). */
  theta: number;
  /** Skills per text piece (positive integer). */
  k: number;
  /** Size of the skill tuples (1 = single skills, Theorem 8). Default 1. */
  kPrime?: number;
  /** The alphas at which to evaluate the guarantee, each in (0, 1). */
  alphas: ArrayLike<number>;
}

/**
 * The performance curve: for each alpha, the competence 1 - beta_min theta' that at least 1 - alpha of
 * the k'-tuples of skills are guaranteed (Arora & Goyal 2023, Theorem 8 for kPrime = 1, Theorem 14
 * for kPrime > 1).
 *
 * How k'-tuples are handled (our rendering of the paper's tensorization argument, Sec. 5.1; the
 * k'-piece construction is this pack's wording, not checked against the text): glue k' random text pieces into one
 * "k'-piece"; it fails when any of its pieces fails, so the failed fraction of k'-pieces is at most
 * theta' = kPrime theta (union bound). Theorem 8's condition is then applied with theta' in place of
 * theta and the same k. That this is the right scaling is pinned down by Corollary 13 (v2, Sec. 5.1.1):
 * when model M1 is scaled to M2 so that the loss falls from delta to delta/k', "the performance curve
 * inferred by our method for k'-tuples of skills using M2 is identical" to the curve for individual
 * skills using M1, i.e. the curve at (theta / k', kPrime) equals the curve at (theta, 1); with theta' = kPrime (theta / kPrime) computed
 * here it does, exactly whenever kPrime (theta/kPrime) rounds back to theta (always for powers of two).
 * (Charging the k'-piece with k kPrime skills instead would only strengthen the bound; the paper's
 * curves, and this function, use the conservative form.)
 *
 * When theta' >= 1 every point is infeasible (the union bound says nothing).
 */
export function performanceCurve(options: PerformanceCurveOptions): PerformancePoint[] {
  const fn = "performanceCurve";
  checkOptions(fn, options, "{ theta, k, kPrime?, alphas }");
  const theta = checkOpen(fn, "theta", options.theta, 0, 1);
  const k = checkInteger(fn, "k", options.k, 1);
  const kPrime = checkInteger(fn, "kPrime", options.kPrime ?? 1, 1);
  const alphas = checkNumberList(fn, "alphas", options.alphas, checkFraction);
  const thetaPrime = kPrime * theta;
  return alphas.map((alpha): PerformancePoint => {
    if (thetaPrime >= 1) {
      return {
        alpha,
        feasible: false,
        betaMin: null,
        competence: null,
        vacuous: true,
        reason: `performanceCurve: theta' = kPrime*theta = ${kPrime}*${theta} = ${thetaPrime} >= 1: the union bound over a k'-piece says nothing`,
      };
    }
    const r = betaMin({ theta: thetaPrime, k, alpha });
    if (!r.feasible) return { alpha, feasible: false, betaMin: null, competence: null, vacuous: true, reason: r.reason };
    const competence = 1 - r.beta * thetaPrime;
    return { alpha, feasible: true, betaMin: r.beta, competence, vacuous: competence < 0 };
  });
}

/** Options of {@link alphaGrid}. */
export interface AlphaGridOptions {
  /** Smallest alpha, in (0, 1). Default 0.001. */
  from?: number;
  /** Largest alpha, in (from, 1). Default 0.5. */
  to?: number;
  /** Number of points (>= 2). Default 100. */
  count?: number;
  /** Logarithmic spacing (default true) or linear. */
  log?: boolean;
}

/** A grid of alphas for {@link performanceCurve}: `count` points from `from` to `to`, log-spaced by default. */
export function alphaGrid(options: AlphaGridOptions = {}): Float64Array {
  const fn = "alphaGrid";
  checkOptions(fn, options, "{ from?, to?, count?, log? }");
  const from = checkOpen(fn, "from", options.from ?? 0.001, 0, 1);
  const to = checkOpen(fn, "to", options.to ?? 0.5, 0, 1);
  if (!(to > from)) throw new RangeError(`${fn}: to must be > from, got from=${from}, to=${to}`);
  const count = checkInteger(fn, "count", options.count ?? 100, 2);
  checkBytes(fn, 8 * count, `${count} alphas`, "use a smaller count");
  const log = checkBoolean(fn, "log", options.log ?? true);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const t = i / (count - 1);
    out[i] = log ? Math.exp(Math.log(from) + t * (Math.log(to) - Math.log(from))) : from + t * (to - from);
  }
  out[0] = from;
  out[count - 1] = to;
  return out;
}
