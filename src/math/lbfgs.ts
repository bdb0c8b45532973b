/**
 * Limited-memory BFGS (Nocedal & Wright 2006, "Numerical Optimization", 2nd ed., Algorithm 7.4,
 * two-loop recursion, Algorithm 7.5) with a strong-Wolfe line search (Algorithms 3.5 and 3.6, cubic
 * interpolation in the zoom phase). Written for small problems solved many times: a workspace holds
 * every buffer, so a minimisation allocates nothing after the workspace exists.
 *
 * Termination follows scipy's L-BFGS-B defaults (Byrd, Lu, Nocedal & Zhu 1995): stop when
 * max_i |g_i| <= gradientTolerance (pgtol = 1e-5) or when the relative decrease
 * (f_k - f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) <= relativeTolerance (factr * eps = 1e7 * 2.2e-16).
 */

/** Objective and gradient: returns f(x) and writes the gradient into `g` (same length as x). */
export type ObjectiveWithGradient = (x: Float64Array, g: Float64Array) => number;

/** Options of {@link lbfgsMinimize}. */
export interface LbfgsOptions {
  /** Number of correction pairs kept (scipy's default m = 10). */
  memory?: number;
  /** Maximum number of iterations (default 1000). */
  maxIterations?: number;
  /** Stop when max_i |g_i| <= this (default 1e-5, scipy's pgtol). */
  gradientTolerance?: number;
  /** Stop when the relative decrease of f is <= this (default 2.220446049250313e-9, scipy's factr*eps). */
  relativeTolerance?: number;
  /** Armijo constant c1 of the strong Wolfe conditions (default 1e-4). */
  c1?: number;
  /** Curvature constant c2 of the strong Wolfe conditions (default 0.9). */
  c2?: number;
  /** Maximum function evaluations per line search (default 30). */
  maxLineSearch?: number;
}

/** Why a minimisation stopped. */
export type LbfgsStop = "gradient" | "relative-decrease" | "max-iterations" | "line-search" | "non-finite";

/** Result of {@link lbfgsMinimize}; `x` is a view into the workspace unless copied. */
export interface LbfgsResult {
  x: Float64Array;
  f: number;
  iterations: number;
  evaluations: number;
  /** max_i |g_i| at x. */
  gradientNorm: number;
  /** True when a tolerance test ("gradient" or "relative-decrease") ended the run. */
  converged: boolean;
  stop: LbfgsStop;
}

/** Reusable buffers for problems of dimension n with memory m. */
export class LbfgsWorkspace {
  readonly n: number;
  readonly m: number;
  readonly x: Float64Array;
  readonly g: Float64Array;
  readonly d: Float64Array;
  readonly xt: Float64Array;
  readonly gt: Float64Array;
  readonly s: Float64Array;
  readonly y: Float64Array;
  readonly rho: Float64Array;
  readonly alphaTmp: Float64Array;
  /** Evaluation counter of the current run (read by the line search). */
  evaluations = 0;

  constructor(n: number, m = 10) {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`LbfgsWorkspace: n must be a positive integer, got ${n}`);
    if (!Number.isInteger(m) || m <= 0) throw new RangeError(`LbfgsWorkspace: memory m must be a positive integer, got ${m}`);
    this.n = n;
    this.m = m;
    this.x = new Float64Array(n);
    this.g = new Float64Array(n);
    this.d = new Float64Array(n);
    this.xt = new Float64Array(n);
    this.gt = new Float64Array(n);
    this.s = new Float64Array(m * n);
    this.y = new Float64Array(m * n);
    this.rho = new Float64Array(m);
    this.alphaTmp = new Float64Array(m);
  }
}

function infNorm(v: Float64Array): number {
  let r = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]);
    if (a > r) r = a;
  }
  return r;
}

function dot(a: Float64Array, b: Float64Array): number {
  let r = 0;
  for (let i = 0; i < a.length; i++) r += a[i] * b[i];
  return r;
}

/** Minimiser of the cubic through (a, fa, da) and (b, fb, db); NaN when it does not exist. */
function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const d2sq = d1 * d1 - da * db;
  if (!(d2sq >= 0)) return NaN;
  const d2 = (b >= a ? 1 : -1) * Math.sqrt(d2sq);
  const den = db - da + 2 * d2;
  if (den === 0) return NaN;
  return b - ((b - a) * (db + d2 - d1)) / den;
}

/** Evaluate phi(t) = f(x + t d) into ws.xt / ws.gt; returns f and leaves phi'(t) in ws.gt . d. */
function evalAt(fg: ObjectiveWithGradient, ws: LbfgsWorkspace, t: number): number {
  const { x, d, xt, gt, n } = ws;
  for (let i = 0; i < n; i++) xt[i] = x[i] + t * d[i];
  ws.evaluations++;
  return fg(xt, gt);
}

