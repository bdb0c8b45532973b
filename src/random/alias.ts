/**
 * Walker's alias method in Vose's numerically stable form: after O(n) set-up, one draw from a
 * discrete distribution on {0, …, n-1} costs O(1) (one uniform number, one table look-up, one
 * comparison), whatever the weights. Used to draw the skills of a text piece from a skill measure μ1.
 *
 * References: A. J. Walker, "An efficient method for generating discrete random variables with
 * general distributions", ACM TOMS 3 (1977) 253–256; M. D. Vose, "A linear algorithm for generating
 * random numbers with a given distribution", IEEE TSE 17 (1991) 972–975 (the two-worklist set-up
 * that never lets rounding move a column from "small" to "large" twice).
 */
import { checkInteger, checkOptions, describeValue } from "../validate";
import { checkBytes } from "../budget";
import { type Rng, type RngOrSeed, toRng } from "./rng";

/**
 * An alias table for weights w_0 … w_{n-1}: column i keeps outcome i with probability
 * `keep[i]` and otherwise gives `alias[i]`. Drawing a column uniformly and then keeping or
 * aliasing reproduces P(i) = w_i / Σ w exactly (up to the rounding of the set-up, about 1e-16).
 */
export interface AliasTable {
  /** Number of outcomes n. */
  readonly n: number;
  /** keep[i] in [0, 1]: probability that column i returns i itself. */
  readonly keep: Float64Array;
  /** alias[i]: the outcome column i returns otherwise. */
  readonly alias: Uint32Array;
  /** The normalised probabilities w_i / Σ w (the measure the table draws from). */
  readonly probability: Float64Array;
}

/**
 * Check a list of weights: non-empty, at most 2^32 entries, every entry finite and >= 0, positive sum.
 * Returns the weights as a Float64Array and their sum. `fn`/`name` go into the error message.
 */
export function checkWeights(fn: string, name: string, weights: unknown): { weights: Float64Array; total: number } {
  if (!(Array.isArray(weights) || ArrayBuffer.isView(weights)) || (weights as ArrayLike<number>).length === 0) {
    throw new TypeError(`${fn}: ${name} must be a non-empty array (or typed array) of weights >= 0, got ${describeValue(weights)}`);
  }
  const src = weights as ArrayLike<number>;
  if (src.length > 2 ** 32) throw new RangeError(`${fn}: ${name} must have at most 2^32 entries, got ${src.length}`);
  const w = new Float64Array(src.length);
  let total = 0;
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`${fn}: ${name}[${i}] must be a finite number >= 0, got ${describeValue(v)}`);
    }
    w[i] = v;
    total += v;
  }
  if (!(total > 0) || !Number.isFinite(total)) {
    throw new RangeError(`${fn}: ${name} must have a finite positive sum, got ${total}`);
  }
  return { weights: w, total };
}

/**
 * Build the alias table of `weights` (any non-negative numbers with a positive sum; they need not
 * sum to 1). Vose's set-up: scale every weight to n·w_i/Σw, put columns below 1 on a "small"
 * list and the rest on a "large" list, and repeatedly fill a small column with the surplus of a
 * large one. O(n) time and memory.
 */
export function aliasTable(weights: ArrayLike<number>): AliasTable {
  return aliasTableFor("aliasTable", weights);
}

/** {@link aliasTable} for a public function `fn`: its errors name `fn`. */
function aliasTableFor(fn: string, weights: ArrayLike<number>): AliasTable {
  const { weights: w, total } = checkWeights(fn, "weights", weights);
  const n = w.length;
  const probability = new Float64Array(n);
  const scaled = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    probability[i] = w[i] / total;
    scaled[i] = probability[i] * n;
  }
  const keep = new Float64Array(n);
  const alias = new Uint32Array(n);
  const small = new Uint32Array(n);
  const large = new Uint32Array(n);
  let ns = 0;
  let nl = 0;
  for (let i = 0; i < n; i++) {
    if (scaled[i] < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns];
    const l = large[--nl];
    keep[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1; // surplus of l left after topping up column s
    if (scaled[l] < 1) small[ns++] = l;
    else large[nl++] = l;
  }
  // What remains is 1 up to rounding: those columns keep their own outcome.
  while (nl > 0) {
    const l = large[--nl];
    keep[l] = 1;
    alias[l] = l;
  }
  while (ns > 0) {
    const s = small[--ns];
    keep[s] = 1;
    alias[s] = s;
  }
  return { n, keep, alias, probability };
}

/**
 * One draw from an alias table: a 53-bit uniform u gives the column i = floor(u·n) and, from the
 * rest of its bits, the fraction f = u·n − i, uniform in [0, 1) and independent of i (to within
 * n·2^-53); the draw is i when f < keep[i], alias[i] otherwise. O(1). Internal: no argument checks.
 */
export function drawAlias(table: AliasTable, rng: Rng): number {
  const x = rng.double() * table.n;
  const i = Math.floor(x);
  return x - i < table.keep[i] ? i : table.alias[i];
}

/** Options of {@link sampleAlias}. */
export interface SampleAliasOptions {
  /** An alias table, or the weights to build one from. */
  weights: AliasTable | ArrayLike<number>;
  /** Number of independent draws (non-negative integer). */
  count: number;
  rng: RngOrSeed;
}

function isAliasTable(v: unknown): v is AliasTable {
  const t = v as AliasTable;
  return !!t && typeof t === "object" && t.keep instanceof Float64Array && t.alias instanceof Uint32Array && typeof t.n === "number";
}

/**
 * `count` independent draws from the distribution P(i) = w_i / Σ w (Walker/Vose alias method,
 * O(1) per draw after an O(n) table), as a Uint32Array in draw order.
 */
export function sampleAlias(options: SampleAliasOptions): Uint32Array {
  const fn = "sampleAlias";
  checkOptions(fn, options, "{ weights, count, rng }");
  const table = isAliasTable(options.weights) ? options.weights : aliasTableFor(fn, options.weights);
  const count = checkInteger(fn, "count", options.count, 0, 2 ** 32, "an integer in [0, 2^32]");
  const rng = toRng(options.rng, `${fn}: rng`);
  checkBytes(fn, 4 * count, `${count} draws`, "use a smaller count");
  const out = new Uint32Array(count);
  for (let j = 0; j < count; j++) out[j] = drawAlias(table, rng);
  return out;
}
