/**
 * Lesson experiments of the combinatorics area: seeded Monte Carlo sweeps that return one plain row
 * per corpus size, simulation next to the occupancy formula.
 */
import { toRng, type RngOrSeed } from "../random/rng";
import { checkNumberList, checkOptions, failArg } from "../validate";
import { checkCoverageBudget, sampleTupleCoverage } from "./coverage";
import { checkCover, seenFraction, seenVariance } from "./occupancy";
import { checkCount, checkPositiveCount } from "./validate";

/** Options of {@link coverageExperiment}. */
export interface CoverageExperimentOptions {
  /** N, the number of skills. */
  skills: number;
  /** k, skills per text piece. */
  k: number;
  /** k', the tuple size. */
  kPrime: number;
  /** Corpus sizes T to simulate (positive integers). */
  texts: ArrayLike<number>;
  /** true: distinct skills per text; false: i.i.d. draws. */
  distinct: boolean;
  /** Independent corpora per corpus size (>= 2). */
  replicates: number;
  /** Random stream or seed; corpus size T uses the substream fork(`T=${T}`). */
  rng: RngOrSeed;
}

/** One corpus size of {@link coverageExperiment}: simulation next to theory. */
export interface CoverageRow {
  texts: number;
  /** Mean over replicates of the fraction of k'-tuples shown. */
  simulatedFraction: number;
  /** Standard error of that mean from the sample: sample sd / sqrt(replicates). */
  simulatedStdErr: number;
  /** Theory: 1 - (1 - q)^T (expectedSeenTupleFraction). */
  expectedFraction: number;
  /** Theory: sd of the mean of `replicates` runs, sqrt(seenTuplesVariance / replicates) / C(N, k'). */
  expectedStdErr: number;
  /** (simulated - expected) / expectedStdErr: about N(0, 1) if the formula is right. */
  z: number;
}

/**
 * For each corpus size T, simulate `replicates` random skill graphs and compare the fraction of
 * k'-tuples they show with the occupancy formula and its standard error.
 * @example
 * coverageExperiment({ skills: 100, k: 4, kPrime: 2, texts: [100, 1000], distinct: true, replicates: 3, rng: 1 })
 * // => [{ texts: 100, simulatedFraction: 0.114613…, simulatedStdErr: 0.00035633…, expectedFraction: 0.114219…, expectedStdErr: 0.000656257…, z: 0.59992… }, { texts: 1000, simulatedFraction: 0.702088…, simulatedStdErr: 0.00339917…, expectedFraction: 0.702653…, expectedStdErr: 0.00268038…, z: -0.211068… }]
 * @see {@link expectedSeenTupleFraction}, {@link coverageExperimentFigure}
 */
export function coverageExperiment(options: CoverageExperimentOptions): CoverageRow[] {
  const fn = "coverageExperiment";
  checkOptions(fn, options, "{ skills, k, kPrime, texts, distinct, replicates, rng }");
  const { skills, k, kPrime, distinct } = options;
  // The sampler's and the formulas' checks, with this function's name, before anything runs.
  checkCover(fn, { skills, k, kPrime, distinct }, true);
  if (k < 1) failArg(fn, "k", k, "a positive integer");
  const R = checkCount(fn, "replicates", options.replicates);
  if (R < 2) throw new RangeError(`${fn}: replicates must be >= 2 (a standard error needs two runs), got ${R}`);
  const sizes = checkNumberList(fn, "texts", options.texts, checkPositiveCount);
  let maxT = 1;
  for (const T of sizes) maxT = Math.max(maxT, T);
  checkCoverageBudget(fn, skills, k, kPrime, maxT, distinct, R * sizes.length);
  const rng = toRng(options.rng, `${fn}: rng`);
  const out: CoverageRow[] = [];
  for (let i = 0; i < options.texts.length; i++) {
    const T = checkPositiveCount(fn, `texts[${i}]`, options.texts[i]);
    const sub = rng.fork(`T=${T}`);
    let sum = 0;
    let sumSq = 0;
    let total = 1;
    for (let r = 0; r < R; r++) {
      const c = sampleTupleCoverage({ skills, k, kPrime, texts: T, distinct, rng: sub });
      sum += c.seenFraction;
      sumSq += c.seenFraction * c.seenFraction;
      total = c.total;
    }
    const mean = sum / R;
    const sampleVar = Math.max(0, (sumSq - R * mean * mean) / (R - 1));
    const expectedFraction = seenFraction(skills, k, kPrime, distinct, T);
    const expectedStdErr = Math.sqrt(seenVariance(skills, k, kPrime, distinct, T) / R) / total;
    out.push({
      texts: T,
      simulatedFraction: mean,
      simulatedStdErr: Math.sqrt(sampleVar / R),
      expectedFraction,
      expectedStdErr,
      z: expectedStdErr > 0 ? (mean - expectedFraction) / expectedStdErr : mean === expectedFraction ? 0 : Infinity,
    });
  }
  return out;
}
