/**
 * Adversarial failure sets when skills and text pieces carry measures: the greedy and balanced
 * adversaries of ./adversary adapted to weights. The target set Z and "the worst α fraction" are
 * counted by number of skills or by μ1-measure; the failure set Y spends a budget of μ2-measure theta.
 * As in the uniform case these are heuristics: the worst case they find is a LOWER estimate of the
 * true worst case, which the bounds of Theorem 8 (general-measure reading) must stay above.
 */
import type { SkillGraph } from "../graphs/skillGraph";
import { randomPermutation } from "../random/permutation";
import { type Rng, type RngOrSeed, toRng } from "../random/rng";
import { checkClosed, checkInteger, checkOptions, describeValue } from "../validate";
import { adversarialFailureSet, balancedRounds, maskIndices, type AdversaryBest } from "./adversary";
import { checkCountBy, failureSetMeasure, graphMeasures, worstRateByMeasure, type CountBy } from "./measures";
import { checkGraph, fractionCount } from "./validate";
import { waterFillCutClass, zCounts } from "./waterFilling";

/** Options of {@link adversarialFailureSetOfMeasure}. */
export interface AdversarialFailureSetOfMeasureOptions {
  graph: SkillGraph;
  /** The μ2-measure of Y (uniform μ2: exactly round(theta·N_t) pieces; otherwise μ2(Y) <= theta). */
  theta: number;
  /** The size of the target: a fraction of the skills by number, or a μ1-measure (see `by`). */
  alpha: number;
  /** Count alpha by "number" of skills or by "measure" (default "measure"). */
  by?: CountBy;
  /**
   * "greedy": Z = the skills cheapest to fail per unit of counted size (lowest μ2-mass of their pieces
   * per skill, by number; per unit of μ1-measure, by measure), Y = the pieces with the most skills in Z
   * that fit the budget. "balanced" (default): then re-pick Z as the worst-off skills and refill Y by
   * water-filling (see ./adversary); keep the best Y.
   */
  strategy?: "greedy" | "balanced";
  /** Balanced rounds after the greedy one (default 6). */
  maxRounds?: number;
  /** Rounds without improvement before stopping (default 1). */
  patience?: number;
  /**
   * A fixed target set Z (skill ids). The adversary then aims at these skills only: one greedy and one
   * balanced fill for this Z, and the objective is the rate of the worst alpha fraction OF Z.
   */
  targetSkills?: ArrayLike<number>;
  rng: RngOrSeed;
}

/** What {@link adversarialFailureSetOfMeasure} found. */
export interface AdversarialFailureSetOfMeasure {
  /** Y as a 0/1 mask of length N_t. */
  failed: Uint8Array;
  /** μ2(Y). */
  theta: number;
  /** The target set Z of the best Y (sorted skill ids). */
  skillSet: Uint32Array;
  /** Every skill's failure rate under Y (μ2-weighted). */
  failureRate: Float64Array;
  /** The objective: the rate of the worst alpha fraction (of all skills, or of targetSkills), counted `by`. */
  worstRate: number;
  /** worstRate / theta (the requested theta). */
  betaAchieved: number;
  by: CountBy;
  /** worstRate after each round (round 0 = greedy). */
  history: number[];
  rounds: number;
}

/**
 * An adversarial failure set of μ2-measure theta against the worst alpha fraction of skills, counted
 * by number or by μ1-measure (general-measure reading of Arora & Goyal 2023, Theorem 8). With uniform
 * measures and no target set this IS adversarialFailureSet (same seed, same result).
 * O(rounds · (N_t·k + N_s log N_s)).
 * @example
 * adversarialFailureSetOfMeasure({ graph: skillGraph({ skills: 100, texts: 1000, k: 2, rng: 1 }), theta: 0.1, alpha: 0.1, by: "number", rng: 2 })
 * // => { failed: Uint8Array(1000) [0, 0, 0, …], theta: 0.1, skillSet: Uint32Array(10) [15, 18, 46, …], failureRate: Float64Array(100) [0.0555556…, 0, 0.15, …], worstRate: 0.846154…, betaAchieved: 8.46154…, … }
 * @see {@link adversarialFailureSet}, {@link betaMinOfMeasure}
 */
