/**
 * Ready-made experiments for the lessons: the simulated worst cases against the bound of Theorem 8
 * (Arora & Goyal 2023), across alpha and across the ratio N_t/N_s, and the concentration of per-skill
 * failure rates. Each returns plain rows (numbers only), so a notebook only draws them.
 */
import { skillGraph } from "../graphs/skillGraph";
import type { SkillGraph } from "../graphs/types";
import { type RngOrSeed, toRng } from "../random/rng";
import { betaMin } from "../theory/theorem8";
import { adversarialFailureSet, adversaryLimitBeta } from "./adversary";
import { checkClosed, checkInteger, checkOptions } from "../validate";
import { checkGraph } from "./check";
import { failureRateSpread, skillCompetence, worstFractionFailureRate } from "./competence";
import { randomFailureSet } from "./failures";
import { tupleCompetence } from "./tuples";
import { finiteSizeBetaMin, finiteSizeBound } from "./finiteSize";

function checkList(fn: string, name: string, xs: unknown, each: (v: number, i: number) => void): number[] {
  if (!xs || typeof (xs as ArrayLike<number>).length !== "number" || (xs as ArrayLike<number>).length === 0) {
    throw new RangeError(`${fn}: ${name} must be a non-empty list of numbers, got ${String(xs)}`);
  }
  const out = Array.from(xs as ArrayLike<number>);
  out.forEach(each);
  return out;
}

/** One alpha of {@link emergenceBoundCheck}: betas (failure rate / theta) reached by the worst alpha fraction of skills. */
export interface BoundCheckRow {
  alpha: number;
  /** beta_min of Theorem 8 (asymptotic bound); null when infeasible. */
  theoremBeta: number | null;
  /** The finite-size union bound's beta at this N_s, N_t and failure probability epsilon; null when infeasible. */
  finiteSizeBeta: number | null;
  /** Asymptotic worst case of a fixed Z (adversaryLimitBeta). */
  limitBeta: number;
  /** Random Y: (ceil(alpha N_s)-th largest failure rate) / theta. */
  randomBeta: number;
  /** Greedy adversary (one round). */
  greedyBeta: number;
  /** Balanced adversary (greedy round, then re-picked Z and water-filled Y; the strongest here). */
  adversarialBeta: number;
  /** Competence levels 1 - beta·theta for the same quantities (theorem: null when infeasible). */
  theoremCompetence: number | null;
  randomCompetence: number;
  adversarialCompetence: number;
}

/** Options of {@link emergenceBoundCheck}. */
export interface BoundCheckOptions {
  graph: SkillGraph;
  theta: number;
  alphas: ArrayLike<number>;
  rng: RngOrSeed;
  /** Include the greedy and balanced adversaries (default true; they cost O(rounds·N_t·k) per alpha). */
  adversarial?: boolean;
  /** Failure probability of the finite-size bound (default 0.01; see finiteSizeBetaMin). */
  epsilon?: number;
  /** Form of the finite-size bound: "mean" (default, the paper's) or "bounded" (see finiteSizeBound). */
  degrees?: "mean" | "bounded";
}

/**
 * For each alpha: the failure rate (as beta = rate/theta) that the worst alpha fraction of skills
 * reach under a random failure set, under the greedy and the balanced adversary, next to beta_min of
 * Theorem 8, its finite-size version, and the fixed-Z asymptotic limit. The theorem promises
 * (with high probability) that no failure set pushes more than an alpha fraction of skills to
 * beta_min·theta, so every simulated beta should sit below theoremBeta.
 */
