/**
 * Which tuples of skills a training corpus can have shown: occupancy (balls-in-bins) formulas.
 *
 * Two models of a corpus of T text pieces.
 *
 * 1. Whole tuples as bins (`occupancy*`). Each text piece shows one tuple drawn uniformly from M
 *    possible tuples, independently (T balls into M bins). With a = (1 - 1/M)^T:
 *      P(a given tuple never appears)         = a
 *      E[number of distinct tuples shown]     = M (1 - a)
 *      Var[number of distinct tuples shown]   = M a + M (M-1) (1 - 2/M)^T - M^2 a^2
 *    (the classical occupancy moments, e.g. Feller, An Introduction to Probability Theory, Vol. 1,
 *    Ch. II and IV). M is N^k for ordered tuples with repetition or C(N, k) for sets of k distinct
 *    skills; both are uniform when each text's skills are uniform. (Unordered multisets from i.i.d.
 *    draws are not uniform, so this model does not apply to them.)
 *
 * 2. k'-subsets of each text's skills (`tupleCover*`, `*SeenTuple*`). In the skill graph of
 *    Arora & Goyal 2023 (arXiv 2307.15936, Section 5) a text piece has k skills and thereby shows
 *    every k'-tuple (set of k' distinct skills) inside its skill set: C(k, k') of them when the k
 *    skills are distinct. For a fixed k'-tuple S, let q = P(one random text piece contains S):
 *      distinct skills:   q = C(N - k', k - k') / C(N, k) = C(k, k') / C(N, k')
 *      i.i.d. draws:      q = P(all k' skills of S occur among k uniform draws) (computed by a
 *                          small Markov chain over how many of S have been hit; no cancellation)
 *    Text pieces are independent, so P(S never shown) = (1 - q)^T and the expected fraction of
 *    k'-tuples ever shown is 1 - (1 - q)^T. The variance of the number of unseen k'-tuples U sums
 *    covariances over ordered pairs (S, S') with |S ∩ S'| = j, of which there are
 *    n_j = C(N, k') C(k', j) C(N - k', k' - j):
 *      Var U = sum_j n_j (c_j - a^2),  a = (1 - q)^T,  c_j = (1 - 2q + r_{2k'-j})^T (j < k'),  c_{k'} = a,
 *    where r_m = P(one text piece contains a given set of m distinct skills).
 *
 * All powers are evaluated as exp(T log1p(-x)) and differences through expm1 so that huge M
 * (10^40 tuples) and huge T (10^12 texts) lose no precision.
 */
import { logChoose } from "./counts";
import { checkBoolean, checkOptions, failArg } from "../validate";
import { checkBytes, checkSteps } from "../budget";
import { checkCount, checkKAtMostSkills, checkPositiveCount } from "./validate";

// ---------------------------------------------------------------------------------------------
// Argument checks

/** A size that may exceed 2^53 (counts of tuples or texts as doubles): an integer-valued double >= min. */
function checkSize(fn: string, name: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || !Number.isInteger(value) || value < min) {
    failArg(fn, name, value, `an integer >= ${min} (a finite double)`);
  }
  return value;
}

/** Options of the whole-tuple occupancy formulas. */
export interface OccupancyOptions {
  /** M, the number of possible tuples (bins), e.g. tupleCount("unorderedDistinct", N, k). */
  tuples: number;
  /** T, the number of text pieces (balls), each showing one uniformly random tuple. */
  texts: number;
}

function checkOccupancy(fn: string, o: OccupancyOptions): [number, number] {
  checkOptions(fn, o, "{ tuples, texts }");
  return [checkSize(fn, "tuples", o.tuples, 1), checkSize(fn, "texts", o.texts, 0)];
}

/** (1 - x)^T for x in [0, 1], T >= 0, as exp(T log1p(-x)), with 0^0 = 1. */
function powOneMinus(x: number, T: number): number {
  if (T === 0) return 1;
  if (x >= 1) return 0;
  return Math.exp(T * Math.log1p(-x));
}

/** 1 - (1 - x)^T, as -expm1(T log1p(-x)). */
function oneMinusPowOneMinus(x: number, T: number): number {
  if (T === 0) return 0;
  if (x >= 1) return 1;
  return -Math.expm1(T * Math.log1p(-x));
}

// ---------------------------------------------------------------------------------------------
// Model 1: whole tuples as bins

/** P(a given tuple never appears among T text pieces) = (1 - 1/M)^T (occupancy, model 1 above). */
export function occupancyUnseenProbability(options: OccupancyOptions): number {
  const [M, T] = checkOccupancy("occupancyUnseenProbability", options);
  return powOneMinus(1 / M, T);
}

