/**
 * The normal distribution: its density, and standard normal draws on a seeded stream.
 */
import { checkFinite, checkOptions, failArg } from "../validate";
import type { Rng } from "./rng";

/** Options of {@link normalDensity}. */
export interface NormalDensityOptions {
  /** The point at which to evaluate the density. */
  x: number;
  /** Mean of the distribution (finite). */
  mean: number;
  /** Standard deviation (finite, > 0). */
  std: number;
}

/** The normal density with the given mean and standard deviation at x. */
export function normalDensity(options: NormalDensityOptions): number {
  const { x, mean, std } = checkOptions("normalDensity", options, "{ x, mean, std }");
  checkFinite("normalDensity", "x", x);
  checkFinite("normalDensity", "mean", mean);
  if (typeof std !== "number" || !(std > 0) || !Number.isFinite(std)) failArg("normalDensity", "std", std, "a finite number > 0");
  return Math.exp(-0.5 * ((x - mean) / std) ** 2) / (std * Math.sqrt(2 * Math.PI));
}

/**
 * A standard normal draw by the Box–Muller transform (Box & Muller 1958) on two 53-bit uniforms:
 * sqrt(-2 log u) cos(2 pi v), with u redrawn while it is 0.
 */
export function sampleStandardNormal(rng: Rng): number {
  let u = rng.double();
  while (u === 0) u = rng.double();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.double());
}
