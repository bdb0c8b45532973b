/**
 * The random bipartite skill graph of Arora & Goyal (arXiv 2307.15936, Section 5): N_s skills,
 * N_t text pieces, each text piece joined to k skills. Both directions in CSR typed arrays.
 */
export interface SkillGraph {
  /** N_s, number of skills. */
  readonly skills: number;
  /** N_t, number of text pieces. */
  readonly texts: number;
  /** Skills per text piece. */
  readonly k: number;
  /** true: the k skills of a text piece are distinct; false: k i.i.d. draws (repeats possible). */
  readonly distinct: boolean;
  /** text -> skills: the skills of text t are textSkills[t*k .. t*k + k), in draw order (not sorted). Length texts*k. */
  readonly textSkills: Uint32Array;
  /** skill -> texts CSR offsets, length skills+1. */
  readonly skillOffsets: Uint32Array;
  /** skill -> texts: the texts of skill s are skillTexts[skillOffsets[s] .. skillOffsets[s+1]),
   *  ascending; a text appears once per edge (twice if it drew s twice under i.i.d. draws). */
  readonly skillTexts: Uint32Array;
  /** μ1, the normalised skill measure the skills were drawn from; absent = uniform. */
  readonly skillMeasure?: Float64Array;
  /** μ2, the normalised measure of the text pieces; absent = uniform. */
  readonly textMeasure?: Float64Array;
}
