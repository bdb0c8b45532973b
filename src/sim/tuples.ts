/**
 * k'-tuples of skills through k'-pieces (Arora & Goyal 2023 v2, Theorem 14 and Corollary 13 of Sec. 5.1.1;
 * Sec. 7 is the paper's takeaways, not this argument): a k'-piece is
 * the concatenation of k' text pieces; the model fails it if it fails any of its pieces. A k'-tuple
 * of skills (s_1, ..., s_k') is served by the k'-pieces made of one text piece of each s_i.
 */
import type { SkillGraph } from "../graphs/skillGraph";
import { type Rng, type RngOrSeed, toRng } from "../random/rng";
import { checkInteger, checkOptions, describeValue } from "../validate";
import { checkGraph } from "./validate";
import { countFailedEdges } from "./competence";
import { failureCount, failureMaskFor } from "./failures";
import { checkBytes, checkSteps } from "../budget";
import { tupleCompetenceOfMeasure } from "./measureTuples";

/** Options of {@link kPieceFailureFraction}. */
export interface KPieceOptions {
  /** The failure set Y: 0/1 mask of length N_t (or a list of failed indices with `texts`). */
  failed: Uint8Array | ArrayLike<number>;
  /** N_t; needed only when `failed` is a list of indices (a mask gives its own length). */
  texts?: number;
  /** Number of text pieces per k'-piece (positive integer). */
  kPrime: number;
  /** Number of k'-pieces to sample. */
  samples: number;
  rng: RngOrSeed;
}

/** What {@link kPieceFailureFraction} measured. */
export interface KPieceResult {
  /** theta = |Y| / N_t. */
  theta: number;
  /** Number of sampled k'-pieces that failed. */
  failedPieces: number;
  samples: number;
  /** failedPieces / samples: the simulated theta' of k'-pieces. */
  fraction: number;
  /** 1 - (1 - theta)^k': the probability that a k'-piece of independent uniform pieces fails. */
  theory: number;
  /** k'·theta: the union bound on theta' that Theorem 14 uses (always >= theory). */
  unionBound: number;
}

/**
 * Sample k'-pieces (k' text pieces drawn uniformly and independently, with replacement) and count the
 * failed ones: a k'-piece fails if any of its pieces is in Y. Theory: P(fail) = 1 - (1 - theta)^k'
 * <= k'·theta (the bound used in Arora & Goyal 2023, Theorem 14).
 */
export function kPieceFailureFraction(options: KPieceOptions): KPieceResult {
  const fn = "kPieceFailureFraction";
  checkOptions(fn, options, "{ failed, kPrime, samples, rng }");
  const failed = options.failed;
  if (!(failed instanceof Uint8Array) && !(failed && typeof failed === "object" && typeof (failed as ArrayLike<number>).length === "number")) {
    throw new TypeError(`${fn}: failed must be a Uint8Array mask or a list of failed text indices (with texts), got ${describeValue(failed)}`);
  }
  if (failed instanceof Uint8Array && failed.length < 1) throw new RangeError(`${fn}: failed (a failure mask) must have length >= 1, got length 0`);
  const texts = failed instanceof Uint8Array ? failed.length : checkInteger(fn, "texts", options.texts, 1, 2 ** 32 - 1, "an integer in [1, 2^32 - 1] (needed when failed is a list of indices)");
  const mask = failureMaskFor(fn, failed, texts);
  const kPrime = checkInteger(fn, "kPrime", options.kPrime, 1, Number.MAX_SAFE_INTEGER);
  const samples = checkInteger(fn, "samples", options.samples, 1);
  checkSteps(fn, samples * kPrime, `${samples} k'-pieces of kPrime = ${kPrime} text pieces each`, "use fewer samples or a smaller kPrime");
  const rng = toRng(options.rng, `${fn}: rng`);
  const theta = failureCount(mask) / texts;
  let failedPieces = 0;
  for (let i = 0; i < samples; i++) {
    let fails = 0;
    // draw all k' pieces (fixed number of draws per piece keeps streams aligned across thetas)
    for (let j = 0; j < kPrime; j++) fails |= mask[rng.int(texts)];
    failedPieces += fails;
  }
  return {
    theta,
    failedPieces,
    samples,
    fraction: failedPieces / samples,
    theory: 1 - Math.pow(1 - theta, kPrime),
    unionBound: Math.min(1, kPrime * theta),
  };
}

