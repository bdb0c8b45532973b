export * from "./rng";
export * from "./samplers";
export * from "./moments";
export * from "./correlation";
