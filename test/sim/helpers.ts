/**
 * Test helpers for the simulation tests: a SkillGraph built by hand from a text -> skills table, so
 * the sim tests do not depend on the graph generator under test elsewhere.
 */
import type { SkillGraph } from "../../src/graphs/skillGraph";
import { createRng } from "../../src/random/rng";

/** Build both CSR directions from textSkills (length texts*k). */
export function graphFromTextSkills(skills: number, k: number, textSkills: ArrayLike<number>, distinct = true): SkillGraph {
  const texts = textSkills.length / k;
  const ts = Uint32Array.from(textSkills);
  const offsets = new Uint32Array(skills + 1);
  for (let i = 0; i < ts.length; i++) offsets[ts[i] + 1]++;
  for (let s = 0; s < skills; s++) offsets[s + 1] += offsets[s];
  const fill = offsets.slice(0, skills);
  const skillTexts = new Uint32Array(ts.length);
  for (let t = 0; t < texts; t++) for (let j = 0; j < k; j++) skillTexts[fill[ts[t * k + j]]++] = t;
  return { skills, texts, k, distinct, textSkills: ts, skillOffsets: offsets, skillTexts };
}

/** A random skill graph for tests: each text draws k distinct skills uniformly (rejection). */
export function randomTestGraph(skills: number, texts: number, k: number, seed: string): SkillGraph {
  const rng = createRng(seed);
  const ts = new Uint32Array(texts * k);
  for (let t = 0; t < texts; t++) {
    for (let j = 0; j < k; j++) {
      let s: number;
      let again: boolean;
      do {
        s = rng.int(skills);
        again = false;
        for (let i = 0; i < j; i++) if (ts[t * k + i] === s) again = true;
      } while (again);
      ts[t * k + j] = s;
    }
  }
  return graphFromTextSkills(skills, k, ts, true);
}