/** Expected number of distinct tuples shown by T text pieces: M (1 - (1 - 1/M)^T). */
export function occupancyExpectedDistinct(options: OccupancyOptions): number {
  const [M, T] = checkOccupancy("occupancyExpectedDistinct", options);
  return M * oneMinusPowOneMinus(1 / M, T);
}

/** Expected fraction of the M tuples shown by T text pieces: 1 - (1 - 1/M)^T. */
export function occupancyExpectedFraction(options: OccupancyOptions): number {
  const [M, T] = checkOccupancy("occupancyExpectedFraction", options);
  return oneMinusPowOneMinus(1 / M, T);
}

/**
 * Variance of the number of distinct tuples shown (equal to that of the number of unseen ones):
 * M a + M(M-1) b - M^2 a^2 with a = (1-1/M)^T, b = (1-2/M)^T, evaluated without cancellation as
 * M a (1 - ((M-2)/(M-1))^T) + M^2 a^2 (((M(M-2))/(M-1)^2)^T - 1).
 */
export function occupancyDistinctVariance(options: OccupancyOptions): number {
  const [M, T] = checkOccupancy("occupancyDistinctVariance", options);
  if (T === 0 || M === 1) return 0;
  const a = powOneMinus(1 / M, T);
  const first = -M * a * Math.expm1(T * Math.log1p(-1 / (M - 1)));
  const second = M * M * a * a * Math.expm1(T * Math.log1p(-1 / ((M - 1) * (M - 1))));
  return Math.max(0, first + second);
}

// ---------------------------------------------------------------------------------------------
// Model 2: k'-subsets of each text's skill set

/** Options of the k'-subset coverage formulas. */
export interface TupleCoverOptions {
  /** N, the number of skills. */
  skills: number;
  /** k, skills per text piece. */
  k: number;
  /** k', the size of the skill tuples (sets of distinct skills) counted. */
  kPrime: number;
  /** true: a text's k skills are distinct (a uniform k-subset); false: k i.i.d. uniform draws. */
  distinct: boolean;
}

/** Options with a corpus size. */
export interface CorpusCoverOptions extends TupleCoverOptions {
  /** T, the number of text pieces. */
  texts: number;
}

/**
 * Check the k'-subset coverage options (and, with `variance`, the budget of the variance's sum over
 * intersection sizes): r_m costs m steps for distinct skills and k m steps (and 16 m bytes) for
 * i.i.d. draws.
 */
export function checkCover(fn: string, o: TupleCoverOptions, variance = false): [number, number, number, boolean] {
  checkOptions(fn, o, "{ skills, k, kPrime, distinct }");
  const N = checkPositiveCount(fn, "skills", o.skills);
  const k = checkCount(fn, "k", o.k);
  const kPrime = checkPositiveCount(fn, "kPrime", o.kPrime);
  checkBoolean(fn, "distinct", o.distinct);
  if (o.distinct) checkKAtMostSkills(fn, "k", k, N);
  checkKAtMostSkills(fn, "kPrime", kPrime, N);
  const m = Math.min(2 * kPrime, k + 1);
  const per = o.distinct ? m : k * m;
  const what = `P(a text shows a given set of up to ${m} skills)${variance ? ` for each of ${kPrime + 1} intersection sizes` : ""} with k = ${k}`;
  if (!o.distinct) checkBytes(fn, 16 * m, what, "use a smaller kPrime");
  checkSteps(fn, per * (variance ? kPrime + 1 : 1), what, "use a smaller k or kPrime");
  return [N, k, kPrime, o.distinct];
}

/**
 * r_m = P(one text piece's skills include a given set of m distinct skills).
 * Distinct: the falling-factorial ratio prod_{i<m} (k-i)/(N-i). I.i.d.: P(all m are hit in k
 * uniform draws), by the chain "j of the m hit so far" (step j -> j+1 with probability (m-j)/N).
 */
function containsSetProbability(N: number, k: number, m: number, distinct: boolean): number {
  if (m === 0) return 1;
  if (m > k || m > N) return 0;
  if (distinct) {
    let p = 1;
    for (let i = 0; i < m; i++) p *= (k - i) / (N - i);
    return p;
  }
  let dist = new Float64Array(m + 1);
  dist[0] = 1;
  let next = new Float64Array(m + 1);
  for (let draw = 0; draw < k; draw++) {
    next.fill(0);
    for (let j = 0; j <= m; j++) {
      const pj = dist[j];
      if (pj === 0) continue;
      if (j < m) {
        next[j + 1] += (pj * (m - j)) / N;
        next[j] += (pj * (N - m + j)) / N;
      } else {
        next[j] += pj;
      }
    }
    const t = dist;
    dist = next;
    next = t;
  }
  return dist[m];
}

