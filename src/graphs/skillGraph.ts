/**
 * The random bipartite skill graph of Arora & Goyal, "A Theory for Emergence of Complex Skills in
 * Language Models" (arXiv 2307.15936, Section 5, Definition 5 "skill graph"): N_s skills and N_t text
 * pieces; each text piece is joined to k skills drawn uniformly at random, or from a skill measure μ1
 * (the paper's general setting; see ./measures).
 */
import { type RngOrSeed, toRng } from "../random/rng";
import { checkBoolean, checkInteger, checkOptions, failArg } from "../validate";
import { checkBytes, checkSteps } from "../budget";
import { MAX_CSR_ENTRIES } from "./graph";
import { drawSkillsFromMeasure, massOutsideHeaviest, resolveMeasure, type MeasureSpec } from "./measures";

/**
 * The random bipartite skill graph (Section 5): N_s skills, N_t text pieces, each text piece joined
 * to k skills. Both directions in CSR typed arrays.
 */
export interface SkillGraph {
  /** N_s, number of skills. */
  readonly skills: number;
  /** N_t, number of text pieces. */
  readonly texts: number;
  /** Skills per text piece. */
  readonly k: number;
  /** true: the k skills of a text piece are distinct; false: k i.i.d. draws (repeats possible). */
  readonly distinct: boolean;
  /** text -> skills: the skills of text t are textSkills[t*k .. t*k + k), in draw order (not sorted). Length texts*k. */
  readonly textSkills: Uint32Array;
  /** skill -> texts CSR offsets, length skills+1. */
  readonly skillOffsets: Uint32Array;
  /** skill -> texts: the texts of skill s are skillTexts[skillOffsets[s] .. skillOffsets[s+1]),
   *  ascending; a text appears once per edge (twice if it drew s twice under i.i.d. draws). */
  readonly skillTexts: Uint32Array;
  /** μ1, the normalised skill measure the skills were drawn from; absent = uniform. */
  readonly skillMeasure?: Float64Array;
  /** μ2, the normalised measure of the text pieces; absent = uniform. */
  readonly textMeasure?: Float64Array;
}

/** Above this many skills, distinct draws use rejection instead of a scratch permutation (64 MB). */
const PERMUTATION_LIMIT = 1 << 24;

/** Options of {@link skillGraph}. */
export interface SkillGraphOptions {
  /** N_s, number of skills (positive integer). */
  skills: number;
  /** N_t, number of text pieces (positive integer). */
  texts: number;
  /** Skills per text piece (positive integer; at most `skills` when `distinct`). */
  k: number;
  /** The random stream (or a seed). Required. */
  rng: RngOrSeed;
  /**
   * true (default): the k skills of a text piece are a uniform k-subset (no repeats).
   * false: k i.i.d. uniform draws, repeats possible (the paper's random k-tuple).
   */
  distinct?: boolean;
  /**
   * μ1, the measure skills are drawn from: weights (one per skill, non-negative, any positive sum) or
   * a family such as `{ family: "zipf", exponent: 1 }` (skill 0 the most frequent). Default uniform,
   * which keeps the uniform draws below (same seed, same graph). A non-uniform μ1 is drawn with an
   * alias table (O(1) per draw); with `distinct` the k skills of a piece are SUCCESSIVE sampling
   * without replacement from μ1 (see drawSkillsFromMeasure in ./measures). Stored normalised in
   * `graph.skillMeasure`.
   */
  skillMeasure?: MeasureSpec;
  /**
   * μ2, the measure of the text pieces (how often each occurs in the data): weights, one per piece, or
   * a family. It does not change which skills a piece needs; it weights the pieces in failure sets and
   * failure rates (src/sim measure functions). Default uniform. Stored normalised in `graph.textMeasure`.
   */
  textMeasure?: MeasureSpec;
}

/**
 * Build the random skill graph: text -> skills (k per text, in draw order, not sorted) and skill -> texts
 * (CSR, ascending text ids).
 *
 * Distinct draws use a partial Fisher–Yates shuffle (Knuth, TAOCP vol. 2, Algorithm 3.4.2 P, stopped
 * after k steps) on one scratch permutation of the skills that is never reset: for ANY arrangement
 * of the scratch array, k partial-shuffle steps give a uniform ordered k-tuple of distinct skills,
 * so text pieces are independent and each costs k draws, O(k). (Above 2^24 skills it redraws repeats
 * instead, which needs no scratch array.) The skill -> texts side is a counting
 * sort over skills, so each skill's texts come out ascending. Time O(N_s + N_t k), memory 8 N_t k
 * bytes for the two edge arrays.
 *
 * A uniform integer in [0, n) is floor(u n) with u = rng.next() (32 random bits), like `rng.int`:
 * its non-uniformity is below n / 2^32 (2e-6 relative for n = 10^4).
 * @example
 * skillGraph({ skills: 100, texts: 1000, k: 2, rng: 1 })
 * // => { skills: 100, texts: 1000, k: 2, distinct: true, textSkills: Uint32Array(2000) [52, 13, 47, …], skillOffsets: Uint32Array(101) [0, 18, 38, …], … }
 * @see {@link skillDegrees}, {@link skillCompetence}, {@link randomFailureSet}, {@link adversarialFailureSet}
 */
