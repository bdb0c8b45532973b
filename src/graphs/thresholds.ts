/**
 * Classical thresholds of G(n, p) (Erdős & Rényi 1959, 1960; Bollobás, "Random Graphs", 2nd ed.
 * 2001, ch. 5–7; Frieze & Karoński, "Introduction to Random Graphs", 2016, ch. 1–2 and 4).
 */
import { lambertW0 } from "../math/lambertW";
import { checkBoolean, checkFinite, checkInteger, checkOptions, checkProbability, failArg } from "../validate";

/**
 * E[# isolated vertices] of G(n, p) = n (1 - p)^(n-1) (linearity of expectation).
 * @example
 * expectedIsolated(1000, 0.005)
 * // => 6.68741…
 * @see {@link noIsolatedPoisson}, {@link isolatedThresholdP}, {@link expectedIsolatedSkills}
 */
export function expectedIsolated(n: number, p: number): number {
  checkInteger("expectedIsolated", "n", n, 1);
  checkProbability("expectedIsolated", "p", p);
  return isolatedMean(n, p);
}

/** n (1 - p)^(n-1), unchecked. */
function isolatedMean(n: number, p: number): number {
  if (p === 1) return n === 1 ? 1 : 0;
  return n * Math.exp((n - 1) * Math.log1p(-p));
}

/**
 * The edge probability p = (ln n + c) / n of the isolated-vertex (and connectivity) window.
 * @example
 * isolatedThresholdP(1000, 0)
 * // => 0.00690776…
 * @see {@link expectedIsolated}, {@link noIsolatedLimit}
 */
export function isolatedThresholdP(n: number, c: number): number {
  checkInteger("isolatedThresholdP", "n", n, 2);
  checkFinite("isolatedThresholdP", "c", c);
  const p = (Math.log(n) + c) / n;
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`isolatedThresholdP: (ln n + c)/n must lie in [0, 1], got ${p} for n = ${n}, c = ${c}`);
  }
  return p;
}

/**
 * lim P(G(n, p) has no isolated vertex) = exp(-e^{-c}) at p = (ln n + c)/n (Erdős & Rényi 1959;
 * Frieze & Karoński 2016, Theorem 4.9): the number of isolated vertices tends to Poisson(e^{-c}).
 * @example
 * noIsolatedLimit(0)
 * // => 0.367879…
 * @see {@link noIsolatedPoisson}, {@link isolatedThresholdP}
 */
export function noIsolatedLimit(c: number): number {
  checkFinite("noIsolatedLimit", "c", c);
  return Math.exp(-Math.exp(-c));
}

/**
 * The finite-n Poisson approximation exp(-n (1-p)^(n-1)) of P(no isolated vertex) in G(n, p): the
 * same Poisson limit with the exact mean; its error is O((ln n)^2 / n) in the window.
 * @example
 * noIsolatedPoisson(1000, 0.007)
 * // => 0.408207…
 * @see {@link noIsolatedLimit}, {@link expectedIsolated}
 */
export function noIsolatedPoisson(n: number, p: number): number {
  checkInteger("noIsolatedPoisson", "n", n, 1);
  checkProbability("noIsolatedPoisson", "p", p);
  return Math.exp(-isolatedMean(n, p));
}

/**
 * The giant-component fraction G(c) of G(n, c/n) as n -> ∞: 0 for c <= 1, else the positive root of
 * G = 1 - e^{-cG} (Erdős & Rényi 1960), in closed form G = 1 + W_0(-c e^{-c}) / c, polished by Newton
 * steps on the fixed-point equation.
 * @example
 * giantFraction(2)
 * // => 0.796812…
 * @see {@link giantFractionStd}, {@link connectedComponents}, {@link lambertW0}
 */
export function giantFraction(c: number): number {
  checkFinite("giantFraction", "c", c);
  if (c < 0) throw new RangeError(`giantFraction: c (mean degree) must be >= 0, got ${c}`);
  if (c <= 1) return 0;
  let g = 1 + lambertW0(-c * Math.exp(-c)) / c;
  for (let i = 0; i < 3; i++) {
    const e = Math.exp(-c * g);
    const f = g - 1 + e;
    const df = 1 - c * e;
    if (df <= 0) break;
    const next = g - f / df;
    if (!(next > 0 && next <= 1)) break;
    g = next;
  }
  return g;
}

/**
 * The standard deviation of the giant fraction L_1/n in G(n, c/n), c > 1, from the central limit
 * theorem for the giant (Pittel 1990; Barraez, Boucheron & Fernandez de la Vega 2000):
 * Var(L_1) ≈ n G (1 - G) / (1 - c (1 - G))^2.
 * @example
 * giantFractionStd(1000, 2)
 * // => 0.0214346…
 * @see {@link giantFraction}
 */
export function giantFractionStd(n: number, c: number): number {
  checkInteger("giantFractionStd", "n", n, 1);
  if (typeof c !== "number" || !(c > 1) || !Number.isFinite(c)) failArg("giantFractionStd", "c", c, "a finite number > 1 (supercritical)");
  const g = giantFraction(c);
  const d = 1 - c * (1 - g);
  return Math.sqrt((g * (1 - g)) / n) / d;
}

/** Options of {@link expectedIsolatedSkills}. */
export interface IsolatedSkillsOptions {
  /** N_s, number of skills. */
  skills: number;
  /** N_t, number of text pieces. */
  texts: number;
  /** Skills per text piece. */
  k: number;
  /** Distinct skills per text (default true) or k i.i.d. draws. */
  distinct?: boolean;
}

/**
 * The bipartite analogue of isolated vertices, for the skill graph of Arora & Goyal (Section 5):
 * the expected number of skills that no text piece uses, N_s (1 - k/N_s)^{N_t} for distinct draws
 * (a text avoids a given skill with probability 1 - k/N_s) and N_s (1 - 1/N_s)^{k N_t} for i.i.d.
 * draws. It falls below 1 near N_t ≈ (N_s / k) ln N_s (the coupon-collector threshold).
 * @example
 * expectedIsolatedSkills({ skills: 1000, texts: 5000, k: 2 })
 * // => 0.0449476…
 * @see {@link expectedIsolated}, {@link skillGraph}
 */
export function expectedIsolatedSkills(options: IsolatedSkillsOptions): number {
  const fn = "expectedIsolatedSkills";
  checkOptions(fn, options);
  const skills = checkInteger(fn, "skills", options.skills, 1);
  const texts = checkInteger(fn, "texts", options.texts, 0);
  const k = checkInteger(fn, "k", options.k, 1);
  const distinct = checkBoolean(fn, "distinct", options.distinct ?? true);
  if (distinct && k > skills) throw new RangeError(`${fn}: k must be <= skills when distinct, got k = ${k} > skills = ${skills}`);
  if (distinct) return k === skills ? (texts === 0 ? skills : 0) : skills * Math.exp(texts * Math.log1p(-k / skills));
  return skills === 1 ? (texts === 0 ? 1 : 0) : skills * Math.exp(k * texts * Math.log1p(-1 / skills));
}
