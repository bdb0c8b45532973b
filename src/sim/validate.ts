/**
 * Argument checks specific to the simulation functions (internal; not re-exported), built on the
 * shared checks in ../validate. Every message names the function, the argument, the value and
 * what was expected.
 */
import type { SkillGraph } from "../graphs/skillGraph";
import { checkInteger } from "../validate";

/** Throw unless `g` looks like a consistent SkillGraph (cheap O(1) checks of the array lengths). */
export function checkGraph(fn: string, g: unknown): SkillGraph {
  const graph = g as SkillGraph;
  if (!graph || typeof graph !== "object") throw new TypeError(`${fn}: graph must be a SkillGraph, got ${String(g)}`);
  const { skills, texts, k, textSkills, skillOffsets, skillTexts } = graph;
  for (const [name, v] of [["graph.skills", skills], ["graph.texts", texts], ["graph.k", k]] as const) {
    checkInteger(fn, name, v, 1, undefined, "a positive integer");
  }
  if (!(textSkills instanceof Uint32Array) || textSkills.length !== texts * k) {
    throw new RangeError(`${fn}: graph.textSkills must be a Uint32Array of length texts*k = ${texts * k}, got length ${String(textSkills?.length)}`);
  }
  if (!(skillOffsets instanceof Uint32Array) || skillOffsets.length !== skills + 1) {
    throw new RangeError(`${fn}: graph.skillOffsets must be a Uint32Array of length skills+1 = ${skills + 1}, got length ${String(skillOffsets?.length)}`);
  }
  if (!(skillTexts instanceof Uint32Array) || skillTexts.length !== texts * k || skillOffsets[skills] !== texts * k) {
    throw new RangeError(`${fn}: graph.skillTexts must be a Uint32Array with one entry per edge (${texts * k}), got length ${String(skillTexts?.length)}`);
  }
  return graph;
}

/** Number of items that is the fraction `f` of `n`, rounded to the nearest integer (ties up). */
export function fractionCount(n: number, f: number): number {
  return Math.min(n, Math.max(0, Math.round(f * n)));
}