export function emergenceBoundCheck(options: BoundCheckOptions): BoundCheckRow[] {
  const fn = "emergenceBoundCheck";
  checkOptions(fn, options, "{ graph, theta, alphas, rng }");
  const g = checkGraph(fn, options.graph);
  const theta = checkClosed(fn, "theta", options.theta, 0, 1);
  if (theta === 0 || theta === 1) throw new RangeError(`${fn}: theta must be in (0, 1), got ${theta}`);
  const alphas = checkList(fn, "alphas", options.alphas, (a, i) => {
    if (!(a > 0 && a < 1)) throw new RangeError(`${fn}: alphas[${i}] must be in (0, 1), got ${a}`);
  });
  const rng = toRng(options.rng, `${fn}: rng`);
  const adversarial = options.adversarial ?? true;
  const randomY = randomFailureSet({ texts: g.texts, theta, rng: rng.fork("random") });
  const rates = skillCompetence(g, randomY).failureRate;
  return alphas.map((alpha, i) => {
    const th = betaMin({ theta, k: g.k, alpha });
    const fs = finiteSizeBetaMin({ skills: g.skills, texts: g.texts, k: g.k, theta, alpha, epsilon: options.epsilon, degrees: options.degrees });
    const randomBeta = worstFractionFailureRate(rates, alpha) / theta;
    let greedyBeta = randomBeta;
    let adversarialBeta = randomBeta;
    if (adversarial) {
      greedyBeta = adversarialFailureSet({ graph: g, theta, alpha, rng: rng.fork(`greedy${i}`), strategy: "greedy" }).betaAchieved;
      adversarialBeta = Math.max(
        greedyBeta,
        adversarialFailureSet({ graph: g, theta, alpha, rng: rng.fork(`balanced${i}`), strategy: "balanced" }).betaAchieved,
      );
    }
    return {
      alpha,
      theoremBeta: th.feasible ? th.beta : null,
      finiteSizeBeta: fs.feasible ? fs.beta : null,
      limitBeta: adversaryLimitBeta({ theta, k: g.k, alpha }).beta,
      randomBeta,
      greedyBeta,
      adversarialBeta,
      theoremCompetence: th.feasible ? 1 - th.beta * theta : null,
      randomCompetence: 1 - randomBeta * theta,
      adversarialCompetence: 1 - adversarialBeta * theta,
    };
  });
}

/** One ratio of {@link finiteSizeSweep}. */
export interface FiniteSizeRow {
  /** N_t / N_s. */
  ratio: number;
  texts: number;
  /** beta_min of Theorem 8 (does not depend on the ratio); null when infeasible. */
  theoremBeta: number | null;
  /** Smallest beta for which the exact finite-N union bound is at most epsilon; null when infeasible. */
  finiteSizeBeta: number | null;
  /** At beta = theoremBeta: (log C(N_s, alpha N_s) + log C(N_t, theta N_t))/N_t - H(theta). */
  finiteSizeTerm: number | null;
  /** (N_s/N_t) H(alpha), the leading part of that term. */
  skillSetTermApprox: number;
  /** The theorem's left side at theoremBeta (0 up to root precision) plus the finite-size term: > 0 means the finite-N bound fails there. */
  perTextAtTheoremBeta: number | null;
  randomBeta: number;
  adversarialBeta: number;
  limitBeta: number;
}

/** Options of {@link finiteSizeSweep}. */
export interface FiniteSizeSweepOptions {
  /** N_s, fixed. */
  skills: number;
  /** Ratios N_t/N_s to try (texts = round(ratio·skills)). */
  ratios: ArrayLike<number>;
  k: number;
  theta: number;
  alpha: number;
  rng: RngOrSeed;
  /** Failure probability of the finite-size bound (default 0.01; see finiteSizeBetaMin). */
  epsilon?: number;
  /** Form of the finite-size bound: "mean" (default, the paper's) or "bounded" (see finiteSizeBound). */
  degrees?: "mean" | "bounded";
}

/**
 * Across N_t/N_s: build a skill graph for each ratio, measure the worst-alpha failure rate under a
 * random and an adversarial (balanced) failure set, and compute beta from the exact finite-N union
 * bound next to the asymptotic beta_min of Theorem 8 (Arora & Goyal 2023). Shows that the theorem is
 * a statement about N_t >> N_s: at small ratios the finite-size term (about (N_s/N_t)·H(alpha)) makes
 * the union bound weaker than the asymptotic formula.
 */
