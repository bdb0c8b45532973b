/**
 * Measures on skills and text pieces: the general setting of Arora & Goyal 2023 (arXiv 2307.15936
 * v2), where skills are drawn from a measure μ1 that need not be uniform and text pieces carry a
 * measure μ2, and "a fraction of skills" means their μ1-measure (Sec. 7: "k′-tuples that include
 * more frequent skills will tend to emerge faster").
 *
 * A measure is given as an array of non-negative weights (normalised here) or as a named family.
 * The uniform measure is represented by `undefined` everywhere in the library: every function then
 * takes its uniform code path, so uniform results stay exactly what they were without measures.
 */
import { aliasTable, checkWeights, drawAlias, type AliasTable } from "../random/alias";
import type { Rng } from "../random/rng";
import { checkBytes, checkSteps } from "../budget";
import { checkFinite, describeValue } from "../validate";

/** A named family of measures on n items (item 0 is the most frequent). */
export type MeasureFamily =
  /** Every item weight 1/n. */
  | { family: "uniform" }
  /** Zipf's law: item r (0-based) has weight proportional to (r + 1)^(−exponent); exponent >= 0 (0 = uniform). */
  | { family: "zipf"; exponent: number };

/** A measure: weights (any non-negative numbers with a positive sum) or a named family. */
export type MeasureSpec = ArrayLike<number> | MeasureFamily;

/** Options of {@link zipfMeasure}. */
export interface ZipfMeasureOptions {
  /** Number of items (integer in [1, 2^32]). */
  n: number;
  /** Zipf exponent s >= 0 (0 = uniform). */
  exponent: number;
}

/**
 * Zipf weights on n items: p_r = (r + 1)^(−s) / H_{n,s}, r = 0 … n−1, with H_{n,s} = Σ_{j=1}^{n} j^(−s)
 * (summed from the smallest term up, for accuracy). s = 0 is the uniform measure.
 * @example
 * zipfMeasure({ n: 4, exponent: 1 })
 * // => Float64Array [0.48…, 0.24…, 0.16, 0.12…]
 * @see {@link skillsByRank}, {@link rarestSkillsMeasure}, {@link skillGuarantees}
 */
export function zipfMeasure(options: ZipfMeasureOptions): Float64Array {
  const fn = "zipfMeasure";
  if (!options || typeof options !== "object") throw new TypeError(`${fn}: options must be an object { n, exponent }, got ${describeValue(options)}`);
  const { n } = options;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > 2 ** 32) {
    throw new RangeError(`${fn}: n must be an integer in [1, 2^32], got ${describeValue(n)}`);
  }
  const s = checkFinite(fn, "exponent", options.exponent);
  if (s < 0) throw new RangeError(`${fn}: exponent must be a finite number >= 0, got ${s}`);
  return zipfWeights(fn, n, s);
}

/** The Zipf weights (n, s checked), within the budget of the public function `fn`. */
function zipfWeights(fn: string, n: number, s: number): Float64Array {
  checkBytes(fn, 8 * n, `${n} Zipf weights`, "use a smaller n");
  checkSteps(fn, 2 * n, `${n} Zipf weights`, "use a smaller n");
  const p = new Float64Array(n);
  let total = 0;
  for (let r = n - 1; r >= 0; r--) {
    p[r] = Math.pow(r + 1, -s);
    total += p[r];
  }
  for (let r = 0; r < n; r++) p[r] /= total;
  return p;
}

/**
 * Resolve a measure on `n` items to normalised weights, or `undefined` when it is uniform (all
 * weights equal, exactly). Throws an error naming `fn` and `name` on a wrong length, a negative or
 * non-finite weight, a zero sum, or an unknown family.
 */
export function resolveMeasure(fn: string, name: string, spec: MeasureSpec | undefined, n: number): Float64Array | undefined {
  if (spec === undefined) return undefined;
  if (spec !== null && typeof spec === "object" && "family" in spec) {
    const fam = (spec as { family: unknown }).family;
    if (fam === "uniform") return undefined;
    if (fam === "zipf") {
      const s = (spec as { exponent?: unknown }).exponent;
      if (typeof s !== "number" || !Number.isFinite(s) || s < 0) {
        throw new RangeError(`${fn}: ${name}.exponent must be a finite number >= 0, got ${describeValue(s)}`);
      }
      return s === 0 ? undefined : zipfWeights(fn, n, s);
    }
    throw new RangeError(`${fn}: ${name}.family must be "uniform" or "zipf", got ${describeValue(fam)}`);
  }
  const { weights, total } = checkWeights(fn, name, spec);
  if (weights.length !== n) {
    throw new RangeError(`${fn}: ${name} must have one weight per item (${n}), got ${weights.length}`);
  }
  let uniform = true;
  for (let i = 1; i < n && uniform; i++) if (weights[i] !== weights[0]) uniform = false;
  if (uniform) return undefined;
  for (let i = 0; i < n; i++) weights[i] /= total;
  return weights;
}