/**
 * Strong-Wolfe line search along ws.d from ws.x (f0, slope dphi0 < 0), Nocedal & Wright Alg. 3.5/3.6.
 * On success ws.xt / ws.gt hold the accepted point and its gradient, and the step's f is returned;
 * on failure returns NaN (the caller keeps ws.x).
 */
function lineSearch(
  fg: ObjectiveWithGradient,
  ws: LbfgsWorkspace,
  f0: number,
  dphi0: number,
  t0: number,
  c1: number,
  c2: number,
  maxEvals: number,
): number {
  let tPrev = 0;
  let fPrev = f0;
  let dPrev = dphi0;
  let t = t0;
  let evals = 0;
  let lo = 0, flo = f0, dlo = dphi0, hi = 0, fhi = 0, dhi = 0;
  let bracketed = false;
  while (evals < maxEvals) {
    const ft = evalAt(fg, ws, t);
    evals++;
    if (!Number.isFinite(ft)) {
      // Step into a region where f is not finite: shrink towards the last good point.
      t = tPrev + 0.1 * (t - tPrev);
      continue;
    }
    const dt = dot(ws.gt, ws.d);
    if (ft > f0 + c1 * t * dphi0 || (evals > 1 && ft >= fPrev)) {
      lo = tPrev; flo = fPrev; dlo = dPrev; hi = t; fhi = ft; dhi = dt;
      bracketed = true;
      break;
    }
    if (Math.abs(dt) <= -c2 * dphi0) return ft;
    if (dt >= 0) {
      lo = t; flo = ft; dlo = dt; hi = tPrev; fhi = fPrev; dhi = dPrev;
      bracketed = true;
      break;
    }
    // Extrapolate: cubic step safeguarded to [2 t, 10 t].
    let tn = cubicMin(tPrev, fPrev, dPrev, t, ft, dt);
    if (!(tn >= 2 * t) || !(tn <= 10 * t)) tn = tn > 10 * t ? 10 * t : 2 * t;
    tPrev = t; fPrev = ft; dPrev = dt;
    t = tn;
  }
  if (!bracketed) return NaN;
  // Zoom phase.
  while (evals < maxEvals) {
    const width = hi - lo;
    if (Math.abs(width) <= 1e-16 * Math.max(1, Math.abs(lo))) break;
    let tn = cubicMin(lo, flo, dlo, hi, fhi, dhi);
    const a = Math.min(lo, hi), b = Math.max(lo, hi);
    const margin = 0.1 * (b - a);
    // Safeguard: keep the trial inside the bracket, at least 10% of its width from either end
    // (clamping, not bisecting, so a minimiser far inside one end is reached in few steps).
    if (Number.isFinite(tn)) tn = Math.min(Math.max(tn, a + margin), b - margin);
    else tn = 0.5 * (lo + hi);
    const ft = evalAt(fg, ws, tn);
    evals++;
    const dt = Number.isFinite(ft) ? dot(ws.gt, ws.d) : NaN;
    if (!Number.isFinite(ft) || ft > f0 + c1 * tn * dphi0 || ft >= flo) {
      hi = tn; fhi = Number.isFinite(ft) ? ft : Infinity; dhi = Number.isFinite(dt) ? dt : 0;
    } else {
      if (Math.abs(dt) <= -c2 * dphi0) return ft;
      if (dt * (hi - lo) >= 0) {
        hi = lo; fhi = flo; dhi = dlo;
      }
      lo = tn; flo = ft; dlo = dt;
    }
  }
  // No point met the curvature condition: accept the best sufficient-decrease point if there is one.
  if (lo > 0 && flo < f0) {
    const f = evalAt(fg, ws, lo);
    if (Number.isFinite(f) && f < f0) return f;
  }
  return NaN;
}

/**
 * Minimise f from x0 with L-BFGS and a strong-Wolfe line search. `ws` may be shared across calls of
 * the same dimension; the returned `x` is ws.x (copy it if you keep it).
 */
