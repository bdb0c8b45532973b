/**
 * Theory of Arora & Goyal 2023 (arXiv 2307.15936 v2): entropy and KL, the Theorem 8 / 14 condition,
 * beta_min, performance curves, the loss-to-failure link, emergence versus scale. Re-exports only.
 */
export * from "./entropy";
export * from "./theorem8";
export * from "./performance";
export * from "./cloze";
export * from "./emergence";