export function skillGraph(options: SkillGraphOptions): SkillGraph {
  const fn = "skillGraph";
  checkOptions(fn, options);
  const skills = checkInteger(fn, "skills", options.skills, 1, 2 ** 32 - 1);
  const texts = checkInteger(fn, "texts", options.texts, 1);
  const distinct = checkBoolean(fn, "distinct", options.distinct ?? true);
  const k = checkInteger(fn, "k", options.k, 1);
  if (distinct && k > skills) {
    throw new RangeError(`${fn}: k must be <= skills when distinct is true, got k = ${k} > skills = ${skills} (pass distinct: false for i.i.d. draws)`);
  }
  if (texts * k > MAX_CSR_ENTRIES) {
    throw new RangeError(`${fn}: texts * k must be <= ${MAX_CSR_ENTRIES} (Uint32 CSR), got ${texts} * ${k} = ${texts * k}`);
  }
  checkSkillGraphBudget(fn, skills, texts, k, distinct);
  const skillMeasure = resolveMeasure(fn, "skillMeasure", options.skillMeasure, skills);
  const textMeasure = resolveMeasure(fn, "textMeasure", options.textMeasure, texts);
  if (skillMeasure && distinct && k > 1) {
    const outside = massOutsideHeaviest(skillMeasure, k - 1);
    if (outside < 1e-3) {
      throw new RangeError(
        `${fn}: skillMeasure is too concentrated for k = ${k} distinct skills per piece: the ${k - 1} heaviest skills hold ` +
          `${(1 - outside).toPrecision(6)} of the measure, so a draw is new to a piece with probability ${outside.toPrecision(3)} ` +
          `(expected > 1000 redraws); expected at least 0.001 outside them (or pass distinct: false)`,
      );
    }
  }
  const rng = toRng(options.rng, `${fn}: rng`);
  const next = rng.next.bind(rng); // bound: an Rng may be a class instance

  const edges = texts * k;
  const textSkills = new Uint32Array(edges);
  const degree = new Uint32Array(skills + 1); // degree[s + 1], then prefix sums -> offsets

  if (skillMeasure) {
    drawSkillsFromMeasure(skillMeasure, texts, k, distinct, rng, textSkills, degree);
  } else if (distinct && skills > PERMUTATION_LIMIT) {
    // Too many skills for a scratch permutation: draw uniformly and redraw repeats (rejection), which
    // also gives a uniform ordered k-tuple of distinct skills; repeats are checked by a scan of the
    // row (small k) or a set (large k).
    const seen = k > 64 ? new Set<number>() : null;
    let e = 0;
    for (let t = 0; t < texts; t++) {
      const row = e;
      seen?.clear();
      for (let i = 0; i < k; i++) {
        let s: number;
        for (;;) {
          s = Math.floor(next() * skills);
          if (seen) {
            if (!seen.has(s)) break;
          } else {
            let dup = false;
            for (let j = row; j < e; j++) if (textSkills[j] === s) { dup = true; break; }
            if (!dup) break;
          }
        }
        seen?.add(s);
        textSkills[e++] = s;
        degree[s + 1]++;
      }
    }
  } else if (distinct) {
    const perm = new Uint32Array(skills);
    for (let s = 0; s < skills; s++) perm[s] = s;
    let e = 0;
    for (let t = 0; t < texts; t++) {
      for (let i = 0; i < k; i++) {
        const j = i + Math.floor(next() * (skills - i));
        const s = perm[j];
        perm[j] = perm[i];
        perm[i] = s;
        textSkills[e++] = s;
        degree[s + 1]++;
      }
    }
  } else {
    for (let e = 0; e < edges; e++) {
      const s = Math.floor(next() * skills);
      textSkills[e] = s;
      degree[s + 1]++;
    }
  }

  // Counting sort by skill: offsets, then fill in increasing text order (so each list ascends).
  const skillOffsets = degree;
  for (let s = 0; s < skills; s++) skillOffsets[s + 1] += skillOffsets[s];
  const cursor = skillOffsets.slice(0, skills);
  const skillTexts = new Uint32Array(edges);
  let e = 0;
  for (let t = 0; t < texts; t++) {
    for (let i = 0; i < k; i++) {
      const s = textSkills[e++];
      skillTexts[cursor[s]++] = t;
    }
  }
  const graph: SkillGraph = { skills, texts, k, distinct, textSkills, skillOffsets, skillTexts };
  if (skillMeasure || textMeasure) return { ...graph, ...(skillMeasure ? { skillMeasure } : {}), ...(textMeasure ? { textMeasure } : {}) };
  return graph;
}

