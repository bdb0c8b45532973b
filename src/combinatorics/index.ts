/**
 * Counting skill combinations (Arora & Goyal 2023, arXiv 2307.15936: the k'-tuple counting
 * argument) and the Skill-Mix counting bound (Yu et al. 2023, arXiv 2310.17567). Re-exports only.
 */
export * from "./counts";
export * from "./occupancy";
export * from "./simulate";
export * from "./skillmix";