export function adversarialFailureSetOfMeasure(options: AdversarialFailureSetOfMeasureOptions): AdversarialFailureSetOfMeasure {
  const fn = "adversarialFailureSetOfMeasure";
  checkOptions(fn, options, "{ graph, theta, alpha, by?, rng }");
  const g = checkGraph(fn, options.graph);
  const { skillMeasure, textMeasure } = graphMeasures(fn, g);
  const theta = checkClosed(fn, "theta", options.theta, 0, 1);
  const alpha = checkClosed(fn, "alpha", options.alpha, 0, 1);
  if (alpha === 0) throw new RangeError(`${fn}: alpha must be in (0, 1], got 0`);
  const by = checkCountBy(fn, options.by, "measure");
  const strategy = options.strategy ?? "balanced";
  if (strategy !== "greedy" && strategy !== "balanced") throw new RangeError(`${fn}: strategy must be "greedy" or "balanced", got ${describeValue(strategy)}`);
  const maxRounds = checkInteger(fn, "maxRounds", options.maxRounds ?? 6, 0, 1000);
  const patience = checkInteger(fn, "patience", options.patience ?? 1, 1, 1000);
  const target = options.targetSkills === undefined ? undefined : checkTarget(fn, options.targetSkills, g.skills);
  const rng = toRng(options.rng, `${fn}: rng`);

  if (!target && !textMeasure && (by === "number" || !skillMeasure)) {
    const r = adversarialFailureSet({ graph: g, theta, alpha, rng, strategy, maxRounds, patience });
    return { failed: r.failed, theta: failureSetMeasure(r.failed), skillSet: r.skillSet, failureRate: r.failureRate, worstRate: r.worstRate, betaAchieved: r.betaAchieved, by, history: r.history, rounds: r.rounds };
  }

  const ns = g.skills;
  const nt = g.texts;
  const k = g.k;
  const ts = g.textSkills;
  // Piece weights and budget: unit weights and an integer budget with a uniform μ2 (exact counts).
  const w = textMeasure ?? new Float64Array(nt).fill(1);
  const budget = textMeasure ? theta : fractionCount(nt, theta);
  const mass = new Float64Array(ns);
  for (let t = 0, b = 0; t < nt; t++, b += k) for (let j = 0; j < k; j++) mass[ts[b + j]] += w[t];
  // Counted size of a skill: 1 by number, its μ1-measure by measure (uniform 1/N_s when absent).
  const size = new Float64Array(ns);
  for (let s = 0; s < ns; s++) size[s] = by === "number" ? 1 : skillMeasure ? skillMeasure[s] : 1 / ns;
  const universe = target ?? Uint32Array.from({ length: ns }, (_, i) => i);

  const rate = new Float64Array(ns);
  const failedMass = new Float64Array(ns);
  const evaluate = (y: Uint8Array): number => {
    failedMass.fill(0);
    for (let t = 0, b = 0; t < nt; t++, b += k) if (y[t]) for (let j = 0; j < k; j++) failedMass[ts[b + j]] += w[t];
    for (let s = 0; s < ns; s++) rate[s] = mass[s] > 0 ? failedMass[s] / mass[s] : 0;
    return worstRateByMeasure(rate, size, alpha, universe);
  };
  /** The prefix of `order` (skill ids) whose counted size reaches alpha of the universe's size. */
  const prefixZ = (order: number[]): Uint8Array => {
    let total = 0;
    for (let i = 0; i < universe.length; i++) total += size[universe[i]];
    const need = alpha * total * (1 - 1e-12);
    const z = new Uint8Array(ns);
    let acc = 0;
    for (const s of order) {
      z[s] = 1;
      acc += size[s];
      if (acc >= need) break;
    }
    return z;
  };

  let zMask: Uint8Array;
  if (target) {
    zMask = new Uint8Array(ns);
    for (let i = 0; i < target.length; i++) zMask[target[i]] = 1;
  } else {
    zMask = new Uint8Array(ns);
  }
  // Round 0 (greedy). Candidate targets, ties random, skills without pieces (they cannot fail) last:
  // the cheapest per unit of counted size (μ2-mass / size), and, by measure, also the lightest by
  // mass alone (many rare skills, which pieces can hit several at a time). Keep the better Y.
  const keys: ((s: number) => number)[] = target ? [] : [(s) => (mass[s] > 0 ? mass[s] / size[s] : Infinity)];
  if (!target && by === "measure") keys.push((s) => (mass[s] > 0 ? mass[s] : Infinity));
  const best: AdversaryBest = { failed: new Uint8Array(nt), worst: -Infinity, z: zMask, rate: new Float64Array(ns) };
  const candidates: Uint8Array[] = target ? [zMask] : keys.map((key, i) => {
    const order = Array.from(randomPermutation(ns, rng.fork(i === 0 ? "z0" : `z0-${i}`)));
    order.sort((a, b) => key(a) - key(b));
    return prefixZ(order);
  });
  // With several candidates each also gets one balanced fill before the best one is kept (a greedy
  // round alone can favour a target that the balanced rounds cannot improve).
  const consider = (y: Uint8Array, z: Uint8Array): void => {
    const v = evaluate(y);
    if (v > best.worst) {
      best.failed = y;
      best.worst = v;
      best.z = z;
      best.rate = Float64Array.from(rate);
    }
  };
  candidates.forEach((z, i) => {
    consider(greedyFill(g, z, w, budget, rng.fork(i === 0 ? "y0" : `y0-${i}`)), z);
    if (candidates.length > 1 && strategy === "balanced") consider(balancedFillOfMeasure(g, z, w, mass, budget, rng.fork(`b0-${i}`)), z);
  });
  zMask = best.z;
  const history = [best.worst];
  let rounds = 1;
  if (strategy === "balanced") {
    rounds += balancedRounds(best, {
      maxRounds: target ? Math.min(1, maxRounds) : maxRounds,
      patience,
      history,
      rate,
      evaluate,
      round: (r, bestRate) => {
        if (!target) {
          const order = Array.from(randomPermutation(ns, rng.fork(`z${r}`)));
          order.sort((a, b) => bestRate[b] - bestRate[a]);
          zMask = prefixZ(order);
        }
        return { failed: balancedFillOfMeasure(g, zMask, w, mass, budget, rng.fork(`y${r}`)), z: zMask };
      },
    });
  }
  return {
    failed: best.failed,
    theta: failureSetMeasure(best.failed, textMeasure),
    skillSet: maskIndices(best.z),
    failureRate: best.rate,
    worstRate: best.worst,
    betaAchieved: theta > 0 ? best.worst / theta : 0,
    by,
    history,
    rounds,
  };
}