export function finiteSizeSweep(options: FiniteSizeSweepOptions): FiniteSizeRow[] {
  const fn = "finiteSizeSweep";
  checkOptions(fn, options, "{ skills, ratios, k, theta, alpha, rng }");
  const skills = checkInteger(fn, "skills", options.skills, 1);
  const k = checkInteger(fn, "k", options.k, 1, skills);
  const theta = checkClosed(fn, "theta", options.theta, 0, 1);
  const alpha = checkClosed(fn, "alpha", options.alpha, 0, 1);
  if (theta === 0 || theta === 1 || alpha === 0 || alpha === 1) {
    throw new RangeError(`${fn}: theta and alpha must be in (0, 1), got theta = ${theta}, alpha = ${alpha}`);
  }
  const ratios = checkList(fn, "ratios", options.ratios, (r, i) => {
    if (!(r > 0) || !Number.isFinite(r) || Math.round(r * skills) < 1) {
      throw new RangeError(`${fn}: ratios[${i}] must be a positive number with round(ratio·skills) >= 1, got ${r}`);
    }
  });
  const rng = toRng(options.rng, `${fn}: rng`);
  const th = betaMin({ theta, k, alpha });
  const limitBeta = adversaryLimitBeta({ theta, k, alpha }).beta;
  return ratios.map((ratio, i) => {
    const texts = Math.round(ratio * skills);
    const graph = skillGraph({ skills, texts, k, rng: rng.fork(`graph${i}`) });
    const y = randomFailureSet({ texts, theta, rng: rng.fork(`random${i}`) });
    const randomBeta = worstFractionFailureRate(skillCompetence(graph, y).failureRate, alpha) / theta;
    const adversarialBeta = adversarialFailureSet({ graph, theta, alpha, rng: rng.fork(`adv${i}`) }).betaAchieved;
    const fs = finiteSizeBetaMin({ skills, texts, k, theta, alpha, epsilon: options.epsilon, degrees: options.degrees });
    const atTheorem = th.feasible ? finiteSizeBound({ skills, texts, k, theta, alpha, beta: th.beta }) : null;
    return {
      ratio,
      texts,
      theoremBeta: th.feasible ? th.beta : null,
      finiteSizeBeta: fs.feasible ? fs.beta : null,
      finiteSizeTerm: atTheorem ? atTheorem.finiteSizeTerm : null,
      skillSetTermApprox: (skills / texts) * binaryEntropyOf(alpha),
      perTextAtTheoremBeta: atTheorem ? atTheorem.perText : null,
      randomBeta,
      adversarialBeta,
      limitBeta,
    };
  });
}

function binaryEntropyOf(p: number): number {
  return p <= 0 || p >= 1 ? 0 : -p * Math.log(p) - (1 - p) * Math.log1p(-p);
}

/** One size of {@link concentrationSweep}. */
export interface ConcentrationRow {
  texts: number;
  meanDegree: number;
  /** Measured std of the failure rates across skills (random Y). */
  std: number;
  /** Hypergeometric prediction (see failureRateSpread). */
  predictedStd: number;
  /** sqrt(theta(1-theta)/mean degree). */
  binomialStd: number;
  /** Fraction of skills whose failure rate is >= 2·theta. */
  fractionAtTwiceTheta: number;
}

/**
 * Concentration of per-skill failure rates (Arora & Goyal 2023, Section 5: with many text pieces per
 * skill, a random failure set gives every skill a failure rate close to theta): for each N_t, build a
 * skill graph, draw a random Y of theta·N_t pieces and compare the spread of the rates with the
 * binomial prediction sqrt(theta(1-theta)/degree).
 */
export function concentrationSweep(options: { skills: number; textsList: ArrayLike<number>; k: number; theta: number; rng: RngOrSeed }): ConcentrationRow[] {
  const fn = "concentrationSweep";
  checkOptions(fn, options, "{ skills, textsList, k, theta, rng }");
  const skills = checkInteger(fn, "skills", options.skills, 1);
  const k = checkInteger(fn, "k", options.k, 1, skills);
  const theta = checkClosed(fn, "theta", options.theta, 0, 1);
  const textsList = checkList(fn, "textsList", options.textsList, (t, i) => {
    if (!Number.isInteger(t) || t < 1) throw new RangeError(`${fn}: textsList[${i}] must be a positive integer, got ${t}`);
  });
  const rng = toRng(options.rng, `${fn}: rng`);
  return textsList.map((texts, i) => {
    const graph = skillGraph({ skills, texts, k, rng: rng.fork(`graph${i}`) });
    const y = randomFailureSet({ texts, theta, rng: rng.fork(`y${i}`) });
    const sc = skillCompetence(graph, y);
    const spread = failureRateSpread(sc, texts);
    let atTwice = 0;
    for (let s = 0; s < skills; s++) if (sc.degree[s] > 0 && sc.failureRate[s] >= 2 * sc.theta * (1 - 1e-12)) atTwice++;
    return {
      texts,
      meanDegree: spread.meanDegree,
      std: spread.std,
      predictedStd: spread.predictedStd,
      binomialStd: spread.binomialStd,
      fractionAtTwiceTheta: atTwice / skills,
    };
  });
}