export function lbfgsMinimize(fg: ObjectiveWithGradient, x0: ArrayLike<number>, options: LbfgsOptions = {}, workspace?: LbfgsWorkspace): LbfgsResult {
  const n = x0.length;
  const m = options.memory ?? 10;
  const ws = workspace ?? new LbfgsWorkspace(n, m);
  if (ws.n !== n) throw new RangeError(`lbfgsMinimize: workspace has dimension ${ws.n} but x0 has length ${n}`);
  const maxIterations = options.maxIterations ?? 1000;
  const gtol = options.gradientTolerance ?? 1e-5;
  const ftol = options.relativeTolerance ?? 2.220446049250313e-9;
  const c1 = options.c1 ?? 1e-4;
  const c2 = options.c2 ?? 0.9;
  const maxLs = options.maxLineSearch ?? 30;
  const { x, g, d, xt, gt, s, y, rho, alphaTmp } = ws;
  const mem = ws.m;
  for (let i = 0; i < n; i++) x[i] = x0[i];
  ws.evaluations = 1;
  let f = fg(x, g);
  if (!Number.isFinite(f)) {
    return { x, f, iterations: 0, evaluations: 1, gradientNorm: NaN, converged: false, stop: "non-finite" };
  }
  let gnorm = infNorm(g);
  if (gnorm <= gtol) return { x, f, iterations: 0, evaluations: 1, gradientNorm: gnorm, converged: true, stop: "gradient" };
  let stored = 0; // number of valid pairs
  let head = 0; // index of the oldest pair
  let gamma = 1;
  let iter = 0;
  let stop = "max-iterations" as LbfgsStop;
  while (iter < maxIterations) {
    // Two-loop recursion: d = -H g.
    for (let i = 0; i < n; i++) d[i] = -g[i];
    for (let k = stored - 1; k >= 0; k--) {
      const j = (head + k) % mem;
      const off = j * n;
      let a = 0;
      for (let i = 0; i < n; i++) a += s[off + i] * d[i];
      a *= rho[j];
      alphaTmp[j] = a;
      for (let i = 0; i < n; i++) d[i] -= a * y[off + i];
    }
    for (let i = 0; i < n; i++) d[i] *= gamma;
    for (let k = 0; k < stored; k++) {
      const j = (head + k) % mem;
      const off = j * n;
      let b = 0;
      for (let i = 0; i < n; i++) b += y[off + i] * d[i];
      b *= rho[j];
      const c = alphaTmp[j] - b;
      for (let i = 0; i < n; i++) d[i] += c * s[off + i];
    }
    let dphi0 = dot(g, d);
    if (!(dphi0 < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      stored = 0;
      gamma = 1;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      dphi0 = dot(g, d);
    }
    // First iteration: step of length 1/||g|| (as scipy); afterwards the unit quasi-Newton step.
    const t0 = stored === 0 && iter === 0 ? Math.min(1, 1 / Math.sqrt(-dphi0)) : 1;
    const fNew = lineSearch(fg, ws, f, dphi0, t0, c1, c2, maxLs);
    iter++;
    if (Number.isNaN(fNew)) {
      if (stored > 0) {
        // Drop the memory and retry once along steepest descent before giving up.
        stored = 0;
        gamma = 1;
        iter--;
        for (let i = 0; i < n; i++) d[i] = -g[i];
        const dp = dot(g, d);
        const fRetry = lineSearch(fg, ws, f, dp, Math.min(1, 1 / Math.sqrt(-dp)), c1, c2, maxLs);
        iter++;
        if (Number.isNaN(fRetry)) {
          stop = "line-search";
          break;
        }
        // fall through with the accepted point in xt/gt
        const done = accept(fRetry);
        if (done) break;
        continue;
      }
      stop = "line-search";
      break;
    }
    if (accept(fNew)) break;
  }
  return { x, f, iterations: iter, evaluations: ws.evaluations, gradientNorm: gnorm, converged: stop === "gradient" || stop === "relative-decrease", stop };

  /** Move to the accepted point in xt/gt, update the memory and test convergence; true = stop. */
  function accept(fNew: number): boolean {
    const j = stored < mem ? (head + stored) % mem : head;
    const off = j * n;
    let sy = 0, yy = 0;
    for (let i = 0; i < n; i++) {
      const si = xt[i] - x[i];
      const yi = gt[i] - g[i];
      s[off + i] = si;
      y[off + i] = yi;
      sy += si * yi;
      yy += yi * yi;
      x[i] = xt[i];
      g[i] = gt[i];
    }
    if (sy > 2.220446049250313e-16 * yy && yy > 0) {
      rho[j] = 1 / sy;
      gamma = sy / yy;
      if (stored < mem) stored++;
      else head = (head + 1) % mem;
    } else if (stored === mem) {
      // The oldest pair was overwritten by a pair failing the curvature test: drop it.
      head = (head + 1) % mem;
      stored--;
    }
    const fOld = f;
    f = fNew;
    gnorm = infNorm(g);
    if (gnorm <= gtol) {
      stop = "gradient";
      return true;
    }
    if ((fOld - f) / Math.max(Math.abs(fOld), Math.abs(f), 1) <= ftol) {
      stop = "relative-decrease";
      return true;
    }
    return false;
  }
}
