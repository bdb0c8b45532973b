/**
 * Binary entropy and the Kullback-Leibler divergence between Bernoulli distributions, the two
 * quantities in the condition of Arora & Goyal 2023, Theorems 8 and 14 (arXiv 2307.15936 v2).
 * Natural logarithms (nats) unless `base: "bits"` is asked for. Convention 0 * log 0 = 0.
 */
import * as entropy from "../math/entropy";
import { checkClosed, describeValue } from "../validate";

/** Unit of an information quantity: nats (natural log, the default) or bits (log base 2). */
export type InformationBase = "nats" | "bits";

/** Options of {@link binaryEntropy} and {@link klBernoulli}. */
export interface InformationOptions {
  /** "nats" (default) or "bits". */
  base?: InformationBase;
}

function scale(fn: string, options: InformationOptions | undefined): number {
  const base = options?.base ?? "nats";
  if (base === "nats") return 1;
  if (base === "bits") return 1 / Math.LN2;
  throw new RangeError(`${fn}: options.base must be "nats" or "bits", got ${describeValue(base)}`);
}

/**
 * Binary entropy H(p) = -p log p - (1 - p) log(1 - p) of a coin with bias p (0 log 0 = 0),
 * in nats by default. H(0) = H(1) = 0, H(1/2) = log 2 nats = 1 bit.
 * Used in Arora & Goyal 2023, Theorem 8 (the count of possible failure sets, exp(N_t H(theta))).
 * @example
 * binaryEntropy(0.9)
 * // => 0.325083…
 * @see {@link klBernoulli}, {@link theorem8Condition}
 */
export function binaryEntropy(p: number, options?: InformationOptions): number {
  checkClosed("binaryEntropy", "p", p, 0, 1);
  const s = scale("binaryEntropy", options);
  // "+ 0" turns -0 into 0.
  return entropy.binaryEntropy(p) * s + 0;
}

/**
 * KL(p || q) = p log(p / q) + (1 - p) log((1 - p) / (1 - q)): the divergence of a coin with bias q
 * from a coin with bias p (0 log 0 = 0), in nats by default. It is +Infinity when q puts zero mass
 * where p does not (q = 0 < p or q = 1 > p). Arora & Goyal 2023, Theorem 8 in its KL form uses
 * KL(beta alpha || alpha).
 * @example
 * klBernoulli(0.9, 0.7)
 * // => 0.116322…
 * @see {@link binaryEntropy}, {@link theorem8ConditionKl}
 */
export function klBernoulli(p: number, q: number, options?: InformationOptions): number {
  checkClosed("klBernoulli", "p", p, 0, 1);
  checkClosed("klBernoulli", "q", q, 0, 1);
  const s = scale("klBernoulli", options);
  return entropy.klBernoulli(p, q) * s;
}
