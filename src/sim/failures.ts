/**
 * Failure sets Y: the text pieces on which the model fails its cloze question
 * (Arora & Goyal 2023, Section 5: Y is a theta fraction of the N_t text pieces).
 * A failure set is stored as a mask: `Uint8Array` of length N_t with 1 for a failed piece.
 */
import { floydMask } from "../random/floyd";
import { type RngOrSeed, toRng } from "../random/rng";
import { checkClosed, checkInteger, checkOptions, describeValue } from "../validate";
import { checkBytes, checkSteps } from "../budget";
import { fractionCount } from "./validate";

/**
 * Turn a failure set given as a mask (length `texts`, entries 0/1) or as a list of text indices
 * into a fresh 0/1 mask of length `texts`. Throws on out-of-range indices or a mask of the wrong length.
 */
export function toFailureMask(failed: Uint8Array | ArrayLike<number>, texts: number): Uint8Array {
  const fn = "toFailureMask";
  checkInteger(fn, "texts", texts, 1, 2 ** 32 - 1);
  if (failed instanceof Uint8Array) {
    if (failed.length !== texts) {
      throw new RangeError(`${fn}: failed (a failure mask) must have length texts = ${texts}, got ${failed.length} (pass a list of indices as a plain array or Uint32Array)`);
    }
    const out = new Uint8Array(texts);
    for (let t = 0; t < texts; t++) {
      const v = failed[t];
      if (v > 1) throw new RangeError(`${fn}: failed[${t}] (a failure mask entry) must be 0 or 1, got ${v}`);
      out[t] = v;
    }
    return out;
  }
  if (!failed || typeof (failed as ArrayLike<number>).length !== "number") {
    throw new TypeError(`${fn}: failed must be a Uint8Array mask or a list of text indices, got ${describeValue(failed)}`);
  }
  const out = new Uint8Array(texts);
  for (let i = 0; i < failed.length; i++) {
    const t = failed[i];
    if (!Number.isInteger(t) || t < 0 || t >= texts) {
      throw new RangeError(`${fn}: failed[${i}] must be a text index in [0, ${texts - 1}], got ${String(t)}`);
    }
    out[t] = 1;
  }
  return out;
}

/**
 * {@link toFailureMask} for a public function `fn`: its errors name `fn` and the argument `failed`
 * (or `texts`).
 */
export function failureMaskFor(fn: string, failed: Uint8Array | ArrayLike<number>, texts: number): Uint8Array {
  checkInteger(fn, "texts", texts, 1, 2 ** 32 - 1);
  checkBytes(fn, texts, `a failure mask of ${texts} text pieces`, "use fewer text pieces");
  try {
    return toFailureMask(failed, texts);
  } catch (e) {
    const err = e as Error;
    const message = err.message.replace(/^toFailureMask: /, "");
    throw err instanceof TypeError ? new TypeError(`${fn}: ${message}`) : new RangeError(`${fn}: ${message}`);
  }
}

/** Number of failed pieces in a mask. */
export function failureCount(mask: Uint8Array): number {
  if (!(mask instanceof Uint8Array)) throw new TypeError(`failureCount: mask must be a Uint8Array of 0/1 entries, got ${describeValue(mask)}`);
  let c = 0;
  for (let t = 0; t < mask.length; t++) c += mask[t];
  return c;
}

/** Options of {@link randomFailureSet}. */
export interface RandomFailureSetOptions {
  /** N_t, the number of text pieces. */
  texts: number;
  /** The fraction of failed pieces; exactly round(theta * texts) pieces fail. */
  theta: number;
  rng: RngOrSeed;
}

/**
 * A uniformly random failure set Y: exactly round(theta·N_t) of the N_t text pieces, every subset of
 * that size equally likely (Floyd's sampling). This is the "average case" Y; Theorem 8 of
 * Arora & Goyal (2023) holds for every Y of that size, including adversarial ones.
 * @example
 * randomFailureSet({ texts: 10, theta: 0.3, rng: 1 })
 * // => Uint8Array(10) [0, 1, 0, …]
 * @see {@link adversarialFailureSet}, {@link skillCompetence}, {@link randomFailureSetOfMeasure}
 */
export function randomFailureSet(options: RandomFailureSetOptions): Uint8Array {
  const fn = "randomFailureSet";
  checkOptions(fn, options, "{ texts, theta, rng }");
  const texts = checkInteger(fn, "texts", options.texts, 1, 2 ** 32 - 1);
  const theta = checkClosed(fn, "theta", options.theta, 0, 1);
  const rng = toRng(options.rng, `${fn}: rng`);
  checkBytes(fn, texts, `a failure mask of ${texts} text pieces`, "use fewer text pieces");
  checkSteps(fn, texts + 4 * fractionCount(texts, theta), `a failure mask of ${texts} text pieces`, "use fewer text pieces");
  return floydMask(texts, fractionCount(texts, theta), rng);
}