/** Options of {@link tupleCompetence}. */
export interface TupleCompetenceOptions {
  graph: SkillGraph;
  /** The failure set Y (0/1 mask of length N_t, or a list of failed text indices). */
  failed: Uint8Array | ArrayLike<number>;
  /** Tuple size k' (1 <= k' <= N_s). */
  kPrime: number;
  /** Number of k'-tuples of distinct skills to sample uniformly. */
  tuples: number;
  /**
   * If given, estimate each tuple's failure rate by sampling this many of its k'-pieces (one uniform
   * edge of each skill, concatenated; fails if any piece fails). If omitted, use the exact value
   * 1 - prod_i (1 - r(s_i)): the pieces are chosen independently per skill, so the tuple's k'-piece
   * succeeds exactly when each of its pieces does.
   */
  piecesPerTuple?: number;
  rng: RngOrSeed;
  /**
   * How the skills of a tuple are drawn: "uniform" (default: every skill equally likely) or "measure"
   * (successive sampling from the graph's skill measure μ1, as text would present them: frequent
   * skills more often). See tupleCompetenceOfMeasure.
   */
  draw?: "uniform" | "measure";
  /** Draw tuples only from these skills (e.g. the frequent ones); default all skills. */
  pool?: ArrayLike<number>;
}

/** Competence of sampled k'-tuples. */
export interface TupleCompetenceResult {
  /** The sampled tuples, tuple i = skills[i*k' .. i*k' + k'). */
  skills: Uint32Array;
  /** Failure rate of each tuple on its k'-pieces. */
  failureRate: Float64Array;
  /** competence = 1 - failureRate. */
  competence: Float64Array;
  /** theta = |Y| / N_t. */
  theta: number;
  /** 1 - (1 - theta)^k': the expected failure rate of a k'-piece of uniform pieces. */
  thetaPrime: number;
}

/**
 * Memory and work of {@link tupleCompetence} (`count` calls in a row for the work): the tuples
 * (4 k' + 16 bytes each); per tuple k' draws, each checked against the tuple so far (k'^2 / 2),
 * redrawn while the skill is isolated (at most a few times: N_s over the non-isolated skills, bounded
 * here by 4), and k' steps per sampled k'-piece.
 */
export function checkTupleCompetenceBudget(fn: string, g: SkillGraph, kPrime: number, tuples: number, pieces: number, count = 1): void {
  const what = `${count > 1 ? `${count} x ` : ""}${tuples} tuples of kPrime = ${kPrime} skills${pieces ? ` with ${pieces} pieces each` : ""}`;
  checkBytes(fn, tuples * (4 * kPrime + 16) + 4 * g.skills, what, "use fewer tuples or a smaller kPrime");
  checkSteps(fn, count * (g.texts * g.k + tuples * kPrime * (4 + kPrime / 2 + pieces)), what, "use fewer tuples, pieces or a smaller kPrime");
}

/**
 * Competence on k'-tuples of skills (Arora & Goyal 2023, Theorem 14): sample k'-tuples of distinct
 * skills uniformly; a tuple's k'-pieces concatenate one text piece of each of its skills and fail if
 * any piece fails. Skills of degree 0 have no pieces; tuples containing one are redrawn.
 */
