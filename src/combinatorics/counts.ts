/**
 * How many k-tuples can be formed from N skills: exact (BigInt) and in log space.
 *
 * Arora & Goyal 2023 ("A Theory for Emergence of Complex Skills in Language Models",
 * arXiv 2307.15936) call a set of k' skills a "k'-tuple"; a text piece needing skills
 * s1..sk covers every k'-subset of them. The number of k'-tuples grows like N^k' and soon exceeds
 * any training corpus: the counting behind the paper's "paucity of stimulus" argument.
 * Yu et al. 2023 (Skill-Mix, arXiv 2310.17567) draw "random subsets of k skills" and note that
 * "the number of subsets grows like N^k".
 *
 * Four ways of counting, named by `TupleKind`:
 * - "orderedWithRepetition": sequences of k skills, repeats allowed: N^k.
 *   (1,000 skills give 1000^4 = 10^12 ordered 4-tuples.)
 * - "orderedDistinct": sequences of k distinct skills: N!/(N-k)! (falling factorial).
 * - "unorderedDistinct": sets of k distinct skills: C(N, k) (the paper's k'-tuples; Skill-Mix's subsets).
 *   (C(1000, 4) = 41,417,124,750, about 4.14·10^10.)
 * - "unorderedWithRepetition": multisets of k skills: C(N + k - 1, k).
 */
import * as gamma from "../math/gamma";
import { checkOptions, describeValue } from "../validate";
import { checkBytes, checkSteps } from "../budget";
import { checkCount, checkKAtMostSkills, checkPositiveCount } from "./validate";

/** The four ways to count k-tuples of skills (see the module comment). */
export type TupleKind = "orderedWithRepetition" | "orderedDistinct" | "unorderedDistinct" | "unorderedWithRepetition";

const TUPLE_KINDS: readonly TupleKind[] = [
  "orderedWithRepetition",
  "orderedDistinct",
  "unorderedDistinct",
  "unorderedWithRepetition",
];

function checkKind(fn: string, kind: unknown): TupleKind {
  if (!TUPLE_KINDS.includes(kind as TupleKind)) {
    throw new RangeError(`${fn}: kind must be one of ${TUPLE_KINDS.join(", ")}, got ${describeValue(kind)}`);
  }
  return kind as TupleKind;
}

/** Options of {@link tupleCount}, {@link tupleCountBig}, {@link logTupleCount} and {@link log10TupleCount}. */
export interface TupleCountOptions {
  /** How tuples are counted (see {@link TupleKind}). */
  kind: TupleKind;
  /** N, the number of skills (positive integer). */
  skills: number;
  /** k, the tuple size (non-negative integer; at most `skills` without repetition). */
  k: number;
}

/** Check the options of a count of `kind`; without repetition k must not exceed skills. */
export function checkTupleCount(fn: string, options: TupleCountOptions): [TupleKind, number, number] {
  checkOptions(fn, options, "{ kind, skills, k }");
  const kind = checkKind(fn, options.kind);
  const n = checkPositiveCount(fn, "skills", options.skills);
  const kk = checkCount(fn, "k", options.k);
  if (kind === "orderedDistinct" || kind === "unorderedDistinct") checkKAtMostSkills(fn, "k", kk, n);
  return [kind, n, kk];
}

/** Check the two counts n, k of a binomial or falling factorial. */
function checkNK(fn: string, n: unknown, k: unknown): void {
  checkCount(fn, "n", n);
  checkCount(fn, "k", k);
}

// ---------------------------------------------------------------------------------------------
// Exact counts (BigInt)

/** Binomial coefficient C(n, k) exactly, as a BigInt (0 when k > n). Multiplicative formula. */
export function chooseBig(n: number, k: number): bigint {
  checkNK("chooseBig", n, k);
  if (k > n) return 0n;
  const j = Math.min(k, n - k);
  let c = 1n;
  // After step i (1-based), c = C(n - j + i, i): each division is exact.
  for (let i = 1; i <= j; i++) c = (c * BigInt(n - j + i)) / BigInt(i);
  return c;
}

/** Falling factorial n (n-1) ... (n-k+1) exactly, as a BigInt (0 when k > n). */
export function fallingFactorialBig(n: number, k: number): bigint {
  checkNK("fallingFactorialBig", n, k);
  if (k > n) return 0n;
  let c = 1n;
  for (let i = 0; i < k; i++) c *= BigInt(n - i);
  return c;
}

/** V8's largest BigInt has 2^30 bits. */
const MAX_BIGINT_BITS = 2 ** 30;

/**
 * Number of k-tuples of `skills` skills of the given kind, exactly (BigInt).
 * @example
 * tupleCountBig({ kind: "unorderedDistinct", skills: 1000, k: 4 })
 * // => 41417124750n
 * @see {@link tupleCount}, {@link toExponentialBig}
 */
export function tupleCountBig(options: TupleCountOptions): bigint {
  const fn = "tupleCountBig";
  const [kind, n, kk] = checkTupleCount(fn, options);
  // Size of the result (bits) and work: the products multiply a growing number by small factors.
  const bits = Math.ceil(logCount(kind, n, kk) / Math.LN2) + 1;
  if (!(bits <= MAX_BIGINT_BITS)) {
    throw new RangeError(`${fn}: the ${kind} count for skills = ${n}, k = ${kk} has about ${bits.toExponential(2)} bits, beyond JavaScript's BigInt limit of 2^30 bits; use log10TupleCount`);
  }
  checkBytes(fn, bits / 8, `a BigInt of about ${bits} bits`, "use a smaller skills or k, or log10TupleCount");
  checkSteps(fn, (kind === "orderedWithRepetition" ? Math.log2(kk + 1) : Math.min(kk, n)) * (bits / 64 + 1), `a BigInt of about ${bits} bits`, "use a smaller skills or k, or log10TupleCount");
  switch (kind) {
    case "orderedWithRepetition":
      return BigInt(n) ** BigInt(kk);
    case "orderedDistinct":
      return fallingFactorialBig(n, kk);
    case "unorderedDistinct":
      return chooseBig(n, kk);
    case "unorderedWithRepetition":
      return chooseBig(n + kk - 1, kk);
  }
}

