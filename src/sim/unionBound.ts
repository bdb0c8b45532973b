/**
 * The tail terms of the union bound behind Theorem 8 (Arora & Goyal 2023), in the two forms this
 * pack computes (internal to sim/; used by finiteSize and finiteSizeMeasure).
 *
 * Fix a skill set Z (each slot of a text piece lands in Z with probability a, independently) and a
 * failure set Y. If every skill of Z fails at rate >= beta·theta, the failed edges of Z are at least
 * beta·theta times ALL edges of Z.
 *
 * - "mean" (the paper's form, as this pack reconstructs its proof): the edges of Z are taken at their
 *   mean, so Y must send a fraction beta·a of its edges into Z instead of a:
 *   P <= exp(−nY · KL(beta·a || a)), nY = the number of Y's edges (k|Y| for uniform pieces).
 *   This ignores that Z's degree is random; on small graphs (few pieces per skill) the lowest-degree
 *   skills have far fewer edges than the mean and the "bound" can be exceeded.
 * - "bounded" (this pack's derivation, rigorous for independent slots): split on Z's degree. Either
 *   some Z of the counted size has at most (1 − eta) of its mean number of edges, probability
 *   <= #Z · exp(−nAll · KL((1 − eta)·a || a)) (lower Chernoff tail, nAll = all edges), or Z has more,
 *   and then Y must send at least beta·(1 − eta)·a of its edges into Z:
 *   <= #Z · #Y · exp(−nY · KL(beta·(1 − eta)·a || a)). The split point eta is optimised.
 * Both Chernoff tails also hold when the k skills of a piece are distinct and uniform (the number of
 * them in Z is hypergeometric, whose moment generating function is at most the binomial one:
 * Hoeffding 1963, Theorem 4). With weighted pieces nY and nAll become effective counts (see
 * finiteSizeMeasure).
 */
import { klBernoulli } from "../math/entropy";
import { logAddExp } from "../math/logSumExp";
import { describeValue } from "../validate";

/** The two forms of the tail: Z's degree at its mean (the paper's) or bounded below (this pack's). */
export type DegreeForm = "mean" | "bounded";

/** Check a `degrees` option ("mean" or "bounded"; default "mean"). */
export function checkDegrees(fn: string, v: unknown): DegreeForm {
  const d = v ?? "mean";
  if (d !== "mean" && d !== "bounded") throw new RangeError(`${fn}: degrees must be "mean" or "bounded", got ${describeValue(d)}`);
  return d;
}

/** Inputs of {@link unionBoundLog}: everything already reduced to numbers. */
export interface UnionBoundInputs {
  /** ln(number of skill sets Z in the union). */
  logCountSkillSets: number;
  /** ln(number of failure sets Y in the union). */
  logCountFailureSets: number;
  /** Effective number of Y's edges (k·|Y| for uniform pieces). */
  nY: number;
  /** Effective number of all edges (k·N_t for uniform pieces); used by "bounded". */
  nAll: number;
  /** Probability that one slot lands in Z (a lower bound on it when Z varies). */
  a: number;
  /** Multiplier of theta in the threshold. */
  beta: number;
  /** Threshold correction: the bad event needs beta·ratio·a of Y's edges (1 unless |Y| was rounded). */
  ratio: number;
  degrees: DegreeForm;
}

/** Terms of the union bound (natural logs). */
export interface UnionBoundTerms {
  /** ln of the tail of one pair (Y, Z) (for "bounded": at the optimal eta, the pair part). */
  logTail: number;
  /** "bounded": ln of the probability that some Z has at most (1 − eta) of its mean degree; null for "mean". */
  logDegreeDeviation: number | null;
  /** "bounded": the optimal split eta; null for "mean". */
  eta: number | null;
  /** ln of the whole bound on P(some Y, Z is bad). */
  logProbabilityBound: number;
}

/** KL(x || a) above the mean only (0 at or below a), capped at x = 1. */
function upperTailKl(x: number, a: number): number {
  return x > a ? klBernoulli(Math.min(1, x), a) : 0;
}

/**
 * ln of the union bound, in the "mean" or the "bounded" form (see the file comment). For "bounded"
 * the split eta in [0, 1) is chosen by a grid of 64 points followed by golden-section refinement of
 * ln(degree term + pair term).
 */
export function unionBoundLog(o: UnionBoundInputs): UnionBoundTerms {
  const x = o.beta * o.ratio * o.a;
  const countAll = o.logCountSkillSets + o.logCountFailureSets;
  if (x > 1 + 1e-12) {
    // Y cannot send more than all its edges into Z: the event is impossible.
    return { logTail: -Infinity, logDegreeDeviation: o.degrees === "mean" ? null : -Infinity, eta: o.degrees === "mean" ? null : 0, logProbabilityBound: -Infinity };
  }
  if (o.degrees === "mean") {
    const logTail = -o.nY * upperTailKl(x, o.a);
    return { logTail, logDegreeDeviation: null, eta: null, logProbabilityBound: countAll + logTail };
  }
  const deg = (eta: number): number => (eta <= 0 ? o.logCountSkillSets : o.logCountSkillSets - o.nAll * klBernoulli((1 - eta) * o.a, o.a));
  const pair = (eta: number): number => countAll - o.nY * upperTailKl(x * (1 - eta), o.a);
  const total = (eta: number): number => logAddExp(deg(eta), pair(eta));
  let bestEta = 0;
  let best = total(0);
  const grid = 64;
  for (let i = 1; i < grid; i++) {
    const eta = i / grid;
    const v = total(eta);
    if (v < best) {
      best = v;
      bestEta = eta;
    }
  }
  let lo = Math.max(0, bestEta - 1 / grid);
  let hi = Math.min(1 - 1e-12, bestEta + 1 / grid);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = hi - g * (hi - lo);
  let d = lo + g * (hi - lo);
  let fc = total(c);
  let fd = total(d);
  for (let i = 0; i < 80; i++) {
    if (fc < fd) {
      hi = d;
      d = c;
      fd = fc;
      c = hi - g * (hi - lo);
      fc = total(c);
    } else {
      lo = c;
      c = d;
      fc = fd;
      d = lo + g * (hi - lo);
      fd = total(d);
    }
  }
  for (const eta of [c, d]) {
    const v = total(eta);
    if (v < best) {
      best = v;
      bestEta = eta;
    }
  }
  return { logTail: pair(bestEta) - countAll, logDegreeDeviation: deg(bestEta), eta: bestEta, logProbabilityBound: best };
}
