/**
 * Which k'-tuples (sets of k' distinct skills) a corpus of text pieces shows: counted exactly for a
 * given skill graph, and for a seeded random corpus (the random skill graph).
 */
import type { SkillGraph } from "../graphs/skillGraph";
import { checkSkillGraphBudget, skillGraph } from "../graphs/skillGraph";
import { logChoose } from "../math/gamma";
import { checkBytes, checkSteps } from "../budget";
import { toRng, type RngOrSeed } from "../random/rng";
import { checkBoolean, checkOptions, failArg } from "../validate";
import { checkCount, checkKAtMostSkills, checkPositiveCount } from "./validate";

/** What a corpus showed. */
export interface TupleCoverage {
  /** Number of distinct k'-tuples shown by at least one text piece. */
  seen: number;
  /** C(N, k'), the number of possible k'-tuples. */
  total: number;
  /** seen / total. */
  seenFraction: number;
}

/** The fields of a SkillGraph that coverage counting reads. */
export type TextSkills = Pick<SkillGraph, "skills" | "texts" | "k" | "textSkills">;

/** Bitmaps up to this many tuples (32 MiB); a Set beyond. */
const BITMAP_LIMIT = 2 ** 28;

/** Marks k'-tuples by their combinadic rank sum_i C(c_i, i) (c_1 < ... < c_k' ascending, i from 1). */
class TupleMarker {
  readonly total: number;
  seen = 0;
  private readonly binom: Float64Array; // binom[c * (kPrime + 1) + i] = C(c, i)
  private readonly bits: Uint8Array | null;
  private readonly set: Set<number> | null;

  constructor(
    private readonly skills: number,
    private readonly kPrime: number,
    fn: string,
  ) {
    const w = kPrime + 1;
    this.binom = new Float64Array(skills * w);
    for (let c = 0; c < skills; c++) {
      this.binom[c * w] = 1;
      for (let i = 1; i <= kPrime; i++) {
        this.binom[c * w + i] = c === 0 ? 0 : this.binom[(c - 1) * w + i - 1] + this.binom[(c - 1) * w + i];
      }
    }
    // C(N, k') = C(N-1, k'-1) + C(N-1, k')
    const total = this.binom[(skills - 1) * w + kPrime - 1] + this.binom[(skills - 1) * w + kPrime];
    if (!(total <= 2 ** 53)) {
      throw new RangeError(`${fn}: C(skills, kPrime) = C(${skills}, ${kPrime}) exceeds 2^53; tuples cannot be ranked exactly`);
    }
    this.total = total;
    this.bits = total <= BITMAP_LIMIT ? new Uint8Array(Math.ceil(total / 8)) : null;
    this.set = this.bits ? null : new Set<number>();
  }

  /** Mark every k'-subset of the ascending distinct skills s[0..d). */
  markSubsets(s: Uint32Array, d: number, idx: Int32Array): void {
    const m = this.kPrime;
    if (d < m) return;
    const w = m + 1;
    for (let i = 0; i < m; i++) idx[i] = i;
    for (;;) {
      let rank = 0;
      for (let i = 0; i < m; i++) rank += this.binom[s[idx[i]] * w + i + 1];
      this.mark(rank);
      // next combination of m indices out of d
      let i = m - 1;
      while (i >= 0 && idx[i] === d - m + i) i--;
      if (i < 0) break;
      idx[i]++;
      for (let j = i + 1; j < m; j++) idx[j] = idx[j - 1] + 1;
    }
  }

  private mark(rank: number): void {
    if (this.bits) {
      const byte = Math.floor(rank / 8);
      const bit = 1 << (rank % 8);
      if ((this.bits[byte] & bit) === 0) {
        this.bits[byte] |= bit;
        this.seen++;
      }
    } else if (!this.set!.has(rank)) {
      this.set!.add(rank);
      this.seen++;
    }
  }

  result(): TupleCoverage {
    return { seen: this.seen, total: this.total, seenFraction: this.seen / this.total };
  }
}

/** Sort s[0..k) ascending in place and drop repeats; returns the number of distinct skills. */
function sortUnique(s: Uint32Array, k: number): number {
  for (let i = 1; i < k; i++) {
    const v = s[i];
    let j = i - 1;
    while (j >= 0 && s[j] > v) {
      s[j + 1] = s[j];
      j--;
    }
    s[j + 1] = v;
  }
  let d = 0;
  for (let i = 0; i < k; i++) if (d === 0 || s[i] !== s[d - 1]) s[d++] = s[i];
  return d;
}

/**
 * Count the distinct k'-tuples shown by the text pieces of a skill graph (or any object with its
 * `skills`, `texts`, `k`, `textSkills` fields): a text shows every k'-subset of its distinct skills.
 */