export function tupleCompetence(options: TupleCompetenceOptions): TupleCompetenceResult {
  const fn = "tupleCompetence";
  checkOptions(fn, options, "{ graph, failed, kPrime, tuples, rng }");
  if ((options.draw !== undefined && options.draw !== "uniform") || options.pool !== undefined || options.graph?.textMeasure !== undefined) {
    return tupleCompetenceOfMeasure(options);
  }
  const g = checkGraph(fn, options.graph);
  const mask = failureMaskFor(fn, options.failed, g.texts);
  const kPrime = checkInteger(fn, "kPrime", options.kPrime, 1, g.skills);
  const tuples = checkInteger(fn, "tuples", options.tuples, 1);
  const pieces = options.piecesPerTuple === undefined ? 0 : checkInteger(fn, "piecesPerTuple", options.piecesPerTuple, 1);
  checkTupleCompetenceBudget(fn, g, kPrime, tuples, pieces);
  const rng = toRng(options.rng, `${fn}: rng`);
  const counts = countFailedEdges(g, mask);
  let nonIsolated = 0;
  for (let s = 0; s < g.skills; s++) if (g.skillOffsets[s + 1] > g.skillOffsets[s]) nonIsolated++;
  if (nonIsolated < kPrime) {
    throw new RangeError(`${fn}: kPrime = ${kPrime} exceeds the number of skills with at least one text piece (${nonIsolated})`);
  }
  // Redraws: a draw is kept when its skill has a text piece and is new to the tuple.
  const redraw = g.skills / (nonIsolated - kPrime + 1);
  checkSteps(fn, tuples * kPrime * redraw * (1 + kPrime / 2), `${tuples} tuples of kPrime = ${kPrime} skills drawn among ${nonIsolated} skills with a text piece`, "use fewer tuples or a smaller kPrime");
  const rate = new Float64Array(g.skills);
  for (let s = 0; s < g.skills; s++) {
    const deg = g.skillOffsets[s + 1] - g.skillOffsets[s];
    if (deg > 0) rate[s] = counts[s] / deg;
  }
  const { skills, failureRate, competence } = sampleTupleFailures(g, { kPrime, tuples, drawSkill: () => rng.int(g.skills), rate, mask: pieces === 0 ? null : mask, pieces, rng });
  const theta = failureCount(mask) / g.texts;
  return { skills, failureRate, competence, theta, thetaPrime: 1 - Math.pow(1 - theta, kPrime) };
}

/** What {@link sampleTupleFailures} needs besides the graph. */
export interface SampleTupleFailuresOptions {
  kPrime: number;
  tuples: number;
  /** One skill draw (repeats within a tuple and skills without text pieces are redrawn). */
  drawSkill: () => number;
  /** Per-skill failure rate, for the exact rate (used when `mask` is null). */
  rate: Float64Array;
  /** The failure set as a 0/1 mask to sample k'-pieces from, or null for the exact rate. */
  mask: Uint8Array | null;
  /** k'-pieces sampled per tuple when `mask` is given. */
  pieces: number;
  rng: Rng;
}

/**
 * Sample k'-tuples of distinct skills and each tuple's failure rate on its k'-pieces (Arora & Goyal
 * 2023, Theorem 14): exactly 1 − ∏ (1 − rate(s_i)) when `mask` is null, otherwise the fraction of
 * `pieces` sampled k'-pieces (one uniform text piece of each skill of the tuple) that contain a failed
 * piece. Internal to tupleCompetence and tupleCompetenceOfMeasure (which differ only in how skills
 * are drawn and rates weighted). Unchecked: enough drawable skills with text pieces.
 */
export function sampleTupleFailures(g: SkillGraph, o: SampleTupleFailuresOptions): { skills: Uint32Array; failureRate: Float64Array; competence: Float64Array } {
  const { kPrime, tuples, drawSkill, rate: skillRate, mask, pieces, rng } = o;
  const skills = new Uint32Array(tuples * kPrime);
  const failureRate = new Float64Array(tuples);
  const competence = new Float64Array(tuples);
  for (let i = 0; i < tuples; i++) {
    const b = i * kPrime;
    for (let j = 0; j < kPrime; j++) {
      let s: number;
      let again: boolean;
      do {
        s = drawSkill();
        again = g.skillOffsets[s + 1] === g.skillOffsets[s];
        for (let q = 0; q < j && !again; q++) if (skills[b + q] === s) again = true;
      } while (again);
      skills[b + j] = s;
    }
    let rate: number;
    if (!mask) {
      let ok = 1;
      for (let j = 0; j < kPrime; j++) ok *= 1 - skillRate[skills[b + j]];
      rate = 1 - ok;
    } else {
      let bad = 0;
      for (let p = 0; p < pieces; p++) {
        let fails = 0;
        for (let j = 0; j < kPrime; j++) {
          const s = skills[b + j];
          const lo = g.skillOffsets[s];
          fails |= mask[g.skillTexts[lo + rng.int(g.skillOffsets[s + 1] - lo)]];
        }
        bad += fails;
      }
      rate = bad / pieces;
    }
    failureRate[i] = rate;
    competence[i] = 1 - rate;
  }
  return { skills, failureRate, competence };
}
