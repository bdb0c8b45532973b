/**
 * log Gamma and log binomial coefficients, for the finite-size union bound of Theorem 8
 * (internal to sim/): checked wrappers over the one implementation in src/math/lgamma.
 */
import { lnChooseCore, lnGammaCore } from "../math/lgamma";
import { checkInteger, checkPositive } from "../validate";

/**
 * ln Γ(x) for x > 0 (integers via ln (x-1)!, other x by the Lanczos approximation with the
 * reflection Γ(x)Γ(1-x) = π / sin(πx) below 0.5). Throws for x <= 0 or a non-finite x.
 */
export function lnGamma(x: number): number {
  return lnGammaCore(checkPositive("lnGamma", "x", x));
}

/** ln C(n, m) for integers 0 <= m <= n, computed without cancellation (see src/math/lgamma). */
export function lnBinomial(n: number, m: number): number {
  checkInteger("lnBinomial", "n", n, 0, undefined, "a non-negative integer");
  checkInteger("lnBinomial", "m", m, 0, n);
  return lnChooseCore(n, m);
}
