/**
 * Monte Carlo checks of the emergence theory (Arora & Goyal 2023, Theorems 8 and 14): competence of
 * skills and k'-tuples under random and adversarial failure sets, and the finite-size union bound.
 */
export * from "./failures";
export * from "./competence";
export * from "./adversary";
export * from "./tuples";
export * from "./finiteSize";
export * from "./experiments";
