/**
 * Competence on k′-tuples of skills when skills and text pieces carry measures (Arora & Goyal 2023,
 * Theorem 14's k′-pieces; Sec. 7: "k′-tuples that include more frequent skills will tend to emerge
 * faster"): tuples drawn uniformly or from μ1, optionally from a pool of skills (a frequency class),
 * with failure rates weighted by μ2. Called by tupleCompetence when a measure option is used.
 */
import { aliasTable, drawAlias } from "../random/alias";
import { massOutsideHeaviest } from "../graphs/measures";
import { toRng } from "../random/rng";
import { checkInteger, describeValue } from "../validate";
import { checkGraph } from "./validate";
import { graphMeasures, skillFailureRates } from "./measures";
import { sampleTupleFailures, type TupleCompetenceOptions, type TupleCompetenceResult } from "./tuples";

/**
 * Sample `tuples` k′-tuples of distinct skills from `pool` (default all skills; skills without text
 * pieces are never drawn) and compute each tuple's failure rate on its k′-pieces: exactly
 * 1 − ∏ (1 − r(s_i)) with r the μ2-weighted failure rates, or (uniform μ2 only) by sampling
 * `piecesPerTuple` k′-pieces. draw "uniform": each skill of the pool equally likely, repeats redrawn;
 * draw "measure": successive sampling from μ1 restricted to the pool (alias table, repeats redrawn),
 * so a tuple (s_1, …, s_k′) has probability ∏ p(s_i) / (1 − p(s_1) − … − p(s_{i−1})) within the pool.
 */
export function tupleCompetenceOfMeasure(options: TupleCompetenceOptions): TupleCompetenceResult {
  const fn = "tupleCompetence";
  const g = checkGraph(fn, options.graph);
  const { skillMeasure, textMeasure } = graphMeasures(fn, g);
  const draw = options.draw ?? "uniform";
  if (draw !== "uniform" && draw !== "measure") throw new RangeError(`${fn}: draw must be "uniform" or "measure", got ${describeValue(draw)}`);
  let rates: Float64Array;
  let mass: Float64Array;
  let theta: number;
  try {
    const r = skillFailureRates(g, options.failed);
    rates = r.failureRate;
    mass = r.mass;
    theta = r.theta;
  } catch (e) {
    throw new RangeError(`${fn}: ${(e as Error).message.replace(/^skillFailureRates: /, "")}`);
  }
  const tuples = checkInteger(fn, "tuples", options.tuples, 1);
  const pieces = options.piecesPerTuple === undefined ? 0 : checkInteger(fn, "piecesPerTuple", options.piecesPerTuple, 1);
  if (pieces > 0 && textMeasure) {
    throw new RangeError(`${fn}: piecesPerTuple samples pieces uniformly and is not available with a text measure; omit it for the exact rate 1 − ∏(1 − r)`);
  }
  // The pool: given skills (checked, deduplicated) that have text pieces.
  let pool: number[];
  if (options.pool === undefined) pool = Array.from({ length: g.skills }, (_, s) => s);
  else {
    const src = options.pool;
    if (!src || typeof src.length !== "number" || src.length === 0) throw new RangeError(`${fn}: pool must be a non-empty list of skill ids, got ${describeValue(src)}`);
    const seen = new Set<number>();
    for (let i = 0; i < src.length; i++) {
      const s = src[i];
      if (!Number.isInteger(s) || s < 0 || s >= g.skills) throw new RangeError(`${fn}: pool[${i}] must be a skill id in [0, ${g.skills - 1}], got ${describeValue(s)}`);
      seen.add(s);
    }
    pool = [...seen].sort((a, b) => a - b);
  }
  pool = pool.filter((s) => mass[s] > 0);
  const kPrime = checkInteger(fn, "kPrime", options.kPrime, 1, g.skills);
  if (pool.length < kPrime) {
    throw new RangeError(`${fn}: kPrime = ${kPrime} exceeds the number of skills in the pool with at least one text piece (${pool.length})`);
  }
  const rng = toRng(options.rng, `${fn}: rng`);
  let drawOne: () => number;
  if (draw === "measure") {
    const w = Float64Array.from(pool, (s) => (skillMeasure ? skillMeasure[s] : 1));
    let total = 0;
    for (const x of w) total += x;
    if (!(total > 0)) throw new RangeError(`${fn}: the pool has μ1-measure 0; nothing to draw`);
    for (let i = 0; i < w.length; i++) w[i] /= total;
    if (kPrime > 1 && massOutsideHeaviest(w, kPrime - 1) < 1e-3) {
      throw new RangeError(`${fn}: the pool's measure is too concentrated for ${kPrime} distinct skills (the ${kPrime - 1} heaviest hold more than 0.999 of it); use draw: "uniform"`);
    }
    const table = aliasTable(w);
    drawOne = () => pool[drawAlias(table, rng)];
  } else {
    drawOne = () => pool[rng.int(pool.length)];
  }
  let mask: Uint8Array | null = null;
  if (pieces > 0) {
    mask = new Uint8Array(g.texts);
    const f = options.failed;
    if (f instanceof Uint8Array) mask.set(f);
    else for (let i = 0; i < f.length; i++) mask[f[i]] = 1;
  }
  const { skills, failureRate, competence } = sampleTupleFailures(g, { kPrime, tuples, drawSkill: drawOne, rate: rates, mask, pieces, rng });
  return { skills, failureRate, competence, theta, thetaPrime: 1 - Math.pow(1 - theta, kPrime) };
}