/**
 * Fill the text -> skills rows of a skill graph by drawing from the skill measure `p` (normalised,
 * length N_s) with an alias table: O(1) per draw. Counts each skill's edges into `degree[s + 1]`.
 *
 * - distinct = false: every slot is an independent draw from μ1 (the i.i.d. model; a skill may
 *   repeat within a text piece).
 * - distinct = true: SUCCESSIVE SAMPLING without replacement. Draw from μ1 and redraw any skill the
 *   piece already has. Given the skills chosen so far, the next one is drawn from μ1 restricted to
 *   the others and renormalised, so an ordered k-tuple (s_1, …, s_k) has probability
 *   ∏_i p(s_i) / (1 − p(s_1) − … − p(s_{i−1})): the first k items of a Plackett–Luce random order
 *   ("probability proportional to size without replacement"). Its inclusion probabilities are NOT
 *   k·p(s) (they saturate below 1 for heavy skills). Expected draws per slot are at most
 *   1 / (1 − mass of the k−1 heaviest skills); the caller refuses measures where that exceeds 1000.
 */
export function drawSkillsFromMeasure(
  p: Float64Array,
  texts: number,
  k: number,
  distinct: boolean,
  rng: Rng,
  textSkills: Uint32Array,
  degree: Uint32Array,
): void {
  const table: AliasTable = aliasTable(p);
  let e = 0;
  for (let t = 0; t < texts; t++) {
    const row = e;
    for (let i = 0; i < k; i++) {
      let s = drawAlias(table, rng);
      if (distinct) {
        for (;;) {
          let dup = false;
          for (let j = row; j < e; j++) if (textSkills[j] === s) { dup = true; break; }
          if (!dup) break;
          s = drawAlias(table, rng);
        }
      }
      textSkills[e++] = s;
      degree[s + 1]++;
    }
  }
}

/**
 * Mass outside the k−1 heaviest items of a normalised measure: the smallest probability that a draw
 * from μ1 is new to a piece that already holds k−1 skills (successive sampling redraws otherwise).
 */
export function massOutsideHeaviest(p: Float64Array, count: number): number {
  if (count <= 0) return 1;
  const sorted = Float64Array.from(p).sort();
  let top = 0;
  for (let i = 0; i < count && i < sorted.length; i++) top += sorted[sorted.length - 1 - i];
  return Math.max(0, 1 - top);
}

/** One skill of {@link skillsByRank}. */
export interface RankedSkill {
  /** 1 = the most frequent skill. */
  rank: number;
  /** The skill's id. */
  skill: number;
  /** Its μ1-measure. */
  measure: number;
  /** Its share of the graph's edges, degree / (k·N_t); null without degrees or for degree 0. */
  edgeShare: number | null;
}

/** Options of {@link skillsByRank}. */
export interface SkillsByRankOptions {
  /** μ1, one weight per skill. */
  skillMeasure: ArrayLike<number>;
  /** Each skill's degree in a skill graph (optional). */
  degrees?: ArrayLike<number>;
  /** The graph's number of edges k·N_t (needed with `degrees`). */
  edges?: number;
}

/**
 * The skills sorted by measure, most frequent first (ties by id), with each skill's share of a
 * graph's edges when its degrees are given: for i.i.d. draws from μ1 the share scatters around μ1.
 */
export function skillsByRank(options: SkillsByRankOptions): RankedSkill[] {
  const fn = "skillsByRank";
  if (!options || typeof options !== "object") throw new TypeError(`${fn}: expected { skillMeasure, degrees?, edges? }, got ${describeValue(options)}`);
  const p = options.skillMeasure;
  if (!p || typeof p.length !== "number" || p.length === 0) throw new TypeError(`${fn}: skillMeasure must be a non-empty array of weights, got ${describeValue(p)}`);
  for (let i = 0; i < p.length; i++) checkFinite(fn, `skillMeasure[${i}]`, p[i]);
  const d = options.degrees;
  if (d !== undefined) {
    if (d.length !== p.length) throw new RangeError(`${fn}: degrees must have one entry per skill (${p.length}), got ${d.length}`);
    if (!(Array.isArray(d) || ArrayBuffer.isView(d))) throw new TypeError(`${fn}: degrees must be an array of skill degrees, got ${describeValue(d)}`);
    for (let i = 0; i < d.length; i++) {
      if (typeof d[i] !== "number" || !Number.isInteger(d[i]) || d[i] < 0) throw new RangeError(`${fn}: degrees[${i}] must be an integer >= 0, got ${describeValue(d[i])}`);
    }
    if (typeof options.edges !== "number" || !(options.edges > 0) || !Number.isFinite(options.edges)) throw new RangeError(`${fn}: edges (k·N_t) must be a number > 0 when degrees are given, got ${describeValue(options.edges)}`);
  }
  const order = Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[b] - p[a] || a - b);
  return order.map((skill, r) => ({
    rank: r + 1,
    skill,
    measure: p[skill],
    edgeShare: d === undefined || !(d[skill] > 0) ? null : d[skill] / (options.edges as number),
  }));
}
