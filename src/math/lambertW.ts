/**
 * The principal branch W_0 of the Lambert W function: the solution w >= -1 of w e^w = x, for
 * x >= -1/e (Corless, Gonnet, Hare, Jeffrey & Knuth 1996, "On the Lambert W function", Adv. Comput.
 * Math. 5, 329–359). Halley's iteration from a branch-point series, a series at 0, or the asymptotic
 * log expansion; converges to about machine precision in a few steps.
 */
import { checkFinite } from "../validate";

const E_INV = Math.exp(-1);

/**
 * W_0(x): the w >= -1 with w e^w = x. Throws for x < -1/e or NaN. W_0(-1/e) = -1, W_0(0) = 0, W_0(1) = Ω ≈ 0.5671.
 * @example
 * lambertW0(1)
 * // => 0.567143…
 * @see {@link giantFraction}
 */
export function lambertW0(x: number): number {
  if (x === Infinity) return Infinity;
  checkFinite("lambertW0", "x", x);
  // Allow a few ulps of rounding below -1/e (callers compute -c e^{-c} in floating point).
  if (x < -E_INV - 4e-16) throw new RangeError(`lambertW0: x must be >= -1/e ≈ -0.36787944117144233, got ${x}`);
  if (x <= -E_INV) return -1;
  if (x === 0) return 0;
  let w: number;
  if (x < -0.25) {
    // Series about the branch point (Corless et al. 1996, eq. 4.22): p = sqrt(2(ex + 1)).
    const p = Math.sqrt(2 * (Math.E * x + 1));
    w = -1 + p - (p * p) / 3 + (11 / 72) * p * p * p;
  } else if (x < 3) {
    w = Math.log1p(x) * (x < 0 ? 1.2 : 0.8);
  } else {
    const l1 = Math.log(x);
    const l2 = Math.log(l1);
    w = l1 - l2 + l2 / l1;
  }
  for (let i = 0; i < 100; i++) {
    const ew = Math.exp(w);
    const f = w * ew - x;
    const wp1 = w + 1;
    if (wp1 === 0) return w;
    const step = f / (ew * wp1 - ((w + 2) * f) / (2 * wp1));
    w -= step;
    if (Math.abs(step) <= 1e-15 * (1 + Math.abs(w))) break;
  }
  return w;
}