/**
 * q = P(one random text piece shows a given k'-tuple), i.e. its skills include the k' skills.
 * With distinct skills q = C(k, k') / C(N, k'); with i.i.d. draws see `containsSetProbability`.
 * (Arora & Goyal 2023, Section 5 skill graph; used for the paper's k'-tuple counting argument.)
 * @example
 * tupleCoverProbability({ skills: 1000, k: 8, kPrime: 2, distinct: true })
 * // => 0.0000560561…
 * @see {@link expectedSeenTupleFraction}, {@link maxSeenTupleFraction}
 */
export function tupleCoverProbability(options: TupleCoverOptions): number {
  const [N, k, kPrime, distinct] = checkCover("tupleCoverProbability", options);
  return containsSetProbability(N, k, kPrime, distinct);
}

/** P(a given k'-tuple is shown by none of T random text pieces) = (1 - q)^T. */
export function tupleUnseenProbability(options: CorpusCoverOptions): number {
  const fn = "tupleUnseenProbability";
  const [N, k, kPrime, distinct] = checkCover(fn, options);
  const T = checkSize(fn, "texts", options.texts, 0);
  return powOneMinus(containsSetProbability(N, k, kPrime, distinct), T);
}

/**
 * Expected fraction of all C(N, k') k'-tuples shown at least once by T text pieces: 1 - (1 - q)^T.
 * @example
 * expectedSeenTupleFraction({ skills: 1000, k: 8, kPrime: 2, texts: 10000, distinct: true })
 * // => 0.42912…
 * @see {@link tupleCoverProbability}, {@link maxSeenTupleFraction}, {@link coverageExperiment}
 */
export function expectedSeenTupleFraction(options: CorpusCoverOptions): number {
  const fn = "expectedSeenTupleFraction";
  const [N, k, kPrime, distinct] = checkCover(fn, options);
  const T = checkSize(fn, "texts", options.texts, 0);
  return seenFraction(N, k, kPrime, distinct, T);
}

/** 1 - (1 - q)^T for checked arguments. */
export function seenFraction(N: number, k: number, kPrime: number, distinct: boolean, T: number): number {
  return oneMinusPowOneMinus(containsSetProbability(N, k, kPrime, distinct), T);
}

/**
 * Expected number of k'-tuples shown at least once: C(N, k') (1 - (1 - q)^T). Throws when it exceeds
 * the double range (C(N, k') > 1.8e308: use expectedSeenTupleFraction then).
 */
export function expectedSeenTuples(options: CorpusCoverOptions): number {
  const fn = "expectedSeenTuples";
  const [N, k, kPrime, distinct] = checkCover(fn, options);
  const T = checkSize(fn, "texts", options.texts, 0);
  const fraction = seenFraction(N, k, kPrime, distinct, T);
  const lnTotal = logChoose(N, kPrime);
  const v = fraction === 0 ? 0 : Math.exp(lnTotal + Math.log(fraction));
  if (!Number.isFinite(v)) {
    throw new RangeError(`${fn}: the expected number of k'-tuples seen is about 10^${((lnTotal + Math.log(fraction)) / Math.LN10).toFixed(1)} for skills = ${N}, kPrime = ${kPrime}, beyond the double range; use expectedSeenTupleFraction`);
  }
  return v;
}

/**
 * Variance of the number of k'-tuples shown at least once (equal to that of the unseen ones):
 * sum over intersection sizes j of n_j (c_j - a^2), see the module comment. Each c_j - a^2 is
 * evaluated as a^2 expm1(T log1p((r - q^2)/(1 - q)^2)) to avoid cancellation.
 */
export function seenTuplesVariance(options: CorpusCoverOptions): number {
  const fn = "seenTuplesVariance";
  const [N, k, kPrime, distinct] = checkCover(fn, options, true);
  const T = checkSize(fn, "texts", options.texts, 0);
  const v = seenVariance(N, k, kPrime, distinct, T);
  if (!Number.isFinite(v)) {
    throw new RangeError(`${fn}: the variance overflows a double for skills = ${N}, kPrime = ${kPrime}, texts = ${T} (C(N, k') is about 10^${(logChoose(N, kPrime) / Math.LN10).toFixed(0)})`);
  }
  return v;
}

/** log |expm1(y)| for any finite y (expm1(y) has the sign of y). */
function logAbsExpm1(y: number): number {
  return y > 0 ? y + Math.log(-Math.expm1(-y)) : Math.log(-Math.expm1(y));
}

/**
 * The variance for checked arguments. Every term n_j (c_j - a^2) is formed in logs: a = (1 - q)^T
 * underflows to 0 for a large corpus while expm1(T log1p(x)) overflows, and their product would
 * be 0 * Infinity = NaN; as exp(log n_j + 2 log a + log|expm1(T log1p(x))|) it is the tiny number it is.
 */