// ---------------------------------------------------------------------------------------------
// Log space

/** log n! (natural log) for a non-negative integer n: a sum of logs below 256, Stirling's series above (math/gamma). */
export function logFactorial(n: number): number {
  checkCount("logFactorial", "n", n);
  return gamma.logFactorial(n);
}

/**
 * log C(n, k) (natural log) for integers 0 <= k <= n (-Infinity when k > n, since C = 0).
 * With j = min(k, n-k): for j < 256 the sum of log((n-i)/(j-i)) over i < j; otherwise Stirling's
 * series in a cancellation-free form (math/gamma). Relative error about 1e-14 or better
 * (tested against BigInt values).
 */
export function logChoose(n: number, k: number): number {
  checkNK("logChoose", n, k);
  return gamma.logChoose(n, k);
}

/** log of the falling factorial n!/(n-k)! (-Infinity when k > n). */
export function logFallingFactorial(n: number, k: number): number {
  checkNK("logFallingFactorial", n, k);
  return gamma.logFallingFactorial(n, k);
}

/** Natural log of the number of k-tuples (arguments already checked). */
export function logCount(kind: TupleKind, n: number, kk: number): number {
  switch (kind) {
    case "orderedWithRepetition":
      return kk * Math.log(n);
    case "orderedDistinct":
      return gamma.logFallingFactorial(n, kk);
    case "unorderedDistinct":
      return gamma.logChoose(n, kk);
    case "unorderedWithRepetition":
      return gamma.logChoose(n + kk - 1, kk);
  }
}

/** Natural log of the number of k-tuples of `skills` skills of the given kind. */
export function logTupleCount(options: TupleCountOptions): number {
  const [kind, n, kk] = checkTupleCount("logTupleCount", options);
  return logCount(kind, n, kk);
}

/**
 * Base-10 log of the number of k-tuples of `skills` skills of the given kind.
 * @example
 * log10TupleCount({ kind: "unorderedDistinct", skills: 1000, k: 4 })
 * // => 10.6172…
 * @see {@link tupleCount}, {@link tupleCountBig}
 */
export function log10TupleCount(options: TupleCountOptions): number {
  const [kind, n, kk] = checkTupleCount("log10TupleCount", options);
  return logCount(kind, n, kk) / Math.LN10;
}

/**
 * Number of k-tuples as a double: exact while it is below 2^53 (computed with BigInt), otherwise
 * exp(logTupleCount) with about 1e-13 relative error. Throws when it exceeds the double range
 * (use log10TupleCount then).
 * @example
 * tupleCount({ kind: "unorderedDistinct", skills: 1000, k: 4 })
 * // => 41417124750
 * @see {@link tupleCountBig}, {@link log10TupleCount}, {@link tupleCountCurve}
 */
export function tupleCount(options: TupleCountOptions): number {
  const [kind, n, kk] = checkTupleCount("tupleCount", options);
  const ln = logCount(kind, n, kk);
  if (ln < 53 * Math.LN2 - 1e-6) return Number(tupleCountBig({ kind, skills: n, k: kk }));
  const v = Math.exp(ln);
  if (!Number.isFinite(v)) {
    throw new RangeError(
      `tupleCount: the ${options.kind} count for skills = ${options.skills}, k = ${options.k} is about 10^${(ln / Math.LN10).toFixed(1)}, beyond the double range; use log10TupleCount`,
    );
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// BigInt helpers for display and checks

/** Base-10 log of a positive BigInt (from its leading 17 digits; relative error about 1e-16). */
export function log10Big(x: bigint): number {
  if (typeof x !== "bigint" || x <= 0n) throw new RangeError(`log10Big: x must be a positive bigint, got ${String(x)}`);
  const s = x.toString();
  if (s.length <= 17) return Math.log10(Number(x));
  return Math.log10(Number(s.slice(0, 17))) + (s.length - 17);
}

/**
 * A BigInt in scientific notation like Number.prototype.toExponential, e.g.
 * toExponentialBig(41417124750n, 2) === "4.14e+10". Rounds from the leading 17 digits.
 * @example
 * toExponentialBig(tupleCountBig({ kind: "unorderedDistinct", skills: 1000, k: 4 }), 2)
 * // => "4.14e+10"
 * @see {@link tupleCountBig}
 */
export function toExponentialBig(x: bigint, fractionDigits = 2): string {
  if (typeof x !== "bigint") throw new TypeError(`toExponentialBig: x must be a bigint, got ${typeof x}`);
  checkCount("toExponentialBig", "fractionDigits", fractionDigits);
  if (fractionDigits > 15) throw new RangeError(`toExponentialBig: fractionDigits must be <= 15, got ${fractionDigits}`);
  if (x < 0n) return "-" + toExponentialBig(-x, fractionDigits);
  if (x === 0n) return (0).toExponential(fractionDigits);
  const s = x.toString();
  const headDigits = Math.min(17, s.length);
  const [mant, exp] = Number(s.slice(0, headDigits)).toExponential(fractionDigits).split("e");
  return `${mant}e+${Number(exp) + s.length - headDigits}`;
}