function checkTarget(fn: string, target: ArrayLike<number>, skills: number): Uint32Array {
  if (!target || typeof target.length !== "number" || target.length === 0) {
    throw new RangeError(`${fn}: targetSkills must be a non-empty list of skill ids, got ${describeValue(target)}`);
  }
  const seen = new Set<number>();
  for (let i = 0; i < target.length; i++) {
    const s = target[i];
    if (!Number.isInteger(s) || s < 0 || s >= skills) throw new RangeError(`${fn}: targetSkills[${i}] must be a skill id in [0, ${skills - 1}], got ${describeValue(s)}`);
    seen.add(s);
  }
  return Uint32Array.from([...seen].sort((a, b) => a - b));
}

/** Pieces in random order, then stably by decreasing number of skills in Z (a counting sort). */
function piecesByZCount(g: SkillGraph, c: Uint8Array, rng: Rng): Uint32Array {
  const order = randomPermutation(g.texts, rng);
  const start = new Uint32Array(g.k + 2);
  for (let t = 0; t < g.texts; t++) start[g.k - c[t] + 1]++;
  for (let i = 1; i <= g.k + 1; i++) start[i] += start[i - 1];
  const out = new Uint32Array(g.texts);
  for (let i = 0; i < g.texts; i++) {
    const t = order[i];
    out[start[g.k - c[t]]++] = t;
  }
  return out;
}

/** Greedy Y: pieces with the most skills in Z first (ties random), each taken if it fits the budget. */
function greedyFill(g: SkillGraph, zMask: Uint8Array, w: Float64Array, budget: number, rng: Rng): Uint8Array {
  const order = piecesByZCount(g, zCounts(g, zMask), rng);
  const y = new Uint8Array(g.texts);
  const cap = budget * (1 + 1e-12);
  let used = 0;
  for (let i = 0; i < order.length; i++) {
    const t = order[i];
    if (used + w[t] <= cap) {
      y[t] = 1;
      used += w[t];
    }
  }
  return y;
}

/**
 * Balanced refill for a target Z with piece weights w and a budget: every class of pieces with more
 * Z-skills than the cut class is taken whole (the cut class is the first, from the top, that no
 * longer fits whole); inside the cut class, water-filling: repeatedly take the skill of Z with the
 * lowest failure rate so far and add a random unchosen cut-class piece of it that fits; then any
 * budget left is filled at random from the cut class and then from the classes below.
 */
function balancedFillOfMeasure(g: SkillGraph, zMask: Uint8Array, w: Float64Array, mass: Float64Array, budget: number, rng: Rng): Uint8Array {
  const nt = g.texts;
  const k = g.k;
  const ts = g.textSkills;
  const c = zCounts(g, zMask);
  const classWeight = new Float64Array(k + 1);
  for (let t = 0; t < nt; t++) classWeight[c[t]] += w[t];
  const cap = budget * (1 + 1e-12);
  let used = 0;
  let cut = k;
  while (cut > 0 && used + classWeight[cut] <= cap) {
    used += classWeight[cut];
    cut--;
  }
  const y = new Uint8Array(nt);
  const failed = new Float64Array(g.skills);
  for (let t = 0, b = 0; t < nt; t++, b += k) {
    if (c[t] > cut) {
      y[t] = 1;
      for (let j = 0; j < k; j++) failed[ts[b + j]] += w[t];
    }
  }
  if (cut > 0) used = waterFillCutClass(g, { zMask, c, cut, w, mass, failed, y, used, cap, limit: Infinity, rng });
  // Leftover budget: random pieces of the cut class, then of the classes below, that still fit.
  const order = randomPermutation(nt, rng.fork("rest"));
  for (let cls = cut; cls >= 0 && used < cap; cls--) {
    for (let i = 0; i < nt; i++) {
      const t = order[i];
      if (!y[t] && c[t] === cls && used + w[t] <= cap) {
        y[t] = 1;
        used += w[t];
      }
    }
  }
  return y;
}
