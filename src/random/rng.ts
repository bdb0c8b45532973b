/**
 * Seeded random streams. Every random function in the library takes an `Rng` (or a seed)
 * explicitly; nothing uses Math.random. Same seed, same numbers, on every machine and runner.
 *
 * Algorithm: seedrandom's Alea (Johannes Baagøe's multiply-with-carry generator, period about
 * 2^116). It is among the fastest of seedrandom's generators in V8 and gives 53-bit doubles
 * through `double()`.
 */
import seedrandom from "seedrandom";
import { describeValue } from "../validate";

/** A seeded stream of uniform numbers with independent, labelled substreams. */
export interface Rng {
  /** The seed this stream was created from (forks append "/label"). */
  readonly seed: string;
  /** Uniform in [0, 1) with 32 bits of randomness. Fastest. */
  next(): number;
  /** Uniform in [0, 1) with 53 bits of randomness. */
  double(): number;
  /** Uniform integer in [0, n), for a positive integer n <= 2^53. */
  int(n: number): number;
  /**
   * An independent substream identified by `label`: its numbers depend only on this stream's seed
   * and the label, not on how many numbers this stream has drawn. Changing one experiment's draws
   * therefore never shifts another's.
   */
  fork(label: string): Rng;
}

/** Either a stream or a seed to make one from. */
export type RngOrSeed = Rng | string | number;

function checkSeed(seed: unknown): string {
  if (typeof seed === "number") {
    if (!Number.isFinite(seed)) throw new RangeError(`createRng: seed must be a finite number or a string, got ${seed}`);
    return String(seed);
  }
  if (typeof seed === "string") return seed;
  throw new TypeError(`createRng: seed must be a number or a string, got ${typeof seed} (${String(seed)})`);
}

/**
 * Create a seeded stream (seedrandom Alea).
 * @example
 * createRng(42).next()
 * // => 0.684863…
 * @see {@link sampleIid}
 */
export function createRng(seed: string | number): Rng {
  const s = checkSeed(seed);
  const prng = seedrandom.alea(s);
  const next = (): number => prng();
  const double = (): number => prng.double();
  return {
    seed: s,
    next,
    double,
    int(n: number): number {
      if (!Number.isInteger(n) || n <= 0 || n > 2 ** 53) {
        throw new RangeError(`rng.int: n must be a positive integer <= 2^53, got ${n}`);
      }
      return n <= 2 ** 32 ? Math.floor(prng() * n) : Math.floor(prng.double() * n);
    },
    fork(label: string): Rng {
      if (typeof label !== "string" || label.length === 0) {
        throw new TypeError(`rng.fork: label must be a non-empty string, got ${String(label)}`);
      }
      return createRng(`${s}/${label}`);
    },
  };
}

/** Accept an Rng or a seed at a public edge; `name` is the caller's argument name for errors. */
export function toRng(rngOrSeed: RngOrSeed | undefined, name = "rng"): Rng {
  if (rngOrSeed === undefined || rngOrSeed === null) {
    throw new TypeError(`${name} is required: pass createRng(seed) or a seed (number or string); no hidden randomness`);
  }
  if (typeof rngOrSeed === "number" && !Number.isFinite(rngOrSeed)) {
    throw new RangeError(`${name} must be an Rng from createRng(seed) or a seed (a finite number or a string), got ${rngOrSeed}`);
  }
  if (typeof rngOrSeed === "string" || typeof rngOrSeed === "number") return createRng(rngOrSeed);
  if (typeof rngOrSeed !== "object" || typeof rngOrSeed.next !== "function" || typeof rngOrSeed.fork !== "function") {
    throw new TypeError(`${name} must be an Rng from createRng(seed) or a seed (a finite number or a string), got ${describeValue(rngOrSeed)}`);
  }
  return rngOrSeed;
}
