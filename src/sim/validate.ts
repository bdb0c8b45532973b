/**
 * Argument checks specific to the simulation functions (internal; not re-exported), built on the
 * shared checks in ../validate. Every message names the function, the argument, the value and
 * what was expected.
 */
import { checkSkillGraph, type SkillGraph } from "../graphs/skillGraph";

/** Throw unless `g` looks like a consistent SkillGraph (cheap O(1) checks of the array lengths). */
export function checkGraph(fn: string, g: unknown): SkillGraph {
  return checkSkillGraph(fn, g, "graph");
}

/** Number of items that is the fraction `f` of `n`, rounded to the nearest integer (ties up). */
export function fractionCount(n: number, f: number): number {
  return Math.min(n, Math.max(0, Math.round(f * n)));
}
