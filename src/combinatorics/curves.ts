/**
 * Pure-theory sweeps of the counting argument (Arora & Goyal 2023, arXiv 2307.15936: the k'-tuple
 * counting behind "paucity of stimulus"): tuple counts against the number of skills, and the
 * fraction of k'-tuples a corpus can show against its size. One point per swept value, for a figure.
 */
import { checkBoolean, checkNumberList, checkOptions, failArg } from "../validate";
import { checkBytes } from "../budget";
import { checkTupleCount, logCount, type TupleKind } from "./counts";
import { checkCover, maxSeenTupleFraction, seenFraction } from "./occupancy";
import { checkCount, checkPositiveCount } from "./validate";

/** Bytes of one point object of a curve (a small plain object). */
const POINT_BYTES = 120;

/** Options of {@link tupleCountCurve}. */
export interface TupleCountCurveOptions {
  /** Numbers of skills N, e.g. [100, 300, 1000, ..., 1e5]. */
  skills: ArrayLike<number>;
  /** Tuple sizes k'. */
  kPrimes: ArrayLike<number>;
  /** How tuples are counted (default "unorderedDistinct", the paper's k'-tuples). */
  kind?: TupleKind;
}

/** One (N, k') of {@link tupleCountCurve}. */
export interface TupleCountPoint {
  kind: TupleKind;
  skills: number;
  kPrime: number;
  /** log10 of the number of k'-tuples of N skills. */
  log10Count: number;
}

/**
 * log10 of the number of k'-tuples for every N in `skills` and every k' in `kPrimes` (k' outer, N inner).
 * @example
 * tupleCountCurve({ skills: [100, 1000], kPrimes: [2, 3] })
 * // => 4 items: [{ kind: "unorderedDistinct", skills: 100, kPrime: 2, log10Count: 3.69461… }, …]
 * @see {@link tupleCount}, {@link tupleCountsFigure}
 */
export function tupleCountCurve(options: TupleCountCurveOptions): TupleCountPoint[] {
  const fn = "tupleCountCurve";
  checkOptions(fn, options, "{ skills, kPrimes, kind? }");
  const skills = checkNumberList(fn, "skills", options.skills, checkPositiveCount);
  const kPrimes = checkNumberList(fn, "kPrimes", options.kPrimes, checkCount);
  const kind = options.kind ?? "unorderedDistinct";
  checkBytes(fn, POINT_BYTES * skills.length * kPrimes.length, `${skills.length} x ${kPrimes.length} points`, "use fewer skills or kPrimes");
  // Every (N, k') checked with this function's name before any point is computed.
  for (const kPrime of kPrimes) for (const N of skills) checkTupleCount(fn, { kind, skills: N, k: kPrime });
  return kPrimes.flatMap((kPrime) => skills.map((N) => ({ kind, skills: N, kPrime, log10Count: logCount(kind, N, kPrime) / Math.LN10 })));
}

/** Options of {@link tupleCoverageCurve}. */
export interface TupleCoverageCurveOptions {
  /** N, the number of skills. */
  skills: number;
  /** k, skills per text piece. */
  k: number;
  /** Tuple sizes k'. */
  kPrimes: ArrayLike<number>;
  /** Corpus sizes T (positive integers). */
  texts: ArrayLike<number>;
  /** Draw model of the random corpus (default true: distinct skills per text). */
  distinct?: boolean;
}

/** One (k', T) of {@link tupleCoverageCurve}. */
export interface TupleCoveragePoint {
  skills: number;
  k: number;
  kPrime: number;
  texts: number;
  distinct: boolean;
  /** A random corpus: 1 - (1 - q)^T ({@link expectedSeenTupleFraction}). */
  expectedFraction: number;
  /** Any corpus at all: min(1, T C(k, k') / C(N, k')) ({@link maxSeenTupleFraction}). */
  maxFraction: number;
}

/**
 * The fraction of all k'-tuples a corpus of T text pieces can show, for every k' and T (k' outer,
 * T inner): expected for a random corpus, and the most any corpus can show.
 * @example
 * tupleCoverageCurve({ skills: 1000, k: 8, kPrimes: [2, 3], texts: [1e3, 1e4], distinct: true })
 * // => 4 items: [{ skills: 1000, k: 8, kPrime: 2, texts: 1000, distinct: true, expectedFraction: 0.0545154…, … }, …]
 * @see {@link expectedSeenTupleFraction}, {@link tupleCoverageFigure}
 */
export function tupleCoverageCurve(options: TupleCoverageCurveOptions): TupleCoveragePoint[] {
  const fn = "tupleCoverageCurve";
  checkOptions(fn, options, "{ skills, k, kPrimes, texts, distinct? }");
  const kPrimes = checkNumberList(fn, "kPrimes", options.kPrimes, checkPositiveCount);
  const texts = checkNumberList(fn, "texts", options.texts, (f, n, v) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || !Number.isFinite(v)) failArg(f, n, v, "a corpus size: an integer >= 0 (a finite double)");
    return v;
  });
  const distinct = checkBoolean(fn, "distinct", options.distinct ?? true);
  const { skills, k } = options;
  checkBytes(fn, POINT_BYTES * kPrimes.length * texts.length, `${kPrimes.length} x ${texts.length} points`, "use fewer kPrimes or texts");
  for (const kPrime of kPrimes) checkCover(fn, { skills, k, kPrime, distinct });
  return kPrimes.flatMap((kPrime) =>
    texts.map((T) => ({
      skills,
      k,
      kPrime,
      texts: T,
      distinct,
      expectedFraction: seenFraction(skills, k, kPrime, distinct, T),
      maxFraction: maxSeenTupleFraction({ skills, k, kPrime, texts: T }),
    })),
  );
}
