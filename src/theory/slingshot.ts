/**
 * Slingshot generalization (Arora & Goyal 2023, arXiv 2307.15936 v2, Sec. 1 and 5): what Theorem 8
 * guarantees as the fraction theta of failed text pieces falls. Pure theory, no randomness.
 */
import { checkClosed, checkFraction, checkInteger, checkNumberList, checkOpen, checkOptions } from "../validate";
import { betaMin } from "./theorem8";
import { checkSteps } from "../budget";

/** One theta of {@link slingshotCurve}. */
export interface SlingshotPoint {
  theta: number;
  /** beta_min at the given alpha (null when infeasible). */
  betaMin: number | null;
  /** Guaranteed failure rate beta_min·theta of all but an alpha fraction of skills (null when infeasible). */
  guaranteedFailureRate: number | null;
  /** 1 - guaranteedFailureRate (null when infeasible). */
  guaranteedCompetence: number | null;
  /** Largest fraction 1 - alpha of skills that Theorem 8 guarantees at competence >= `level` (0 if none). */
  fractionAtLevel: number;
}

/** Options of {@link slingshotCurve}. */
export interface SlingshotCurveOptions {
  /** Skills per text piece (positive integer). */
  k: number;
  /** Fractions of failed text pieces, each in (0, 1). */
  thetas: ArrayLike<number>;
  /** Fraction of skills allowed below the guarantee, in (0, 1). */
  alpha: number;
  /** Competence level for `fractionAtLevel`, in [0, 1]. */
  level: number;
}

/**
 * Slingshot generalization in numbers (Arora & Goyal 2023, Sec. 1 and 5): as theta falls, what
 * Theorem 8 guarantees (a) for all but an alpha fraction of skills, and (b) the largest fraction of
 * skills guaranteed competence >= `level`: 1 - (the smallest alpha whose guarantee 1 - beta_min(alpha)·theta
 * reaches `level`), found on a log grid of alpha refined by bisection.
 * @example
 * slingshotCurve({ k: 8, thetas: [0.1, 0.05], alpha: 0.05, level: 0.5 })
 * // => [{ theta: 0.1, betaMin: 6.75595…, guaranteedFailureRate: 0.675595…, guaranteedCompetence: 0.324405…, fractionAtLevel: 0.916766… }, { theta: 0.05, betaMin: 7.51965…, guaranteedFailureRate: 0.375983…, guaranteedCompetence: 0.624017…, fractionAtLevel: 0.968023… }]
 * @see {@link performanceCurve}, {@link betaMin}
 */
export function slingshotCurve(options: SlingshotCurveOptions): SlingshotPoint[] {
  const fn = "slingshotCurve";
  checkOptions(fn, options, "{ k, thetas, alpha, level }");
  const k = checkInteger(fn, "k", options.k, 1);
  const alpha = checkClosed(fn, "alpha", options.alpha, 0, 1);
  const level = checkClosed(fn, "level", options.level, 0, 1);
  if (alpha === 0 || alpha === 1) throw new RangeError(`${fn}: alpha must be in (0, 1), got ${alpha}`);
  checkFraction(fn, "alpha", alpha);
  const thetas = checkNumberList(fn, "thetas", options.thetas, (f, n, v) => checkOpen(f, n, v, 0, 1));
  // Per theta: up to 400 grid points and 100 bisection steps, each a beta_min (about 64 steps).
  checkSteps(fn, thetas.length * 500 * 64, `${thetas.length} thetas`, "use fewer thetas");
  return thetas.map((theta) => {
    const r = betaMin({ theta, k, alpha });
    const ok = (a: number): boolean => {
      const b = betaMin({ theta, k, alpha: a });
      return b.feasible && 1 - b.beta * theta >= level;
    };
    // The guarantee is not monotone over all of (0, 1) (beta <= 1/alpha caps it near alpha = 1), so
    // scan a log grid for the first alpha that works, then bisect between it and the grid point before.
    let fractionAtLevel = 0;
    const grid = 400;
    const la = Math.log(1e-9);
    const lb = Math.log(1 - 1e-9);
    for (let i = 0; i < grid; i++) {
      const x = la + ((lb - la) * i) / (grid - 1);
      if (!ok(Math.exp(x))) continue;
      let hi = x;
      let lo = i === 0 ? x : la + ((lb - la) * (i - 1)) / (grid - 1);
      for (let j = 0; j < 100 && hi - lo > 1e-12; j++) {
        const mid = 0.5 * (lo + hi);
        if (ok(Math.exp(mid))) hi = mid;
        else lo = mid;
      }
      fractionAtLevel = 1 - Math.exp(hi);
      break;
    }
    return {
      theta,
      betaMin: r.feasible ? r.beta : null,
      guaranteedFailureRate: r.feasible ? r.beta * theta : null,
      guaranteedCompetence: r.feasible ? 1 - r.beta * theta : null,
      fractionAtLevel,
    };
  });
}