export function seenVariance(N: number, k: number, kPrime: number, distinct: boolean, T: number): number {
  const q = containsSetProbability(N, k, kPrime, distinct);
  if (T === 0 || q === 0 || q === 1) return 0; // q = 1: every text shows every tuple, nothing varies
  const lnTuples = logChoose(N, kPrime);
  const lnA = T * Math.log1p(-q); // log a
  let v = 0;
  for (let j = 0; j <= kPrime; j++) {
    if (2 * kPrime - j > N) continue; // no two k'-sets of N skills meet in only j skills
    const lnNj = lnTuples + logChoose(kPrime, j) + logChoose(N - kPrime, kPrime - j);
    let lnCov: number;
    let sign = 1;
    if (j === kPrime) {
      lnCov = lnA + Math.log(-Math.expm1(lnA)); // a - a^2 = a (1 - a)
    } else {
      const r = containsSetProbability(N, k, 2 * kPrime - j, distinct);
      const oneMinusQ = 1 - q;
      const x = (r - q * q) / (oneMinusQ * oneMinusQ); // (1 - 2q + r)/(1 - q)^2 = 1 + x
      const y = T * Math.log1p(x);
      if (y === 0) continue;
      sign = y > 0 ? 1 : -1;
      lnCov = 2 * lnA + logAbsExpm1(y);
    }
    v += sign * Math.exp(lnNj + lnCov);
  }
  return Math.max(0, v);
}

// ---------------------------------------------------------------------------------------------
// The counting bound (no randomness needed)

/** Options of the counting bounds on what a corpus can show. */
export interface CorpusCountOptions {
  /** N, the number of skills. */
  skills: number;
  /** k, skills per text piece. */
  k: number;
  /** k', the tuple size. */
  kPrime: number;
  /** T, the number of text pieces. */
  texts: number;
}

function checkCorpusCount(fn: string, o: CorpusCountOptions): [number, number, number, number] {
  checkOptions(fn, o, "{ skills, k, kPrime, texts }");
  const N = checkPositiveCount(fn, "skills", o.skills);
  const k = checkCount(fn, "k", o.k);
  const kPrime = checkPositiveCount(fn, "kPrime", o.kPrime);
  checkKAtMostSkills(fn, "kPrime", kPrime, N);
  const T = checkSize(fn, "texts", o.texts, 0);
  return [N, k, kPrime, T];
}

/**
 * Largest possible fraction of the C(N, k') k'-tuples that T text pieces with k skills each can
 * show, whatever the corpus: min(1, T C(k, k') / C(N, k')). Each text shows at most C(k, k')
 * k'-tuples (Arora & Goyal 2023: the "paucity of stimulus" counting).
 * @example
 * maxSeenTupleFraction({ skills: 1000, k: 8, kPrime: 2, texts: 10000 })
 * // => 0.560561…
 * @see {@link expectedSeenTupleFraction}, {@link minUnseenCompetentFraction}
 */
export function maxSeenTupleFraction(options: CorpusCountOptions): number {
  const [N, k, kPrime, T] = checkCorpusCount("maxSeenTupleFraction", options);
  if (T === 0 || kPrime > k) return 0;
  const ln = Math.log(T) + logChoose(k, kPrime) - logChoose(N, kPrime);
  return ln >= 0 ? 1 : Math.exp(ln);
}

/** Options of {@link minUnseenCompetentFraction}. */
export interface CompetenceCountOptions extends CorpusCountOptions {
  /** f, the fraction of all k'-tuples on which the model is competent (e.g. 0.1). */
  competentFraction: number;
}

/**
 * If a model is competent on a fraction f of all C(N, k') k'-tuples, at least
 * f C(N, k') - T C(k, k') of those tuples never appeared in its T training texts: this returns the
 * smallest possible fraction of the competent tuples that were never seen,
 * max(0, 1 - T C(k, k') / (f C(N, k'))). (The counting argument of Arora & Goyal 2023 for why
 * competence on even 10% of k'-tuples implies competence on combinations never seen.)
 * @example
 * minUnseenCompetentFraction({ skills: 1000, k: 8, kPrime: 2, texts: 10000, competentFraction: 0.9 })
 * // => 0.377155…
 * @see {@link maxSeenTupleFraction}, {@link skillMixUnseenShare}
 */
export function minUnseenCompetentFraction(options: CompetenceCountOptions): number {
  const fn = "minUnseenCompetentFraction";
  const [N, k, kPrime, T] = checkCorpusCount(fn, options);
  const f = options.competentFraction;
  if (typeof f !== "number" || !(f > 0 && f <= 1)) failArg(fn, "competentFraction", f, "in (0, 1]");
  if (T === 0 || kPrime > k) return 1;
  const ln = Math.log(T) + logChoose(k, kPrime) - logChoose(N, kPrime) - Math.log(f);
  return ln >= 0 ? 0 : -Math.expm1(ln);
}