export function countSeenTuples(graph: TextSkills, kPrime: number): TupleCoverage {
  const fn = "countSeenTuples";
  if (!graph || typeof graph !== "object" || !(graph.textSkills instanceof Uint32Array)) {
    throw new TypeError(`${fn}: graph must have a Uint32Array textSkills (a SkillGraph), got ${String(graph)}`);
  }
  const N = checkPositiveCount(fn, "graph.skills", graph.skills);
  const T = checkCount(fn, "graph.texts", graph.texts);
  const k = checkCount(fn, "graph.k", graph.k);
  checkPositiveCount(fn, "kPrime", kPrime);
  checkKAtMostSkills(fn, "kPrime", kPrime, N);
  if (graph.textSkills.length !== T * k) {
    throw new RangeError(`${fn}: graph.textSkills has length ${graph.textSkills.length}, expected texts * k = ${T * k}`);
  }
  const marker = new TupleMarker(N, kPrime, fn);
  const s = new Uint32Array(Math.max(k, 1));
  const idx = new Int32Array(kPrime);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < k; i++) {
      const v = graph.textSkills[t * k + i];
      if (v >= N) throw new RangeError(`${fn}: text ${t} has skill ${v}, expected a skill index < skills = ${N}`);
      s[i] = v;
    }
    marker.markSubsets(s, sortUnique(s, k), idx);
  }
  return marker.result();
}

/**
 * Check what sampling and counting the coverage of `count` random corpora costs, before any is
 * drawn: sizes the skill graph can hold (skills < 2^32, texts·k < 2^32), C(N, k') <= 2^53 (tuples are
 * ranked exactly in a double), the graph's and the tuple marker's memory (a bitmap of C(N, k') bits
 * up to 2^28 tuples, else a set of the tuples seen), and the work: C(k, k') subsets of k' skills per
 * text piece.
 */
export function checkCoverageBudget(fn: string, N: number, k: number, kPrime: number, T: number, distinct: boolean, count = 1): void {
  if (N > 2 ** 32 - 1) failArg(fn, "skills", N, "at most 2^32 - 1 for a sampled corpus");
  if (T * k > 2 ** 32 - 1) failArg(fn, "texts", T, `at most (2^32 - 1)/k = ${Math.floor((2 ** 32 - 1) / k)} for k = ${k} (the skill graph's typed arrays)`);
  const lnTotal = logChoose(N, kPrime);
  if (lnTotal > 53 * Math.LN2 + 1e-9) {
    throw new RangeError(`${fn}: C(skills, kPrime) = C(${N}, ${kPrime}) is about 10^${(lnTotal / Math.LN10).toFixed(1)}, above 2^53; tuples cannot be ranked exactly (use a smaller skills or kPrime)`);
  }
  const total = Math.exp(lnTotal);
  const perText = Math.exp(logChoose(Math.min(k, N), kPrime)); // k'-subsets of a text's distinct skills
  const marks = Math.min(total, T * perText);
  checkSkillGraphBudget(fn, N, Math.max(T, 1), k, distinct, count);
  const what = `${count > 1 ? `${count} corpora` : "a corpus"} of ${T} text pieces showing up to ${marks.toExponential(1)} of C(${N}, ${kPrime}) k'-tuples`;
  checkBytes(fn, 8 * N * (kPrime + 1) + (total <= BITMAP_LIMIT ? total / 8 : 64 * marks) + 8 * T * k, what, "use fewer skills, text pieces or a smaller k or kPrime");
  checkSteps(fn, count * (T * (k * k + perText * (kPrime + 1)) + N * kPrime), what, "use fewer skills, text pieces or a smaller k or kPrime");
}

/** Options of {@link sampleTupleCoverage}. */
export interface SampleTupleCoverageOptions {
  /** N, the number of skills. */
  skills: number;
  /** k, skills per text piece. */
  k: number;
  /** k', the tuple size. */
  kPrime: number;
  /** T, the number of text pieces. */
  texts: number;
  /** true: each text's k skills are a uniform k-subset; false: k i.i.d. uniform draws. */
  distinct: boolean;
  /** Random stream or seed. */
  rng: RngOrSeed;
}

/**
 * Build the random skill graph of Arora & Goyal (Section 5; `skillGraph` from the graphs area) with
 * T text pieces of k random skills each (a uniform k-subset, or k i.i.d. uniform draws) and count
 * the distinct k'-tuples its text pieces show. Compare with expectedSeenTuples / seenTuplesVariance.
 */
export function sampleTupleCoverage(options: SampleTupleCoverageOptions): TupleCoverage {
  const fn = "sampleTupleCoverage";
  checkOptions(fn, options);
  const N = checkPositiveCount(fn, "skills", options.skills);
  const k = checkPositiveCount(fn, "k", options.k);
  const kPrime = checkPositiveCount(fn, "kPrime", options.kPrime);
  const T = checkCount(fn, "texts", options.texts);
  checkBoolean(fn, "distinct", options.distinct);
  if (options.distinct) checkKAtMostSkills(fn, "k", k, N);
  checkKAtMostSkills(fn, "kPrime", kPrime, N);
  checkCoverageBudget(fn, N, k, kPrime, T, options.distinct);
  const rng = toRng(options.rng, `${fn}: rng`);
  if (T === 0) return countSeenTuples({ skills: N, texts: 0, k, textSkills: new Uint32Array(0) }, kPrime);
  return countSeenTuples(skillGraph({ skills: N, texts: T, k, distinct: options.distinct, rng }), kPrime);
}