/**
 * Check the memory and work budget of one skill graph before building it (`count` graphs in a row
 * for the work): 8 bytes per edge (both directions), 8 per skill (offsets and a cursor), 4 more per
 * skill for the scratch permutation; steps: one per edge (times the expected redraws and the scan
 * of the row when distinct skills are drawn by rejection above 2^24 skills) plus one per skill.
 */
export function checkSkillGraphBudget(fn: string, skills: number, texts: number, k: number, distinct: boolean, count = 1): void {
  const edges = texts * k;
  const what = `${count > 1 ? `${count} skill graphs of up to ` : "a skill graph of "}${skills} skills and ${texts} text pieces with k = ${k}`;
  checkBytes(fn, 8 * edges + 8 * skills + (distinct && skills <= PERMUTATION_LIMIT ? 4 * skills : 0) + (distinct && k > 64 ? 64 * k : 0), what, "use fewer skills, text pieces or a smaller k");
  let perEdge = 1;
  if (distinct && skills > PERMUTATION_LIMIT && k > 1) {
    // Expected draws per accepted skill: (H(N) - H(N - k)) N / k, H the harmonic numbers; each draw
    // scans the row (k <= 64) or looks up a set.
    const harmonic = (x: number): number => (x < 1 ? 0 : Math.log(x) + 0.5772156649015329 + 1 / (2 * x));
    perEdge = ((harmonic(skills) - harmonic(skills - k)) * skills) / k * (k <= 64 ? k : 4);
  }
  checkSteps(fn, count * (edges * perEdge + skills), what, "use fewer skills, text pieces or a smaller k");
}

/**
 * Throw unless `g` looks like a consistent SkillGraph (cheap O(1) checks of its counts and of the
 * lengths of its arrays); `name` is the argument's name in the message.
 */
export function checkSkillGraph(fn: string, g: unknown, name = "graph"): SkillGraph {
  const graph = g as SkillGraph;
  if (!graph || typeof graph !== "object") failArg(fn, name, g, "a SkillGraph (the result of skillGraph)");
  const { skills, texts, k, textSkills, skillOffsets, skillTexts } = graph;
  for (const [key, v] of [["skills", skills], ["texts", texts], ["k", k]] as const) {
    checkInteger(fn, `${name}.${key}`, v, 1, 2 ** 32 - 1, "a positive integer < 2^32");
  }
  if (!(textSkills instanceof Uint32Array) || textSkills.length !== texts * k) {
    failArg(fn, `${name}.textSkills`, textSkills, `a Uint32Array of length texts*k = ${texts * k}`);
  }
  if (!(skillOffsets instanceof Uint32Array) || skillOffsets.length !== skills + 1 || skillOffsets[skills] !== texts * k) {
    failArg(fn, `${name}.skillOffsets`, skillOffsets, `a Uint32Array of length skills+1 = ${skills + 1} ending at texts*k = ${texts * k}`);
  }
  if (!(skillTexts instanceof Uint32Array) || skillTexts.length !== texts * k) {
    failArg(fn, `${name}.skillTexts`, skillTexts, `a Uint32Array with one entry per edge (${texts * k})`);
  }
  return graph;
}

/**
 * Number of texts joined to each skill (its degree, counting repeats under i.i.d. draws).
 * @example
 * skillDegrees(skillGraph({ skills: 100, texts: 1000, k: 2, rng: 1 }))
 * // => Uint32Array(100) [18, 20, 20, …]
 * @see {@link skillGraph}, {@link expectedIsolatedSkills}
 */
export function skillDegrees(graph: SkillGraph): Uint32Array {
  checkSkillGraph("skillDegrees", graph);
  const d = new Uint32Array(graph.skills);
  for (let s = 0; s < graph.skills; s++) d[s] = graph.skillOffsets[s + 1] - graph.skillOffsets[s];
  return d;
}
