/**
 * Performance curves of Arora & Goyal 2023 (arXiv 2307.15936 v2), Theorem 8 for single skills and
 * Theorem 14 / Corollary 13 for k'-tuples of skills.
 */
import { binaryEntropy } from "./entropy";
import { betaMin } from "./theorem8";
import { checkBoolean, checkFraction, checkInteger, checkNumberList, checkOpen, checkOptions } from "../validate";
import { checkBytes } from "../budget";

/** Theorem 8's root at one alpha itself, before the envelope (see {@link PerformancePoint.raw}). */
export interface PerformanceRoot {
  /** Whether some beta <= 1/alpha satisfies the condition at this very alpha. */
  feasible: boolean;
  /** The smallest beta satisfying the condition at this alpha (null when infeasible). */
  betaMin: number | null;
  /** 1 - betaMin theta' at this alpha (null when infeasible; may be <= 0). */
  competence: number | null;
  /** True when infeasible or when the competence is <= 0 (the bound says nothing). */
  vacuous: boolean;
  /** Why this alpha is infeasible (absent when feasible). */
  reason?: string;
}

/** One point of a performance curve: the best guarantee for a fraction alpha of lagging skills. */
export interface PerformancePoint {
  /** Fraction of skills (or k'-tuples) allowed below the guaranteed competence. */
  alpha: number;
  /** Whether there is a guarantee for this alpha (false only when theta' = kPrime theta >= 1). */
  feasible: boolean;
  /** The alpha' <= alpha whose guarantee is reported: alpha itself, or the largest feasible alpha'. */
  alphaUsed: number | null;
  /** The smallest beta satisfying the condition at alphaUsed (null when infeasible). */
  betaMin: number | null;
  /**
   * The best competence 1 - beta_min(alpha') theta' over all alpha' <= alpha: at least 1 - alpha of the
   * skills (k'-tuples) reach it. Non-decreasing in alpha. Null when infeasible; may be <= 0 (vacuous).
   */
  competence: number | null;
  /** True when there is no guarantee or it is empty (competence <= 0). */
  vacuous: boolean;
  /** Why there is no guarantee (absent when feasible). */
  reason?: string;
  /** Theorem 8's root at alpha itself; it has a gap where alpha is too large for the condition. */
  raw: PerformanceRoot;
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

function rootAt(thetaPrime: number, k: number, alpha: number): PerformanceRoot {
  const r = betaMin({ theta: thetaPrime, k, alpha });
  if (!r.feasible) return { feasible: false, betaMin: null, competence: null, vacuous: true, reason: r.reason };
  const competence = 1 - r.beta * thetaPrime;
  return { feasible: true, betaMin: r.beta, competence, vacuous: !(competence > 0) };
}

/**
 * The largest alpha at which Theorem 8's condition can hold for (theta', k), found by bisection to
 * machine precision with betaMin's own feasibility test. The feasible alphas form the interval
 * (0, alphaEdge) with alphaEdge = exp(-H(theta') / (k theta')): the condition at beta = 1/alpha reads
 * H(theta') < k theta' log(1/alpha).
 */
function largestFeasibleAlpha(thetaPrime: number, k: number): number | null {
  const feasible = (alpha: number): boolean => alpha > 0 && alpha < 1 && betaMin({ theta: thetaPrime, k, alpha }).feasible;
  const edge = Math.exp(-binaryEntropy(thetaPrime) / (k * thetaPrime));
  let lo = edge / 2;
  for (let i = 0; i < 1100 && lo > 0 && !feasible(lo); i++) lo /= 2;
  if (!feasible(lo)) return null; // alphaEdge below the smallest double: no representable alpha works
  let hi = Math.min(edge * (1 + 1e-9), 1 - Number.EPSILON);
  if (feasible(hi)) return hi;
  for (let i = 0; i < 2000; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (feasible(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The performance curve: for each alpha, the best competence that at least 1 - alpha of the k'-tuples
 * of skills are guaranteed (Arora & Goyal 2023, Theorem 8 for kPrime = 1, Theorem 14 for kPrime > 1).
 *
 * A monotone envelope. Theorem 8 at alpha' says "at most alpha' N_s skills fail at rate >= beta theta'",
 * which is also a guarantee for every alpha >= alpha'. So the curve reports, for each alpha, the best
 * guarantee over all alpha' <= alpha, and the alpha' that attains it (`alphaUsed`); Theorem 8's own root
 * at alpha is kept in `raw`. Where the root exists it is already the best: on the feasible interval
 * (0, alphaEdge) the root beta_min(alpha) strictly decreases in alpha, so 1 - beta_min theta' increases.
 * (Proof: write x = beta alpha, KL(x || alpha) = H(theta')/(k theta'). Implicit differentiation gives
 * alpha dx/dalpha = (x - alpha) / ((1 - alpha) L) with L = log(x (1 - alpha) / (alpha (1 - x))), and
 * L >= (x - alpha)/x + (x - alpha)/(1 - alpha) from log t >= 1 - 1/t twice, so alpha dx/dalpha < x, i.e.
 * d(x/alpha)/dalpha < 0.) Beyond alphaEdge = exp(-H(theta')/(k theta')) the condition cannot hold at any
 * beta <= 1/alpha and the root has a gap; the envelope there carries the guarantee of the largest
 * feasible alpha' (about 1 - theta' / alphaEdge). So the envelope is non-decreasing and has no gap:
 * every alpha in (0, 1) has a feasible alpha' below it.
 *
 * How k'-tuples are handled: the paper glues k' random text pieces into one "k'-piece", where "error
 * now means an erroneous answer on any cloze question in the entire k'-piece" (v2, p. 10). A k'-piece
 * fails when any of its pieces fails, so the failed fraction of k'-pieces is at most
 * theta' = kPrime theta (union bound). Theorem 8's condition is then applied with theta' in place of
 * theta and the same k (our reconstruction of that step). Corollary 13 (v2, Sec. 5.1.1, p. 10) pins the
 * scaling down: when model M1 is
 * scaled to M2 so that the loss falls from delta to delta/k', "the performance curve inferred by our
 * method for k'-tuples of skills using M2 is identical to the curve inferred for individual skills on
 * model M1", i.e. the curve at (theta / k', kPrime) equals the curve at (theta, 1). With
 * theta' = kPrime (theta / kPrime) computed here it does, exactly whenever kPrime (theta/kPrime) rounds
 * back to theta (always for powers of two). (Charging the k'-piece with k kPrime skills instead would
 * only strengthen the bound; this function uses the conservative form.)
 *
 * When theta' >= 1 every point is infeasible (the union bound over a k'-piece says nothing).
 * @example
 * performanceCurve({ theta: 0.1, k: 2, alphas: [0.1, 0.3] })
 * // => [{ alpha: 0.1, feasible: true, alphaUsed: 0.1, betaMin: 8.68743…, competence: 0.131257…, vacuous: false, … }, { alpha: 0.3, feasible: true, alphaUsed: 0.19683, betaMin: 5.08053…, competence: 0.491947…, vacuous: false, … }]
 * @see {@link betaMin}, {@link theorem8Condition}, {@link alphaGrid}, {@link performanceCurveFigure}
 */
export function performanceCurve(options: PerformanceCurveOptions): PerformancePoint[] {
  const fn = "performanceCurve";
  checkOptions(fn, options, "{ theta, k, kPrime?, alphas }");
  const theta = checkOpen(fn, "theta", options.theta, 0, 1);
  const k = checkInteger(fn, "k", options.k, 1);
  const kPrime = checkInteger(fn, "kPrime", options.kPrime ?? 1, 1);
  const alphas = checkNumberList(fn, "alphas", options.alphas, checkFraction);
  const thetaPrime = kPrime * theta;
  if (thetaPrime >= 1) {
    const reason =
      `${fn}: theta' = kPrime*theta = ${kPrime}*${theta} = ${thetaPrime} >= 1: the union bound over a k'-piece says nothing ` +
      `(lower theta or kPrime so that kPrime*theta < 1)`;
    const raw: PerformanceRoot = { feasible: false, betaMin: null, competence: null, vacuous: true, reason };
    return alphas.map((alpha) => ({ alpha, feasible: false, alphaUsed: null, betaMin: null, competence: null, vacuous: true, reason, raw: { ...raw } }));
  }
  const roots = alphas.map((alpha) => rootAt(thetaPrime, k, alpha));
  let edge: { alpha: number; root: PerformanceRoot } | null | undefined;
  const edgeRoot = (): { alpha: number; root: PerformanceRoot } | null => {
    if (edge === undefined) {
      const a = largestFeasibleAlpha(thetaPrime, k);
      edge = a === null ? null : { alpha: a, root: rootAt(thetaPrime, k, a) };
    }
    return edge;
  };
  // Running best over the requested alphas in increasing order: every root computed at some
  // alpha_j <= alpha is a guarantee for alpha too. By the monotonicity above it never beats the
  // choice below except by rounding; this keeps the curve monotone in floating point as well.
  const order = alphas.map((_, i) => i).sort((a, b) => alphas[a] - alphas[b]);
  const runningBest: { alpha: number; root: PerformanceRoot }[] = new Array(alphas.length);
  let best: { alpha: number; root: PerformanceRoot } | null = null;
  for (const i of order) {
    let candidate = { alpha: alphas[i], root: roots[i] };
    if (!roots[i].feasible) {
      const e = edgeRoot();
      if (e !== null && e.alpha <= alphas[i]) candidate = e;
    }
    if (best === null || (candidate.root.competence !== null && (best.root.competence === null || candidate.root.competence > best.root.competence))) best = candidate;
    runningBest[i] = best;
  }
  return alphas.map((alpha, i): PerformancePoint => {
    const b = runningBest[i];
    if (b.root.competence === null || b.root.betaMin === null) {
      // Unreachable for theta' < 1 (there are always feasible alphas below alphaEdge > 0); a typed answer all the same.
      return { alpha, feasible: false, alphaUsed: null, betaMin: null, competence: null, vacuous: true, reason: roots[i].reason, raw: roots[i] };
    }
    return { alpha, feasible: true, alphaUsed: b.alpha, betaMin: b.root.betaMin, competence: b.root.competence, vacuous: !(b.root.competence > 0), raw: roots[i] };
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

/**
 * A grid of alphas for {@link performanceCurve}: `count` points from `from` to `to`, log-spaced by default.
 * @example
 * alphaGrid({ from: 0.1, to: 0.5, count: 3 })
 * // => Float64Array [0.1, 0.223607…, 0.5]
 * @see {@link performanceCurve}, {@link valueGrid}
 */
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
