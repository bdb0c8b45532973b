/** Scaling laws: the Chinchilla law, Hoffmann-style fit, compute-optimal frontier, runs data. */
export * from "./law";
export * from "./lbfgs";
export * from "./fit";
export * from "./runs";