/** One theta of {@link slingshotRows}. */
export interface SlingshotRow {
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

/**
 * Slingshot generalization in numbers (Arora & Goyal 2023, Sec. 1 and 5): as theta falls, what
 * Theorem 8 guarantees (a) for all but an alpha fraction of skills, and (b) the largest fraction of
 * skills guaranteed competence >= `level`: 1 - (the smallest alpha whose guarantee 1 - beta_min(alpha)·theta
 * reaches `level`), found on a log grid of alpha refined by bisection.
 */
export function slingshotRows(options: { k: number; thetas: ArrayLike<number>; alpha: number; level: number }): SlingshotRow[] {
  const fn = "slingshotRows";
  checkOptions(fn, options, "{ k, thetas, alpha, level }");
  const k = checkInteger(fn, "k", options.k, 1);
  const alpha = checkClosed(fn, "alpha", options.alpha, 0, 1);
  const level = checkClosed(fn, "level", options.level, 0, 1);
  if (alpha === 0 || alpha === 1) throw new RangeError(`${fn}: alpha must be in (0, 1), got ${alpha}`);
  const thetas = checkList(fn, "thetas", options.thetas, (t, i) => {
    if (!(t > 0 && t < 1)) throw new RangeError(`${fn}: thetas[${i}] must be in (0, 1), got ${t}`);
  });
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

/** One k' of {@link tupleBoundCheck}. */
export interface TupleBoundRow {
  kPrime: number;
  /** 1 - (1 - theta)^k': the failed fraction of random k'-pieces. */
  thetaPrime: number;
  /** k'·theta: the union bound on it that Theorem 14 uses. */
  unionTheta: number;
  /** Theorem 14's guarantee 1 - beta_min(alpha)·k'·theta for all but alpha of the k'-tuples (null: infeasible). */
  theoremCompetence: number | null;
  /** Competence reached by all but the worst alpha fraction of sampled tuples, random failure set. */
  randomCompetence: number;
  /** The same under the balanced adversary's failure set (aimed at alpha of the skills). */
  adversarialCompetence: number;
}

/**
 * Theorem 14 (Arora & Goyal 2023) checked by simulation: for each k', sample k'-tuples of skills,
 * compute each tuple's competence on its k'-pieces (exactly, 1 - prod(1 - r(s_i))) under a random and
 * an adversarial failure set, and compare the competence of all but the worst alpha fraction of tuples
 * with the theorem's guarantee 1 - beta_min(alpha)·k'·theta.
 */
export function tupleBoundCheck(options: { graph: SkillGraph; theta: number; kPrimes: ArrayLike<number>; alpha: number; tuples: number; rng: RngOrSeed }): TupleBoundRow[] {
  const fn = "tupleBoundCheck";
  checkOptions(fn, options, "{ graph, theta, kPrimes, alpha, tuples, rng }");
  const g = checkGraph(fn, options.graph);
  const theta = checkClosed(fn, "theta", options.theta, 0, 1);
  const alpha = checkClosed(fn, "alpha", options.alpha, 0, 1);
  if (theta === 0 || theta === 1 || alpha === 0 || alpha === 1) {
    throw new RangeError(`${fn}: theta and alpha must be in (0, 1), got theta = ${theta}, alpha = ${alpha}`);
  }
  const tuples = checkInteger(fn, "tuples", options.tuples, 1);
  const kPrimes = checkList(fn, "kPrimes", options.kPrimes, (kp, i) => {
    if (!Number.isInteger(kp) || kp < 1 || kp > g.skills) throw new RangeError(`${fn}: kPrimes[${i}] must be an integer in [1, ${g.skills}], got ${kp}`);
  });
  const rng = toRng(options.rng, `${fn}: rng`);
  const randomY = randomFailureSet({ texts: g.texts, theta, rng: rng.fork("random") });
  const advY = adversarialFailureSet({ graph: g, theta, alpha, rng: rng.fork("adversary") }).failed;
  return kPrimes.map((kPrime, i) => {
    const unionTheta = kPrime * theta;
    const th = unionTheta < 1 ? betaMin({ theta: unionTheta, k: g.k, alpha }) : null;
    const worst = (y: Uint8Array, label: string): number =>
      worstFractionFailureRate(tupleCompetence({ graph: g, failed: y, kPrime, tuples, rng: rng.fork(`${label}${i}`) }).failureRate, alpha);
    return {
      kPrime,
      thetaPrime: 1 - Math.pow(1 - theta, kPrime),
      unionTheta,
      theoremCompetence: th && th.feasible ? 1 - th.beta * unionTheta : null,
      randomCompetence: 1 - worst(randomY, "random"),
      adversarialCompetence: 1 - worst(advY, "adversary"),
    };
  });
}
